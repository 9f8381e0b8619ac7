/**
 * The scheduler process: keeps the scheduler cache in step with the store,
 * takes pending pods in priority-then-arrival order, binds each to the node
 * the framework picks (Scheduled event), or records why it cannot
 * (FailedScheduling event, PodScheduled=False) and retries when the
 * cluster changes, like the upstream unschedulable queue does.
 */
import type { Api } from '../api/api.ts';
import type { KubeObject } from '../api/types.ts';
import { isoSeconds } from '../clock/clock.ts';
import { R } from '../controllers/resources.ts';
import type { EventRecorder } from '../controllers/runtime/events.ts';
import { SchedulerCache } from '../scheduler/cache.ts';
import { schedulePod } from '../scheduler/schedule.ts';
import { claimsToSelect } from '../scheduler/plugins/volumeBinding.ts';
import type { FailureReason, ScheduleSuccess } from '../scheduler/schedule.ts';
import type { Rng } from '../util/rng.ts';

const NAME = 'default-scheduler';
/** Upstream moves unschedulable pods back to the active queue at least every 5 minutes. */
const UNSCHEDULABLE_FLUSH_MS = 300_000;

export interface Decision {
  pod: string;
  time: string;
  nodeName?: string;
  message?: string;
  perNode?: Readonly<Record<string, readonly FailureReason[]>>;
  scores?: ScheduleSuccess['scores'];
}

export class SchedulerRunner {
  readonly cache: SchedulerCache;
  private active = new Map<string, KubeObject>();
  private unschedulable = new Map<string, number>();
  private running = true;
  /** The last decision per pod, for the lab's "why is this pod Pending?". */
  readonly decisions = new Map<string, Decision>();

