/**
 * All message tables by package alias, and which alias each apiVersion uses.
 * Type names inside a table are relative to its package; other packages are
 * written `alias.Name` (e.g. `meta.ObjectMeta`, `core.PodTemplateSpec`).
 */
import { meta } from './meta.ts';
import { corePod } from './core-pod.ts';
import { coreVolumes } from './core-volumes.ts';
import { coreObjects } from './core-objects.ts';
import { apps, batch } from './workloads.ts';
import { rbac, authentication, authorization } from './access.ts';
import { networking, policy, scheduling } from './networking.ts';
import { autoscalingV1, autoscalingV2 } from './autoscaling.ts';

/** Package alias → message name → field spec. */
export const TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  meta,
  core: { ...corePod, ...coreVolumes, ...coreObjects },
  apps,
  batch,
  rbac,
  networking,
  policy,
  scheduling,
  autoscalingV1,
  autoscalingV2,
  authentication,
  authorization,
};

/** `apiVersion` of a body → package alias of its messages. */
export const API_VERSIONS: Readonly<Record<string, string>> = {
  v1: 'core',
  'apps/v1': 'apps',
  'batch/v1': 'batch',
  'rbac.authorization.k8s.io/v1': 'rbac',
  'networking.k8s.io/v1': 'networking',
  'policy/v1': 'policy',
  'scheduling.k8s.io/v1': 'scheduling',
  'autoscaling/v1': 'autoscalingV1',
  'autoscaling/v2': 'autoscalingV2',
  'authentication.k8s.io/v1': 'authentication',
  'authorization.k8s.io/v1': 'authorization',
};
