/**
 * The Event row (printEvent in upstream printers.go) and the normalisation
 * of events.k8s.io/v1 Events to the core/v1 shape. The real server stores
 * both versions as one internal Event and prints them with one printer.
 */
import type { KubeObject } from '../api/types.ts';
import { parseTime, translateTimestampSince } from './duration.ts';
import { isRecord, num, obj, optObj, str, type J } from './json.ts';
import { col, NAME_DOC, type Printer } from './types.ts';

/** events.k8s.io/v1 field → core/v1 field. */
const V1_TO_CORE: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

/** An Event in core/v1 field names, whichever API version it was read as. */
export function asCoreEvent(e: KubeObject): KubeObject {
  if (e.apiVersion !== 'events.k8s.io/v1') return e;
  const out: KubeObject = { ...e, apiVersion: 'v1' };
  for (const [from, to] of V1_TO_CORE) {
    if (e[from] !== undefined) out[to] = e[from];
    delete out[from];
  }
  return out;
}

/** formatEventSource: `component, host`, falling back to reportingController/Instance. */
function eventSource(e: KubeObject): string {
  const source = obj(e, 'source');
  const component = str(source, 'component') || str(e, 'reportingController');
  const host = str(source, 'host') || str(e, 'reportingInstance');
  return host === '' ? component : `${component}, ${host}`;
}

/** First seen: firstTimestamp, else eventTime (events from the new API). */
export function eventFirstSeen(e: KubeObject, nowMs: number): string {
  if (parseTime(e['firstTimestamp']) !== undefined) return translateTimestampSince(e['firstTimestamp'], nowMs);
  return translateTimestampSince(e['eventTime'], nowMs);
}

/** Last seen and count: series wins, then lastTimestamp/count; singletons count 1. */
export function eventLastSeen(e: KubeObject, nowMs: number): { lastSeen: string; count: number } {
  const series = optObj(e, 'series');
  if (series)
    return { lastSeen: translateTimestampSince(series['lastObservedTime'], nowMs), count: num(series, 'count') };
  const count = num(e, 'count') || 1;
  const last = e['lastTimestamp'];
  const lastSeen = parseTime(last) !== undefined ? translateTimestampSince(last, nowMs) : eventFirstSeen(e, nowMs);
  return { lastSeen, count };
}

/** `pod/web-1`, or just the lowercased kind when the object has no name. */
function eventTarget(involved: J): string {
  const kind = str(involved, 'kind').toLowerCase();
  return str(involved, 'name') !== '' ? `${kind}/${str(involved, 'name')}` : kind;
}

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'The object that this event is about.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      { wide: true },
    ),
    col('Source', 'The component reporting this event. Should be a short machine understandable string.', {
      wide: true,
    }),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', {
      wide: true,
    }),
    col('Count', 'The number of times this event has occurred.', { wide: true }),
    col('Name', NAME_DOC, { wide: true, format: 'name' }),
  ],
  cells(raw, nowMs) {
    const e = asCoreEvent(raw);
    const involved = isRecord(e['involvedObject']) ? e['involvedObject'] : {};
    const { lastSeen, count } = eventLastSeen(e, nowMs);
    return [
      lastSeen,
      str(e, 'type'),
      str(e, 'reason'),
      eventTarget(involved),
      str(involved, 'fieldPath'),
      eventSource(e),
      str(e, 'message').trim(),
      eventFirstSeen(e, nowMs),
      count,
      e.metadata.name ?? '',
    ];
  },
};
