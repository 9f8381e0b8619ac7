/**
 * `kubectl apply -f` as client-side apply does it (kubectl
 * `pkg/cmd/apply/apply.go`, `patcher.go`): GET; when missing, POST the
 * manifest with its last-applied annotation; when present, a three-way
 * strategic merge patch from the old annotation, the new manifest and the
 * live object, sent only when not empty. `--server-side` sends an apply
 * patch instead. `create -f` POSTs every object.
 */
import { createThreeWayMergePatch } from '../../api/patch/index.ts';
import type { KubeObject, Status } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { printWarnings, refName, resourceForObject } from '../env.ts';
import { statusMessage, withSource } from '../errors.ts';
import type { SourcedObject } from '../files.ts';
import { readFiles } from '../files.ts';
import { goJson } from '../jsonpath.ts';
import { CommandError, usageError } from '../types.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const applyCommand: Command = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  run(env) {
    const objects = inputs(env, 'apply');
    const cause = changeCause(env, 'kubectl apply');
    if (cause) for (const item of objects) item.object = withChangeCause(item.object, cause);
    const errors: string[] = [];
    for (const item of objects) {
      const target = locate(env, item);
      const line = env.flags.bool('server-side') ? serverSideApply(env, target) : clientSideApply(env, target);
      if (typeof line === 'string') env.out.out(`${line}\n`);
      else errors.push(statusMessage(withSource(line.status, line.verb, item.source)));
    }
    if (errors.length) throw new CommandError(errors.join('\n'));
  },
};

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * `--record` (deprecated, still accepted by kubectl 1.33): warn, and return the
 * command line kubectl records as the change-cause: the command, then every flag
 * given as `--name=value` (record.go parseCommandLine), e.g.
 * `kubectl apply --filename=httpd.v1.yml --record=true`.
 */
export function changeCause(env: Env, command: string): string | undefined {
  if (!env.flags.has('record')) return undefined;
  env.out.err('Flag --record has been deprecated, --record will be removed in the future\n');
  if (!env.flags.bool('record')) return undefined;
  const flags = [...env.flags.parsed.values].flatMap(([name, values]) => values.map((v) => ` --${name}=${v}`));
  return `${command}${env.flags.args.map((a) => ` ${a}`).join('')}${flags.join('')}`;
}

function withChangeCause(obj: KubeObject, cause: string): KubeObject {
  const metadata = obj.metadata ?? {};
  return { ...obj, metadata: { ...metadata, annotations: { ...(metadata.annotations ?? {}), [CHANGE_CAUSE]: cause } } };
}

/** The `-f` objects, or kubectl's error when none were given. */
export function inputs(env: Env, verb: string): SourcedObject[] {
  const names = env.flags.strs('filename');
  if (names.length === 0)
    throw usageError(`must specify one of -f and -k\n\nSee 'kubectl ${verb} -h' for help and examples`);
  return readFiles(env, names);
}

interface Target {
  r: Resource;
  obj: KubeObject;
  name: string;
  namespace: string | undefined;
}

/** Map an object to its resource and namespace, as kubectl's builder does. */
export function locate(env: Env, item: SourcedObject): Target {
  const { object, source } = item;
  const r = resourceForObject(env, object.apiVersion, object.kind);
  const name = object.metadata?.name ?? '';
  if (!r) {
    throw usageError(
      `resource mapping not found for name: "${name}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  const obj: KubeObject = { ...object, metadata: { ...(object.metadata ?? {}) } };
  let namespace: string | undefined;
  if (r.namespaced) {
    const given = obj.metadata.namespace;
    if (given && env.flags.has('namespace') && given !== env.namespace) {
      throw usageError(
        `the namespace from the provided object "${given}" does not match the namespace "${env.namespace}". You must pass '--namespace=${given}' to perform this operation.`,
      );
    }
    namespace = given || env.namespace;
    obj.metadata.namespace = namespace;
  }
  return { r, obj, name, namespace };
}

function dryRun(env: Env): { query?: string; suffix: string; client: boolean } {
  const mode = env.flags.str('dry-run');
  if (mode === 'server') return { query: 'All', suffix: ' (server dry run)', client: false };
  if (mode === 'client' || mode === 'true') return { suffix: ' (dry run)', client: true };
  if (mode && mode !== 'none')
    throw usageError(`Invalid dry-run value (${mode}). Must be "none", "server", or "client".`);
  return { suffix: '', client: false };
}

/** The manifest with its own compact JSON recorded in the last-applied annotation. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const recorded = { ...obj, metadata: { ...obj.metadata, annotations } };
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...annotations, [LAST_APPLIED]: goJson(recorded) + '\n' } },
  };
}

type Failed = { status: Status; verb: string };

function clientSideApply(env: Env, t: Target): string | Failed {
  const dry = dryRun(env);
  const query = { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict', dryRun: dry.query };
  const ref = refName(t.r, t.name);
  const modified = withLastApplied(t.obj);
  const live = env.client.get<KubeObject>(resourcePath(t.r, t.namespace, t.name));
  if (!live.ok) {
    if (live.status.code !== 404) return { status: live.status, verb: 'retrieving current configuration of' };
    if (dry.client) return `${ref} created${dry.suffix}`;
    const created = env.client.request('POST', resourcePath(t.r, t.namespace), { query, body: modified });
    if (!created.ok) return { status: created.status, verb: 'creating' };
    printWarnings(env, created.warnings);
    return `${ref} created${dry.suffix}`;
  }
  const lastText = live.value.metadata.annotations?.[LAST_APPLIED];
  if (lastText === undefined) {
    env.out.err(
      `Warning: resource ${t.r.group ? `${t.r.plural}.${t.r.group}` : t.r.plural}/${t.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const original = lastText ? (JSON.parse(lastText) as unknown) : {};
  const patch = createThreeWayMergePatch(original, modified, live.value, {
    apiVersion: t.obj.apiVersion,
    kind: t.obj.kind,
  });
  if (!patch.ok) return { status: patch.status, verb: 'patching' };
  // kubectl does not compute the patch in a client dry run, so it always says configured.
  if (dry.client) return `${ref} configured${dry.suffix}`;
  if (Object.keys(patch.value).length === 0) return `${ref} unchanged${dry.suffix}`;
  const patched = env.client.request('PATCH', resourcePath(t.r, t.namespace, t.name), {
    query,
    body: patch.value,
    contentType: 'application/strategic-merge-patch+json',
  });
  if (!patched.ok) return { status: patched.status, verb: 'patching' };
  printWarnings(env, patched.warnings);
  return `${ref} configured${dry.suffix}`;
}

function serverSideApply(env: Env, t: Target): string | Failed {
  const dry = dryRun(env);
  const reply = env.client.request('PATCH', resourcePath(t.r, t.namespace, t.name), {
    query: {
      fieldManager: 'kubectl',
      fieldValidation: 'Strict',
      force: env.flags.bool('force-conflicts') ? 'true' : 'false',
      dryRun: dry.query,
    },
    body: t.obj,
    contentType: 'application/apply-patch+yaml',
  });
  if (!reply.ok) return { status: reply.status, verb: 'applying' };
  return `${refName(t.r, t.name)} serverside-applied${dry.suffix}`;
}
