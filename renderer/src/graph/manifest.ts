/**
 * "Load into editor": an object as the learner would write it — without the
 * fields the cluster fills in (status, uid, resourceVersion,
 * creationTimestamp, managedFields, generation) — as YAML.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../../core/api/types.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SERVER_FIELDS = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/** A copy of `o` without the fields the server manages (the input is never changed). */
export function editable(o: KubeObject): Record<string, unknown> {
  const { status: _status, metadata, apiVersion, kind, ...rest } = o;
  const meta: Record<string, unknown> = { ...metadata };
  for (const f of SERVER_FIELDS) delete meta[f];
  const annotations = { ...(metadata.annotations ?? {}) };
  // kubectl's own bookkeeping: it would only confuse the next apply.
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length) meta['annotations'] = annotations;
  else delete meta['annotations'];
  return { apiVersion, kind, metadata: meta, ...rest };
}

export function manifestYaml(o: KubeObject): string {
  return stringify(editable(o), { lineWidth: 0 });
}

/** The editor tab's title: `web.yaml`, `pod-web-7d9f-x.yaml` for kinds other than the obvious. */
export function manifestTitle(o: KubeObject): string {
  return `${o.kind.toLowerCase()}-${o.metadata.name ?? 'object'}.yaml`;
}
