/**
 * References between objects by name, and the keys they resolve to. A key is
 * `keyOf` of the target (`/ConfigMap/default/app-config`), so a reference can
 * be checked against the mirror without knowing whether the target exists.
 */
import { keyOf } from '../lib/cluster/reducer.ts';
import type { EdgeType, Translate } from './types.ts';

/** A reference by name to another object; drawn dangling to a placeholder when the target is missing. */
export interface OutRef {
  target: string;
  type: EdgeType;
  reason: string;
  /** Placeholder label and explanation when the target does not exist; absent for optional references. */
  missing?: Missing;
}

export interface Missing {
  kind: string;
  name: string;
  detail: string;
}

/** Kinds whose objects have no namespace (their keys have an empty namespace part). */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Node',
  'PersistentVolume',
  'StorageClass',
  'Namespace',
  'ClusterRole',
  'IngressClass',
]);

export function refKey(apiVersion: string, kind: string, namespace: string, name: string): string {
  return keyOf({ apiVersion, kind, metadata: { namespace: CLUSTER_SCOPED.has(kind) ? '' : namespace, name } });
}

/** The placeholder for a missing target: "ConfigMap "app-config" not found in namespace default". */
export function missingRef(t: Translate, kind: string, namespace: string, name: string): Missing {
  const detail = namespace
    ? t('graph.missing.namespaced', { kind, name, namespace })
    : t('graph.missing.cluster', { kind, name });
  return { kind, name, detail };
}
