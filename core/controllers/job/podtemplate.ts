/**
 * A Job's pod from its template (manageJob's pod creation in
 * job_controller.go): the tracking finalizer, the controller reference, and
 * in Indexed mode the completion index as annotation, label, hostname and the
 * JOB_COMPLETION_INDEX environment variable.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../util/json.ts';
import { newControllerRef } from '../runtime/types.ts';
import { COMPLETION_INDEX, withCompletionIndexEnv } from './indexed.ts';
import type { JobSpec } from './pods.ts';
import { TRACKING_FINALIZER } from './pods.ts';

export function newJobPod(
  job: KubeObject,
  spec: JobSpec,
  name: string,
  generateName: string,
  index: number | undefined,
): KubeObject {
  const template = deepClone(spec.template ?? {});
  const podSpec = template.spec ?? {};
  const meta = template.metadata ?? {};
  const labels = { ...(meta.labels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}) };
  if (index !== undefined) {
    withCompletionIndexEnv(podSpec);
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    podSpec['hostname'] = `${job.metadata.name}-${index}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      name,
      generateName,
      namespace: job.metadata.namespace ?? 'default',
      finalizers: [...(meta.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER), TRACKING_FINALIZER],
      ownerReferences: [newControllerRef(job, 'batch/v1', 'Job')],
    },
    spec: podSpec,
  };
}
