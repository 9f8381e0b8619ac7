/**
 * NetworkPolicy (networking.k8s.io/v1) evaluation: for a source, a destination, a port and a
 * protocol, allowed or denied, which policies decided it and why. Semantics are those of the API
 * documentation (k8s.io/api/networking/v1/types.go) and the netpol e2e suite
 * (test/e2e/network/netpol/network_policy.go):
 * - a policy selects pods of its own namespace (`podSelector: {}` or a missing one: all of them);
 *   a selected pod is isolated for each direction in policyTypes, defaulted as
 *   pkg/apis/networking/v1/defaults.go does: Ingress always, Egress when spec.egress is non-empty;
 * - the destination's ingress AND the source's egress must both allow; each side allows when it is
 *   not isolated or when any rule of any policy selecting it matches (a union, no ordering);
 * - inside a rule the peers are ORed, the ports are ORed, peers AND ports; a missing or empty
 *   `from`/`to`/`ports` matches everything; a peer with namespaceSelector and podSelector matches
 *   pods satisfying both; podSelector alone means the policy's namespace; namespace labels
 *   always include `kubernetes.io/metadata.name`;
 * - named ports resolve against the destination pod's container ports, for ingress and egress
 *   rules alike; a destination without that name matches nothing.
 * Where upstream leaves the choice to the network plugin, KubeLab chooses (and the tests pin):
 * - ipBlock matches any address, pod IPs included, in both directions: the e2e tests "should allow
 *   egress access to server in CIDR block" and "should enforce except clause …" use pod IPs, and
 *   Calico agrees (Cilium does not, cilium/cilium#9209);
 * - a pod reaching itself is always allowed: the packet stays on the pod's loopback and never
 *   crosses the veth where plugins enforce policy (the e2e Reachability.AllowLoopback: "loopback
 *   logic follows no policy"; today's suite ignores loopback, kubernetes#95879);
 * - traffic between a node and the pods on that node (kubelet probes) is always allowed, as the
 *   NetworkPolicy concept page says.
 */
import type { KubeObject } from '../api/types.ts';
import { labelSelectorAsSelector, compileSelector, selectorToString } from '../api/selectors/index.ts';
import type { LabelMatcher, LabelSelector, Labels } from '../api/selectors/index.ts';
import type { Direction, Peer, PodPeer, RuleMatch, SideVerdict, Verdict } from './types.ts';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface PolicyEngineInput {
  policies: readonly KubeObject[];
  namespaces: readonly KubeObject[];
  /** Nodes, so that an IpPeer carrying a node's address is known as that node. */
  nodes?: readonly KubeObject[];
}

/** A compact connectivity matrix: `allowed[i * cols + j]` is 1 when sources[i] may reach destinations[j]. */
export interface PolicyMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly allowed: Uint8Array;
  isAllowed(i: number, j: number): boolean;
  /** The full verdict with its reasons, computed on demand. */
  verdict(i: number, j: number): Verdict;
}

type CompiledPeer =
  | { kind: 'pods'; pod?: LabelMatcher; ns?: LabelMatcher; text: string }
  | { kind: 'ipBlock'; block: IpBlock; text: string }
  | { kind: 'invalid'; text: string };

interface CompiledPort {
  protocol: string;
  port?: number;
  endPort?: number;
  name?: string;
  invalid?: boolean;
}

/** One rule; `peers`/`ports` undefined means "all" (missing or empty in the spec). */
interface Rule {
  index: number;
  peers?: CompiledPeer[];
  ports?: CompiledPort[];
}

