/**
 * The inspector's Why tab as data: trace entries as a readable timeline
 * ("time · component · verb · object · reason"), runs of identical entries
 * folded into one row with a count, and the scheduler's decision for a pod as
 * a table of nodes × the plugins that rejected them, plus the summary line
 * the scheduler writes ("0/3 nodes are available: …").
 */
import type { TraceEntry } from '../../../core/api/trace.ts';
import type { ObjectRef, SchedulingReasons } from '../../../core/protocol/index.ts';
import { formatClock } from '../dock/clock.ts';

export interface WhyRow {
  key: number;
  /** `14:03:07` (virtual time, UTC). */
  time: string;
  component: string;
  verb: TraceEntry['verb'];
  /** `pod/web-1`; empty when it is the inspected object itself. */
  object: string;
  reason: string;
  /** How many identical entries in a row this one stands for. */
  count: number;
}

export interface RejectionRow {
  node: string;
  /** One line per plugin: its name and reason. */
  reasons: { plugin: string; reason: string }[];
}

export interface SchedulingView {
  /** `0/3 nodes are available: …` */
  message?: string;
  nodeName?: string;
  time: string;
  rejections: RejectionRow[];
  /** How the chosen node scored: each plugin's part (highest first) and the total. */
  score?: { total: number; plugins: { plugin: string; score: number; weight: number }[] };
}

const isSelf = (e: TraceEntry, ref: ObjectRef) =>
  e.kind === ref.kind && e.name === ref.name && (e.namespace ?? '') === (ref.namespace ?? '');

export function traceRows(trace: readonly TraceEntry[], ref: ObjectRef): WhyRow[] {
  const rows: WhyRow[] = [];
  for (const e of trace) {
    const object = isSelf(e, ref) ? '' : `${e.kind.toLowerCase()}/${e.name}`;
    const last = rows[rows.length - 1];
    if (
      last &&
      last.component === e.component &&
      last.verb === e.verb &&
      last.object === object &&
      last.reason === e.reason
    ) {
      last.count++;
      continue;
    }
    const ms = Date.parse(e.time);
    rows.push({
      key: e.seq,
      time: Number.isNaN(ms) ? e.time : formatClock(ms),
      component: e.component,
      verb: e.verb,
      object,
      reason: e.reason,
      count: 1,
    });
  }
  return rows;
}

export function schedulingView(s: SchedulingReasons): SchedulingView {
  const ms = Date.parse(s.time);
  const rejections = Object.entries(s.perNode ?? {})
    .map(([node, reasons]) => ({ node, reasons: [...reasons] }))
    .sort((a, b) => a.node.localeCompare(b.node));
  return {
    ...(s.message ? { message: s.message } : {}),
    ...(s.nodeName ? { nodeName: s.nodeName } : {}),
    time: Number.isNaN(ms) ? s.time : formatClock(ms),
    rejections,
    ...(s.scores
      ? {
          score: {
            total: s.scores.total,
            plugins: [...s.scores.plugins].sort((a, b) => b.score - a.score || a.plugin.localeCompare(b.plugin)),
          },
        }
      : {}),
  };
}
