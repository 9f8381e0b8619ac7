/**
 * `kubectl create -f FILE` and the generators (`create deployment`,
 * `namespace`, `configmap`, `secret generic`, `service clusterip|nodeport|
 * loadbalancer`, `job`, `cronjob`): one POST each with
 * `fieldManager=kubectl-create`, `--dry-run=client|server` and `-o`.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command, Env } from '../env.ts';
import { printWarnings, refName, resourceForObject } from '../env.ts';
import { statusMessage, withSource } from '../errors.ts';
import { parseOutput, printObjects } from '../output.ts';
import { CommandError, usageError } from '../types.ts';
import { inputs, locate } from './apply.ts';
import * as gen from './generators.ts';

export const createCommand: Command = {
  name: 'create',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    { name: 'from-literal', type: 'strings' },
    { name: 'from-file', type: 'strings' },
    { name: 'type', type: 'string' },
    { name: 'tcp', type: 'strings', split: true },
    { name: 'node-port', type: 'int' },
    { name: 'clusterip', type: 'string' },
    { name: 'schedule', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string' },
  ],
  run(env) {
    const [sub, ...rest] = env.flags.args;
    if (sub === undefined) return createFromFiles(env);
    const object = generate(env, sub, rest);
    submit(env, object);
  },
};

function createFromFiles(env: Env): void {
  const errors: string[] = [];
  for (const item of inputs(env, 'create')) {
    const t = locate(env, item);
    const reply = env.client.request<KubeObject>('POST', resourcePath(t.r, t.namespace), {
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict', dryRun: dryQuery(env) },
      body: t.obj,
    });
    if (!reply.ok) {
      errors.push(statusMessage(withSource(reply.status, 'creating', item.source)));
      continue;
    }
    printWarnings(env, reply.warnings);
    env.out.out(`${refName(t.r, t.name)} created${drySuffix(env)}\n`);
  }
  if (errors.length) throw new CommandError(errors.join('\n'));
}

const dryQuery = (env: Env): string | undefined => (env.flags.str('dry-run') === 'server' ? 'All' : undefined);
const drySuffix = (env: Env): string =>
  ({ server: ' (server dry run)', client: ' (dry run)' })[env.flags.str('dry-run')] ?? '';

function oneName(env: Env, rest: string[]): string {
  if (rest.length !== 1)
    throw usageError(
      `exactly one NAME is required, got ${rest.length}\nSee '${env.commandPath} -h' for help and examples`,
    );
  return rest[0] ?? '';
}

function required(env: Env, flag: string): void {
  if (!env.flags.has(flag)) throw usageError(`required flag(s) "${flag}" not set`);
}

/** Build the generator's object; `what` names it in "failed to create <what>". */
function generate(env: Env, sub: string, rest: string[]): { object: KubeObject; what?: string } {
  const f = env.flags;
  const command = env.flags.parsed.dashArgs;
  switch (sub) {
    case 'deployment':
    case 'deploy': {
      required(env, 'image');
      const port = f.has('port') ? f.int('port', 0) : undefined;
      return {
        object: gen.deploymentObject(oneName(env, rest), f.strs('image'), f.int('replicas', 1), port, command),
        what: 'deployment',
      };
    }
    case 'namespace':
    case 'ns':
      return { object: gen.namespaceObject(oneName(env, rest)) };
    case 'configmap':
    case 'cm':
      return {
        object: gen.configMapObject(oneName(env, rest), { ...files(env), ...gen.literals(f.strs('from-literal')) }),
        what: 'configmap',
      };
    case 'secret': {
      const [kind, ...names] = rest;
      if (kind !== 'generic')
        throw usageError(
          kind === undefined
            ? 'Required resource not specified.'
            : `unknown command "${kind}" for "kubectl create secret"`,
        );
      const data = { ...files(env), ...gen.literals(f.strs('from-literal')) };
      return { object: gen.secretObject(oneName(env, names), data, f.str('type') || 'Opaque'), what: 'secret' };
    }
    case 'service':
    case 'svc': {
      const [kind = '', ...names] = rest;
      if (!['clusterip', 'nodeport', 'loadbalancer'].includes(kind))
        throw usageError(`unknown command "${kind}" for "kubectl create service"`);
      const nodePort = f.has('node-port') ? f.int('node-port', 0) : undefined;
      return {
        object: gen.serviceObject(kind, oneName(env, names), f.strs('tcp'), nodePort, f.str('clusterip')),
        what: `${kind} service`,
      };
    }
    case 'job':
      required(env, 'image');
      return { object: gen.jobObject(oneName(env, rest), f.strs('image')[0] ?? '', command), what: 'job' };
    case 'cronjob':
    case 'cj':
      required(env, 'image');
      required(env, 'schedule');
      return {
        object: gen.cronJobObject(oneName(env, rest), f.strs('image')[0] ?? '', f.str('schedule'), command),
        what: 'cronjob',
      };
    default:
      throw usageError(`unknown command "${sub}" for "kubectl create"`);
  }
}

/** `--from-file=path` or `key=path`: file contents keyed by base name. */
function files(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of env.flags.strs('from-file')) {
    const eq = spec.indexOf('=');
    const key = eq > 0 ? spec.slice(0, eq) : (spec.split('/').pop() ?? spec);
    const path = eq > 0 ? spec.slice(eq + 1) : spec;
    const text = env.ctx.files?.[path];
    if (text === undefined) throw usageError(`error reading ${path}: no such file or directory`);
    out[key] = text;
  }
  return out;
}

/** POST a generated object (or only print it with --dry-run=client). */
export function submit(
  env: Env,
  gen: { object: KubeObject; what?: string },
  manager = 'kubectl-create',
  verb = 'created',
): void {
  const { object } = gen;
  const r = resourceForObject(env, object.apiVersion, object.kind);
  if (!r) throw usageError(`no matches for kind "${object.kind}" in version "${object.apiVersion}"`);
  const name = object.metadata.name ?? '';
  const output = env.flags.str('output');
  let result = object;
  if (env.flags.str('dry-run') !== 'client') {
    const reply = env.client.request<KubeObject>('POST', resourcePath(r, env.namespace), {
      query: { fieldManager: manager, fieldValidation: 'Strict', dryRun: dryQuery(env) },
      body: object,
    });
    if (!reply.ok) {
      const message = statusMessage(reply.status);
      throw new CommandError(gen.what ? `error: failed to create ${gen.what}: ${reply.status.message ?? ''}` : message);
    }
    printWarnings(env, reply.warnings);
    result = reply.value;
  }
  if (output) env.out.out(printObjects(parseOutput(output), [result], true, () => refName(r, name)));
  else env.out.out(`${refName(r, name)} ${verb}${drySuffix(env)}\n`);
}