interface Policy {
  key: string;
  name: string;
  namespace: string;
  selects: LabelMatcher;
  ingress?: Rule[];
  egress?: Rule[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const present = (v: unknown): boolean => v !== undefined && v !== null;

export class PolicyEngine {
  /** Problems found in the input (the API server would have rejected them); such peers match nothing. */
  readonly warnings: string[] = [];
  private readonly policies: Policy[] = [];
  private readonly byNamespace = new Map<string, Policy[]>();
  private readonly nsLabels = new Map<string, Labels>();
  private readonly nodeByIp = new Map<string, string>();
  private readonly ips = new Map<string, Uint8Array | undefined>();

  constructor(input: PolicyEngineInput) {
    for (const ns of input.namespaces) {
      const meta = asObj(ns.metadata);
      const name = String(meta['name'] ?? '');
      // The API server sets this label on every namespace (and keeps it equal to the name).
      this.nsLabels.set(name, { ...(asObj(meta['labels']) as Labels), [NAMESPACE_NAME_LABEL]: name });
    }
    for (const node of input.nodes ?? []) {
      const addresses = asObj(node['status'])['addresses'];
      for (const a of Array.isArray(addresses) ? addresses : []) {
        const addr = asObj(a)['address'];
        if (typeof addr === 'string') this.nodeByIp.set(addr, String(asObj(node.metadata)['name'] ?? ''));
      }
    }
    for (const obj of input.policies) {
      const p = this.compilePolicy(obj);
      if (!p) continue;
      this.policies.push(p);
      const list = this.byNamespace.get(p.namespace) ?? [];
      list.push(p);
      this.byNamespace.set(p.namespace, list);
    }
  }

  /** May `src` open a connection to `dst` on `port`/`protocol`? Both the ingress and the egress side must allow. */
  verdict(src: Peer, dst: Peer, port: number, protocol = 'TCP'): Verdict {
    const proto = protocol.toUpperCase();
    const ingress = this.side('ingress', dst, src, dst, port, proto);
    const egress = this.side('egress', src, src, dst, port, proto);
    const exempt = this.exemption(src, dst);
    if (exempt) {
      const waive = (s: SideVerdict): SideVerdict => ({ ...s, allowed: true, matches: [], reason: exempt.reason });
      return {
        allowed: true,
        ingress: waive(ingress),
        egress: waive(egress),
        reason: exempt.reason,
        exempt: exempt.kind,
      };
    }
    return {
      allowed: ingress.allowed && egress.allowed,
      ingress,
      egress,
      reason: verdictReason(src, dst, ingress, egress),
    };
  }

  /**
   * Every sources[i] → destinations[j] verdict for one port, as bitsets: per policy the pods it
   * selects, per rule the pods its peers match, then one OR per selected pod and rule. Reasons
   * are computed only when `verdict(i, j)` asks for them.
   */
  matrix(sources: readonly PodPeer[], destinations: readonly PodPeer[], port: number, protocol = 'TCP'): PolicyMatrix {
    const proto = protocol.toUpperCase();
    const index = new Map<string, number>();
    const pods: PodPeer[] = [];
    const indexOf = (p: PodPeer): number => {
      const key = `${p.namespace}/${p.name}`;
      let i = index.get(key);
      if (i === undefined) index.set(key, (i = pods.push(p) - 1));
      return i;
    };
    const srcIdx = sources.map(indexOf);
    const dstIdx = destinations.map(indexOf);
    const { inAllow, outAllow } = this.allowBits(pods, port, proto);
    const rows = sources.length;
    const cols = destinations.length;
    const allowed = new Uint8Array(rows * cols);
    const dstIn = dstIdx.map((d) => inAllow[d]);
    for (let i = 0; i < rows; i++) {
      const s = srcIdx[i] ?? 0;
      const out = outAllow[s];
      const row = i * cols;
      for (let j = 0; j < cols; j++) {
        const d = dstIdx[j] ?? 0;
        const inn = dstIn[j];
        const ok = s === d || ((!inn || hasBit(inn, s)) && (!out || hasBit(out, d)));
        if (ok) allowed[row + j] = 1;
      }
    }
    return {
      rows,
      cols,
      allowed,
      isAllowed: (i, j) => allowed[i * cols + j] === 1,
      verdict: (i, j) => {
        const src = sources[i];
        const dst = destinations[j];
        if (!src || !dst) throw new RangeError(`matrix cell (${i}, ${j}) is outside ${rows}×${cols}`);
        return this.verdict(src, dst, port, protocol);
      },
    };
  }

  // --- matrix bitsets ---

  /** Per pod: the pods it accepts from (ingress) and may send to (egress); undefined when not isolated. */
  private allowBits(pods: readonly PodPeer[], port: number, proto: string) {
    const words = (pods.length + 31) >>> 5;
    const inAllow: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(pods.length);
    const outAllow: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(pods.length);
    for (const policy of this.policies) {
      const selected: number[] = [];
      pods.forEach((p, i) => {
        if (this.selects(policy, p)) selected.push(i);
      });
      if (selected.length === 0) continue;
      for (const rule of policy.ingress ?? []) {
        const peers = this.peerBits(rule, policy, pods, words);
        for (const d of selected) {
          const bits = (inAllow[d] ??= new Uint32Array(words));
          if (this.portsMatch(rule, pods[d], port, proto)) orInto(bits, peers);
        }
      }
      if (policy.ingress) for (const d of selected) inAllow[d] ??= new Uint32Array(words);
      for (const rule of policy.egress ?? []) {
        const peers = this.peerBits(rule, policy, pods, words);
        pods.forEach((p, i) => {
          if (!this.portsMatch(rule, p, port, proto)) clearBit(peers, i);
        });
        for (const s of selected) orInto((outAllow[s] ??= new Uint32Array(words)), peers);
      }
      if (policy.egress) for (const s of selected) outAllow[s] ??= new Uint32Array(words);
    }
    return { inAllow, outAllow };
  }

  private peerBits(rule: Rule, policy: Policy, pods: readonly PodPeer[], words: number): Uint32Array {
    const bits = new Uint32Array(words);
    pods.forEach((p, i) => {
      if (!rule.peers || rule.peers.some((peer) => this.peerMatches(peer, policy.namespace, p))) setBit(bits, i);
    });
    return bits;
  }

  // --- one side of one connection ---

  /** The verdict of `selected`'s `dir` side for traffic from `src` to `dst`. */
  private side(dir: Direction, selected: Peer, src: Peer, dst: Peer, port: number, proto: string): SideVerdict {
    const other = dir === 'ingress' ? src : dst;
    if (selected.kind !== 'pod') {
      const reason = `not isolated: ${peerName(selected)} is not a pod`;
      return { isolated: false, allowed: true, policies: [], matches: [], reason };
    }
    const policies = (this.byNamespace.get(selected.namespace) ?? []).filter(
      (p) => p[dir] !== undefined && this.selects(p, selected),
    );
    if (policies.length === 0) {
      const reason = `not isolated: no policy selects ${selected.name} for ${dir}`;
      return { isolated: false, allowed: true, policies: [], matches: [], reason };
    }
    const matches: RuleMatch[] = [];
    for (const policy of policies) {
      for (const rule of policy[dir] ?? []) {
        const why = this.ruleWhy(dir, rule, policy, other, dst, port, proto);
        if (why !== undefined) matches.push({ policy: policy.key, direction: dir, rule: rule.index, why });
      }
    }
    const keys = policies.map((p) => p.key);
    const first = matches[0];
    if (first) {
      const more = matches.length > 1 ? ` (+${matches.length - 1} more)` : '';
      const reason = `allowed by ${localName(first.policy)} (${dir} rule ${first.rule + 1}: ${first.why})${more}`;
      return { isolated: true, allowed: true, policies: keys, matches, reason };
    }
    const names = policies.map((p) => p.name);
    const who = names.length === 1 ? `${names[0]} selects` : `policies ${names.join(', ')} select`;
    const what = dir === 'ingress' ? relName(src, selected) : `traffic to ${relName(dst, selected)}`;
    const reason = `denied: ${who} ${selected.name} for ${dir} and no ${dir} rule allows ${what} ${onPort(port, proto)}`;
    return { isolated: true, allowed: false, policies: keys, matches: [], reason };
  }

  /** Why `rule` matches (its first matching peer and port, in words), or undefined when it does not. */
  private ruleWhy(
    dir: Direction,
    rule: Rule,
    policy: Policy,
    other: Peer,
    dst: Peer,
    port: number,
    proto: string,
  ): string | undefined {
    const peer = rule.peers?.find((p) => this.peerMatches(p, policy.namespace, other));
    if (rule.peers && !peer) return undefined;
    const cp = rule.ports?.find((p) => portMatches(p, dst, port, proto));
    if (rule.ports && !cp) return undefined;
    const peerText = peer ? peer.text : dir === 'ingress' ? 'any source' : 'any destination';
    return `${dir === 'ingress' ? 'from' : 'to'} ${peerText}, ${cp ? portText(cp, port) : 'any port'}`;
  }

  private selects(policy: Policy, pod: PodPeer): boolean {
    return pod.namespace === policy.namespace && policy.selects(pod.labels);
  }

  private peerMatches(peer: CompiledPeer, policyNamespace: string, p: Peer): boolean {
    switch (peer.kind) {
      case 'invalid':
        return false;
      case 'ipBlock':
        return inBlock(this.ipBytes(p.ip), peer.block);
      case 'pods':
        if (p.kind !== 'pod') return false;
        if (peer.ns ? !peer.ns(this.namespaceLabels(p.namespace)) : p.namespace !== policyNamespace) return false;
        return !peer.pod || peer.pod(p.labels);
    }
  }

  private portsMatch(rule: Rule, dst: Peer | undefined, port: number, proto: string): boolean {
    return !rule.ports || (dst !== undefined && rule.ports.some((p) => portMatches(p, dst, port, proto)));
  }

  private ipBytes(ip: string): Uint8Array | undefined {
    if (!this.ips.has(ip)) this.ips.set(ip, parseIp(ip));
    return this.ips.get(ip);
  }

  private namespaceLabels(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };
  }

  /** Loopback and node-local traffic are never subject to NetworkPolicy (see the file header). */
  private exemption(src: Peer, dst: Peer): { kind: 'loopback' | 'node'; reason: string } | undefined {
    if (src.kind === 'pod' && dst.kind === 'pod' && src.namespace === dst.namespace && src.name === dst.name) {
      const reason = `allowed: ${src.name} is talking to itself (loopback); NetworkPolicy never blocks a pod's own traffic`;
      return { kind: 'loopback', reason };
    }
    const pod = src.kind === 'pod' ? src : dst.kind === 'pod' ? dst : undefined;
    const addr = src.kind === 'ip' ? src : dst.kind === 'ip' ? dst : undefined;
    const node = addr && (addr.node ?? this.nodeByIp.get(addr.ip));
    if (pod?.node && node === pod.node) {
      const reason = `allowed: traffic between ${pod.name} and its own node ${node} (kubelet probes) is always allowed`;
      return { kind: 'node', reason };
    }
    return undefined;
  }

  // --- compiling policies ---

  private compilePolicy(obj: KubeObject): Policy | undefined {
    const meta = asObj(obj.metadata);
    const name = String(meta['name'] ?? '');
    const namespace = String(meta['namespace'] ?? 'default');
    const key = `${namespace}/${name}`;
    if (obj.kind !== 'NetworkPolicy') {
      this.warnings.push(`${key}: a ${obj.kind} is not a NetworkPolicy; ignored`);
      return undefined;
    }
    const spec = asObj(obj['spec']);
    const types =
      Array.isArray(spec['policyTypes']) && spec['policyTypes'].length > 0 ? spec['policyTypes'] : undefined;
    // Defaulting as pkg/apis/networking/v1/defaults.go: `egress: []` alone does not make an egress policy.
    const isIngress = types ? types.includes('Ingress') : true;
    const isEgress = types ? types.includes('Egress') : Array.isArray(spec['egress']) && spec['egress'].length > 0;
    // spec.podSelector is a struct, not a pointer, upstream: missing is the same as {} (every pod).
    const selects = this.selector(spec['podSelector'] ?? {}, `${key}: spec.podSelector`);
    const rules = (dir: Direction) => {
      const raw = spec[dir];
      return (Array.isArray(raw) ? raw : []).map((r, i) => this.compileRule(dir, r, i, `${key}: spec.${dir}[${i}]`));
    };
    return {
      key,
      name,
      namespace,
      selects,
      ingress: isIngress ? rules('ingress') : undefined,
      egress: isEgress ? rules('egress') : undefined,
    };
  }

  private compileRule(dir: Direction, raw: unknown, index: number, path: string): Rule {
    const r = asObj(raw);
    const field = dir === 'ingress' ? 'from' : 'to';
    const peers = r[field];
    const ports = r['ports'];
    return {
      index,
      peers:
        Array.isArray(peers) && peers.length > 0
          ? peers.map((p, i) => this.compilePeer(p, `${path}.${field}[${i}]`))
          : undefined,
      ports:
        Array.isArray(ports) && ports.length > 0
          ? ports.map((p, i) => this.compilePort(p, `${path}.ports[${i}]`))
          : undefined,
    };
  }

  private compilePeer(raw: unknown, path: string): CompiledPeer {
    const p = asObj(raw);
    const [pod, ns, ip] = [p['podSelector'], p['namespaceSelector'], p['ipBlock']];
    if (present(ip)) {
      // Upstream validation (ValidateNetworkPolicyPeer) rejects these; the peer then matches nothing.
      if (present(pod) || present(ns)) return this.invalid(path, 'may not specify both ipBlock and another peer');
      const b = asObj(ip);
      const cidr = parseCidr(String(b['cidr'] ?? ''));
      if (!cidr) return this.invalid(`${path}.ipBlock.cidr`, `invalid CIDR ${JSON.stringify(b['cidr'] ?? '')}`);
      const except = [];
      for (const e of Array.isArray(b['except']) ? b['except'] : []) {
        const c = parseCidr(String(e));
        if (!c) return this.invalid(`${path}.ipBlock.except`, `invalid CIDR ${JSON.stringify(e)}`);
        except.push(c);
      }
      const block = { cidr, except };
      return { kind: 'ipBlock', block, text: `ipBlock ${blockText(block)}` };
    }
    if (!present(pod) && !present(ns)) return this.invalid(path, 'must specify a peer');
    const text = (sel: unknown, what: string) => `${what} ${selectorToString(sel as LabelSelector) || '{}'}`;
    const parts = [present(ns) ? text(ns, 'namespaceSelector') : '', present(pod) ? text(pod, 'podSelector') : ''];
    return {
      kind: 'pods',
      pod: present(pod) ? this.selector(pod, `${path}.podSelector`) : undefined,
      ns: present(ns) ? this.selector(ns, `${path}.namespaceSelector`) : undefined,
      text: parts.filter(Boolean).join(' and '),
    };
  }

  private compilePort(raw: unknown, path: string): CompiledPort {
    const p = asObj(raw);
    const protocol = typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : 'TCP';
    const port = p['port'];
    const endPort = p['endPort'];
    if (typeof port === 'string') {
      // An IntOrString holding a string is a port name, even "80" (which validation would reject).
      if (!/[a-z]/i.test(port)) this.warnings.push(`${path}.port: ${JSON.stringify(port)} is a name, not a number`);
      return { protocol, name: port };
    }
    if (typeof port !== 'number') return { protocol };
    if (typeof endPort === 'number' && endPort < port) {
      this.warnings.push(`${path}.endPort: must be greater than or equal to \`port\``);
      return { protocol, port, endPort, invalid: true };
    }
    return { protocol, port, endPort: typeof endPort === 'number' ? endPort : undefined };
  }

  private selector(raw: unknown, path: string): LabelMatcher {
    const r = labelSelectorAsSelector(raw as LabelSelector);
    if (r.ok) return compileSelector(r.selector);
    this.warnings.push(`${path}: ${r.error}`);
    return () => false;
  }

  private invalid(path: string, message: string): CompiledPeer {
    this.warnings.push(`${path}: ${message}`);
    return { kind: 'invalid', text: 'an invalid peer' };
  }
}

// --- pure helpers ---

function portMatches(p: CompiledPort, dst: Peer, port: number, proto: string): boolean {
  if (p.invalid || p.protocol !== proto) return false;
  if (p.name !== undefined) {
    return (
      dst.kind === 'pod' &&
      dst.ports.some((cp) => cp.name === p.name && cp.containerPort === port && (cp.protocol ?? 'TCP') === proto)
    );
  }
  return p.port === undefined || (port >= p.port && port <= (p.endPort ?? p.port));
}

/** "on 6379/TCP"; ICMP (ping) has no port. NetworkPolicy ports name TCP, UDP or SCTP, so only a rule without ports admits ICMP. */
function onPort(port: number, proto: string): string {
  return proto === 'ICMP' ? 'for ICMP' : `on ${port}/${proto}`;
}

function portText(p: CompiledPort, port: number): string {
  if (p.name !== undefined) return `port ${p.name} (${port}/${p.protocol})`;
  if (p.port === undefined) return `any ${p.protocol} port`;
  if (p.endPort !== undefined) return `ports ${p.port}-${p.endPort}/${p.protocol}`;
  return `port ${p.port}/${p.protocol}`;
}

function peerName(p: Peer): string {
  if (p.kind === 'pod') return p.name;
  return p.label ? `${p.label} (${p.ip})` : p.ip;
}

/** `p` named as seen from `from`: the bare name in the same namespace, else `namespace/name`. */
function relName(p: Peer, from: PodPeer): string {
  return p.kind === 'pod' && p.namespace !== from.namespace ? `${p.namespace}/${p.name}` : peerName(p);
}

function localName(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

function verdictReason(src: Peer, dst: Peer, ingress: SideVerdict, egress: SideVerdict): string {
  if (!egress.allowed && !ingress.allowed) return `${egress.reason}; ${ingress.reason.replace(/^denied: /, '')}`;
  if (!egress.allowed) return egress.reason;
  if (!ingress.allowed) return ingress.reason;
  const decided = [ingress, egress].filter((s) => s.isolated).map((s) => s.reason);
  if (decided.length > 0) return decided.join(' and ');
  if (dst.kind === 'pod') return `allowed: ${dst.name} is not selected by any ingress policy (default allow)`;
  if (src.kind === 'pod') return `allowed: ${src.name} is not selected by any egress policy (default allow)`;
  return 'allowed: neither end is a pod, so no NetworkPolicy applies';
}

function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
}

function clearBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] ?? 0) & ~(1 << (i & 31));
}

