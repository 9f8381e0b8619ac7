/**
 * The lab's ingress-nginx controller: for each Ingress of its class (class.ts)
 * it records `Sync` "Scheduled for sync" whenever it sees a new version of the
 * Ingress (ingress-nginx internal/ingress/controller/store/store.go, the Ingress
 * AddFunc/UpdateFunc), warns when a TLS Secret is missing (it then serves its
 * fake certificate), and publishes its address in status.loadBalancer.ingress
 * at the next tick of its status sync (internal/ingress/status/status.go runs it
 * every 60 s), so ADDRESS stays empty for up to a minute, as on a real cluster.
 * Ingresses of another class get no address (one it had published is removed).
 * Routing itself is core/network/ingress.ts.
 * Simplifications: one controller replica with a fixed address (INGRESS_ADDRESS),
 * no leader election, no configuration reloads.
 */
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { event, keyOf, self, splitKey } from '../runtime/types.ts';
import { INGRESS_ADDRESS, servedByNginx } from './class.ts';
import { R } from '../resources.ts';

const NAME = 'nginx-ingress-controller';
/** ingress-nginx's status updateInterval. */
export const STATUS_SYNC_MS = 60_000;

export class IngressNginxController implements Controller {
  readonly name = NAME;
  readonly watches;
  /**
   * The resourceVersion of each Ingress last synced: ingress-nginx's local store.
   * Empty after a restart, so every Ingress is synced (and its event recorded) again.
   */
  private readonly synced = new Map<string, string>();

  constructor(private readonly view: ClusterView) {
    this.watches = [
      { resource: R.ingresses, keys: self },
      // A class created, changed or deleted can change which Ingresses are ours.
      { resource: R.ingressClasses, keys: (_e: StoreEvent) => this.view.list(R.ingresses).map(keyOf) },
    ];
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const ing = view.get(R.ingresses, namespace, name);
    if (!ing || !servedByNginx(view, ing)) {
      this.synced.delete(key);
      return ing ? withdraw(ing) : [];
    }
    const actions: Action[] = [];
    const rv = ing.metadata.resourceVersion ?? '';
    if (this.synced.get(key) !== rv) {
      this.synced.set(key, rv);
      actions.push(event(ing, 'Normal', 'Sync', 'Scheduled for sync'), ...missingSecrets(view, ing));
    }
    if (hasAddress(ing)) return actions;
    const intoTick = view.now() % STATUS_SYNC_MS;
    if (intoTick !== 0) return [...actions, { type: 'requeueAfter', ms: STATUS_SYNC_MS - intoTick }];
    return [
      ...actions,
      {
        type: 'update',
        resource: R.ingresses,
        subresource: 'status',
        object: { ...ing, status: { ...(ing.status as object), loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } } },
        reason: `status sync: Ingress ${name} is served by ingress-nginx at ${INGRESS_ADDRESS}`,
      },
    ];
  }
}

function addresses(ing: KubeObject): { ip?: string }[] {
  return (ing.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
}

const hasAddress = (ing: KubeObject): boolean => {
  const list = addresses(ing);
  return list.length === 1 && list[0]?.ip === INGRESS_ADDRESS;
};

/** An Ingress that is no longer ours loses the address we published for it. */
function withdraw(ing: KubeObject): Action[] {
  if (ing.metadata.deletionTimestamp || !addresses(ing).some((a) => a.ip === INGRESS_ADDRESS)) return [];
  return [
    {
      type: 'update',
      resource: R.ingresses,
      subresource: 'status',
      object: { ...ing, status: { ...(ing.status as object), loadBalancer: {} } },
      reason: `Ingress ${ing.metadata.name} is not of an ingress-nginx class: withdraw ${INGRESS_ADDRESS}`,
    },
  ];
}

/**
 * ingress-nginx logs `Error getting SSL certificate "<ns>/<name>": local SSL certificate
 * <ns>/<name> was not found. Using default certificate`; the lab shows it as a Warning
 * on the Ingress so a learner sees it in `kubectl describe`.
 */
function missingSecrets(view: ClusterView, ing: KubeObject): Action[] {
  const ns = ing.metadata.namespace ?? 'default';
  const tls = ((ing.spec as { tls?: { secretName?: string }[] } | undefined)?.tls ?? []).map((t) => t.secretName);
  const missing = [...new Set(tls.filter((s): s is string => !!s && !view.get(R.secrets, ns, s)))];
  return missing.map((s) =>
    event(
      ing,
      'Warning',
      'SecretNotFound',
      `Error getting SSL certificate "${ns}/${s}": local SSL certificate ${ns}/${s} was not found. Using default certificate`,
    ),
  );
}
