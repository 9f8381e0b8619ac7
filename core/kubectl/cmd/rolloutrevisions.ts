/**
 * `kubectl rollout` for DaemonSets and StatefulSets, whose history is
 * ControllerRevisions holding the patch {spec:{template:{…, $patch:replace}}}
 * (kubectl pkg/polymorphichelpers: rollout_status.go daemonSetStatus and
 * statefulSetStatus, history.go printHistory, rollback.go DaemonSetRollbacker
 * and StatefulSetRollbacker). The history listing and printing are shared
 * with Deployments (rollout.ts), whose revisions are ReplicaSets.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import { resourcePath } from '../client.ts';
import type { Resource } from '../discovery.ts';
import type { Env } from '../env.ts';
import { listObjects, must, refName } from '../env.ts';
import { alignTabs, HISTORY_TABS } from '../tabwriter.ts';
import { usageError } from '../types.ts';
import { describeTemplate } from './podtemplate.ts';

export interface StatusStep {
  message: string;
  done: boolean;
  error?: string;
}

interface Strategy {
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
}
interface DaemonSetShape {
  spec?: Strategy;
  status?: {
    observedGeneration?: number;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}
interface StatefulSetShape {
  spec?: Strategy & { replicas?: number };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

const ONLY_ROLLING = 'error: rollout status is only available for RollingUpdate strategy type';

/** rollout_status.go DaemonSetStatusViewer. */
export function daemonSetStatus(ds: KubeObject): StatusStep {
  const { spec = {}, status: st = {} } = ds as DaemonSetShape;
  const name = ds.metadata.name ?? '';
  if (spec.updateStrategy?.type !== 'RollingUpdate') return { message: '', done: true, error: ONLY_ROLLING };
  if ((ds.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = st.desiredNumberScheduled ?? 0;
  const wait = (what: string) => ({
    message: `Waiting for daemon set "${name}" rollout to finish: ${what}...\n`,
    done: false,
  });
  if ((st.updatedNumberScheduled ?? 0) < desired)
    return wait(`${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated`);
  if ((st.numberAvailable ?? 0) < desired)
    return wait(`${st.numberAvailable ?? 0} of ${desired} updated pods are available`);
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}

/** rollout_status.go StatefulSetStatusViewer: a rollingUpdate block (the API defaults one) means partition wording. */
export function statefulSetStatus(sts: KubeObject): StatusStep {
  const { spec = {}, status: st = {} } = sts as StatefulSetShape;
  if (spec.updateStrategy?.type !== 'RollingUpdate') return { message: '', done: true, error: ONLY_ROLLING };
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = spec.replicas;
  if (replicas !== undefined && (st.readyReplicas ?? 0) < replicas)
    return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const updated = st.updatedReplicas ?? 0;
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru) {
    if (replicas !== undefined && ru.partition !== undefined && updated < replicas - ru.partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`,
        done: false,
      };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...\n`,
    done: true,
  };
}

/** Objects of `type` that the owner's selector (matchLabels) picks and that the owner controls. */
export function listControlled(env: Env, type: string, owner: KubeObject): KubeObject[] {
  const rt = env.discovery.resolve(type);
  if (!rt) return [];
  const spec = owner.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined;
  const selector = Object.entries(spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return must(listObjects(env, rt, { namespace: owner.metadata.namespace, labelSelector: selector })).filter((o) =>
    o.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === owner.metadata.uid),
  );
}

/** controlledHistory: the owner's ControllerRevisions, oldest revision first. */
function controlledHistory(env: Env, owner: KubeObject): KubeObject[] {
  return listControlled(env, 'controllerrevisions.apps', owner).sort((a, b) => revisionOf(a) - revisionOf(b));
}

const revisionOf = (r: KubeObject): number => (typeof r['revision'] === 'number' ? r['revision'] : 0);

/** The template a revision's replace patch puts back (applyDaemonSetHistory / applyStatefulSetHistory). */
function templateOf(revision: KubeObject): Record<string, unknown> {
  const data = revision['data'] as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _, ...template } = data?.spec?.template ?? {};
  return template;
}

/** getDaemonSetPatch / getStatefulSetPatch: the current template as a revision would store it. */
function currentPatch(owner: KubeObject): unknown {
  const template = (owner.spec as { template?: Record<string, unknown> }).template ?? {};
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** One entry of a rollout history: its revision number and the object that records it. */
export interface Revision {
  revision: number;
  holder: KubeObject;
}

/**
 * history.go printHistory: the REVISION / CHANGE-CAUSE table, or with --revision=N
 * the pod template `templateOf` reads from that revision's holder.
 */
export function printHistory(
  env: Env,
  r: Resource,
  owner: KubeObject,
  history: readonly Revision[],
  templateOf: (holder: KubeObject) => Record<string, unknown>,
): void {
  const ref = refName(r, owner.metadata.name ?? '');
  const wanted = env.flags.has('revision') ? env.flags.int('revision', 0) : 0;
  // An empty history says so before any revision is looked up.
  if (history.length === 0) {
    env.out.out(`${wanted > 0 ? `${ref} with revision #${wanted}` : `${ref} `}\nNo rollout history found.\n`);
    return;
  }
  if (wanted > 0) {
    const found = history.find((h) => h.revision === wanted);
    if (!found) throw usageError('unable to find the specified revision');
    env.out.out(`${ref} with revision #${wanted}\n${describeTemplate(templateOf(found.holder))}\n`);
    return;
  }
  const rows = history.map(
    (h) => `${h.revision}\t${h.holder.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`,
  );
  env.out.out(`${ref} \n${alignTabs(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, HISTORY_TABS)}\n`);
}

/** printHistory over ControllerRevisions; of two with the same revision number, the later one counts. */
export function revisionHistory(env: Env, r: Resource, owner: KubeObject): void {
  const byRevision = new Map(controlledHistory(env, owner).map((h) => [revisionOf(h), h]));
  const history = [...byRevision].map(([revision, holder]) => ({ revision, holder }));
  printHistory(env, r, owner, history, templateOf);
}

/** rollback.go for DaemonSets and StatefulSets: restore a revision's template with its own patch. */
export function revisionUndo(env: Env, r: Resource, owner: KubeObject): void {
  const toRevision = env.flags.int('to-revision', 0);
  const notFound = `unable to find specified revision ${toRevision} in history`;
  if (toRevision < 0) throw usageError(notFound);
  const history = controlledHistory(env, owner);
  if (toRevision === 0 && history.length <= 1) throw usageError('no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((h) => revisionOf(h) === toRevision);
  if (!target) throw usageError(notFound);
  const ref = refName(r, owner.metadata.name ?? '');
  if (deepEqual(currentPatch(owner), target['data'])) {
    env.out.out(`${ref} skipped rollback (current template already matches revision ${toRevision})\n`);
    return;
  }
  const reply = env.client.request('PATCH', resourcePath(r, owner.metadata.namespace, owner.metadata.name), {
    body: target['data'],
    contentType: 'application/strategic-merge-patch+json',
  });
  if (!reply.ok) throw usageError(`failed restoring revision ${toRevision}: ${reply.status.message ?? ''}`);
  env.out.out(`${ref} rolled back\n`);
}
