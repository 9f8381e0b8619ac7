/**
 * The default profile (apis/config/v1/default_plugins.go): filters in their
 * upstream order and score plugins with their weights. Volume plugins other
 * than the VolumeBinding slot are not simulated.
 */
import type { FilterPlugin, ScorePlugin } from '../framework.ts';
import { imageLocalityScore } from './imageLocality.ts';
import { interPodAffinityFilter } from './interPodAffinity.ts';
import { interPodAffinityScore } from './interPodAffinityScore.ts';
import { nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity.ts';
import { nodeName } from './nodeName.ts';
import { nodePorts } from './nodePorts.ts';
import { balancedAllocationScore, leastAllocatedScore, nodeResourcesFitFilter } from './nodeResourcesFit.ts';
import { nodeUnschedulable } from './nodeUnschedulable.ts';
import { podTopologySpreadFilter } from './podTopologySpread.ts';
import { podTopologySpreadScore } from './podTopologySpreadScore.ts';
import { taintTolerationFilter, taintTolerationScore } from './taintToleration.ts';
import { volumeBinding } from './volumeBinding.ts';

/** A scheduling profile: which plugins run, in which order. */
export interface Profile {
  readonly filters: readonly FilterPlugin[];
  readonly scorers: readonly ScorePlugin[];
}

export const DEFAULT_PROFILE: Profile = {
  filters: [
    nodeUnschedulable,
    nodeName,
    taintTolerationFilter,
    nodeAffinityFilter,
    nodePorts,
    nodeResourcesFitFilter,
    volumeBinding,
    podTopologySpreadFilter,
    interPodAffinityFilter,
  ],
  scorers: [
    taintTolerationScore,
    nodeAffinityScore,
    leastAllocatedScore,
    podTopologySpreadScore,
    interPodAffinityScore,
    balancedAllocationScore,
    imageLocalityScore,
  ],
};
