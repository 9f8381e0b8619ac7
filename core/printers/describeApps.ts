/**
 * `kubectl describe` for Deployment, ReplicaSet and Job, after
 * describeDeployment / describeReplicaSet / describeJob in kubectl
 * `pkg/describe/describe.go` (as of kubectl 1.33) and the new/old
 * ReplicaSet lookup of kubectl `pkg/util/deployment`.
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z, humanDuration, parseTime } from './duration.ts';
import { intOrString, isRecord, num, obj, objs, optBool, optNum, optObj, str, type J } from './json.ts';
import { formatLabelSelector, selectorString } from './labels.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { controlledBy, describePodTemplate } from './describePod.ts';

const HASH_LABEL = 'pod-template-hash';

function writeConditions(w: PrefixWriter, conditions: J[]): void {
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${str(c, 'type')} \t${str(c, 'status')}\t${str(c, 'reason')}\n`);
}

export function describeDeploymentBody(
  w: PrefixWriter,
  d: KubeObject,
  replicaSets: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(d, 'spec');
  const status = obj(d, 'status');
  w.write(0, `Name:\t${d.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(obj(spec, 'selector'))}\n`);
  const desired = optNum(spec, 'replicas') ?? 1;
  w.write(
    0,
    `Replicas:\t${desired} desired | ${num(status, 'updatedReplicas')} updated | ${num(status, 'replicas')} total | ${num(status, 'availableReplicas')} available | ${num(status, 'unavailableReplicas')} unavailable\n`,
  );
  const strategy = obj(spec, 'strategy');
  w.write(0, `StrategyType:\t${str(strategy, 'type')}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec, 'minReadySeconds')}\n`);
  const ru = optObj(strategy, 'rollingUpdate');
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru, 'maxUnavailable')} max unavailable, ${intOrString(ru, 'maxSurge')} max surge\n`,
    );
  describePodTemplate(w, obj(spec, 'template'));
  writeConditions(w, objs(status, 'conditions'));
  const { oldRSs, newRS } = deploymentReplicaSets(d, replicaSets);
  if (oldRSs.length > 0 || newRS) {
    w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, events, nowMs);
}

/** `web-7d9f (2/2 replicas created), ...` or `<none>`. */
function replicaSetsText(list: KubeObject[]): string {
  if (list.length === 0) return '<none>';
  return list
    .map(
      (rs) =>
        `${rs.metadata.name ?? ''} (${num(obj(rs, 'status'), 'replicas')}/${optNum(obj(rs, 'spec'), 'replicas') ?? 1} replicas created)`,
    )
    .join(', ');
}

/**
 * The ReplicaSets a Deployment controls, split like GetAllReplicaSets: the
 * oldest one whose template equals the Deployment's (ignoring
 * pod-template-hash) is new; old ones are the rest that still want pods.
 */
export function deploymentReplicaSets(d: KubeObject, all: KubeObject[]): { oldRSs: KubeObject[]; newRS?: KubeObject } {
  const owned = all
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata.uid))
    .sort(byCreation);
  const template = obj(obj(d, 'spec'), 'template');
  const newRS = owned.find((rs) => semanticEqual(withoutHash(obj(obj(rs, 'spec'), 'template')), withoutHash(template)));
  const oldRSs = owned.filter((rs) => rs !== newRS && (optNum(obj(rs, 'spec'), 'replicas') ?? 1) !== 0);
  return { oldRSs, newRS };
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

function withoutHash(template: J): J {
  const meta = obj(template, 'metadata');
  const labels = { ...obj(meta, 'labels') };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...meta, labels } };
}

/** apiequality.Semantic.DeepEqual on JSON: absent, null, [] and {} are all equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (isRecord(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => semanticEqual(a[k], b[k]));
  }
  return a === b;
}

/** Running / Waiting / Succeeded / Failed counts of the pods a controller owns. */
export function podStatusCounts(owner: KubeObject, pods: KubeObject[]): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    if (!p.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === owner.metadata.uid)) continue;
    const phase = str(obj(p, 'status'), 'phase');
    if (phase in counts) counts[phase as keyof typeof counts]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

export function describeReplicaSetBody(
  w: PrefixWriter,
  rs: KubeObject,
  pods: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(rs, 'spec');
  w.write(0, `Name:\t${rs.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec, 'selector'))}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const owner = controlledBy(rs);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${num(obj(rs, 'status'), 'replicas')} current / ${optNum(spec, 'replicas') ?? 1} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${podStatusCounts(rs, pods)}\n`);
  describePodTemplate(w, obj(spec, 'template'));
  writeConditions(w, objs(obj(rs, 'status'), 'conditions'));
  describeEvents(w, events, nowMs);
}

export function describeJobBody(w: PrefixWriter, job: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(job, 'spec');
  const status = obj(job, 'status');
  w.write(0, `Name:\t${job.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(obj(spec, 'selector'))}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const owner = controlledBy(job);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  writeOptional(w, 'Parallelism', optNum(spec, 'parallelism'));
  const completions = optNum(spec, 'completions');
  w.write(0, `Completions:\t${completions === undefined ? '<unset>' : completions}\n`);
  if (str(spec, 'completionMode')) w.write(0, `Completion Mode:\t${str(spec, 'completionMode')}\n`);
  writeOptional(w, 'Suspend', optBool(spec, 'suspend'));
  writeOptional(w, 'Backoff Limit', optNum(spec, 'backoffLimit'));
  writeOptional(w, 'TTL Seconds After Finished', optNum(spec, 'ttlSecondsAfterFinished'));
  const start = str(status, 'startTime');
  const done = str(status, 'completionTime');
  if (start) w.write(0, `Start Time:\t${formatRFC1123Z(start)}\n`);
  if (done) w.write(0, `Completed At:\t${formatRFC1123Z(done)}\n`);
  if (start && done) w.write(0, `Duration:\t${humanDuration((parseTime(done) ?? 0) - (parseTime(start) ?? 0))}\n`);
  const deadline = optNum(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined) w.write(0, `Active Deadline Seconds:\t${deadline}s\n`);
  const ready = optNum(status, 'ready');
  const active = num(status, 'active');
  const activeText = ready === undefined ? `${active} Active` : `${active} Active (${ready} Ready)`;
  w.write(
    0,
    `Pods Statuses:\t${activeText} / ${num(status, 'succeeded')} Succeeded / ${num(status, 'failed')} Failed\n`,
  );
  if (str(spec, 'completionMode') === 'Indexed')
    w.write(0, `Completed Indexes:\t${capIndexes(str(status, 'completedIndexes'))}\n`);
  describePodTemplate(w, obj(spec, 'template'));
  describeEvents(w, events, nowMs);
}

function writeOptional(w: PrefixWriter, label: string, value: number | boolean | undefined): void {
  if (value !== undefined) w.write(0, `${label}:\t${String(value)}\n`);
}

/** capIndexesListOrNone: about 50 characters, cut at a comma. */
function capIndexes(indexes: string, softLimit = 50): string {
  if (indexes === '') return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 || indexes.length <= softLimit ? indexes : `${indexes.slice(0, comma + 1)}...`;
}
