/**
 * StatefulSet controller: keeps pods `<set>-0..n-1` with stable names,
 * hostnames (`spec.hostname`/`spec.subdomain` for the headless Service) and
 * claims `<template>-<set>-<n>`, created in order (OrderedReady) or all at once
 * (Parallel), rolled to new ControllerRevisions from the highest ordinal down.
 * Mirrors pkg/controller/statefulset (stateful_set.go, stateful_set_control.go,
 * stateful_pod_control.go, stateful_set_utils.go). One step per pass:
 * adopt/release, then revisions, then pods and claims, with status each time.
 * Simplifications: revisions are adopted but never released; no
 * maxUnavailable for rolling updates (the MaxUnavailableStatefulSet gate is
 * off in v1.33); a pod whose volumes no longer match its claims is left alone
 * (pod specs are immutable, upstream's update would fail).
 */
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { isPodAvailable, isPodReady, podConditions } from '../podutil.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { keyOf, ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { adoptersOf, claimOrphansAndStrays, membersOf } from './adoption.ts';
import { updateStatefulSet } from './control.ts';
import type { Slot } from './control.ts';
import { claimName, inOrdinalRange, ordinalOf, ordinalRange, specOf } from './identity.ts';
import { resolveRevisions, truncateHistory } from './revisions.ts';
import { computeStatus, statusAction } from './status.ts';

const NAME = 'statefulset-controller';
const owners = ownerOfKind('StatefulSet');

export class StatefulSetController implements Controller {
  readonly name = NAME;
  readonly watches;

  constructor(private readonly view: ClusterView) {
    this.watches = [
      { resource: R.statefulSets, keys: self },
      { resource: R.pods, keys: (e: StoreEvent) => this.setsOfPod(e) },
      { resource: R.controllerRevisions, keys: owners },
      { resource: R.pvcs, keys: (e: StoreEvent) => this.setsClaiming(e.object) },
    ];
  }

  /** The controlling set, or for an orphan the sets that would adopt it. */
  private setsOfPod(e: StoreEvent): string[] {
    return [...new Set([...owners(e), ...adoptersOf(this.view, e.object).map(keyOf)])];
  }

  /** A claim matters to the sets whose templates name it (a stale claim going away lets a pod be created). */
  private setsClaiming(claim: KubeObject): string[] {
    const name = claim.metadata.name ?? '';
    return this.view
      .list(R.statefulSets, claim.metadata.namespace)
      .filter((set) =>
        (specOf(set).volumeClaimTemplates ?? []).some((t) =>
          new RegExp(`^${escape(claimName(set, t, 0).slice(0, -1))}[0-9]+$`).test(name),
        ),
      )
      .map(keyOf);
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const set = view.get(R.statefulSets, namespace, name);
    if (!set) return [];
    const claimed = claimOrphansAndStrays(view, set);
    if (claimed.length) return claimed;
    const revs = resolveRevisions(view, set);
    if (Array.isArray(revs)) return revs;
    const now = view.now();
    const pods = membersOf(view, set);
    const steps = set.metadata.deletionTimestamp
      ? []
      : updateStatefulSet({
          set,
          spec: specOf(set),
          revs,
          now,
          ...partition(set, pods),
          claim: (claim) => view.get(R.pvcs, set.metadata.namespace, claim),
        });
    const status = statusAction(set, computeStatus(set, pods, revs, now));
    const history = steps.length ? [] : truncateHistory(set, pods, revs);
    return [...steps, ...status, ...history, ...availabilityRequeue(set, pods, now)];
  }
}

/** Pods into ordinal slots in range, and condemned ones outside it (highest first). */
function partition(set: KubeObject, pods: KubeObject[]): { replicas: Slot[]; condemned: KubeObject[] } {
  const [start, end] = ordinalRange(set);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(p), p]));
  const replicas: Slot[] = [];
  for (let ord = start; ord <= end; ord++) replicas.push({ ordinal: ord, pod: byOrdinal.get(ord) });
  const condemned = pods
    .filter((p) => !inOrdinalRange(set, p) && ordinalOf(p) >= 0)
    .sort((a, b) => ordinalOf(b) - ordinalOf(a));
  return { replicas, condemned };
}

/** With minReadySeconds, look again when the next ready pod becomes available. */
function availabilityRequeue(set: KubeObject, pods: KubeObject[], now: number): Action[] {
  const minReady = specOf(set).minReadySeconds ?? 0;
  if (!minReady) return [];
  let next = Infinity;
  for (const p of pods) {
    if (!isPodReady(p) || isPodAvailable(p, minReady, now)) continue;
    const since = podConditions(p).find((c) => c.type === 'Ready')?.lastTransitionTime;
    next = Math.min(next, (since ? Date.parse(since) : now) + minReady * 1000 - now);
  }
  return next === Infinity ? [] : [{ type: 'requeueAfter', ms: Math.max(1, next) }];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
