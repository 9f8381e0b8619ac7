/**
 * apps/v1 and batch/v1 defaults (upstream `pkg/apis/apps/v1/defaults.go`,
 * `pkg/apis/batch/v1/defaults.go`) and the Job selector the Job strategy
 * generates from the object's UID.
 */
import { defaultPodTemplate } from './pod.ts';
import { def, ensure, get, isObj, items } from './util.ts';
import type { Obj } from './util.ts';
import { defaultPVCSpec } from './others.ts';

export function defaultDeployment(spec: Obj): void {
  def(spec, 'replicas', 1);
  const strategy = ensure(spec, 'strategy');
  def(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate');
    def(ru, 'maxUnavailable', '25%');
    def(ru, 'maxSurge', '25%');
  }
  def(spec, 'revisionHistoryLimit', 10);
  def(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(ensure(spec, 'template'));
}

export function defaultReplicaSet(spec: Obj): void {
  def(spec, 'replicas', 1);
  defaultPodTemplate(ensure(spec, 'template'));
}

/** ReplicationController (core/v1): selector and labels default from the template. */
export function defaultReplicationController(rc: Obj): void {
  const spec = ensure(rc, 'spec');
  const template = get(spec, 'template');
  const labels = template && get(ensure(template, 'metadata'), 'labels');
  if (labels && !get(spec, 'selector')) spec['selector'] = { ...labels };
  const meta = ensure(rc, 'metadata');
  if (labels && !get(meta, 'labels')) meta['labels'] = { ...labels };
  def(spec, 'replicas', 1);
  if (template) defaultPodTemplate(template);
}

export function defaultStatefulSet(spec: Obj): void {
  def(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensure(spec, 'updateStrategy');
  if (!strategy['type']) {
    strategy['type'] = 'RollingUpdate';
    ensure(strategy, 'rollingUpdate');
  }
  const ru = get(strategy, 'rollingUpdate');
  if (strategy['type'] === 'RollingUpdate' && ru) def(ru, 'partition', 0);
  const retention = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
  def(retention, 'whenDeleted', 'Retain');
  def(retention, 'whenScaled', 'Retain');
  def(spec, 'replicas', 1);
  def(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensure(spec, 'template'));
  for (const claim of items(spec, 'volumeClaimTemplates')) {
    const meta = ensure(claim, 'metadata');
    if (!('creationTimestamp' in meta)) meta['creationTimestamp'] = null;
    defaultPVCSpec(ensure(claim, 'spec'));
    def(ensure(claim, 'status'), 'phase', 'Pending');
  }
}

export function defaultDaemonSet(spec: Obj): void {
  const strategy = ensure(spec, 'updateStrategy');
  def(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate');
    def(ru, 'maxUnavailable', 1);
    def(ru, 'maxSurge', 0);
  }
  def(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensure(spec, 'template'));
}

/** SetDefaults_Job; labels default from the template labels when the Job has none. */
export function defaultJob(job: Obj): void {
  const spec = ensure(job, 'spec');
  if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  def(spec, 'parallelism', 1);
  def(spec, 'backoffLimit', spec['backoffLimitPerIndex'] !== undefined ? 2147483647 : 6);
  const template = ensure(spec, 'template');
  const templateLabels = get(ensure(template, 'metadata'), 'labels');
  const meta = ensure(job, 'metadata');
  if (templateLabels && Object.keys(get(meta, 'labels') ?? {}).length === 0) meta['labels'] = { ...templateLabels };
  def(spec, 'completionMode', 'NonIndexed');
  def(spec, 'suspend', false);
  def(spec, 'podReplacementPolicy', get(spec, 'podFailurePolicy') ? 'Failed' : 'TerminatingOrFailed');
  for (const rule of items(get(spec, 'podFailurePolicy'), 'rules')) {
    for (const pattern of items(rule, 'onPodConditions')) def(pattern, 'status', 'True');
  }
  defaultPodTemplate(template);
}

export function defaultCronJob(spec: Obj): void {
  def(spec, 'concurrencyPolicy', 'Allow');
  def(spec, 'suspend', false);
  def(spec, 'successfulJobsHistoryLimit', 3);
  def(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = ensure(spec, 'jobTemplate');
  const meta = ensure(jobTemplate, 'metadata');
  if (!('creationTimestamp' in meta)) meta['creationTimestamp'] = null;
  // Only the pod template inside is defaulted; JobSpec fields stay as given.
  defaultPodTemplate(ensure(ensure(jobTemplate, 'spec'), 'template'));
}

const LEGACY_JOB_NAME = 'job-name';
const JOB_NAME = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID = 'controller-uid';
const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';

/**
 * generateSelector (Job strategy): unless `manualSelector` is true, label the
 * pod template with the Job's name and UID and select on the UID. Upstream's
 * Job labels alias the template's label map when they were defaulted from it,
 * so they gain the same labels; that case is reproduced here.
 */
export function defaultJobSelector(job: Obj, uid: string): void {
  const spec = ensure(job, 'spec');
  if (spec['manualSelector'] === true) return;
  const name = String(ensure(job, 'metadata')['name'] ?? '');
  const tMeta = ensure(ensure(spec, 'template'), 'metadata');
  const before = get(tMeta, 'labels');
  const meta = ensure(job, 'metadata');
  const aliased = before !== undefined && isObj(meta['labels']) && sameMap(meta['labels'], before);
  const labels = ensure(tMeta, 'labels');
  for (const key of [LEGACY_JOB_NAME, JOB_NAME]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID, CONTROLLER_UID]) if (!(key in labels)) labels[key] = uid;
  if (aliased) meta['labels'] = { ...labels };
  const selector = ensure(spec, 'selector');
  const matchLabels = ensure(selector, 'matchLabels');
  if (!(CONTROLLER_UID in matchLabels)) matchLabels[CONTROLLER_UID] = uid;
}

function sameMap(a: Obj, b: Obj): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
