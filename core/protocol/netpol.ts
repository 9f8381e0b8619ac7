/**
 * The NetworkPolicy requests of the protocol (netpolVerdict, netpolMatrix,
 * netpolOverlay), answered from the store with the policy engine
 * (core/network/policy.ts): pods become PodPeers (IP, labels, container
 * ports, node), and the engine's verdicts become rows, cells and edges the UI
 * draws. Policies, namespaces and pods are read as they are now (the engine is
 * the cluster network's, rebuilt when policies change), so the UI follows live
 * changes by asking again.
 *
 * When the UI names no port, a connection goes to the destination pod's first
 * container port of the protocol (what a learner's `wget pod-ip:port` would
 * try), or 80 when it declares none; each edge says which (`portFrom`).
 */
import * as status from '../api/status.ts';
import type { KubeObject, Status } from '../api/types.ts';
import { peerOf } from '../network/proxy.ts';
import type { Peer, PodPeer, Verdict } from '../network/types.ts';
import type {
  CellState,
  MatrixGroup,
  NetProtocol,
  NetpolMatrixResult,
  NetpolOverlayResult,
  NetpolVerdictResult,
  OverlayEdge,
  PeerRef,
  PortSource,
  RequestBody,
} from './messages.ts';

/** What this module needs of the engine (core/network/policy.ts PolicyEngine). */
export interface NetpolEngine {
  verdict(src: Peer, dst: Peer, port: number, protocol?: string): Verdict;
  matrix(
    sources: PodPeer[],
    destinations: PodPeer[],
    port: number,
    protocol?: string,
  ): { allowed: Uint8Array; verdict(i: number, j: number): Verdict };
}

