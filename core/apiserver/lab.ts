/**
 * The lab control API (`/lab/v1/...`), for tests and the UI, behind the same
 * token as the Kubernetes API: advance the virtual clock, switch its mode,
 * inject faults, read the trace and the scheduler's reasons.
 */
import * as status from '../api/status.ts';
import { isObject } from '../api/types.ts';
import type { Cluster, Component } from '../cluster/cluster.ts';
import { milliValue } from '../scheduler/index.ts';
import { readBody } from './body.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q } from './types.ts';

export type ClockMode = 'manual' | 'realtime';

export interface LabHooks {
  /** Switch the host's clock driver; returns the mode in force. */
  setClockMode(mode: ClockMode, speed: number): { mode: ClockMode; speed: number };
  clockMode(): { mode: ClockMode; speed: number };
}

const MAX_ADVANCE_SECONDS = 7 * 24 * 3600;
const MAX_LOAD_MILLIS = 1_000_000;

export function lab(cluster: Cluster, hooks: LabHooks, req: ApiRequest, path: string): ApiResponse {
  const body = req.method === 'POST' ? readBody(req) : undefined;
  if (body && !body.ok) return json(body.status.code, body.status);
  const b = body?.ok && isObject(body.value) ? body.value : {};
  const clock = () => ({
    now: cluster.clock.nowIso(),
    nowMs: cluster.clock.now(),
    ...hooks.clockMode(),
    resourceVersion: String(cluster.api.store.resourceVersion),
  });
  switch (`${req.method} ${path}`) {
    case 'GET clock':
      return json(200, clock());
    case 'POST clock/advance': {
      const seconds = Number(b.seconds);
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS)
        return json(400, status.badRequest(`seconds must be a number from 0 to ${MAX_ADVANCE_SECONDS}`));
      cluster.advance(seconds);
      return json(200, clock());
    }
    case 'POST clock/step':
      cluster.clock.step();
      return json(200, clock());
    case 'POST clock/mode': {
      const mode = b.mode;
      const speed = b.speed === undefined ? 1 : Number(b.speed);
      if (mode !== 'manual' && mode !== 'realtime')
        return json(400, status.badRequest('mode must be "manual" or "realtime"'));
      if (!Number.isFinite(speed) || speed <= 0 || speed > 3600)
        return json(400, status.badRequest('speed must be a number above 0 and at most 3600'));
      hooks.setClockMode(mode, speed);
      return json(200, clock());
    }
    case 'POST faults':
      return fault(cluster, b);
    case 'GET faults':
      return json(200, faults(cluster));
    case 'POST load':
      return setLoad(cluster, b);
    case 'GET load':
      return json(200, loads(cluster));
    case 'GET trace': {
      const since = q(req, 'sinceSeq');
      const entries = cluster.api.trace.query({
        ...(q(req, 'uid') ? { uid: q(req, 'uid') } : {}),
        ...(q(req, 'kind') ? { kind: q(req, 'kind') } : {}),
        ...(q(req, 'namespace') ? { namespace: q(req, 'namespace') } : {}),
        ...(q(req, 'name') ? { name: q(req, 'name') } : {}),
        ...(since ? { sinceSeq: Number(since) } : {}),
      });
      const limit = Number(q(req, 'limit') ?? 1000);
      return json(200, { items: entries.slice(-limit) });
    }
    case 'GET scheduling': {
      const ns = q(req, 'namespace') ?? 'default';
      const pod = q(req, 'pod') ?? '';
      const d = cluster.scheduler.decisions.get(`${ns}/${pod}`);
      return d ? json(200, d) : json(404, status.notFound('schedulingdecisions', 'lab.kubelab.dev', `${ns}/${pod}`));
    }
    default:
      return json(404, status.notFoundPath());
  }
}

function faults(cluster: Cluster) {
  return {
    scheduler: cluster.scheduler.isRunning ? 'running' : 'stopped',
    'controller-manager': cluster.controllers.isRunning ? 'running' : 'stopped',
    kubelets: Object.fromEntries([...cluster.kubelets].map(([name, k]) => [name, k.isRunning ? 'running' : 'stopped'])),
  };
}

function fault(cluster: Cluster, b: Record<string, unknown>): ApiResponse {
  const component = b.component as Component | 'node' | undefined;
  const action = b.action;
  const node = typeof b.node === 'string' ? b.node : undefined;
  if (!['scheduler', 'controller-manager', 'kubelet', 'node'].includes(component ?? '')) {
    return json(
      400,
      status.badRequest('component must be one of "scheduler", "controller-manager", "kubelet", "node"'),
    );
  }
  if (component === 'node' && action === 'add') {
    const name = cluster.addWorker();
    return json(200, { ...faults(cluster), added: name });
  }
  if ((component === 'kubelet' || component === 'node') && (!node || !cluster.kubelets.has(node))) {
    return json(400, status.badRequest(`node must name one of: ${[...cluster.kubelets.keys()].join(', ')}`));
  }
  if (component === 'node') {
    if (action === 'fail') cluster.failNode(node!);
    else if (action === 'recover') cluster.recoverNode(node!);
    else return json(400, status.badRequest('action for a node must be "fail", "recover" or "add"'));
    return json(200, faults(cluster));
  }
  if (action !== 'stop' && action !== 'start') return json(400, status.badRequest('action must be "stop" or "start"'));
  if (action === 'stop') cluster.stop(component as Component, node);
  else cluster.start(component as Component, node);
  return json(200, faults(cluster));
}

/** Offered CPU load per Service (core/cluster/load.ts), as `cpu` quantities. */
function loads(cluster: Cluster) {
  return {
    items: cluster.load.list().map((l) => ({ namespace: l.namespace, service: l.service, cpu: `${l.cpuMillis}m` })),
  };
}

/** `{namespace, service, cpu: "1500m"}`; cpu "0" removes the load. */
function setLoad(cluster: Cluster, b: Record<string, unknown>): ApiResponse {
  const namespace = b.namespace === undefined ? 'default' : b.namespace;
  const cpu = typeof b.cpu === 'number' || typeof b.cpu === 'string' ? milliValue(String(b.cpu)) : undefined;
  if (typeof namespace !== 'string' || !namespace || typeof b.service !== 'string' || !b.service)
    return json(400, status.badRequest('namespace and service must be names'));
  if (cpu === undefined || cpu < 0 || cpu > MAX_LOAD_MILLIS)
    return json(400, status.badRequest('cpu must be a quantity from 0 to 1000 (cores), e.g. "1500m"'));
  cluster.load.set(namespace, b.service, cpu);
  return json(200, loads(cluster));
}
