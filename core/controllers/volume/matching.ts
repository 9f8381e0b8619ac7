/**
 * Matching claims to volumes, pure (FindMatchingVolume in
 * pkg/volume/util/persistentvolume and checkVolumeSatisfyClaim in
 * pkg/controller/volume/persistentvolume/pv_controller.go): the smallest
 * Available volume that is big enough, offers every access mode the claim
 * asks, has the claim's class and volumeMode, matches its selector and (on the
 * scheduler's path) the node's labels. A volume whose claimRef names the claim
 * is taken as is. `whyNot` says in words why one volume does not fit, for the
 * lab's "Why" (explain).
 */
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import type { KubeObject } from '../../api/types.ts';
import { formatQuantity } from '../../api/validation/quantity.ts';
import { compileNodeSelectorTerms, nodeSelectorTermsMatch } from '../../scheduler/labels.ts';
import {
  claimClass,
  claimRefKey,
  claimRequest,
  claimSpec,
  isVolumeBoundToClaim,
  phaseOf,
  volumeCapacity,
  volumeClass,
  volumeSpec,
} from './util.ts';

/** The node a claim is being bound for (scheduler path): its name and labels. */
export interface NodeTarget {
  name: string;
  labels: Record<string, string>;
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function hasAccessModes(claim: KubeObject, volume: KubeObject): boolean {
  const offered = volumeSpec(volume).accessModes ?? [];
  return (claimSpec(claim).accessModes ?? []).every((m) => offered.includes(m));
}

/** CheckVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMatches(claim: KubeObject, volume: KubeObject): boolean {
  return (claimSpec(claim).volumeMode ?? 'Filesystem') === (volumeSpec(volume).volumeMode ?? 'Filesystem');
}

/** CheckNodeAffinity: a volume without required node affinity fits every node. */
export function nodeAffinityMatches(volume: KubeObject, node: NodeTarget): boolean {
  const terms = volumeSpec(volume).nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return nodeSelectorTermsMatch(compileNodeSelectorTerms(terms), node.labels, node.name);
}

function selectorMatches(claim: KubeObject, volume: KubeObject): boolean {
  const selector = claimSpec(claim).selector as LabelSelector | undefined;
  // A claim without a selector takes any volume (upstream skips the check when it is nil).
  if (!selector) return true;
  return labelSelectorMatcher(selector)(volume.metadata.labels ?? {});
}

const size = (v: KubeObject): bigint => volumeCapacity(v)?.nano ?? 0n;

/**
 * findBestMatchForClaim. `delayBinding` (WaitForFirstConsumer without a chosen
 * node): only a volume pre-bound to the claim is returned; the scheduler picks the rest.
 */
export function findMatchingVolume(
  claim: KubeObject,
  volumes: Iterable<KubeObject>,
  node: NodeTarget | undefined,
  delayBinding: boolean,
): KubeObject | undefined {
  const requested = claimRequest(claim)?.nano ?? 0n;
  let smallest: KubeObject | undefined;
  for (const v of [...volumes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    if (!volumeModeMatches(claim, v) || v.metadata.deletionTimestamp) continue;
    const affinityOk = !node || nodeAffinityMatches(v, node);
    if (isVolumeBoundToClaim(v, claim)) return affinityOk ? v : undefined;
    if (!node && delayBinding) continue;
    if (phaseOf(v) !== 'Available' || volumeSpec(v).claimRef) continue;
    if (!selectorMatches(claim, v) || volumeClass(v) !== claimClass(claim) || !affinityOk) continue;
    if (!hasAccessModes(claim, v)) continue;
    if (size(v) >= requested && (!smallest || size(smallest) > size(v))) smallest = v;
  }
  return smallest;
}

/**
 * checkVolumeSatisfyClaim, for a claim that names its volume (spec.volumeName):
 * upstream's reason, or undefined when the volume fits.
 */
export function checkVolumeSatisfyClaim(volume: KubeObject, claim: KubeObject): string | undefined {
  const requested = claimRequest(claim)?.nano ?? 0n;
  if (requested > size(volume)) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (!volumeModeMatches(claim, volume)) return 'incompatible volumeMode';
  if (!hasAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

const qty = (o: KubeObject, pick: (o: KubeObject) => ReturnType<typeof claimRequest>): string => {
  const q = pick(o);
  return q ? formatQuantity(q) : '0';
};

/** Why one volume cannot take this claim, in a learner's words; undefined when it could. */
export function whyNot(claim: KubeObject, volume: KubeObject): string | undefined {
  const spec = volumeSpec(volume);
  if (volume.metadata.deletionTimestamp) return 'being deleted';
  if (isVolumeBoundToClaim(volume, claim)) return undefined;
  if (spec.claimRef) {
    const ref = claimRefKey(spec.claimRef);
    return phaseOf(volume) === 'Released'
      ? `Released (still holds claimRef ${ref}; remove it to reuse the volume)`
      : `already bound to ${ref}`;
  }
  if (phaseOf(volume) !== 'Available') return `phase ${phaseOf(volume) || 'Pending'}, not Available`;
  if (volumeClass(volume) !== claimClass(claim))
    return `storageClassName ${volumeClass(volume) || '""'} ≠ ${claimClass(claim) || '""'}`;
  if (!volumeModeMatches(claim, volume))
    return `volumeMode ${spec.volumeMode ?? 'Filesystem'} ≠ ${claimSpec(claim).volumeMode ?? 'Filesystem'}`;
  if (!hasAccessModes(claim, volume))
    return `access modes [${(spec.accessModes ?? []).join(', ')}] lack ${(claimSpec(claim).accessModes ?? [])
      .filter((m) => !(spec.accessModes ?? []).includes(m))
      .join(', ')}`;
  if (!selectorMatches(claim, volume)) return 'labels do not match the claim’s selector';
  if (size(volume) < (claimRequest(claim)?.nano ?? 0n))
    return `too small (${qty(volume, volumeCapacity)} < ${qty(claim, claimRequest)})`;
  return undefined;
}
