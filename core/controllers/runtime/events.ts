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
      this.api.mutate(
        EVENTS,
        namespace,
        existingName!,
        (ev) => {
          ev.count = ((ev.count as number | undefined) ?? 1) + 1;
          ev.lastTimestamp = now;
        },
        { actor, trusted: true },
      );
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
    this.recent.set(aggKey, name);
    // Remember recent series only (client-go's LRU holds 4096); older ones start a new Event.
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
  }
}
