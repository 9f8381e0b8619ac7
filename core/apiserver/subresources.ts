/**
 * Subresources: scale, binding, eviction, log, ephemeralcontainers,
 * serviceaccount tokens. status is handled by crud with `subresource`.
 */
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject } from '../api/types.ts';
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

export function eviction(cluster: Cluster, ns: string, name: string, who: Who): ApiResponse {
  const r = cluster.api.delete(R.pods, ns, name, {
    actor: { component: who.component, reason: `${who.component} evicted pod ${name}` },
  });
  return r.ok ? json(201, status.success()) : json(r.status.code, r.status);
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
