/**
 * Column sets of the workload kinds: Deployment, ReplicaSet,
 * ReplicationController, StatefulSet, DaemonSet, Job, CronJob, PodTemplate,
 * HorizontalPodAutoscaler, PodDisruptionBudget, ControllerRevision.
 * Mirrors the matching print* functions of upstream printers.go.
 */
import type { KubeObject } from '../api/types.ts';
import { humanDuration, parseTime, translateTimestampSince } from './duration.ts';
import { formatLabels, formatLabelSelector, selectorString } from './labels.ts';
import { arr, intOrString, num, obj, objs, optBool, optNum, optStr, str, strMap, type J } from './json.ts';
import { ageCol, col, containerCols, nameCol, type Printer } from './types.ts';

const age = (o: KubeObject, nowMs: number): string => translateTimestampSince(o.metadata.creationTimestamp, nowMs);
const name = (o: KubeObject): string => o.metadata.name ?? '';
const spec = (o: KubeObject): J => obj(o, 'spec');
const status = (o: KubeObject): J => obj(o, 'status');
/** spec.replicas; the API defaults it to 1. */
const replicas = (o: KubeObject): number => optNum(spec(o), 'replicas') ?? 1;

/** layoutContainerCells: names and images joined by commas. */
export function containerCells(podSpec: J): [string, string] {
  const containers = objs(podSpec, 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}

const templateSpec = (o: J): J => obj(obj(o, 'template'), 'spec');
const selectorCol = (doc: string) => col('Selector', doc, { wide: true });

export const deploymentPrinter: Printer = {
  columns: [
    nameCol(),
    col('Ready', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    col(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    ageCol(),
    ...containerCols(),
    selectorCol(
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
    ),
  ],
  cells(o, nowMs) {
    const s = status(o);
    return [
      name(o),
      `${num(s, 'readyReplicas')}/${replicas(o)}`,
      num(s, 'updatedReplicas'),
      num(s, 'availableReplicas'),
      age(o, nowMs),
      ...containerCells(templateSpec(spec(o))),
      // printDeployment uses selector.String(), so an empty selector prints as ''.
      selectorString(obj(spec(o), 'selector')),
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'Replicas is the number of desired replicas.', { type: 'integer' }),
    col('Current', 'Replicas is the most recently observed number of replicas.', { type: 'integer' }),
    col('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
    ageCol(),
    ...containerCols(),
    selectorCol('Selector is a label query over pods that should match the replica count.'),
  ],
  cells(o, nowMs) {
    const s = status(o);
    return [
      name(o),
      replicas(o),
      num(s, 'replicas'),
      num(s, 'readyReplicas'),
      age(o, nowMs),
      ...containerCells(templateSpec(spec(o))),
      formatLabelSelector(obj(spec(o), 'selector')),
    ];
  },
};

export const replicationControllerPrinter: Printer = {
  columns: replicaSetPrinter.columns,
  cells(o, nowMs) {
    const s = status(o);
    return [
      name(o),
      replicas(o),
      num(s, 'replicas'),
      num(s, 'readyReplicas'),
      age(o, nowMs),
      ...containerCells(templateSpec(spec(o))),
      formatLabels(strMap(spec(o), 'selector')),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [nameCol(), col('Ready', 'Number of the pod with ready state'), ageCol(), ...containerCols()],
  cells: (o, nowMs) => [
    name(o),
    `${num(status(o), 'readyReplicas')}/${replicas(o)}`,
    age(o, nowMs),
    ...containerCells(templateSpec(spec(o))),
  ],
};

export const daemonSetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'The total number of nodes that should be running the daemon pod.', { type: 'integer' }),
    col('Current', 'The number of nodes that are running at least 1 daemon pod.', { type: 'integer' }),
    col(
      'Ready',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      { type: 'integer' },
    ),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', { type: 'integer' }),
    col(
      'Available',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      { type: 'integer' },
    ),
    col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    ageCol(),
    ...containerCols(),
    selectorCol('A label query over pods that are managed by the daemon set.'),
  ],
  cells(o, nowMs) {
    const s = status(o);
    return [
      name(o),
      num(s, 'desiredNumberScheduled'),
      num(s, 'currentNumberScheduled'),
      num(s, 'numberReady'),
      num(s, 'updatedNumberScheduled'),
      num(s, 'numberAvailable'),
      formatLabels(strMap(templateSpec(spec(o)), 'nodeSelector')),
      age(o, nowMs),
      ...containerCells(templateSpec(spec(o))),
      formatLabelSelector(obj(spec(o), 'selector')),
    ];
  },
};

/** The first condition of a type decides, as hasJobCondition does. */
function hasJobCondition(s: J, type: string): boolean {
  const c = objs(s, 'conditions').find((x) => str(x, 'type') === type);
  return c !== undefined && str(c, 'status') === 'True';
}

/** Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that precedence. */
export function jobStatus(job: KubeObject): string {
  const s = status(job);
  if (hasJobCondition(s, 'Complete')) return 'Complete';
  if (hasJobCondition(s, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined) return 'Terminating';
  if (hasJobCondition(s, 'Suspended')) return 'Suspended';
  if (hasJobCondition(s, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: KubeObject): string {
  const succeeded = num(status(job), 'succeeded');
  const completions = optNum(spec(job), 'completions');
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = optNum(spec(job), 'parallelism') ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** '' before start, time so far while running, start→completion once done. */
function jobDuration(job: KubeObject, nowMs: number): string {
  const start = parseTime(str(status(job), 'startTime'));
  if (start === undefined) return '';
  const done = parseTime(str(status(job), 'completionTime'));
  return humanDuration((done ?? nowMs) - start);
}

export const jobPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'Status of the job.'),
    col('Completions', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'Time required to complete the job.'),
    ageCol(),
    ...containerCols(),
    selectorCol('A label query over pods that should match the pod count.'),
  ],
  cells: (o, nowMs) => [
    name(o),
    jobStatus(o),
    jobCompletions(o),
    jobDuration(o, nowMs),
    age(o, nowMs),
    ...containerCells(templateSpec(spec(o))),
    formatLabelSelector(obj(spec(o), 'selector')),
  ],
};

/** printBoolPtr: `True`, `False` or `<unset>`. */
export function boolPtr(v: boolean | undefined): string {
  if (v === undefined) return '<unset>';
  return v ? 'True' : 'False';
}

export const cronJobPrinter: Printer = {
  columns: [
    nameCol(),
    col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'The time zone name for the given schedule.'),
    col('Suspend', 'This flag tells the controller to suspend subsequent executions.', { type: 'boolean' }),
    col('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    ageCol(),
    ...containerCols(),
    selectorCol('A label query over pods that should match the pod count.'),
  ],
  cells(o, nowMs) {
    const jobSpec = obj(obj(spec(o), 'jobTemplate'), 'spec');
    const last = str(status(o), 'lastScheduleTime');
    return [
      name(o),
      str(spec(o), 'schedule'),
      optStr(spec(o), 'timeZone') ?? '<none>',
      boolPtr(optBool(spec(o), 'suspend')),
      arr(status(o), 'active').length,
      last === '' ? '<none>' : translateTimestampSince(last, nowMs),
      age(o, nowMs),
      ...containerCells(templateSpec(jobSpec)),
      formatLabelSelector(obj(jobSpec, 'selector')),
    ];
  },
};

export const podTemplatePrinter: Printer = {
  columns: [
    nameCol(),
    col('Containers', 'Names of each container in the template.'),
    col('Images', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'The labels for the pod template.'),
  ],
  cells: (o) => [
    name(o),
    ...containerCells(templateSpec(o)),
    formatLabels(strMap(obj(obj(o, 'template'), 'metadata'), 'labels')),
  ],
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Min Available', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
    ageCol(),
  ],
  cells: (o, nowMs) => [
    name(o),
    intOrString(spec(o), 'minAvailable') || 'N/A',
    intOrString(spec(o), 'maxUnavailable') || 'N/A',
    num(status(o), 'disruptionsAllowed'),
    age(o, nowMs),
  ],
};

export const controllerRevisionPrinter: Printer = {
  columns: [
    nameCol(),
    col('Controller', 'Controller of the object'),
    col('Revision', 'Revision indicates the revision of the state represented by Data.'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [name(o), controller, num(o, 'revision'), age(o, nowMs)];
  },
};

export { hpaPrinter } from './hpa.ts';
