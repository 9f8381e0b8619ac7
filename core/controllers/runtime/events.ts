/**
 * The event recorder: core/v1 Events as client-go's recorder writes them,
 * named `<object>.<hex of the first timestamp>`, aggregated by
 * (object, reason, message, source) with a rising count.
 */
import type { Api } from '../../api/api.ts';
import { resourceByKind } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';

const EVENTS = resourceByKind('v1', 'Event')!;
const RECENT_LIMIT = 4096;

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private recent = new Map<string, string>();
  /**
   * The series keys in the order they entered `recent`, oldest at `head`: evicting by
   * `recent.keys().next()` walks over every hole earlier evictions left in the Map.
   */
  private order: string[] = [];
  private head = 0;
  private counter = 0;

  constructor(private readonly api: Api) {}

  record(
    source: EventSource,
    object: KubeObject,
    eventType: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const namespace = object.metadata.namespace || 'default';
    const aggKey = `${object.metadata.uid}|${reason}|${message}|${source.component}|${fieldPath ?? ''}`;
    const now = this.api.clock.nowIso();
    const existingName = this.recent.get(aggKey);
    const existing = existingName ? this.api.peek(EVENTS, namespace, existingName) : undefined;
    const actor = { component: source.component, reason: `event ${reason}: ${message}` };
    if (existing) {
      // Stored objects are never mutated: the next version shares all but the two changed fields.
      const count = ((existing.count as number | undefined) ?? 1) + 1;
      this.api.update(EVENTS, { ...existing, count, lastTimestamp: now }, { actor, trusted: true });
      return;
    }
    // client-go names events "<name>.<UnixNano in hex>"; nanoseconds make them unique per object.
    const nanos = BigInt(this.api.clock.now()) * 1_000_000n + BigInt(++this.counter % 1_000_000);
    const name = `${object.metadata.name ?? ''}.${nanos.toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: object.kind,
        namespace: object.metadata.namespace,
        name: object.metadata.name,
        uid: object.metadata.uid,
        apiVersion: object.apiVersion,
        resourceVersion: object.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: eventType,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const res = this.api.create(EVENTS, event, { actor, trusted: true });
    if (!res.ok) return;
    if (!this.recent.has(aggKey)) this.order.push(aggKey);
    this.recent.set(aggKey, name);
    // Remember recent series only (client-go's LRU holds 4096); older ones start a new Event.
    if (this.recent.size > RECENT_LIMIT) this.forgetOldest();
  }

  private forgetOldest(): void {
    this.recent.delete(this.order[this.head++]!);
    if (this.head >= RECENT_LIMIT) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
