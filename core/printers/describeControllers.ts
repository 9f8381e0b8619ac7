/**
 * `kubectl describe` for DaemonSet, StatefulSet and CronJob, after
 * describeDaemonSet, describeStatefulSet (with describeVolumeClaimTemplates)
 * and describeCronJob (with describeJobTemplate, printActiveJobs) in kubectl
 * `pkg/describe/describe.go` (1.33). "Pods Status" counts the pods the
 * object controls (getPodStatusForController).
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z } from './duration.ts';
import { intOrString, num, obj, objs, optBool, optNum, optObj, optStr, str, strMap, strs, type J } from './json.ts';
import { formatLabels, selectorString } from './labels.ts';
import { canonicalQuantity } from './quantity.ts';
import { podStatusCounts } from './describeApps.ts';
import { describePodTemplate } from './describePod.ts';
import { storageClassOf } from './storage.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printLabelsWithIndent,
  type PrefixWriter,
} from './describeWriter.ts';

export function describeDaemonSetBody(
  w: PrefixWriter,
  ds: KubeObject,
  pods: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(ds, 'spec');
  const status = obj(ds, 'status');
  w.write(0, `Name:\t${ds.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(obj(spec, 'selector'))}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(strMap(obj(obj(spec, 'template'), 'spec'), 'nodeSelector'))}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(status, 'desiredNumberScheduled')}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(status, 'currentNumberScheduled')}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status, 'updatedNumberScheduled')}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(status, 'numberAvailable')}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(status, 'numberMisscheduled')}\n`);
  w.write(0, `Pods Status:\t${podStatusCounts(ds, pods)}\n`);
  describePodTemplate(w, obj(spec, 'template'));
  describeEvents(w, events, nowMs);
}

export function describeStatefulSetBody(
  w: PrefixWriter,
  sts: KubeObject,
  pods: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(sts, 'spec');
  w.write(0, `Name:\t${sts.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(obj(spec, 'selector'))}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(0, `Replicas:\t${optNum(spec, 'replicas') ?? 1} desired | ${num(obj(sts, 'status'), 'replicas')} total\n`);
  const strategy = obj(spec, 'updateStrategy');
  w.write(0, `Update Strategy:\t${str(strategy, 'type')}\n`);
  const ru = optObj(strategy, 'rollingUpdate');
  if (ru && optNum(ru, 'partition') !== undefined) {
    w.write(1, `Partition:\t${num(ru, 'partition')}\n`);
    if (ru['maxUnavailable'] !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(ru, 'maxUnavailable')}\n`);
  }
  w.write(0, `Pods Status:\t${podStatusCounts(sts, pods)}\n`);
  describePodTemplate(w, obj(spec, 'template'));
  describeVolumeClaimTemplates(w, objs(spec, 'volumeClaimTemplates'));
  describeEvents(w, events, nowMs);
}

function describeVolumeClaimTemplates(w: PrefixWriter, templates: J[]): void {
  if (templates.length === 0) {
    w.write(0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const meta = obj(pvc, 'metadata');
    const spec = obj(pvc, 'spec');
    w.write(1, `Name:\t${str(meta, 'name')}\n`);
    w.write(1, `StorageClass:\t${storageClassOf(pvc)}\n`);
    printLabelsWithIndent(w, '  ', 'Labels', '\t', strMap(meta, 'labels'));
    printLabelsWithIndent(w, '  ', 'Annotations', '\t', strMap(meta, 'annotations'));
    const requested = optStr(obj(obj(spec, 'resources'), 'requests'), 'storage');
    w.write(1, `Capacity:\t${requested === undefined ? '<default>' : canonicalQuantity(requested)}\n`);
    w.write(1, `Access Modes:\t[${strs(spec, 'accessModes').join(' ')}]\n`);
  }
}

export function describeCronJobBody(w: PrefixWriter, cj: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(cj, 'spec');
  const status = obj(cj, 'status');
  w.write(0, `Name:\t${cj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${str(spec, 'schedule')}\n`);
  w.write(0, `Concurrency Policy:\t${str(spec, 'concurrencyPolicy')}\n`);
  const suspend = optBool(spec, 'suspend');
  w.write(0, `Suspend:\t${suspend === undefined ? '<unset>' : suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${unset(optNum(spec, 'successfulJobsHistoryLimit'))}\n`);
  w.write(0, `Failed Job History Limit:\t${unset(optNum(spec, 'failedJobsHistoryLimit'))}\n`);
  const deadline = optNum(spec, 'startingDeadlineSeconds');
  w.write(0, `Starting Deadline Seconds:\t${deadline === undefined ? '<unset>' : `${deadline}s`}\n`);
  describeJobTemplate(w, obj(spec, 'jobTemplate'));
  const last = status['lastScheduleTime'];
  w.write(0, `Last Schedule Time:\t${last ? formatRFC1123Z(last) : '<unset>'}\n`);
  const active = objs(status, 'active');
  w.write(0, 'Active Jobs:\t');
  w.writeLine(active.length === 0 ? '<none>' : active.map((j) => str(j, 'name')).join(', '));
  describeEvents(w, events, nowMs);
}

function describeJobTemplate(w: PrefixWriter, template: J): void {
  const spec = obj(template, 'spec');
  const selector = optObj(spec, 'selector');
  w.write(0, `Selector:\t${selector ? selectorString(selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${unset(optNum(spec, 'parallelism'))}\n`);
  w.write(0, `Completions:\t${unset(optNum(spec, 'completions'))}\n`);
  const deadline = optNum(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined) w.write(0, `Active Deadline Seconds:\t${deadline}s\n`);
  describePodTemplate(w, obj(spec, 'template'));
}

const unset = (n: number | undefined): string => (n === undefined ? '<unset>' : String(n));
