/**
 * Pod garbage collector (pkg/controller/podgc, gcOrphaned): a pod bound to a
 * node that does not exist is force-deleted after a 40 s quarantine, with a
 * DisruptionTarget condition saying why. Terminated-pod thresholds are not
 * simulated (the default threshold of 12,500 is beyond a lab's size).
 */
import { isoSeconds } from '../../clock/clock.ts';
import { nodeNameOf } from '../podutil.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { keyOf, self, splitKey } from '../runtime/types.ts';
import type { StoreEvent } from '../../store/store.ts';

const NAME = 'pod-garbage-collector';
const QUARANTINE_MS = 40_000;

export class PodGCController implements Controller {
  readonly name = NAME;
  // Only pods bound to a node that is not there are its business.
  readonly watches = [
    { resource: R.pods, keys: (e: StoreEvent) => (this.orphaned(e) ? self(e) : []) },
    {
      resource: R.nodes,
      keys: (e: StoreEvent) =>
        e.type === 'DELETED' && this.view ? this.view.podsOnNode(e.object.metadata.name ?? '').map(keyOf) : [],
    },
  ];

  constructor(private readonly view?: ClusterView) {}

  private orphaned(e: StoreEvent): boolean {
    const node = nodeNameOf(e.object);
    return !!node && e.type !== 'DELETED' && (!this.view || !this.view.get(R.nodes, undefined, node));
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const pod = view.get(R.pods, namespace, name);
    const node = pod && nodeNameOf(pod);
    if (!pod || !node || view.get(R.nodes, undefined, node)) return [];
    const since = Date.parse(pod.metadata.creationTimestamp ?? '') || view.now();
    const wait = since + QUARANTINE_MS - view.now();
    if (wait > 0) return [{ type: 'requeueAfter', ms: wait }];
    if (pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0) return [];
    const st = (pod.status ?? {}) as { conditions?: { type: string }[] };
    const conditions = [
      ...(st.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: isoSeconds(view.now()),
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      },
    ];
    const reason = `pod ${name} is bound to node ${node}, which does not exist`;
    return [
      {
        type: 'update',
        resource: R.pods,
        subresource: 'status',
        object: { ...pod, status: { ...st, phase: 'Failed', conditions } },
        reason,
      },
      {
        type: 'delete',
        resource: R.pods,
        namespace,
        name,
        uid: pod.metadata.uid,
        gracePeriodSeconds: 0,
        reason: `${reason} → force-deleted`,
      },
    ];
  }
}