  constructor(
    private readonly api: Api,
    private readonly recorder: EventRecorder,
    rng: Rng,
  ) {
    this.cache = new SchedulerCache(rng.next());
    api.store.subscribe('/nodes', (e) => {
      if (e.type === 'DELETED') this.cache.removeNode(e.object);
      else if (e.type === 'ADDED') this.cache.addNode(e.object);
      else this.cache.updateNode(e.object);
      this.retryUnschedulable();
    });
    api.store.subscribe('/pods', (e) => this.onPod(e.type, e.object, e.old));
    // Default spreading and namespaceSelector need the selectors of these objects.
    for (const key of [
      '/services',
      'apps/replicasets',
      'apps/statefulsets',
      '/replicationcontrollers',
      '/namespaces',
    ]) {
      api.store.subscribe(key, (e) =>
        e.type === 'DELETED' ? this.cache.removeObject(e.object) : this.cache.addObject(e.object),
      );
    }
    // VolumeBinding reads claims, volumes and classes; any change may make a pod schedulable.
    for (const key of ['/persistentvolumeclaims', '/persistentvolumes', 'storage.k8s.io/storageclasses']) {
      api.store.subscribe(key, (e) => {
        if (e.type === 'DELETED') this.cache.removeObject(e.object);
        else this.cache.addObject(e.object);
        this.retryUnschedulable();
      });
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  get hasWork(): boolean {
    return this.running && this.active.size > 0;
  }

  stop(): void {
    this.running = false;
  }

  start(): void {
    this.running = true;
    this.retryUnschedulable();
  }

  /** Schedule every pod waiting in the active queue. */
  run(): number {
    if (!this.running || this.active.size === 0) return 0;
    const queue = [...this.active.values()].sort(byPriority);
    this.active.clear();
    for (const pod of queue) this.scheduleOne(pod);
    return queue.length;
  }

  private onPod(type: string, pod: KubeObject, old: KubeObject | undefined): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const node = (pod.spec as { nodeName?: string }).nodeName;
    if (type === 'DELETED') {
      this.active.delete(key);
      this.unschedulable.delete(key);
      if (node) this.cache.removePod(pod);
      if (node) this.retryUnschedulable();
      return;
    }
    if (node) {
      this.active.delete(key);
      this.unschedulable.delete(key);
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      const wasBound = old && (old.spec as { nodeName?: string }).nodeName;
      // A status write keeps spec and labels as they were: nothing the scheduler counts has changed.
      if (wasBound && old.spec === pod.spec && old.metadata.labels === pod.metadata.labels && !terminal) return;
      if (wasBound) this.cache.updatePod(pod);
      else this.cache.addPod(pod);
      if (terminal) this.retryUnschedulable();
      return;
    }
    if (
      (pod.spec as { schedulerName?: string }).schedulerName &&
      (pod.spec as { schedulerName?: string }).schedulerName !== NAME
    )
      return;
    if (pod.metadata.deletionTimestamp) return;
    if (type === 'ADDED' || !this.unschedulable.has(key)) this.active.set(key, pod);
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable.keys()) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.api.peek(R.pods, ns, name);
      if (pod) this.active.set(key, pod);
    }
    this.unschedulable.clear();
  }

  private scheduleOne(queued: KubeObject): void {
    const pod = this.api.peek(R.pods, queued.metadata.namespace, queued.metadata.name ?? '');
    if (!pod || (pod.spec as { nodeName?: string }).nodeName || pod.metadata.deletionTimestamp) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const result = schedulePod(pod, this.cache, {});
    const time = isoSeconds(this.api.clock.now());
    if ('nodeName' in result) return this.bind(pod, result, key, time);
    const failure = result.failure;
    this.decisions.set(key, { pod: key, time, message: failure.message, perNode: failure.perNode });
    this.unschedulable.set(key, this.api.clock.now());
    this.api.clock.after(UNSCHEDULABLE_FLUSH_MS, () => this.retryUnschedulable());
    const nominated = failure.nominatedNodeName;
    if (nominated) this.preemptVictims(pod, nominated, failure.victims ?? []);
    this.recorder.record({ component: NAME }, pod, 'Warning', 'FailedScheduling', failure.message);
    const conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: time,
        reason: 'Unschedulable',
        message: failure.message,
      },
    ];
    const status = { ...(pod.status as object), conditions, ...(nominated ? { nominatedNodeName: nominated } : {}) };
    this.api.update(
      R.pods,
      { ...pod, status },
      {
        actor: { component: NAME, reason: `no node fits pod ${pod.metadata.name}: ${failure.message}` },
        subresource: 'status',
        trusted: true,
      },
    );
  }

  /**
   * prepareCandidate (framework/preemption): each victim gets the DisruptionTarget
   * condition, is deleted gracefully, and is told who preempted it.
   */
  private preemptVictims(pod: KubeObject, nodeName: string, victims: readonly KubeObject[]): void {
    const actor = { component: NAME, reason: `preempting to make room for ${pod.metadata.name} on ${nodeName}` };
    for (const v of victims) {
      const victim = this.api.peek(R.pods, v.metadata.namespace, v.metadata.name ?? '');
      if (!victim || victim.metadata.uid !== v.metadata.uid || victim.metadata.deletionTimestamp) continue;
      const st = (victim.status ?? {}) as { conditions?: { type: string }[] };
      const target = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: isoSeconds(this.api.clock.now()),
        reason: 'PreemptionByScheduler',
        message: `${NAME}: preempting to accommodate a higher priority pod`,
      };
      const conditions = [...(st.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), target];
      this.api.update(
        R.pods,
        { ...victim, status: { ...st, conditions } },
        { actor, subresource: 'status', trusted: true },
      );
      const ns = victim.metadata.namespace;
      this.api.delete(R.pods, ns, victim.metadata.name ?? '', { actor, preconditions: { uid: victim.metadata.uid } });
      const msg = `Preempted by pod ${pod.metadata.uid ?? ''} on node ${nodeName}`;
      this.recorder.record({ component: NAME }, victim, 'Normal', 'Preempted', msg);
    }
  }

  private bind(pod: KubeObject, result: ScheduleSuccess, key: string, time: string): void {
    const nodeName = result.nodeName;
    this.decisions.set(key, { pod: key, time, nodeName, ...(result.scores ? { scores: result.scores } : {}) });
    const actor = {
      component: NAME,
      reason: `filtered and scored the nodes → bound pod ${pod.metadata.name} to ${nodeName}`,
    };
    // PreBind (VolumeBinding): WaitForFirstConsumer claims learn the node their volume must reach.
    for (const claim of claimsToSelect(pod, nodeName, this.cache))
      this.api.mutate(
        R.pvcs,
        claim.metadata.namespace,
        claim.metadata.name ?? '',
        (c) => (c.metadata.annotations = { ...c.metadata.annotations, 'volume.kubernetes.io/selected-node': nodeName }),
        {
          actor: { component: NAME, reason: `pod ${key} scheduled to ${nodeName}: selected node for its volume` },
          trusted: true,
        },
      );
    const bound = this.api.bind(R.pods, pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', nodeName, actor);
    if (!bound.ok) return;
    this.recorder.record(
      { component: NAME },
      bound.value,
      'Normal',
      'Scheduled',
      `Successfully assigned ${key} to ${nodeName}`,
    );
  }
}

function byPriority(a: KubeObject, b: KubeObject): number {
  const pa = (a.spec as { priority?: number }).priority ?? 0;
  const pb = (b.spec as { priority?: number }).priority ?? 0;
  if (pa !== pb) return pb - pa;
  return (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
}
