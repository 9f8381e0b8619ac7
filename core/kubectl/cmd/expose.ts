/**
 * `kubectl expose (deployment|replicaset|replicationcontroller|pod|service) NAME`:
 * GET the object, take its selector and ports, POST the Service
 * (`fieldManager=kubectl-expose`), print `service/NAME exposed`.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Command, Env } from '../env.ts';
import { getObject, must } from '../env.ts';
import { selectResources } from '../resources.ts';
import { usageError } from '../types.ts';
import { submit } from './create.ts';

export const exposeCommand: Command = {
  name: 'expose',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(env) {
    const [sel] = selectResources(env, env.flags.args);
    const name = sel?.names[0];
    if (!sel || !name) throw usageError(`You must provide one or more resources by argument or filename.`);
    const obj = must(getObject(env, sel.resource, name));
    const selector = env.flags.str('selector') ? parsePairs(env.flags.str('selector')) : selectorOf(obj);
    if (!selector)
      throw usageError(
        `couldn't retrieve selectors via --selector flag or introspection: the ${sel.resource.kind} has no selector`,
      );
    const ports = servicePorts(env, obj);
    const labels = env.flags.str('labels') ? parsePairs(env.flags.str('labels')) : obj.metadata.labels;
    const type = env.flags.str('type');
    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        creationTimestamp: null,
        ...(labels && Object.keys(labels).length ? { labels } : {}),
        name: env.flags.str('name') || name,
      },
      spec: {
        ports,
        selector,
        ...(type ? { type } : {}),
        ...(env.flags.str('external-ip') ? { externalIPs: [env.flags.str('external-ip')] } : {}),
      },
      status: { loadBalancer: {} },
    };
    submit(env, { object: service }, 'kubectl-expose', 'exposed');
  },
};

function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of text.split(',')) out[p.slice(0, p.indexOf('='))] = p.slice(p.indexOf('=') + 1);
  return out;
}

function selectorOf(obj: KubeObject): Record<string, string> | undefined {
  if (obj.kind === 'Pod') return obj.metadata.labels;
  const sel = (obj.spec as { selector?: Record<string, unknown> } | undefined)?.selector;
  if (!sel) return undefined;
  if (obj.kind === 'Service' || obj.kind === 'ReplicationController') return sel as Record<string, string>;
  if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length) return undefined;
  return sel.matchLabels as Record<string, string> | undefined;
}

const intOrName = (v: string): number | string => (/^\d+$/.test(v) ? Number(v) : v);

function servicePorts(env: Env, obj: KubeObject): Record<string, unknown>[] {
  const protocol = env.flags.str('protocol');
  const target = env.flags.str('target-port');
  const given = env.flags.str('port');
  const ports: { port: number; protocol: string; name?: string }[] = given
    ? given.split(',').map((p) => ({ port: Number(p), protocol: protocol || 'TCP' }))
    : introspectPorts(obj).map((p) => ({ ...p, protocol: protocol || p.protocol }));
  if (ports.length === 0)
    throw usageError(
      "couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples",
    );
  return ports.map((p, i) => ({
    ...(ports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
    port: p.port,
    protocol: p.protocol,
    targetPort: target ? intOrName(target) : p.port,
  }));
}

function introspectPorts(obj: KubeObject): { port: number; protocol: string; name?: string }[] {
  if (obj.kind === 'Service')
    return ((obj.spec as { ports?: { port: number; protocol?: string; name?: string }[] }).ports ?? []).map((p) => ({
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      ...(p.name ? { name: p.name } : {}),
    }));
  const spec = (
    obj.kind === 'Pod' ? obj.spec : (obj.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec
  ) as { containers?: { ports?: { containerPort: number; protocol?: string; name?: string }[] }[] } | undefined;
  return (spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
      ...(p.name ? { name: p.name } : {}),
    })),
  );
}
