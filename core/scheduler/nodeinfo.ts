/**
 * NodeInfo: one node and the pods bound (or assumed) to it, with the sums the
 * filters and scores read (framework.NodeInfo): requested and non-zero
 * requested resources, used host ports, counts of pods with affinity, images,
 * and per-selector counts of matching pods for topology spreading (see
 * cache.ts, SpreadIndex).
 */
import type { KubeObject } from '../api/types.ts';
import { isObject } from '../api/types.ts';
import type { Labels } from './labels.ts';
import type { HostPort, PodInfo } from './podinfo.ts';
import { hasPodAffinity } from './podinfo.ts';
import type { Resources } from './resources.ts';
import { addAmount, emptyResources } from './resources.ts';
import { resourceAmount } from './quantity.ts';

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

export interface Allocatable extends Resources {
  pods: number;
}

type Obj = Record<string, unknown>;

function parseTaints(raw: unknown): Taint[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isObject)
    .map((t: Obj) => ({ key: String(t.key ?? ''), value: String(t.value ?? ''), effect: String(t.effect ?? '') }));
}

function parseAllocatable(raw: unknown): Allocatable {
  const out: Allocatable = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: null, pods: 0 };
  if (!isObject(raw)) return out;
  for (const [name, q] of Object.entries(raw)) {
    if (name === 'pods') out.pods = resourceAmount(name, q);
    else addAmount(out, name, resourceAmount(name, q));
  }
  return out;
}

function parseImages(raw: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(raw)) return out;
  for (const img of raw.filter(isObject)) {
    const size = Number(img.sizeBytes ?? 0);
    for (const name of Array.isArray(img.names) ? img.names : []) out.set(String(name), size);
  }
  return out;
}

/** utilnode.GetZoneKey: region and zone (GA labels, then the beta ones). */
export function zoneKey(labels: Labels): string {
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

const portKey = (protocol: string, port: number) => `${protocol}/${port}`;

export class NodeInfo {
  /** The Node object; null while only pods naming this node are known. */
  node: KubeObject | null = null;
  labels: Labels = {};
  unschedulable = false;
  taints: readonly Taint[] = [];
  /** True when some taint has effect NoSchedule or NoExecute (fast path for TaintToleration). */
  hasHardTaints = false;
  hasPreferNoScheduleTaints = false;
  allocatable: Allocatable = { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: null, pods: 0 };
  images: Map<string, number> = new Map();
  zone = '';
  /** labels["kubernetes.io/hostname"] and labels["topology.kubernetes.io/zone"], read on every cycle. */
  hostnameLabel: string | undefined = undefined;
  zoneLabel: string | undefined = undefined;

  readonly pods = new Map<string, PodInfo>();
  readonly requested: Resources = emptyResources();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** hostIP -> "protocol/port" -> number of pods using it. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Matching-pod counts by SpreadIndex slot. */
  spreadCounts: number[] = [];

  constructor(readonly name: string) {}

  /** Sets (or replaces) the Node object. */
  setNode(node: KubeObject): void {
    const spec: Obj = isObject(node.spec) ? node.spec : {};
    const status: Obj = isObject(node.status) ? node.status : {};
    this.node = node;
    this.labels = Object.assign({}, node.metadata.labels);
    this.unschedulable = spec.unschedulable === true;
    this.taints = parseTaints(spec.taints);
    this.hasHardTaints = this.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.hasPreferNoScheduleTaints = this.taints.some((t) => t.effect === 'PreferNoSchedule');
    this.allocatable = parseAllocatable(status.allocatable);
    this.images = parseImages(status.images);
    this.zone = zoneKey(this.labels);
    this.hostnameLabel = this.labels['kubernetes.io/hostname'];
    this.zoneLabel = this.labels['topology.kubernetes.io/zone'];
  }

  /** Adds a pod's requests, ports and affinity counts (NodeInfo.AddPodInfo). */
  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.account(p, 1);
  }

  /** Removes a pod by key; returns the removed PodInfo. */
  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    const r = p.requests;
    this.requested.milliCPU += sign * r.milliCPU;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    for (const [k, v] of r.scalar ?? []) addAmount(this.requested, k, sign * v);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    if (hasPodAffinity(p)) this.podsWithAffinity += sign;
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity += sign;
    for (const hp of p.hostPorts) this.updatePort(hp, sign);
  }

  private updatePort(hp: HostPort, sign: 1 | -1): void {
    let byIp = this.usedPorts.get(hp.ip);
    if (!byIp) this.usedPorts.set(hp.ip, (byIp = new Map()));
    const k = portKey(hp.protocol, hp.port);
    const n = (byIp.get(k) ?? 0) + sign;
    if (n > 0) byIp.set(k, n);
    else byIp.delete(k);
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP, others with themselves and 0.0.0.0. */
  portConflicts(hp: HostPort): boolean {
    const k = portKey(hp.protocol, hp.port);
    if (hp.ip === '0.0.0.0') {
      for (const byIp of this.usedPorts.values()) if (byIp.has(k)) return true;
      return false;
    }
    return (this.usedPorts.get('0.0.0.0')?.has(k) ?? false) || (this.usedPorts.get(hp.ip)?.has(k) ?? false);
  }
}
