/**
 * Namespace controller: empties a Terminating namespace, then clears its
 * `kubernetes` finalizer so the API removes it. Mirrors
 * pkg/controller/namespace/deletion. Also keeps the per-namespace objects
 * every real namespace has: ServiceAccount `default` (serviceaccounts
 * controller) and ConfigMap `kube-root-ca.crt` (root-ca-cert-publisher).
 */
import { RESOURCES, storageKey } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { self, splitKey } from '../runtime/types.ts';

const NAME = 'namespace-controller';

/** One resource type per storage key: the namespaced things a namespace can hold. */
const NAMESPACED = RESOURCES.filter(
  (r, i, all) =>
    r.namespaced && r.verbs.includes('delete') && all.findIndex((o) => storageKey(o) === storageKey(r)) === i,
);

export class NamespaceController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.namespaces, keys: self },
    // Content removal re-checks the namespace, so the finalizer goes as soon as it is empty.
    ...NAMESPACED.map((rt) => ({
      resource: rt,
      keys: (e: { type: string; object: KubeObject }) =>
        e.type === 'DELETED' ? [e.object.metadata.namespace ?? ''] : [],
    })),
  ];

  constructor(private readonly caBundle: string) {}

  reconcile(view: ClusterView, key: string): Action[] {
    const [, name] = splitKey(key);
    const ns = view.get(R.namespaces, undefined, name);
    if (!ns) return [];
    return ns.metadata.deletionTimestamp ? this.empty(view, ns) : this.furnish(view, ns);
  }

  private empty(view: ClusterView, ns: KubeObject): Action[] {
    const name = ns.metadata.name ?? '';
    const out: Action[] = [];
    let remaining = 0;
    for (const rt of NAMESPACED) {
      for (const obj of view.list(rt, name)) {
        remaining++;
        if (!obj.metadata.deletionTimestamp) {
          out.push({
            type: 'delete',
            resource: rt,
            namespace: name,
            name: obj.metadata.name ?? '',
            uid: obj.metadata.uid,
            reason: `namespace ${name} is terminating`,
          });
        }
      }
    }
    if (remaining > 0) return out;
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers?.length) return [];
    return [
      {
        type: 'update',
        resource: R.namespaces,
        object: { ...ns, spec: { ...spec, finalizers: [] } },
        reason: `namespace ${name} is empty → finalized`,
      },
    ];
  }

  private furnish(view: ClusterView, ns: KubeObject): Action[] {
    const name = ns.metadata.name ?? '';
    const out: Action[] = [];
    if (!view.get(R.serviceAccounts, name, 'default')) {
      out.push({
        type: 'create',
        resource: R.serviceAccounts,
        object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } },
        reason: `namespace ${name} needs its default service account`,
      });
    }
    if (!view.get(R.configMaps, name, 'kube-root-ca.crt')) {
      out.push({
        type: 'create',
        resource: R.configMaps,
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'kube-root-ca.crt',
            namespace: name,
            annotations: {
              'kubernetes.io/description':
                'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
            },
          },
          data: { 'ca.crt': this.caBundle },
        },
        reason: `namespace ${name} gets the cluster CA bundle`,
      });
    }
    return out;
  }
}
