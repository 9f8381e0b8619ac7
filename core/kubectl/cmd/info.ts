/**
 * Commands about the server and the client: `version`, `api-resources`,
 * `api-versions`, `cluster-info` and `config` (the embedded kubectl has one
 * context, `kubelab`; `set-context --current --namespace=X` hands the new
 * namespace back to the terminal).
 */
import type { KubeObject } from '../../api/types.ts';
import type { Command, Env } from '../env.ts';
import { listObjects, must, resolveType } from '../env.ts';
import { toJson, toYaml } from '../output.ts';
import { alignTabs } from '../tabwriter.ts';
import { usageError } from '../types.ts';

const CLIENT_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.1',
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:27:33Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const KUSTOMIZE_VERSION = 'v5.6.0';
const CONTEXT = 'kubelab';

export const versionCommand: Command = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(env) {
    const server = env.flags.bool('client') ? undefined : must(env.client.get<Record<string, string>>('/version'));
    const output = env.flags.str('output');
    const doc = {
      clientVersion: CLIENT_VERSION,
      kustomizeVersion: KUSTOMIZE_VERSION,
      ...(server ? { serverVersion: server } : {}),
    };
    if (output === 'json') return env.out.out(JSON.stringify(doc, null, 2) + '\n');
    if (output === 'yaml') return env.out.out(toYaml(doc));
    env.out.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server) env.out.out(`Server Version: ${server.gitVersion ?? ''}\n`);
  },
};

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'namespaced', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'strings', split: true },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
  ],
  run(env) {
    const f = env.flags;
    let list = [...env.discovery.resources()];
    if (f.has('namespaced')) list = list.filter((r) => String(r.namespaced) === f.str('namespaced'));
    if (f.has('api-group')) list = list.filter((r) => r.group === f.str('api-group'));
    if (f.strs('verbs').length) list = list.filter((r) => f.strs('verbs').every((v) => r.verbs.includes(v)));
    list.sort((a, b) => (a.group === b.group ? a.plural.localeCompare(b.plural) : a.group.localeCompare(b.group)));
    const output = f.str('output');
    if (output === 'name') return env.out.out(list.map((r) => `${r.plural}${r.group ? `.${r.group}` : ''}\n`).join(''));
    const wide = output === 'wide';
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    const rows = list.map((r) => [
      r.plural,
      r.shortNames.join(','),
      r.group ? `${r.group}/${r.version}` : r.version,
      String(r.namespaced),
      r.kind,
      ...(wide ? [r.verbs.join(','), r.categories.join(',')] : []),
    ]);
    const all = f.bool('no-headers') ? rows : [header, ...rows];
    env.out.out(alignTabs(all.map((r) => r.join('\t') + '\n').join('')));
  },
};

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  flags: [],
  run(env) {
    const core = must(env.client.get<{ versions?: string[] }>('/api'));
    const groups = must(env.client.get<{ groups?: { versions?: { groupVersion: string }[] }[] }>('/apis'));
    const all = [
      ...(core.versions ?? []),
      ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)),
    ];
    env.out.out(
      all
        .sort()
        .map((v) => `${v}\n`)
        .join(''),
    );
  },
};

/** The server URL as the API advertises it. */
function serverUrl(env: Env): string {
  const reply = env.client.get<{ serverAddressByClientCIDRs?: { serverAddress?: string }[] }>('/api');
  const address = reply.ok ? reply.value.serverAddressByClientCIDRs?.[0]?.serverAddress : undefined;
  return `https://${address ?? '127.0.0.1:6443'}`;
}

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  flags: [],
  run(env) {
    if (env.flags.args[0] === 'dump') throw usageError('cluster-info dump is not available in the KubeLab terminal');
    const url = serverUrl(env);
    let out = `Kubernetes control plane is running at ${url}\n`;
    const services = must(
      listObjects(env, resolveType(env, 'services'), {
        namespace: 'kube-system',
        labelSelector: 'kubernetes.io/cluster-service=true',
      }),
    );
    for (const s of services)
      out += `${s.metadata.labels?.['kubernetes.io/name'] ?? s.metadata.name ?? ''} is running at ${url}/api/v1/namespaces/${s.metadata.namespace ?? ''}/services/${serviceProxyName(s)}/proxy\n`;
    env.out.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};

/** utilnet.JoinSchemeNamePort over the first port: `kube-dns:dns`, `https:kubernetes:https`. */
function serviceProxyName(s: KubeObject): string {
  const port = (s.spec as { ports?: { name?: string; port?: number }[] } | undefined)?.ports?.[0];
  const name = s.metadata.name ?? '';
  if (!port) return name;
  const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
  const parts = [scheme, name, port.name ?? ''];
  if (!scheme) parts.shift();
  if (!port.name) parts.pop();
  return parts.join(':');
}

export const configCommand: Command = {
  name: 'config',
  flags: [
    { name: 'current', type: 'bool' },
    { name: 'namespace', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
  ],
  run(env) {
    const [sub, name] = env.flags.args;
    switch (sub) {
      case 'current-context':
        return env.out.out(`${CONTEXT}\n`);
      case 'get-contexts':
        return env.out.out(
          alignTabs(
            `CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${CONTEXT}\t${CONTEXT}\tkubelab-admin\t${env.namespace}\n`,
          ),
        );
      case 'use-context':
        if (name !== CONTEXT) throw usageError(`no context exists with the name: "${name ?? ''}"`);
        return env.out.out(`Switched to context "${CONTEXT}".\n`);
      case 'set-context':
        if (!env.flags.bool('current') && name !== CONTEXT)
          throw usageError(`the embedded kubectl has one context, "${CONTEXT}"`);
        if (env.flags.has('namespace')) env.newNamespace = env.flags.str('namespace');
        return env.out.out(`Context "${CONTEXT}" modified.\n`);
      case 'view':
        return env.out.out(view(env));
      default:
        throw usageError(
          sub === undefined ? 'Required resource not specified.' : `unknown command "${sub}" for "kubectl config"`,
        );
    }
  },
};

function view(env: Env): string {
  const config = {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: serverUrl(env) }, name: CONTEXT }],
    contexts: [{ context: { cluster: CONTEXT, namespace: env.namespace, user: 'kubelab-admin' }, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: 'kubelab-admin', user: { token: 'REDACTED' } }],
  };
  if (env.flags.str('output') === 'json') return toJson(config);
  return toYaml(config);
}
