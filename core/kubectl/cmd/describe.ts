/**
 * `kubectl describe`: read the objects and what their describer needs
 * (events, owned ReplicaSets, pods, EndpointSlices, the node Lease) through
 * the API, then render with core/printers. A name that does not exist is
 * matched as a prefix, as kubectl's DescribeMatchingResources does.
 */
import { resourceByKind } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { describe } from '../../printers/index.ts';
import type { DescribeRelated } from '../../printers/index.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { getObject, listObjects, must } from '../env.ts';
import { statusMessage } from '../errors.ts';
import { selectResources } from '../resources.ts';
import { CommandError } from '../types.ts';
import { noResources } from './get.ts';

export const describeCommand: Command = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(env) {
    if (env.flags.args.length === 0) {
      throw new CommandError(
        `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`,
      );
    }
    const selections = selectResources(env, env.flags.args);
    const texts: string[] = [];
    const errors: string[] = [];
    for (const sel of selections) {
      const objects = sel.names.length
        ? sel.names.flatMap((n) => named(env, sel.resource, n, errors))
        : all(env, sel.resource);
      for (const o of objects) texts.push(describeOne(env, sel.resource, o));
    }
    env.out.out(texts.join('\n\n'));
    if (texts.length === 0 && errors.length === 0) env.out.err(noResources(env, selections));
    if (errors.length) throw new CommandError(errors.join('\n'));
  },
};

function all(env: Env, r: Resource): KubeObject[] {
  const ns = env.flags.bool('all-namespaces') ? undefined : env.namespace;
  return must(listObjects(env, r, { namespace: ns, labelSelector: env.flags.str('selector') }));
}

/** The named object, or every object whose name starts with it. */
function named(env: Env, r: Resource, name: string, errors: string[]): KubeObject[] {
  const reply = getObject(env, r, name);
  if (reply.ok) return [reply.value];
  if (reply.status.code === 404) {
    const matching = all(env, r).filter((o) => (o.metadata.name ?? '').startsWith(name));
    if (matching.length) return matching;
  }
  errors.push(statusMessage(reply.status));
  return [];
}

function describeOne(env: Env, r: Resource, obj: KubeObject): string {
  const rt = resourceByKind(r.group ? `${r.group}/${r.version}` : r.version, r.kind);
  if (!rt) return '';
  return describe(rt, obj, related(env, r, obj), env.client.now());
}

const list = (env: Env, plural: string, group: string, opts: Parameters<typeof listObjects>[2]): KubeObject[] => {
  const r = env.discovery.resources().find((x) => x.plural === plural && x.group === group);
  if (!r) return [];
  const reply = listObjects(env, r, opts);
  return reply.ok ? reply.value : [];
};

/** Fetch what each describer reads besides the object itself. */
function related(env: Env, r: Resource, obj: KubeObject): DescribeRelated {
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  const events = list(env, 'events', '', { namespace: ns, fieldSelector: `involvedObject.name=${name}` });
  const out: DescribeRelated = { events };
  switch (`${r.group}/${r.kind}`) {
    case 'apps/Deployment':
      out.replicaSets = list(env, 'replicasets', 'apps', { namespace: ns });
      break;
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet':
    case 'apps/StatefulSet':
    case '/PersistentVolumeClaim':
      out.pods = list(env, 'pods', '', { namespace: ns });
      break;
    case '/Service':
      out.endpointSlices = list(env, 'endpointslices', 'discovery.k8s.io', {
        namespace: ns,
        labelSelector: `kubernetes.io/service-name=${name}`,
      });
      break;
    case 'networking.k8s.io/Ingress':
      out.services = list(env, 'services', '', { namespace: ns });
      out.endpointSlices = list(env, 'endpointslices', 'discovery.k8s.io', { namespace: ns });
      break;
    case '/Node': {
      out.pods = list(env, 'pods', '', {
        fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
      });
      const lease = env.client.get<KubeObject>(
        `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}`,
      );
      if (lease.ok) out.lease = lease.value;
      break;
    }
    case '/Namespace':
      out.resourceQuotas = list(env, 'resourcequotas', '', { namespace: name });
      out.limitRanges = list(env, 'limitranges', '', { namespace: name });
      break;
  }
  return out;
}