function hasBit(bits: Uint32Array, i: number): boolean {
  return (((bits[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1;
}

function orInto(into: Uint32Array, from: Uint32Array): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] ?? 0) | (from[w] ?? 0);
}

// --- addresses: ipBlock CIDR math for IPv4 and IPv6 (net.ParseIP / net.ParseCIDR rules) ---

interface Cidr {
  bytes: Uint8Array;
  bits: number;
  text: string;
}

interface IpBlock {
  cidr: Cidr;
  except: Cidr[];
}

/** ipBlock: inside `cidr` and outside every `except` (the e2e test "IP overlapping both CIDR and Except": excluded). */
function inBlock(ip: Uint8Array | undefined, block: IpBlock): boolean {
  return !!ip && inCidr(ip, block.cidr) && !block.except.some((e) => inCidr(ip, e));
}

function inCidr(ip: Uint8Array, c: Cidr): boolean {
  if (ip.length !== c.bytes.length) return false;
  const whole = c.bits >>> 3;
  for (let i = 0; i < whole; i++) if (ip[i] !== c.bytes[i]) return false;
  const rest = c.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip[whole] ?? 0) & mask) === ((c.bytes[whole] ?? 0) & mask);
}

function blockText(b: IpBlock): string {
  return b.except.length > 0 ? `${b.cidr.text} except ${b.except.map((e) => e.text).join(', ')}` : b.cidr.text;
}

/** `10.0.0.0/8`, `fd00::/64`; host bits may be set, as net.ParseCIDR allows. */
function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const bytes = parseIp(text.slice(0, slash));
  let bits = Number(text.slice(slash + 1));
  // An IPv4-mapped IPv6 prefix (::ffff:10.0.0.0/104) is the IPv4 prefix it contains.
  if (bytes?.length === 4 && text.slice(0, slash).includes(':')) bits -= 96;
  if (!bytes || bits < 0 || bits > bytes.length * 8) return undefined;
  return { bytes, bits, text };
}

/** 4 bytes for IPv4 (and IPv4-mapped IPv6, as Go's To4), 16 for IPv6; undefined when not an address. */
function parseIp(text: string): Uint8Array | undefined {
  if (!text.includes(':')) return parseIpv4(text);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = ipv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? ipv6Groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  // "::" stands for at least one group of zeros.
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

/** The 16-bit groups of one side of "::"; a trailing dotted quad counts as two groups. */
function ipv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return undefined;
      out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      out.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return out;
}
