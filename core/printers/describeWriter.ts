/**
 * The building blocks every describer shares, after kubectl
 * `pkg/describe/describe.go`: a prefix writer over a tab writer (levels
 * indent by two spaces), multi-line labels and annotations, tolerations,
 * taints, and the `Events:` table with `(x3 over 5m)` ages.
 */
import type { KubeObject } from '../api/types.ts';
import { eventFirstSeen, asCoreEvent } from './events.ts';
import { parseTime, translateTimestampSince } from './duration.ts';
import { isRecord, num, obj, optNum, optObj, str, type J } from './json.ts';
import { TabWriter } from './tabwriter.ts';

/** kubectl's PrefixWriter: `write(level, text)` indents by `level` × two spaces. */
export class PrefixWriter {
  private readonly tw = new TabWriter();

  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }

  /** fmt.Sprintln: the text and a newline. */
  writeLine(text: string): void {
    this.tw.write(`${text}\n`);
  }

  /** Align what was written so far on its own (DescribeEvents does this). */
  flush(): void {
    this.tw.flush();
  }

  toString(): string {
    return this.tw.toString();
  }
}

/** Build a describe text with a fresh writer, like tabbedString. */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.toString();
}

/** `Labels:  a=b` and further `k=v` lines aligned under the first. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  printLabelsWithIndent(w, '', title, '\t', labels ?? {});
}

export function printLabelsWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Record<string, string>,
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${labels[key] ?? ''}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** Annotations, sorted, long or multi-line values folded below their key. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const all = annotations ?? {};
  const keys = Object.keys(all)
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = (all[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/** `key=value:Effect op=Exists for 300s` per toleration, sorted by key. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: J[]): void {
  w.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => cmp(str(a, 'key'), str(b, 'key')));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = str(t, 'key');
    if (str(t, 'value') !== '') text += `=${str(t, 'value')}`;
    if (str(t, 'effect') !== '') text += `:${str(t, 'effect')}`;
    if (str(t, 'operator') === 'Exists' && str(t, 'value') === '') {
      text += str(t, 'key') !== '' || str(t, 'effect') !== '' ? ' op=Exists' : 'op=Exists';
    }
    const seconds = optNum(t, 'tolerationSeconds');
    if (seconds !== undefined) text += ` for ${seconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** Taints as `key=value:Effect`, sorted by effect then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: J[]): void {
  w.write(0, `${title}:\t`);
  if (taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: J): string => `${str(t, 'effect')},${str(t, 'key')}`;
  [...taints]
    .sort((a, b) => cmp(key(a), key(b)))
    .forEach((t, i) => {
      if (i !== 0) w.write(0, '\t');
      const value = str(t, 'value');
      w.write(0, `${str(t, 'key')}${value !== '' ? `=${value}` : ''}:${str(t, 'effect')}\n`);
    });
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Events about `target`, the way searchEvents selects them: the
 * involvedObject's uid when both sides have one, else name and namespace.
 */
export function eventsFor(target: KubeObject, events: KubeObject[], extraUids: string[] = []): KubeObject[] {
  const uids = new Set([target.metadata.uid, ...extraUids].filter((u): u is string => !!u));
  return events.map(asCoreEvent).filter((e) => {
    const io = isRecord(e['involvedObject']) ? e['involvedObject'] : {};
    if (str(io, 'uid') !== '' && uids.size > 0) return uids.has(str(io, 'uid'));
    return str(io, 'name') === target.metadata.name && str(io, 'namespace') === (target.metadata.namespace ?? '');
  });
}

/** DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table. */
export function describeEvents(w: PrefixWriter, events: KubeObject[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // Sorted by lastTimestamp, oldest first; events without one sort first.
  const last = (e: KubeObject): number => parseTime(e['lastTimestamp']) ?? Number.MIN_SAFE_INTEGER;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = str(obj(e, 'source'), 'component') || str(e, 'reportingController');
    // kubectl 1.33 prints the message alone (1.37 prefixes the involved fieldPath).
    const message = str(e, 'message').trim();
    w.write(1, `${str(e, 'type')}\t${str(e, 'reason')}\t${eventAge(e, nowMs)}\t${source}\t${message}\n`);
  }
}

/** `5m`, or `2m (x3 over 5m)` for repeated events. */
function eventAge(e: KubeObject, nowMs: number): string {
  const first =
    parseTime(e['eventTime']) !== undefined ? translateTimestampSince(e['eventTime'], nowMs) : eventFirstSeen(e, nowMs);
  const series = optObj(e, 'series');
  if (series)
    return `${translateTimestampSince(series['lastObservedTime'], nowMs)} (x${num(series, 'count')} over ${first})`;
  if (num(e, 'count') > 1)
    return `${translateTimestampSince(e['lastTimestamp'], nowMs)} (x${num(e, 'count')} over ${first})`;
  return first;
}