/** Read access to the objects the answers need. */
export interface NetpolSource {
  list(key: string): readonly KubeObject[];
  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

type Answer<T> = { ok: true; result: T } | { ok: false; status: Status };

export const DEFAULT_PORT = 80;
export const DEFAULT_MATRIX_LIMIT = 100;

const PODS = '/pods';
const NODES = '/nodes';

/** The port a connection to `dst` uses when none is given: its first container port of the protocol, or 80. */
export function portFor(dst: PodPeer, protocol: NetProtocol, given?: number): { port: number; from: PortSource } {
  if (given !== undefined) return { port: given, from: 'request' };
  const p = dst.ports.find((x) => (x.protocol ?? 'TCP') === protocol);
  return p ? { port: p.containerPort, from: 'containerPort' } : { port: DEFAULT_PORT, from: 'default' };
}

/** The policies that decided a verdict: the rules' policies when allowed, else those isolating the side that denied. */
export function decidingPolicies(v: Verdict): string[] {
  const names = v.allowed
    ? [...v.ingress.matches, ...v.egress.matches].map((m) => m.policy)
    : [v.ingress, v.egress].filter((s) => !s.allowed).flatMap((s) => s.policies);
  return [...new Set(names)];
}

const finished = (pod: KubeObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

const keyOf = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

export class NetpolAnswers {
  constructor(
    private readonly source: NetpolSource,
    /** The cluster's engine for the policies as they are now (rebuilt when they change). */
    private readonly engine: () => NetpolEngine,
  ) {}

  /** Pods that exist and have not finished, by namespace then name. */
  private pods(namespace?: string): PodPeer[] {
    return this.source
      .list(PODS)
      .filter((p) => !finished(p) && (namespace === undefined || p.metadata.namespace === namespace))
      .map(peerOf)
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }

  private findPod(namespace: string, name: string): PodPeer | undefined {
    const pod = this.source.get(PODS, namespace, name);
    return pod ? peerOf(pod) : undefined;
  }

  /** A pod by name; an address that is a pod's is that pod, a node's is named after it. */
  private peer(ref: PeerRef): Peer | Status {
    if (ref.kind === 'pod') return this.findPod(ref.namespace, ref.name) ?? status.notFound('pods', '', ref.name);
    const pod = this.pods().find((p) => p.ip === ref.ip);
    if (pod) return pod;
    const node = this.source.list(NODES).find((n) => {
      const addresses = (n.status as { addresses?: { address?: string }[] } | undefined)?.addresses ?? [];
      return addresses.some((a) => a.address === ref.ip);
    });
    return { kind: 'ip', ip: ref.ip, ...(node?.metadata.name ? { label: node.metadata.name } : {}) };
  }

  verdict(req: Extract<RequestBody, { type: 'netpolVerdict' }>): Answer<NetpolVerdictResult> {
    const from = this.peer(req.from);
    if ('status' in from) return { ok: false, status: from };
    const to = this.peer(req.to);
    if ('status' in to) return { ok: false, status: to };
    const protocol = req.protocol ?? 'TCP';
    const name = (p: Peer) => (p.kind === 'pod' ? keyOf(p) : p.ip);
    const { port, from: portFrom } =
      to.kind === 'pod'
        ? portFor(to, protocol, req.port)
        : {
            port: req.port ?? DEFAULT_PORT,
            from: req.port === undefined ? ('default' as const) : ('request' as const),
          };
    const verdict = this.engine().verdict(from, to, port, protocol);
    return { ok: true, result: { from: name(from), to: name(to), port, protocol, portFrom, verdict } };
  }

  overlay(req: Extract<RequestBody, { type: 'netpolOverlay' }>): Answer<NetpolOverlayResult> {
    const namespace = req.pod.namespace ?? 'default';
    const self = this.findPod(namespace, req.pod.name);
    if (!self) return { ok: false, status: status.notFound('pods', '', req.pod.name) };
    const protocol = req.protocol ?? 'TCP';
    const engine = this.engine();
    const others = this.pods(req.allNamespaces ? undefined : namespace).filter((p) => keyOf(p) !== keyOf(self));
    const edge = (other: PodPeer, src: PodPeer, dst: PodPeer): OverlayEdge => {
      const { port, from } = portFor(dst, protocol, req.port);
      const v = engine.verdict(src, dst, port, protocol);
      return {
        namespace: other.namespace,
        name: other.name,
        port,
        protocol,
        portFrom: from,
        allowed: v.allowed,
        reason: v.reason,
        policies: decidingPolicies(v),
      };
    };
    // Which policies isolate the pod: ask about any connection (the sides' `policies` do not depend on the peer).
    const probe = engine.verdict(self, self, portFor(self, protocol, req.port).port, protocol);
    return {
      ok: true,
      result: {
        pod: { namespace, name: self.name },
        ingressPolicies: [...probe.ingress.policies],
        egressPolicies: [...probe.egress.policies],
        ingress: others.map((o) => edge(o, o, self)),
        egress: others.map((o) => edge(o, self, o)),
      },
    };
  }

  matrix(req: Extract<RequestBody, { type: 'netpolMatrix' }>): Answer<NetpolMatrixResult> {
    const protocol = req.protocol ?? 'TCP';
    const limit = req.limit ?? DEFAULT_MATRIX_LIMIT;
    const all = this.pods(req.namespace);
    const several = new Set(all.map((p) => p.namespace)).size > 1;
    const grouped = req.groupBy === 'label' ? labelGroups(all, req.labelKey ?? '', several) : podGroups(all, several);
    const shown = grouped.slice(0, limit);
    const pods = shown.flatMap((g) => g.members);
    const allowed = this.allowedPairs(pods, protocol, req.port);
    // Each pod's index in `pods`, to read the pair matrix by group.
    const index = new Map(pods.map((p, i) => [keyOf(p), i]));
    const counts = shown.map((src) =>
      shown.map((dst) => {
        let n = 0;
        for (const s of src.members)
          for (const d of dst.members) n += allowed[index.get(keyOf(s))! * pods.length + index.get(keyOf(d))!]!;
        return n;
      }),
    );
    const cells = counts.map((row, i) =>
      row.map((n, j): CellState => {
        const pairs = shown[i]!.members.length * shown[j]!.members.length;
        return n === pairs ? 'allowed' : n === 0 ? 'denied' : 'partial';
      }),
    );
    return {
      ok: true,
      result: {
        groupBy: req.groupBy,
        ...(req.groupBy === 'label' ? { labelKey: req.labelKey ?? '' } : {}),
        ...(req.namespace !== undefined ? { namespace: req.namespace } : {}),
        ...(req.port !== undefined ? { port: req.port } : {}),
        protocol,
        groups: shown.map((g) => g.group),
        cells,
        ...(req.groupBy === 'label' ? { allowedPairs: counts } : {}),
        total: grouped.length,
      },
    };
  }

  /**
   * `pods × pods` as 0/1, row-major. With no port given, destinations are split by the port each is
   * reached on, and the engine's matrix runs once per port.
   */
  private allowedPairs(pods: PodPeer[], protocol: NetProtocol, port?: number): Uint8Array {
    const n = pods.length;
    const out = new Uint8Array(n * n);
    if (!n) return out;
    const engine = this.engine();
    const byPort = new Map<number, number[]>();
    pods.forEach((p, j) => {
      const at = portFor(p, protocol, port).port;
      byPort.set(at, [...(byPort.get(at) ?? []), j]);
    });
    for (const [at, cols] of byPort) {
      const m = engine.matrix(
        pods,
        cols.map((j) => pods[j]!),
        at,
        protocol,
      );
      for (let i = 0; i < n; i++) cols.forEach((j, k) => (out[i * n + j] = m.allowed[i * cols.length + k]!));
    }
    return out;
  }
}

interface Grouped {
  group: MatrixGroup;
  members: PodPeer[];
}

function podGroups(pods: PodPeer[], several: boolean): Grouped[] {
  return pods.map((p) => ({
    group: { id: keyOf(p), label: several ? keyOf(p) : p.name, namespace: p.namespace, pods: [keyOf(p)] },
    members: [p],
  }));
}

/** Pods sharing a namespace and a value of `key` (pods without the label: one group `key=<none>`). */
function labelGroups(pods: PodPeer[], key: string, several: boolean): Grouped[] {
  const groups = new Map<string, Grouped>();
  for (const p of pods) {
    const value = p.labels[key];
    const label = `${key}=${value ?? '<none>'}`;
    const id = `${p.namespace}/${label}`;
    let g = groups.get(id);
    if (!g) {
      g = { group: { id, label: several ? id : label, namespace: p.namespace, pods: [] }, members: [] };
      groups.set(id, g);
    }
    g.group.pods.push(keyOf(p));
    g.members.push(p);
  }
  // Pods without the label last in their namespace: they are rarely what the learner asks about.
  return [...groups.values()].sort(
    (a, b) =>
      a.group.namespace.localeCompare(b.group.namespace) ||
      Number(a.group.label.endsWith('<none>')) - Number(b.group.label.endsWith('<none>')) ||
      a.group.label.localeCompare(b.group.label),
  );
}
