/**
 * Checks and details several lessons share, phrased for the learner in both
 * languages: "2 of 2 pods Ready needed; 1 Ready now".
 */
import {
  deploymentEntries,
  isSystemComponent,
  isUnscheduled,
  joinText,
  story,
  tx,
  workloadState,
} from '../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../core/check/index.ts';
import type { CheckResult } from './types.ts';
import { missing, ok } from './types.ts';

export const NS = 'default';

/** The object, or the check result saying there is no `kind` `name` in the namespace yet. */
export function found(obj: KubeObject | undefined, kind: string, name: string): KubeObject | CheckResult {
  return (
    obj ??
    missing(
      tx(
        `There is no ${kind} \`${name}\` in namespace \`${NS}\` yet.`,
        `命名空间 \`${NS}\` 中还没有名为 \`${name}\` 的 ${kind}。`,
      ),
    )
  );
}

/** The Deployment, or the check result saying it does not exist yet. */
export function findDeployment(r: ClusterReader, name: string): KubeObject | CheckResult {
  return found(r.deployment(NS, name), 'Deployment', name);
}

export function isResult(x: KubeObject | CheckResult): x is CheckResult {
  return 'ok' in x;
}

/** Every desired replica of the Deployment is a pod Running and Ready, and no extra pod is left. */
export function allPodsReady(r: ClusterReader, d: KubeObject): CheckResult {
  const desired = workloadState(d).desired;
  const pods = r.podsOf(d).filter((p) => !p.metadata.deletionTimestamp);
  const ready = r.servingPods(pods).length;
  if (ready >= desired && pods.length === desired) return ok;
  if (ready >= desired)
    return missing(
      tx(
        `${pods.length} pods for ${desired} replicas: waiting for the extra ones to go.`,
        `${desired} 个副本却有 ${pods.length} 个 Pod：正在等待多余的 Pod 退出。`,
      ),
    );
  const pending = pods.filter(isUnscheduled).length;
  const why = pending
    ? tx(` ${pending} not yet placed on a node.`, `其中 ${pending} 个还没有被分配到节点。`)
    : tx('', '');
  return missing(
    tx(
      `${desired} of ${desired} pods Running and Ready needed; ${ready} now.${why.en}`,
      `需要 ${desired} 个 Pod 全部 Running 且 Ready，目前 ${ready} 个。${why['zh-CN']}`,
    ),
  );
}

/** Said in place of a story whose entries are gone: a restored lab starts a fresh trace. */
export const TRACE_RESTARTED: Text = tx(
  '- (The lab’s trace no longer holds these events: it starts afresh each time the lab is opened.)',
  '- （实验室的 trace 中已没有这些记录：每次打开实验室时 trace 都会重新开始。）',
);

/** The story of a Deployment and what it made, since trace entry `sinceSeq`. */
export function deploymentStory(r: ClusterReader, name: string, sinceSeq = 0, maxLines = 12): Text {
  const told = story(deploymentEntries(r.trace({ sinceSeq, namespace: NS }), NS, name), maxLines);
  return told.en ? told : TRACE_RESTARTED;
}

/** A Markdown list with a timed line for each of the first `maxLines` entries `say` can tell, or TRACE_RESTARTED. */
export function tellTrace(
  entries: readonly TraceEntry[],
  say: (e: TraceEntry) => Text | undefined,
  maxLines: number,
): Text {
  const lines: Text[] = [];
  for (const e of entries) {
    if (lines.length >= maxLines) break;
    const p = say(e);
    if (!p) continue;
    const t = e.time.slice(11, 19);
    lines.push(tx(`- \`${t}\` ${p.en}`, `- \`${t}\` ${p['zh-CN']}`));
  }
  return lines.length ? joinText(lines) : TRACE_RESTARTED;
}

export const isDeletion = (e: TraceEntry): boolean => e.verb === 'delete' || /\bdeleted\b/.test(e.reason);

/** The last write a client (kubectl, the editor, the graph — not a cluster component) made that `pred` picks. */
export function lastClientWrite(r: ClusterReader, pred: (e: TraceEntry) => boolean): TraceEntry | undefined {
  return r.trace({ namespace: NS }).findLast((e) => !isSystemComponent(e.component) && e.verb !== 'status' && pred(e));
}

/** The `sinceSeq` of a story that starts with the learner's last write of `kind` `name` (0: the whole trace). */
export function sinceClientWrite(r: ClusterReader, kind: string, name: string): number {
  const w = lastClientWrite(r, (e) => e.kind === kind && e.name === name);
  return w ? w.seq - 1 : 0;
}

/** The hint after failing a node: the Node goes NotReady after about 50 s of missed heartbeats. */
export const WATCH_NODES_HINT = tx(
  'Then watch `kubectl get nodes` for about a minute (press ▶, or fast-forward).',
  '然后观察 `kubectl get nodes` 大约一分钟（点 ▶，或者快进）。',
);
