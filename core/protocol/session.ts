/**
 * The cluster half of the protocol: requests answered from one Cluster and
 * its ApiServer (apply, delete, get, describe, why, kubectl, completion,
 * faults), and the feed of changes the UI mirrors. Hosts add the rest
 * (hello, clock driving, lessons, workspace) in their own dispatcher.
 * Pure core: no timers; the host decides when to drain the feed.
 */
import { resourceByKind, storageKey, RESOURCES } from '../api/registry.ts';
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Status } from '../api/types.ts';
import type { Actor } from '../api/trace.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { whyClaimPending, whyServiceEmpty, whyVolume } from '../check/explain.ts';
import type { Text } from '../check/text.ts';
import { R } from '../controllers/resources.ts';
import { completeKubectl } from '../kubectl/complete.ts';
import { runKubectl } from '../kubectl/index.ts';
import { applyManifest } from '../manifest/apply.ts';
import type { StoreEvent } from '../store/store.ts';
import { NetpolAnswers } from './netpol.ts';
import type {
  ApplyResponse,
  FaultState,
  ObjectRef,
  RequestBody,
  ResultOf,
  WatchChange,
  WhyResponse,
} from './messages.ts';

export type ClusterRequest = Extract<
  RequestBody,
  {
    type:
      | 'apply'
      | 'delete'
      | 'get'
      | 'describe'
      | 'why'
      | 'kubectl'
      | 'complete'
      | 'fault'
      | 'netpolVerdict'
      | 'netpolMatrix'
      | 'netpolOverlay';
  }
>;

export type Answer<T> = { ok: true; result: T } | { ok: false; status: Status };

const EDITOR: Actor = { component: 'kubelab-editor', reason: 'applied from the editor' };
const GRAPH: Actor = { component: 'kubelab-graph', reason: 'deleted from the graph' };

/** Resources the UI mirrors: everything stored, except the noisy heartbeats nobody draws. */
const UNMIRRORED = new Set(['coordination.k8s.io/leases']);
export const MIRRORED: readonly ResourceType[] = RESOURCES.filter((r) => !UNMIRRORED.has(storageKey(r)));
const MIRRORED_KEYS = new Set(MIRRORED.map(storageKey));

function resolve(ref: ObjectRef): { rt: ResourceType } | { status: Status } {
  const rt = resourceByKind(ref.apiVersion, ref.kind);
  if (!rt) return { status: status.badRequest(`no kind "${ref.kind}" in version "${ref.apiVersion}"`) };
  return { rt };
}

