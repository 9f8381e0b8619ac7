/**
 * Pod resource requests as resourcehelper.PodRequests computes them:
 * containers summed, sidecars (restartable init containers) added, the
 * init-container max rule applied, overhead added. The "non-zero" variant
 * substitutes 100m cpu / 200Mi memory for a container that names no request,
 * as schedutil.GetNonzeroRequests does for scoring.
 */
import { isObject } from '../api/types.ts';
import { resourceAmount } from './quantity.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (isObject(v) ? v : {});
const asArray = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Requested amounts: cpu in millicores, the rest in whole units. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and hugepages resources; null when none. */
  scalar: Map<string, number> | null;
}

/** A fresh zero request. */
export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: null };
}

function addList(target: Resources, list: Obj, sign: 1 | -1 = 1): void {
  for (const [name, q] of Object.entries(list)) addAmount(target, name, sign * resourceAmount(name, q));
}

/** Adds an amount of one resource. */
export function addAmount(target: Resources, name: string, amount: number): void {
  if (name === 'cpu') target.milliCPU += amount;
  else if (name === 'memory') target.memory += amount;
  else if (name === 'ephemeral-storage') target.ephemeralStorage += amount;
  else if (name !== 'pods') {
    target.scalar ??= new Map();
    target.scalar.set(name, (target.scalar.get(name) ?? 0) + amount);
  }
}

function maxInto(target: Resources, other: Resources): void {
  target.milliCPU = Math.max(target.milliCPU, other.milliCPU);
  target.memory = Math.max(target.memory, other.memory);
  target.ephemeralStorage = Math.max(target.ephemeralStorage, other.ephemeralStorage);
  for (const [k, v] of other.scalar ?? []) {
    target.scalar ??= new Map();
    target.scalar.set(k, Math.max(target.scalar.get(k) ?? 0, v));
  }
}

function sum(a: Resources, b: Resources): Resources {
  const out: Resources = {
    milliCPU: a.milliCPU + b.milliCPU,
    memory: a.memory + b.memory,
    ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage,
    scalar: null,
  };
  for (const m of [a.scalar, b.scalar]) for (const [k, v] of m ?? []) addAmount(out, k, v);
  return out;
}

function containerRequests(c: Obj, nonZero: boolean): Resources {
  const requests = asObj(asObj(c.resources).requests);
  const r = emptyResources();
  addList(r, requests);
  if (nonZero) {
    if (!('cpu' in requests)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!('memory' in requests)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * resourcehelper.PodRequests. Worked example: containers 100m+200m, a sidecar
 * of 50m and a plain init container of 500m give max(300m+50m, 50m+500m) = 550m.
 */
export function podRequests(spec: Obj, nonZero: boolean): Resources {
  let reqs = emptyResources();
  for (const c of asArray(spec.containers)) reqs = sum(reqs, containerRequests(c, nonZero));
  let sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of asArray(spec.initContainers)) {
    let r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      reqs = sum(reqs, r);
      sidecars = sum(sidecars, r);
      r = sidecars;
    } else {
      r = sum(r, sidecars);
    }
    maxInto(initMax, r);
  }
  maxInto(reqs, initMax);
  addList(reqs, asObj(spec.overhead));
  return reqs;
}
