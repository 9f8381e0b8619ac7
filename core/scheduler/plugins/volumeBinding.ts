/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): PreFilter refuses a
 * pod whose claim is missing, being deleted, or unbound with Immediate binding; Filter
 * checks per node that each bound claim's volume may be used there (its nodeAffinity)
 * and that each WaitForFirstConsumer claim can be satisfied there — by an Available
 * volume that fits and may live on the node, or by provisioning (the class's
 * allowedTopologies admit the node). `claimsToSelect` is PreBind's half: the claims that
 * get `volume.kubernetes.io/selected-node` once the pod is placed.
 * Simplification: each delayed claim is matched on its own (upstream keeps two claims
 * from taking the same volume in one pod).
 */
import type { KubeObject } from '../../api/types.ts';
import { findMatchingVolume, nodeAffinityMatches } from '../../controllers/volume/matching.ts';
import { ANN_SELECTED_NODE, claimClass, claimSpec } from '../../controllers/volume/util.ts';
import type { StorageClass } from '../../controllers/volume/util.ts';
import type { SchedulerCache } from '../cache.ts';
import type { FilterPlugin, Status } from '../framework.ts';
import { SKIP, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';

const NAME = 'VolumeBinding';

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
const NODE_CONFLICT = status(NAME, 'UnschedulableAndUnresolvable', 'node(s) had volume node affinity conflict');
const BIND_CONFLICT = status(
  NAME,
  'UnschedulableAndUnresolvable',
  "node(s) didn't find available persistent volumes to bind",
);
const PV_NOT_EXIST = status(
  NAME,
  'UnschedulableAndUnresolvable',
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
);

interface VolumeLike {
  persistentVolumeClaim?: { claimName?: string };
}

function claimNames(pod: KubeObject): string[] {
  return ((pod.spec as { volumes?: VolumeLike[] } | undefined)?.volumes ?? [])
    .map((v) => v.persistentVolumeClaim?.claimName ?? '')
    .filter((n) => n !== '');
}

const phase = (o: KubeObject): string => (o.status as { phase?: string } | undefined)?.phase ?? 'Pending';

function isDelayed(claim: KubeObject, cache: SchedulerCache): boolean {
  const name = claimClass(claim);
  const sc = name ? (cache.storageClass(name) as StorageClass | undefined) : undefined;
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}

export const volumeBinding: FilterPlugin = {
  name: NAME,
  preFilter: (pod, cache) => {
    const names = claimNames(pod.pod);
    if (names.length === 0) return SKIP;
    const ns = pod.pod.metadata.namespace ?? 'default';
    const bound: KubeObject[] = [];
    const delayed: KubeObject[] = [];
    let immediate = false;
    for (const name of names) {
      const claim = cache.claim(ns, name);
      if (!claim) return status(NAME, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" not found`);
      if (claim.metadata.deletionTimestamp)
        return status(NAME, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" is being deleted`);
      if (phase(claim) === 'Bound' && claimSpec(claim).volumeName) bound.push(claim);
      else if (isDelayed(claim, cache)) delayed.push(claim);
      else immediate = true;
    }
    if (immediate) return status(NAME, 'UnschedulableAndUnresolvable', ERR_UNBOUND_IMMEDIATE);
    return { filter: (node) => filterNode(node, bound, delayed, cache) };
  },
};

function filterNode(node: NodeInfo, bound: KubeObject[], delayed: KubeObject[], cache: SchedulerCache): Status | null {
  const target = { name: node.name, labels: node.labels };
  for (const claim of bound) {
    const pv = cache.persistentVolume(claimSpec(claim).volumeName ?? '');
    if (!pv) return PV_NOT_EXIST;
    if (!nodeAffinityMatches(pv, target)) return NODE_CONFLICT;
  }
  for (const claim of delayed) {
    if (findMatchingVolume(claim, cache.persistentVolumes(), target, true)) continue;
    if (!canProvision(claim, node, cache)) return BIND_CONFLICT;
  }
  return null;
}

/** checkVolumeProvisions: a class with a real provisioner whose allowedTopologies admit the node. */
function canProvision(claim: KubeObject, node: NodeInfo, cache: SchedulerCache): boolean {
  const sc = cache.storageClass(claimClass(claim)) as StorageClass | undefined;
  if (!sc?.provisioner || sc.provisioner === 'kubernetes.io/no-provisioner') return false;
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  // MatchTopologySelectorTerms: any term whose every expression holds.
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => (e.values ?? []).includes(node.labels[e.key] ?? '\u0000')),
  );
}

/**
 * PreBind: the pod's delayed claims that are still unbound get the chosen node as
 * `volume.kubernetes.io/selected-node`, which the binder and the provisioner act on.
 */
export function claimsToSelect(pod: KubeObject, nodeName: string, cache: SchedulerCache): KubeObject[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: KubeObject[] = [];
  for (const name of claimNames(pod)) {
    const claim = cache.claim(ns, name);
    if (!claim || claimSpec(claim).volumeName || !isDelayed(claim, cache)) continue;
    if (claim.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName) out.push(claim);
  }
  return out;
}
