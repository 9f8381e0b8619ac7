/**
 * The event timeline's view model: Event objects (core/v1, or events.k8s.io
 * shaped) turned into rows sorted oldest first, filtered by text, type and
 * namespace, with ages relative to the cluster's virtual clock and written
 * the way `kubectl get events` writes them (kubectl's HumanDuration).
 */
import type { KubeObject } from '../../../core/api/types.ts';
import type { ObjectRef } from '../../../core/protocol/index.ts';

export interface TimelineRow {
  key: string;
  timeMs: number;
  type: string;
  reason: string;
  /** `pod/nginx-7d9f-x2k` */
  object: string;
  namespace: string;
  message: string;
  count: number;
  /** The object the event is about, to select it. */
  ref?: ObjectRef;
}

export interface TimelineFilter {
  text: string;
  warningsOnly: boolean;
  /** '' for every namespace. */
  namespace: string;
}

interface EventFields {
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
  eventTime?: string | null;
  deprecatedLastTimestamp?: string | null;
  series?: { lastObservedTime?: string; count?: number };
  involvedObject?: { apiVersion?: string; kind?: string; namespace?: string; name?: string };
  regarding?: { apiVersion?: string; kind?: string; namespace?: string; name?: string };
}

const parse = (s: string | null | undefined): number | undefined => {
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
};

/** When the event last happened: lastTimestamp, the series, eventTime, then creation. */
export function eventTimeMs(ev: KubeObject): number {
  const e = ev as KubeObject & EventFields;
  return (
    parse(e.lastTimestamp) ??
    parse(e.series?.lastObservedTime) ??
    parse(e.deprecatedLastTimestamp) ??
    parse(e.eventTime) ??
    parse(e.firstTimestamp) ??
    parse(e.metadata.creationTimestamp) ??
    0
  );
}

/** The object an event is about, as a selectable ref. */
export function involvedRef(ev: KubeObject): ObjectRef | undefined {
  const e = ev as KubeObject & EventFields;
  const o = e.involvedObject ?? e.regarding;
  if (!o?.kind || !o.name) return undefined;
  return {
    apiVersion: o.apiVersion || 'v1',
    kind: o.kind,
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
  };
}

export function toRow(ev: KubeObject): TimelineRow {
  const e = ev as KubeObject & EventFields;
  const ref = involvedRef(ev);
  return {
    key: ev.metadata.uid ?? `${ev.metadata.namespace ?? ''}/${ev.metadata.name ?? ''}`,
    timeMs: eventTimeMs(ev),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: ref ? `${ref.kind.toLowerCase()}/${ref.name}` : '',
    namespace: ev.metadata.namespace ?? '',
    message: e.message ?? e.note ?? '',
    count: e.series?.count ?? e.count ?? 1,
    ...(ref ? { ref } : {}),
  };
}

/** Oldest first; ties keep a stable order by name. */
export function sortRows(rows: TimelineRow[]): TimelineRow[] {
  return rows.sort((a, b) => a.timeMs - b.timeMs || a.key.localeCompare(b.key));
}

export function matches(row: TimelineRow, f: TimelineFilter): boolean {
  if (f.warningsOnly && row.type !== 'Warning') return false;
  if (f.namespace && row.namespace !== f.namespace) return false;
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  return [row.reason, row.object, row.message, row.type, row.namespace].some((s) => s.toLowerCase().includes(text));
}

/** Every event as a row, filtered and sorted. */
export function timelineRows(events: readonly KubeObject[], f: TimelineFilter): TimelineRow[] {
  return sortRows(events.map(toRow).filter((r) => matches(r, f)));
}

/** Events about one object (the inspector's Events tab). */
export function eventsAbout(events: readonly KubeObject[], ref: ObjectRef): TimelineRow[] {
  const rows = events.map(toRow).filter((r) => {
    const o = r.ref;
    return (
      o !== undefined && o.kind === ref.kind && o.name === ref.name && (o.namespace ?? '') === (ref.namespace ?? '')
    );
  });
  return sortRows(rows);
}

export function namespacesOf(events: readonly KubeObject[]): string[] {
  return [...new Set(events.map((e) => e.metadata.namespace ?? '').filter(Boolean))].sort();
}

/**
 * kubectl's duration.HumanDuration: `45s`, `3m20s`, `12m`, `5h3m`, `2d4h`, `40d`, `2y30d`.
 * Negative ages (clock skew) read as `0s`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  const years = Math.floor(days / 365);
  return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
}
