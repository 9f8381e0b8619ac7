/**
 * The controller manager: one de-duplicating work queue per controller,
 * fed by store watches, drained by `settle()` until every queue is empty.
 * Requeues wait on the virtual clock. Stopping the manager (a fault the
 * course uses) lets keys pile up; starting it resyncs everything, which is
 * exactly why level-triggered controllers jump straight to the latest spec.
 */
import type { Api } from '../../api/api.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import type { ClusterView, Controller, Action, EventAction } from './types.ts';
import type { Status } from '../../api/types.ts';
import { keyOf } from './types.ts';
import type { EventRecorder } from './events.ts';
import { storageKey } from '../../api/registry.ts';

/** A bug guard: a healthy cluster settles in far fewer passes. */
const MAX_PASSES = 5_000_000;

class Queue {
  readonly keys = new Set<string>();
  /** Pending requeues: key → virtual time it is due; one timer per key at a time. */
  readonly delayed = new Map<string, number>();
  /** Refused creates per key, for the retry back-off. */
  readonly failures = new Map<string, number>();
}

export class ControllerManager {
  private queues = new Map<Controller, Queue>();
  private running = true;
  private disposers: (() => void)[] = [];

  constructor(
    private readonly api: Api,
    private readonly clock: VirtualClock,
    private readonly view: ClusterView,
    private readonly events: EventRecorder,
    readonly controllers: Controller[],
  ) {
    for (const c of controllers) {
      const q = new Queue();
      this.queues.set(c, q);
      for (const w of c.watches) {
        this.disposers.push(
          api.store.subscribe(storageKey(w.resource), (e) => {
            for (const k of w.keys(e)) q.keys.add(k);
          }),
        );
      }
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  stop(): void {
    this.running = false;
  }

  /** Start again and resync: every controller looks at every object it watches. */
  start(): void {
    this.running = true;
    this.resync();
  }

  resync(): void {
    for (const [c, q] of this.queues) {
      for (const w of c.watches)
        for (const o of this.api.store.list(storageKey(w.resource))) {
          for (const k of w.keys({ type: 'ADDED', key: storageKey(w.resource), object: o, rv: 0 })) q.keys.add(k);
        }
    }
  }

  enqueue(controller: Controller, key: string): void {
    this.queues.get(controller)?.keys.add(key);
  }

  /** True while some controller has work. */
  get busy(): boolean {
    if (!this.running) return false;
    for (const q of this.queues.values()) if (q.keys.size) return true;
    return false;
  }

  /** Process one batch: every controller handles the keys queued so far. Returns keys processed. */
  pass(): number {
    if (!this.running) return 0;
    let processed = 0;
    for (const [c, q] of this.queues) {
      if (!q.keys.size) continue;
      const keys = [...q.keys];
      q.keys.clear();
      for (const key of keys) {
        processed++;
        this.apply(c, key, c.reconcile(this.view, key));
      }
    }
    return processed;
  }

  /** Drain all queues (used by tests and the cluster's settle loop). */
  settle(): void {
    for (let i = 0; this.busy; i++) {
      if (i > MAX_PASSES) throw new Error('BUG: controllers did not settle');
      this.pass();
    }
  }

  private requeueAfter(c: Controller, key: string, ms: number): void {
    const q = this.queues.get(c)!;
    const at = this.clock.now() + ms;
    const pending = q.delayed.get(key);
    if (pending !== undefined && pending <= at && pending >= this.clock.now()) return;
    q.delayed.set(key, at);
    this.clock.after(ms, () => {
      if (q.delayed.get(key) === at) q.delayed.delete(key);
      q.keys.add(key);
    });
  }

  /**
   * PodControl's event for a refused create: "Error creating: <why>" (the
   * StatefulSet's own wording, "create Pod web-0 in StatefulSet web failed
   * error: <why>", when its success message had that shape), then a retry with
   * the work queue's exponential back-off (5 ms doubling, at most 1000 s).
   */
  private failedCreate(c: Controller, key: string, success: EventAction, why: Status): void {
    const m = /^(create .*) successful$/.exec(success.message);
    const message = m ? `${m[1]} failed error: ${why.message ?? ''}` : `Error creating: ${why.message ?? ''}`;
    this.events.record({ component: c.name }, success.object, 'Warning', 'FailedCreate', message);
    const q = this.queues.get(c)!;
    const n = (q.failures.get(key) ?? 0) + 1;
    q.failures.set(key, n);
    this.requeueAfter(c, key, Math.min(5 * 2 ** (n - 1), 1_000_000));
  }

  dispose(): void {
    this.disposers.forEach((d) => d());
  }

  private apply(c: Controller, key: string, actions: Action[]): void {
    let failed: Status | undefined;
    let refused = false;
    for (const a of actions) {
      const actor: { component: string; reason?: string } = { component: c.name };
      if ('reason' in a) actor.reason = a.reason;
      // A rejected create (admission: quota, limits, priority) turns the create's own
      // success event into upstream's FailedCreate, and the key is retried with back-off.
      if (failed && a.type === 'event' && a.reason === 'SuccessfulCreate') {
        this.failedCreate(c, key, a, failed);
        failed = undefined;
        continue;
      }
      failed = undefined;
      switch (a.type) {
        case 'create': {
          const r = this.api.create(a.resource, a.object, { actor, trusted: true });
          if (!r.ok) failed = r.status;
          refused ||= !r.ok;
          break;
        }
        case 'update':
          this.api.update(a.resource, a.object, {
            actor,
            trusted: true,
            ...(a.subresource ? { subresource: a.subresource } : {}),
          });
          break;
        case 'delete':
          this.api.delete(a.resource, a.namespace, a.name, {
            actor,
            ...(a.uid ? { preconditions: { uid: a.uid } } : {}),
            ...(a.propagationPolicy ? { propagationPolicy: a.propagationPolicy } : {}),
            ...(a.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: a.gracePeriodSeconds } : {}),
          });
          break;
        case 'event':
          this.events.record({ component: c.name }, a.object, a.eventType, a.reason, a.message, a.fieldPath);
          break;
        case 'requeueAfter':
          this.requeueAfter(c, key, a.ms);
          break;
        default: {
          const never: never = a;
          throw new Error(`BUG: unknown action ${JSON.stringify(never)} from ${actor.component}`);
        }
      }
    }
    if (!refused) this.queues.get(c)?.failures.delete(key);
  }
}

export { keyOf };
