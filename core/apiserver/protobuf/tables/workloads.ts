/**
 * apps/v1 Deployment and batch/v1 Job and CronJob.
 * Field numbers from kubernetes/api v0.33.13 generated.proto; names and flags from the Go
 * json tags. Notation: ./README.md.
 */
export const apps: Record<string, string> = {
  Deployment: '1 metadata meta.ObjectMeta, 2 spec DeploymentSpec, 3 status DeploymentStatus',
  DeploymentCondition: `1 type s!, 2 status s!, 6 lastUpdateTime Time, 7 lastTransitionTime Time, 4 reason s,
    5 message s`,
  DeploymentSpec: `1 replicas i?, 2 selector meta.LabelSelector?!, 3 template core.PodTemplateSpec!,
    4 strategy DeploymentStrategy, 5 minReadySeconds i, 6 revisionHistoryLimit i?, 7 paused b,
    9 progressDeadlineSeconds i?`,
  DeploymentStatus: `1 observedGeneration l, 2 replicas i, 3 updatedReplicas i, 7 readyReplicas i,
    4 availableReplicas i, 5 unavailableReplicas i, 9 terminatingReplicas i?,
    6 conditions DeploymentCondition[], 8 collisionCount i?`,
  DeploymentStrategy: '1 type s, 2 rollingUpdate RollingUpdateDeployment?',
  RollingUpdateDeployment: '1 maxUnavailable IntOrString?, 2 maxSurge IntOrString?',
};

export const batch: Record<string, string> = {
  CronJob: '1 metadata meta.ObjectMeta, 2 spec CronJobSpec, 3 status CronJobStatus',
  CronJobSpec: `1 schedule s!, 8 timeZone s?, 2 startingDeadlineSeconds l?, 3 concurrencyPolicy s, 4 suspend b?,
    5 jobTemplate JobTemplateSpec!, 6 successfulJobsHistoryLimit i?, 7 failedJobsHistoryLimit i?`,
  CronJobStatus: '1 active core.ObjectReference[], 4 lastScheduleTime Time?, 5 lastSuccessfulTime Time?',
  Job: '1 metadata meta.ObjectMeta, 2 spec JobSpec, 3 status JobStatus',
  JobCondition: `1 type s!, 2 status s!, 3 lastProbeTime Time, 4 lastTransitionTime Time, 5 reason s, 6 message s`,
  JobSpec: `1 parallelism i?, 2 completions i?, 3 activeDeadlineSeconds l?,
    11 podFailurePolicy PodFailurePolicy?, 16 successPolicy SuccessPolicy?, 7 backoffLimit i?,
    12 backoffLimitPerIndex i?, 13 maxFailedIndexes i?, 4 selector meta.LabelSelector?,
    5 manualSelector b?, 6 template core.PodTemplateSpec!, 8 ttlSecondsAfterFinished i?,
    9 completionMode s?, 10 suspend b?, 14 podReplacementPolicy s?, 15 managedBy s?`,
  JobStatus: `1 conditions JobCondition[], 2 startTime Time?, 3 completionTime Time?, 4 active i,
    5 succeeded i, 6 failed i, 11 terminating i?, 7 completedIndexes s, 10 failedIndexes s?,
    8 uncountedTerminatedPods UncountedTerminatedPods?, 9 ready i?`,
  JobTemplateSpec: '1 metadata meta.ObjectMeta, 2 spec JobSpec',
  PodFailurePolicy: '1 rules PodFailurePolicyRule[]!',
  PodFailurePolicyOnExitCodesRequirement: '1 containerName s?, 2 operator s!, 3 values i[]!',
  PodFailurePolicyOnPodConditionsPattern: '1 type s!, 2 status s!',
  PodFailurePolicyRule: `1 action s!, 2 onExitCodes PodFailurePolicyOnExitCodesRequirement?,
    3 onPodConditions PodFailurePolicyOnPodConditionsPattern[]`,
  SuccessPolicy: '1 rules SuccessPolicyRule[]!',
  SuccessPolicyRule: '1 succeededIndexes s?, 2 succeededCount i?',
  UncountedTerminatedPods: '1 succeeded s[], 2 failed s[]',
};
