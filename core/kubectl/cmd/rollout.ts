/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for
 * Deployments, DaemonSets and StatefulSets (kubectl `pkg/polymorphichelpers`:
 * rollout_status.go, history.go, rollback.go, objectpauser.go,
 * objectrestarter.go; `pkg/cmd/rollout`). Deployment history lives in
 * ReplicaSets (here); DaemonSet and StatefulSet history in
 * ControllerRevisions (rolloutrevisions.ts). `status` prints the current
 * state; with a context stream it keeps following the rollout until it
 * completes, as `-w` does.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { resourcePath } from '../client.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { getObject, must, refName } from '../env.ts';
import { selectResources } from '../resources.ts';
import { CommandError, usageError } from '../types.ts';
import { equalIgnoreHash } from './podtemplate.ts';
import {
  daemonSetStatus,
  listControlled,
  printHistory,
  revisionHistory,
  revisionUndo,
  statefulSetStatus,
} from './rolloutrevisions.ts';
import type { Revision, StatusStep } from './rolloutrevisions.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [
    { name: 'revision', type: 'int' },
    { name: 'to-revision', type: 'int' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(env) {
    const [sub, ...rest] = env.flags.args;
    const action = sub === undefined ? undefined : ACTIONS[sub];
    if (!action)
      throw usageError(
        sub === undefined ? 'Required resource not specified.' : `unknown command "${sub}" for "kubectl rollout"`,
      );
    const selections = selectResources(env, rest);
    if (selections.length === 0) throw usageError(`required resource not specified`);
    for (const sel of selections) {
      const kind = KINDS[sel.resource.plural];
      if (!kind || sel.resource.group !== 'apps')
        throw usageError(
          `no ${sub} viewer has been implemented for ${sel.resource.kind.toLowerCase()} in the KubeLab terminal`,
        );
      for (const name of sel.names) action(env, sel.resource, must(getObject(env, sel.resource, name)), kind);
    }
  },
};

type Action = (env: Env, r: Resource, obj: KubeObject, kind: Kind) => void;

/** What differs per kind: how status reads, and whether history lives in ReplicaSets or ControllerRevisions. */
interface Kind {
  status: (obj: KubeObject) => StatusStep;
  history: (env: Env, r: Resource, obj: KubeObject) => void;
  undo: (env: Env, r: Resource, obj: KubeObject) => void;
  deployment: boolean;
}

const KINDS: Record<string, Kind | undefined> = {
  deployments: { status: rolloutStatus, history, undo, deployment: true },
  daemonsets: { status: daemonSetStatus, history: revisionHistory, undo: revisionUndo, deployment: false },
  statefulsets: { status: statefulSetStatus, history: revisionHistory, undo: revisionUndo, deployment: false },
};

const ACTIONS: Record<string, Action | undefined> = {
  status,
  history: (env, r, obj, kind) => kind.history(env, r, obj),
  undo: (env, r, obj, kind) => kind.undo(env, r, obj),
  restart,
  pause,
  resume,
};

/** `deployments.apps "web"`, how the pause/resume/restart errors name an object. */
function resourceString(r: Resource, obj: KubeObject): string {
  return `${r.plural}${r.group ? `.${r.group}` : ''} "${obj.metadata.name ?? ''}"`;
}

interface DeploymentShape {
  spec?: {
    replicas?: number;
    paused?: boolean;
    template?: Record<string, unknown>;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; reason?: string }[];
  };
}

