/**
 * Subresources: scale, binding, eviction, log, ephemeralcontainers,
 * serviceaccount tokens. status is handled by crud with `subresource`.
 */
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Status } from '../api/types.ts';
import type { Actor } from '../api/trace.ts';
import type { LabelSelector } from '../api/selectors/index.ts';
import { labelSelectorMatcher } from '../api/selectors/index.ts';
import { isPodReady } from '../controllers/podutil.ts';
import { isObject } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { selectorToString } from './selectors.ts';
import { R } from '../controllers/resources.ts';
import { isoSeconds } from '../clock/clock.ts';
import { TOKEN_AUDIENCE, serviceAccountJwt } from '../api/tokens.ts';
import { patched, type Who } from './crud.ts';
import { readBody } from './body.ts';
import { podLogs } from './logs.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q } from './types.ts';

function scaleOf(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const st = (obj.status ?? {}) as { replicas?: number };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: st.replicas ?? 0,
      selector: selectorToString(spec.selector as Parameters<typeof selectorToString>[0]),
    },
  };
}

export function scale(
  cluster: Cluster,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  who: Who,
): ApiResponse {
  const api = cluster.api;
  const live = api.get(rt, ns, name);
  if (!live.ok) return json(live.status.code, live.status);
  if (req.method === 'GET') return json(200, scaleOf(live.value));
  let desired: KubeObject;
  if (req.method === 'PATCH') {
    const p = patched(api, req, R.deployments, scaleOf(live.value));
    if (!p.ok) return json(p.status.code, p.status);
    desired = p.value;
  } else {
    const body = readBody(req);
    if (!body.ok) return json(body.status.code, body.status);
    desired = body.value as KubeObject;
  }
  const replicas = (desired.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    return json(
      422,
      status.invalid('Scale', 'autoscaling', name, [
        status.cause.invalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
      ]),
    );
  }
  const r = api.mutate(rt, ns, name, (o) => ((o.spec as { replicas?: number }).replicas = replicas), {
    actor: {
      component: who.component,
      reason: `${who.component} scaled ${rt.kind.toLowerCase()} ${name} to ${replicas}`,
    },
    fieldValidation: 'Ignore',
    dryRun: q(req, 'dryRun') === 'All',
  });
  return r.ok ? json(200, scaleOf(r.value.object)) : json(r.status.code, r.status);
}

export function binding(cluster: Cluster, req: ApiRequest, ns: string, name: string, who: Who): ApiResponse {
  const body = readBody(req);
  if (!body.ok) return json(body.status.code, body.status);
  const target = isObject(body.value) ? ((body.value.target as { name?: string } | undefined)?.name ?? '') : '';
  const r = cluster.api.bind(R.pods, ns, name, target, {
    component: who.component,
    reason: `${who.component} bound pod ${name} to ${target}`,
  });
  return r.ok ? json(201, status.success()) : json(r.status.code, r.status);
}

/**
 * pods/eviction (pkg/registry/core/pod/storage/eviction.go): a pod that is
 * Pending, finished or already being deleted goes at once; otherwise the one
 * PodDisruptionBudget selecting it must allow a disruption, which the eviction
 * spends (disruptionsAllowed - 1, the pod in disruptedPods) before the pod is
 * given the DisruptionTarget condition and deleted. A refusal is a 429.
 */
export function eviction(cluster: Cluster, ns: string, name: string, who: Who, req?: ApiRequest): ApiResponse {
  const api = cluster.api;
  const body = req?.body?.length ? readBody(req) : undefined;
  const ev = body?.ok && isObject(body.value) ? body.value : {};
  const evName = (ev.metadata as { name?: string } | undefined)?.name;
  if (evName !== undefined && evName !== name)
    return json(400, status.badRequest('name in URL does not match name in Eviction object'));
  const opts = (ev.deleteOptions ?? {}) as { gracePeriodSeconds?: number; dryRun?: string[] };
  const dryRun = (req && q(req, 'dryRun') === 'All') || !!opts.dryRun?.includes('All');
  const pod = api.peek(R.pods, ns, name);
  if (!pod) return json(404, status.notFound('pods', '', name));
  const actor = { component: who.component, reason: `${who.component} evicted pod ${name}` };
  if (!canIgnorePDB(pod)) {
    const refusal = spendBudget(cluster, pod, dryRun, actor);
    if (refusal) return json(refusal.code, refusal);
  }
  if (dryRun) return json(201, status.success());
  markDisruptionTarget(cluster, pod, actor);
  const r = api.delete(R.pods, ns, name, {
    actor,
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
  });
  return r.ok ? json(201, status.success()) : json(r.status.code, r.status);
}

function canIgnorePDB(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return !!pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending';
}

interface BudgetStatus {
  observedGeneration?: number;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  disruptedPods?: Record<string, string>;
  conditions?: { type: string; status: string; reason: string; lastTransitionTime: string }[];
}