function resourceArg(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

export class ClusterSession {
  private readonly netpol: NetpolAnswers;

  constructor(
    private readonly cluster: Cluster,
    private readonly server: ApiServer,
  ) {
    this.netpol = new NetpolAnswers(cluster.api.store, () => cluster.network.policyEngine());
  }

  handle(req: ClusterRequest): Answer<ResultOf[ClusterRequest['type']]> {
    switch (req.type) {
      case 'apply':
        return { ok: true, result: this.apply(req.yaml, req.dryRun ?? false, req.namespace) };
      case 'delete':
        return this.delete(req.ref);
      case 'get':
        return this.get(req.ref);
      case 'describe':
        return this.describe(req.ref);
      case 'why':
        return this.why(req.ref);
      case 'kubectl': {
        const r = runKubectl(req.argv, {
          server: this.server,
          namespace: req.namespace ?? 'default',
          ...(req.files ? { files: req.files } : {}),
        });
        const namespace = r.namespace ?? req.namespace ?? 'default';
        return { ok: true, result: { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, namespace } };
      }
      case 'complete':
        return {
          ok: true,
          result: completeKubectl(req.line, { server: this.server, namespace: req.namespace ?? 'default' }),
        };
      case 'fault':
        return this.fault(req);
      case 'netpolVerdict':
        return this.netpol.verdict(req);
      case 'netpolMatrix':
        return this.netpol.matrix(req);
      case 'netpolOverlay':
        return this.netpol.overlay(req);
    }
  }

  faults(): FaultState {
    const c = this.cluster;
    const nodes: FaultState['nodes'] = {};
    for (const [name, k] of c.kubelets) nodes[name] = k.isRunning ? 'running' : k.isPoweredOff ? 'down' : 'stopped';
    return {
      scheduler: c.scheduler.isRunning ? 'running' : 'stopped',
      'controller-manager': c.controllers.isRunning ? 'running' : 'stopped',
      nodes,
      loads: Object.fromEntries(c.load.list().map((l) => [`${l.namespace}/${l.service}`, l.cpuMillis])),
    };
  }

  /** Every mirrored object, for a `snapshot` notification. */
  snapshot(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const rt of MIRRORED) out.push(...this.cluster.api.store.list(storageKey(rt)));
    return out;
  }

  /** Collect store changes for the UI until disposed; `drain()` hands them over in order. */
  feed(): ChangeFeed {
    return new ChangeFeed(this.cluster);
  }

  private apply(yaml: string, dryRun: boolean, namespace?: string): ApplyResponse {
    const report = applyManifest(this.cluster.api, yaml, {
      actor: EDITOR,
      dryRun,
      ...(namespace ? { namespace } : {}),
    });
    const results = report.results.map((r) => {
      const rt = r.object ? resourceByKind(r.object.apiVersion, r.object.kind) : undefined;
      const live =
        dryRun && rt && r.object?.metadata.name && r.outcome !== 'created'
          ? this.cluster.api.peek(rt, r.object.metadata.namespace, r.object.metadata.name)
          : undefined;
      return { ...r, ...(live ? { live } : {}) };
    });
    return { ok: report.ok, dryRun, results, parseErrors: report.parseErrors };
  }

  private delete(ref: ObjectRef): Answer<ResultOf['delete']> {
    const r = resolve(ref);
    if ('status' in r) return { ok: false, status: r.status };
    const res = this.cluster.api.delete(r.rt, ref.namespace, ref.name, {
      actor: GRAPH,
      propagationPolicy: 'Background',
    });
    return res.ok ? { ok: true, result: { ref } } : { ok: false, status: res.status };
  }

  private get(ref: ObjectRef): Answer<KubeObject> {
    const r = resolve(ref);
    if ('status' in r) return { ok: false, status: r.status };
    const res = this.cluster.api.get(r.rt, ref.namespace, ref.name);
    return res.ok ? { ok: true, result: res.value } : { ok: false, status: res.status };
  }

  private describe(ref: ObjectRef): Answer<{ text: string }> {
    const r = resolve(ref);
    if ('status' in r) return { ok: false, status: r.status };
    const argv = ['describe', resourceArg(r.rt), ref.name, ...(ref.namespace ? ['-n', ref.namespace] : [])];
    const out = runKubectl(argv, { server: this.server });
    return { ok: true, result: { text: out.exitCode === 0 ? out.stdout : out.stderr } };
  }

  /** The trace of this object and of the objects that own it, and the scheduler's reasons for a pod. */
  private why(ref: ObjectRef): Answer<WhyResponse> {
    const r = resolve(ref);
    if ('status' in r) return { ok: false, status: r.status };
    const obj = this.cluster.api.peek(r.rt, ref.namespace, ref.name);
    const trace = obj?.metadata.uid
      ? this.cluster.api.trace.query({ uid: obj.metadata.uid })
      : this.cluster.api.trace.query({
          kind: ref.kind,
          name: ref.name,
          ...(ref.namespace ? { namespace: ref.namespace } : {}),
        });
    const decision =
      ref.kind === 'Pod' ? this.cluster.scheduler.decisions.get(`${ref.namespace}/${ref.name}`) : undefined;
    const scheduling = decision
      ? {
          pod: decision.pod,
          time: decision.time,
          ...(decision.message ? { message: decision.message } : {}),
          ...(decision.nodeName ? { nodeName: decision.nodeName } : {}),
          ...(decision.perNode
            ? {
                perNode: Object.fromEntries(
                  Object.entries(decision.perNode).map(([n, rs]) => [n, rs.map((x) => ({ ...x }))]),
                ),
              }
            : {}),
          ...(decision.scores
            ? { scores: { total: decision.scores.total, plugins: decision.scores.plugins.map((p) => ({ ...p })) } }
            : {}),
        }
      : undefined;
    const explanation = obj ? this.explanation(obj) : undefined;
    return {
      ok: true,
      result: {
        trace: trace.slice(-500),
        ...(scheduling ? { scheduling } : {}),
        ...(explanation ? { explanation } : {}),
      },
    };
  }

  /** The storage and Service answers of core/check for the inspector's Why. */
  private explanation(obj: KubeObject): Text | undefined {
    const store = this.cluster.api.store;
    const ns = obj.metadata.namespace;
    if (obj.kind === 'PersistentVolumeClaim')
      return whyClaimPending(obj, store.list(storageKey(R.pvs)), store.list(storageKey(R.storageClasses)));
    if (obj.kind === 'PersistentVolume') return whyVolume(obj);
    if (obj.kind === 'Service' && (obj.spec as { type?: string } | undefined)?.type !== 'ExternalName')
      return whyServiceEmpty(obj, store.list(storageKey(R.pods), ns));
    return undefined;
  }

  private fault(req: Extract<ClusterRequest, { type: 'fault' }>): Answer<FaultState> {
    const f = req.fault;
    if (f.component === 'service') {
      this.cluster.load.set(f.namespace, f.name, f.cpuMillis);
      this.cluster.settle();
      return { ok: true, result: this.faults() };
    }
    if (f.component === 'node' && f.action === 'add') {
      this.cluster.addWorker();
      return { ok: true, result: this.faults() };
    }
    if ((f.component === 'kubelet' || f.component === 'node') && !this.cluster.kubelets.has(f.node)) {
      return { ok: false, status: status.badRequest(`no node named "${f.node}"`) };
    }
    if (f.component === 'node') {
      if (f.action === 'fail') this.cluster.failNode(f.node);
      else this.cluster.recoverNode(f.node);
    } else if (f.component === 'kubelet') {
      if (f.action === 'stop') this.cluster.stop('kubelet', f.node);
      else this.cluster.start('kubelet', f.node);
    } else if (f.action === 'stop') this.cluster.stop(f.component);
    else this.cluster.start(f.component);
    return { ok: true, result: this.faults() };
  }
}

/** Store changes since the feed opened, coalesced per object (the UI only needs the latest state). */
export class ChangeFeed {
  private pending = new Map<string, WatchChange>();
  private readonly dispose: () => void;

  constructor(private readonly cluster: Cluster) {
    this.dispose = cluster.api.store.subscribe(undefined, (e) => this.add(e));
  }

  private add(e: StoreEvent): void {
    if (!MIRRORED_KEYS.has(e.key)) return;
    const id = `${e.key}/${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`;
    const held = this.pending.get(id);
    // ADDED then DELETED within one batch: the UI never saw it, but a DELETED is harmless and keeps order simple.
    if (held) this.pending.delete(id);
    this.pending.set(id, { type: e.type, object: e.object });
  }

  get size(): number {
    return this.pending.size;
  }

  /** The changes since the last drain, oldest first, and the store's revision. */
  drain(): { changes: WatchChange[]; resourceVersion: string } {
    const changes = [...this.pending.values()];
    this.pending.clear();
    return { changes, resourceVersion: String(this.cluster.api.store.resourceVersion) };
  }

  close(): void {
    this.dispose();
  }
}