/** One step of rollout_status.go: the message, whether done, or an error. */
export function rolloutStatus(d: KubeObject): StatusStep {
  const { spec = {}, status: st = {} } = d as DeploymentShape;
  const name = d.metadata.name ?? '';
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { message: '', done: false, error: `error: deployment "${name}" exceeded its progress deadline` };
  const want = spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const wait = (what: string) => ({
    message: `Waiting for deployment "${name}" rollout to finish: ${what}...\n`,
    done: false,
  });
  if (updated < want) return wait(`${updated} out of ${want} new replicas have been updated`);
  if ((st.replicas ?? 0) > updated) return wait(`${(st.replicas ?? 0) - updated} old replicas are pending termination`);
  if ((st.availableReplicas ?? 0) < updated)
    return wait(`${st.availableReplicas ?? 0} of ${updated} updated replicas are available`);
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

function status(env: Env, r: Resource, obj: KubeObject, kind: Kind): void {
  const first = kind.status(obj);
  if (first.error) throw new CommandError(first.error);
  env.out.out(first.message);
  const stream = env.ctx.stream;
  const watch = !env.flags.has('watch') || env.flags.bool('watch');
  if (first.done || !stream || !watch) return;
  env.pending = true;
  let last = first.message;
  const name = obj.metadata.name ?? '';
  const stop = env.client.server.cluster.onSettled(() => {
    const reply = getObject(env, r, name);
    if (!reply.ok)
      return finish(`Error from server (${reply.status.reason ?? ''}): ${reply.status.message ?? ''}\n`, 1);
    const next = kind.status(reply.value);
    if (next.error) return finish(`${next.error}\n`, 1);
    if (next.message !== last) stream.stdout(next.message);
    last = next.message;
    if (next.done) finish('', 0);
  });
  function finish(err: string, code: number): void {
    stop();
    if (err) stream?.stderr(err);
    stream?.exit(code);
  }
}

/** The ReplicaSets a Deployment controls, with their revisions, oldest first. */
function ownedReplicaSets(env: Env, d: KubeObject): Revision[] {
  return listControlled(env, 'replicasets.apps', d)
    .map((rs) => ({ holder: rs, revision: Number(rs.metadata.annotations?.[REVISION] ?? NaN) }))
    .filter((x) => Number.isInteger(x.revision))
    .sort((a, b) => a.revision - b.revision);
}

const templateOf = (rs: KubeObject): Record<string, unknown> =>
  (rs.spec as { template?: Record<string, unknown> } | undefined)?.template ?? {};

function history(env: Env, r: Resource, d: KubeObject): void {
  printHistory(env, r, d, ownedReplicaSets(env, d), templateOf);
}

function undo(env: Env, r: Resource, d: KubeObject): void {
  const toRevision = env.flags.int('to-revision', 0);
  const target = revisionToRollBack(d, ownedReplicaSets(env, d), toRevision);
  const ref = refName(r, d.metadata.name ?? '');
  if ((d as DeploymentShape).spec?.paused) {
    throw usageError(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
    );
  }
  const template = structuredCopy(templateOf(target));
  if (equalIgnoreHash(template, (d as DeploymentShape).spec?.template ?? {})) {
    env.out.out(`${ref} skipped rollback (current template already matches revision ${toRevision})\n`);
    return;
  }
  const labels = (template.metadata as { labels?: Record<string, string> } | undefined)?.labels;
  if (labels) delete labels['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  must(
    env.client.request('PATCH', resourcePath(r, d.metadata.namespace, d.metadata.name), {
      body: patch,
      contentType: 'application/json-patch+json',
    }),
  );
  env.out.out(`${ref} rolled back\n`);
}

/** rollback.go deploymentRevision: the revision asked for, or the second newest. */
function revisionToRollBack(d: KubeObject, owned: Revision[], toRevision: number): KubeObject {
  if (toRevision > 0) {
    const found = owned.find((x) => x.revision === toRevision);
    if (!found) throw usageError(`unable to find specified revision ${toRevision} in history`);
    return found.holder;
  }
  const previous = owned[owned.length - 2];
  if (!previous) throw usageError(`no rollout history found for deployment "${d.metadata.name ?? ''}"`);
  return previous.holder;
}

const structuredCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function strategicPatch(env: Env, r: Resource, d: KubeObject, body: unknown, manager: string): void {
  must(
    env.client.request('PATCH', resourcePath(r, d.metadata.namespace, d.metadata.name), {
      query: { fieldManager: manager },
      body,
      contentType: 'application/strategic-merge-patch+json',
    }),
  );
}

/** objectrestarter.go: a paused Deployment refuses; DaemonSets and StatefulSets restart the same way. */
function restart(env: Env, r: Resource, obj: KubeObject, kind: Kind): void {
  if (kind.deployment && (obj as DeploymentShape).spec?.paused)
    throw usageError(`${resourceString(r, obj)} can't restart paused deployment (run rollout resume first)`);
  const at = isoSeconds(env.client.now());
  strategicPatch(
    env,
    r,
    obj,
    { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } },
    'kubectl-rollout',
  );
  env.out.out(`${refName(r, obj.metadata.name ?? '')} restarted\n`);
}

/** objectpauser.go: only Deployments pause. */
function pause(env: Env, r: Resource, obj: KubeObject, kind: Kind): void {
  if (!kind.deployment) throw usageError(`${resourceString(r, obj)} pausing is not supported`);
  if ((obj as DeploymentShape).spec?.paused) throw usageError(`${resourceString(r, obj)} is already paused`);
  strategicPatch(env, r, obj, { spec: { paused: true } }, 'kubectl-rollout');
  env.out.out(`${refName(r, obj.metadata.name ?? '')} paused\n`);
}

/** objectresumer.go: only Deployments resume. */
function resume(env: Env, r: Resource, obj: KubeObject, kind: Kind): void {
  if (!kind.deployment) throw usageError(`${resourceString(r, obj)} resuming is not supported`);
  if (!(obj as DeploymentShape).spec?.paused) throw usageError(`${resourceString(r, obj)} is not paused`);
  strategicPatch(env, r, obj, { spec: { paused: null } }, 'kubectl-rollout');
  env.out.out(`${refName(r, obj.metadata.name ?? '')} resumed\n`);
}