/** The PDB check (checkAndDecrement): a Status to refuse with, or undefined once the budget is spent. */
function spendBudget(cluster: Cluster, pod: KubeObject, dryRun: boolean, actor: Actor): Status | undefined {
  const api = cluster.api;
  const labels = pod.metadata.labels ?? {};
  const pdbs = api.list(R.podDisruptionBudgets, pod.metadata.namespace).items.filter((b) => {
    const sel = (b.spec as { selector?: LabelSelector } | undefined)?.selector;
    return !!sel && labelSelectorMatcher(sel)(labels);
  });
  if (pdbs.length > 1)
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: MORE_THAN_ONE, code: 500 };
  const pdb = pdbs[0];
  if (!pdb) return undefined;
  const st = (pdb.status ?? {}) as BudgetStatus;
  const policy = (pdb.spec as { unhealthyPodEvictionPolicy?: string } | undefined)?.unhealthyPodEvictionPolicy;
  if (!isPodReady(pod)) {
    // An unready pod does not count as healthy: evicting it spends nothing when the budget is met anyway.
    if (policy === 'AlwaysAllow') return undefined;
    if ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return undefined;
  }
  const pdbName = pdb.metadata.name ?? '';
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1))
    return tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`);
  if ((st.disruptionsAllowed ?? 0) < 0)
    return status.forbidden(
      `poddisruptionbudget.policy "${pdbName}" is forbidden: pdb disruptions allowed is negative`,
    );
  if ((st.disruptionsAllowed ?? 0) === 0)
    return tooManyRequests(
      `The disruption budget ${pdbName} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
    );
  if (dryRun) return undefined;
  const left = (st.disruptionsAllowed ?? 0) - 1;
  const now = cluster.clock.now();
  const next: BudgetStatus = {
    ...st,
    disruptionsAllowed: left,
    disruptedPods: { ...st.disruptedPods, [pod.metadata.name ?? '']: isoSeconds(now) },
    ...(left === 0 ? { conditions: insufficient(st.conditions, now) } : {}),
  };
  const r = api.update(R.podDisruptionBudgets, { ...pdb, status: next }, { actor, subresource: 'status' });
  return r.ok ? undefined : r.status;
}

const MORE_THAN_ONE =
  'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

function tooManyRequests(cause: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    reason: 'TooManyRequests',
    details: { causes: [{ reason: 'DisruptionBudget', message: cause }] },
    code: 429,
  };
}

function insufficient(conditions: BudgetStatus['conditions'], now: number): BudgetStatus['conditions'] {
  const others = (conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed');
  const prev = conditions?.find((c) => c.type === 'DisruptionAllowed');
  const since = prev?.status === 'False' ? prev.lastTransitionTime : isoSeconds(now);
  return [
    ...others,
    { ...prev, type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', lastTransitionTime: since },
  ];
}

/** addConditionAndDeletePod: the DisruptionTarget condition tells why the pod went. */
function markDisruptionTarget(cluster: Cluster, pod: KubeObject, actor: Actor): void {
  const st = (pod.status ?? {}) as { conditions?: { type: string }[] };
  const conditions = [
    ...(st.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
    {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: cluster.clock.nowIso(),
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    },
  ];
  cluster.api.update(
    R.pods,
    { ...pod, status: { ...st, conditions } },
    { actor, subresource: 'status', trusted: true },
  );
}

export function ephemeralContainers(
  cluster: Cluster,
  req: ApiRequest,
  ns: string,
  name: string,
  who: Who,
): ApiResponse {
  const api = cluster.api;
  const live = api.get(R.pods, ns, name);
  if (!live.ok) return json(live.status.code, live.status);
  if (req.method === 'GET') return json(200, live.value);
  const p = patched(api, req, R.pods, live.value);
  if (!p.ok) return json(p.status.code, p.status);
  const eph = (p.value.spec as { ephemeralContainers?: unknown }).ephemeralContainers;
  const r = api.mutate(
    R.pods,
    ns,
    name,
    (o) => ((o.spec as { ephemeralContainers?: unknown }).ephemeralContainers = eph),
    {
      actor: { component: who.component, reason: `${who.component} added an ephemeral container to ${name}` },
      fieldValidation: 'Ignore',
    },
  );
  return r.ok ? json(200, r.value.object) : json(r.status.code, r.status);
}

export function token(cluster: Cluster, req: ApiRequest, ns: string, name: string): ApiResponse {
  if (!cluster.api.peek(R.serviceAccounts, ns, name)) return json(404, status.notFound('serviceaccounts', '', name));
  const body = readBody(req);
  const spec =
    body.ok && isObject(body.value) ? ((body.value.spec as { expirationSeconds?: number } | undefined) ?? {}) : {};
  const seconds = spec.expirationSeconds ?? 3600;
  const { token: jwt, expiresMs } = serviceAccountJwt(ns, name, cluster.clock.now(), seconds);
  return json(201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null },
    spec: { audiences: [TOKEN_AUDIENCE], expirationSeconds: seconds, boundObjectRef: null },
    status: { token: jwt, expirationTimestamp: isoSeconds(expiresMs) },
  });
}

export function log(cluster: Cluster, req: ApiRequest, ns: string, name: string): ApiResponse {
  return podLogs(cluster, req, ns, name);
}

/** The lab has one user, an administrator: every access review is allowed. */
export function accessReview(req: ApiRequest, kind: string, apiVersion: string): ApiResponse {
  const body = readBody(req);
  const obj = body.ok && isObject(body.value) ? body.value : {};
  if (kind === 'SelfSubjectReview') {
    return json(201, {
      kind,
      apiVersion,
      metadata: { creationTimestamp: null },
      status: {
        userInfo: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
      },
    });
  }
  if (kind === 'SelfSubjectRulesReview') {
    return json(201, {
      ...obj,
      kind,
      apiVersion,
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      },
    });
  }
  return json(201, {
    ...obj,
    kind,
    apiVersion,
    metadata: { ...((obj.metadata as object | undefined) ?? {}), creationTimestamp: null },
    status: { allowed: true, reason: 'the lab user is a cluster administrator' },
  });
}
