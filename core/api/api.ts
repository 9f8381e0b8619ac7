/**
 * The Api: Kubernetes verbs with their semantics over the Store. Every
 * client (the HTTP API server, controllers, the kubelets, the embedded
 * kubectl, the UI) writes through here, so every write is defaulted,
 * validated, versioned and traced the same way.
 */
import type { VirtualClock } from '../clock/clock.ts';
import { isoSeconds } from '../clock/clock.ts';
import type { StoreEvent } from '../store/store.ts';
import { Store } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import { deepClone, deepEqual } from '../util/json.ts';
import type { ResourceType } from './registry.ts';
import { storageKey } from './registry.ts';
import * as status from './status.ts';
import { admit } from './admission.ts';
import { admitPolicies, RT } from './admission/index.ts';
import { convert } from './conversion.ts';
import type { PolicyContext } from './admission/index.ts';
import { addServiceAccountVolume } from './serviceaccount.ts';
import type { Allocators } from './allocators.ts';
import { dropTypeDependentFields } from './servicetype.ts';
import { hasStatusSubresource, initialStatus, specChanged, tracksGeneration } from './strategy.ts';
import type { Actor, TraceEntry } from './trace.ts';
import { Trace } from './trace.ts';
import type { KubeObject, Result, Status } from './types.ts';
import type { FieldOwnership } from './patch/index.ts';
import { fail, ok } from './types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  actor: Actor;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  /** Write only the status (the /status subresource). */
  subresource?: 'status';
  /**
   * A write from a control-plane component inside the lab (controller, scheduler,
   * kubelet, event recorder): its objects are built from already-admitted ones, so
   * the schema walk and validation are skipped (defaults still apply on create).
   * The caller hands over the object and must not mutate it afterwards.
   */
  trusted?: boolean;
}

export interface DeleteOptions {
  actor: Actor;
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  created?: boolean;
}

export type Matcher = (obj: KubeObject) => boolean;

export interface WatchOptions {
  namespace?: string;
  /** Resume after this revision; undefined or 0 sends the current state as ADDED first. */
  resourceVersion?: number;
  match?: Matcher;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

/** Deletion is finished by garbage collection or a kubelet; these name the blocking finalizers. */
export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

export class Api {
  readonly store: Store;
  readonly trace = new Trace();

  /** Server-side apply field ownership per object (managedFields, kept off the objects). */
  private owners = new Map<string, FieldOwnership>();

  /** What LimitRanger, Priority and ResourceQuota admission read and write (admission/). */
  private readonly policy: PolicyContext = {
    list: (rt, namespace) => this.store.list(storageKey(rt), rt.namespaced ? namespace : undefined),
    now: () => this.clock.now(),
    chargeQuota: (quota, used) => {
      this.update(
        RT.resourceQuotas,
        { ...quota, status: { ...(quota.status as object), used } },
        {
          actor: { component: 'kube-apiserver', reason: `quota admission charged ${quota.metadata.name ?? ''}` },
          subresource: 'status',
          trusted: true,
        },
      );
    },
  };

  constructor(
    readonly clock: VirtualClock,
    private readonly rng: Rng,
    private readonly allocators: Allocators,
    historyLimit?: number,
  ) {
    this.store = new Store(historyLimit);
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): Result<KubeObject> {
    const obj = this.store.get(storageKey(rt), ns(rt, namespace), name);
    return obj ? ok(this.asVersion(rt, obj)) : fail(status.notFound(rt.plural, rt.group, name));
  }

  /** Read without copying or converting: for in-process readers that promise not to mutate. */
  peek(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(storageKey(rt), ns(rt, namespace), name);
  }

  list(rt: ResourceType, namespace?: string, match?: Matcher): { items: KubeObject[]; resourceVersion: string } {
    const all = this.store.list(storageKey(rt), rt.namespaced ? namespace : undefined);
    const items = (match ? all.filter(match) : all).map((o) => this.asVersion(rt, o));
    return { items, resourceVersion: String(this.store.resourceVersion) };
  }

  create(rt: ResourceType, input: KubeObject, opts: WriteOptions): Result<WriteResult> {
    const obj = opts.trusted ? { ...input, metadata: { ...input.metadata } } : deepClone(input);
    obj.apiVersion = rt.apiVersion;
    obj.kind = rt.kind;
    const meta = obj.metadata ?? (obj.metadata = {});
    if (rt.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    const nsCheck = this.checkNamespace(rt, meta.namespace, meta.name ?? meta.generateName ?? '');
    if (nsCheck) return fail(nsCheck);
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.suffix(5);
    meta.uid = this.rng.uuid();
    const admitted = admit(rt, obj, undefined, opts.fieldValidation ?? 'Strict', opts.trusted);
    if (!admitted.ok) return admitted;
    const candidate = toStorage(rt, admitted.value.object);
    if (rt.group === '' && rt.plural === 'pods') addServiceAccountVolume(candidate, this.rng.suffix(5));
    if (this.store.get(storageKey(rt), meta.namespace, meta.name ?? '')) {
      return fail(status.alreadyExists(rt.plural, rt.group, meta.name ?? ''));
    }
    const denied = admitPolicies(this.policy, {
      rt,
      operation: 'create',
      object: candidate,
      raw: obj,
      dryRun: !!opts.dryRun,
    });
    if (denied) return fail(denied);
    this.stampCreate(rt, candidate);
    const alloc = this.allocators.onCreate(rt, candidate, !!opts.dryRun);
    if (!alloc.ok) return alloc;
    if (opts.dryRun)
      return ok({ object: this.asVersion(rt, candidate), warnings: admitted.value.warnings, created: true });
    const stored = this.store.put(storageKey(rt), candidate, true);
    this.record(opts.actor, 'create', rt, stored);
    return ok({ object: this.asVersion(rt, stored), warnings: admitted.value.warnings, created: true });
  }

  update(rt: ResourceType, input: KubeObject, opts: WriteOptions): Result<WriteResult> {
    const name = input.metadata?.name ?? '';
    const namespace = ns(rt, input.metadata?.namespace);
    const current = this.store.get(storageKey(rt), namespace, name);
    if (!current) return fail(status.notFound(rt.plural, rt.group, name));
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      return fail(status.conflict(rt.plural, rt.group, name, status.STALE_OBJECT));
    }
    // Merged and validated in the client's version; stored in the storage version.
    const served = this.asVersion(rt, current);
    const next = this.mergeForUpdate(rt, served, opts.trusted ? input : deepClone(input), opts.subresource);
    if (!opts.subresource) dropTypeDependentFields(rt, next, served);
    const admitted = admit(rt, next, served, opts.fieldValidation ?? 'Strict', opts.trusted);
    if (!admitted.ok) return admitted;
    const candidate = toStorage(rt, admitted.value.object);
    if (!opts.trusted && !opts.subresource) {
      const denied = admitPolicies(this.policy, {
        rt,
        operation: 'update',
        object: candidate,
        raw: next,
        old: current,
        dryRun: !!opts.dryRun,
      });
      if (denied) return fail(denied);
    }
    if (tracksGeneration(rt) && specChanged(current, candidate)) {
      candidate.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    const alloc = this.allocators.onUpdate(rt, candidate, current, !!opts.dryRun);
    if (!alloc.ok) return alloc;
    // An update that changes nothing is not written: no new resourceVersion, no watch event (as etcd3's GuaranteedUpdate).
    if (sameContent(current, candidate))
      return ok({ object: this.asVersion(rt, current), warnings: admitted.value.warnings });
    if (opts.dryRun) return ok({ object: this.asVersion(rt, candidate), warnings: admitted.value.warnings });
    return ok({
      object: this.commitUpdate(rt, current, candidate, opts.actor, opts.subresource),
      warnings: admitted.value.warnings,
    });
  }

  /** Apply a change function to the current object and update, retrying never (single-threaded). */
  mutate(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    change: (obj: KubeObject) => void,
    opts: WriteOptions,
  ): Result<WriteResult> {
    const current = this.store.get(storageKey(rt), ns(rt, namespace), name);
    if (!current) return fail(status.notFound(rt.plural, rt.group, name));
    const copy = deepClone(current);
    change(copy);
    return this.update(rt, copy, opts);
  }

  /**
   * The pods/binding subresource: set spec.nodeName and PodScheduled=True in
   * one write, as the registry's BindingREST does. Fails if already bound.
   */
  bind(rt: ResourceType, namespace: string, name: string, nodeName: string, actor: Actor): Result<KubeObject> {
    const current = this.store.get(storageKey(rt), namespace, name);
    if (!current) return fail(status.notFound(rt.plural, rt.group, name));
    const spec = (current.spec ?? {}) as { nodeName?: string };
    if (spec.nodeName) {
      return fail(
        status.conflict(rt.plural, rt.group, name, `pod ${name} is already assigned to node "${spec.nodeName}"`),
      );
    }
    if (current.metadata.deletionTimestamp) {
      return fail(
        status.conflict(rt.plural, rt.group, name, `pod ${name} is being deleted, cannot be assigned to a host`),
      );
    }
    // Stored objects are immutable: the bound pod shares everything but spec and status with the old one.
    const st = (current.status ?? {}) as { conditions?: { type: string }[] };
    const conditions = [
      ...(st.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowIso() },
    ];
    const next: KubeObject = {
      ...current,
      metadata: { ...current.metadata },
      spec: { ...spec, nodeName },
      status: { ...st, conditions },
    };
    return ok(this.commitUpdate(rt, current, next, actor));
  }

  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): Result<KubeObject | Status> {
    const key = storageKey(rt);
    const current = this.store.get(key, ns(rt, namespace), name);
    if (!current) return fail(status.notFound(rt.plural, rt.group, name));
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      return fail(
        status.conflict(
          rt.plural,
          rt.group,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
        ),
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      return fail(
        status.conflict(
          rt.plural,
          rt.group,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`,
        ),
      );
    }
    const finalizers = this.deletionFinalizers(rt, current, opts);
    const grace = this.gracePeriod(rt, current, opts.gracePeriodSeconds);
    if (finalizers.length === 0 && grace === 0 && !(rt.plural === 'namespaces' && this.awaitsKubelet(rt, current))) {
      if (opts.dryRun) return ok(current);
      const removed = this.store.remove(key, current.metadata.namespace, name)!;
      this.owners.delete(`${key}|${current.metadata.namespace ?? ''}/${name}`);
      this.record(opts.actor, 'delete', rt, removed);
      return ok(this.asVersion(rt, removed));
    }
    // Copied only when the object stays (marked for deletion): most deletes remove it at once.
    const next = deepClone(current);
    next.metadata.finalizers = finalizers.length ? finalizers : undefined;
    this.markDeleting(rt, next, current, grace);
    if (opts.dryRun) return ok(next);
    const stored = this.commitUpdate(rt, current, next, opts.actor);
    return ok(stored);
  }

  /**
   * Watch a resource: replay from a revision (or the current state), then live
   * changes. Objects that stop matching a filter are sent as DELETED, as the
   * apiserver's watch cache does.
   */
  watch(rt: ResourceType, opts: WatchOptions, send: (e: WatchEvent) => void): Result<() => void> {
    const key = storageKey(rt);
    const namespace = rt.namespaced ? opts.namespace : undefined;
    const visible = (o: KubeObject | undefined) =>
      !!o && (namespace === undefined || o.metadata.namespace === namespace) && (!opts.match || opts.match(o));
    const deliver = (e: StoreEvent) => {
      const now = visible(e.object);
      const before = e.type === 'MODIFIED' ? visible(e.old) : now;
      if (e.type === 'MODIFIED' && now !== before) {
        send({ type: now ? 'ADDED' : 'DELETED', object: this.asVersion(rt, e.object) });
      } else if (now) send({ type: e.type, object: this.asVersion(rt, e.object) });
    };
    if (!opts.resourceVersion) {
      for (const o of this.store.list(key, namespace))
        if (visible(o)) send({ type: 'ADDED', object: this.asVersion(rt, o) });
    } else {
      const replay = this.store.since(key, opts.resourceVersion);
      if (!replay) {
        return fail(
          status.gone(`too old resource version: ${opts.resourceVersion} (${this.store.oldestResumable + 1})`),
        );
      }
      replay.forEach(deliver);
    }
    return ok(this.store.subscribe(key, deliver));
  }

  ownership(rt: ResourceType, namespace: string | undefined, name: string): FieldOwnership {
    return this.owners.get(`${storageKey(rt)}|${ns(rt, namespace) ?? ''}/${name}`) ?? [];
  }

  setOwnership(rt: ResourceType, namespace: string | undefined, name: string, owned: FieldOwnership): void {
    this.owners.set(`${storageKey(rt)}|${ns(rt, namespace) ?? ''}/${name}`, owned);
  }

  // --- helpers -------------------------------------------------------------

  private checkNamespace(rt: ResourceType, namespace: string | undefined, name: string): Status | undefined {
    if (!rt.namespaced || !namespace) return undefined;
    const nsObj = this.store.get('/namespaces', undefined, namespace);
    if (!nsObj) return status.notFound('namespaces', '', namespace);
    if (nsObj.metadata.deletionTimestamp) {
      return status.forbidden(
        `${rt.plural}${rt.group ? '.' + rt.group : ''} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        { kind: rt.plural, ...(rt.group ? { group: rt.group } : {}) },
      );
    }
    return undefined;
  }

  private stampCreate(rt: ResourceType, obj: KubeObject): void {
    const m = obj.metadata;
    m.creationTimestamp = this.clock.nowIso();
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.managedFields;
    if (tracksGeneration(rt)) m.generation = 1;
    else delete m.generation;
    const st = initialStatus(rt, obj);
    if (st === undefined) delete obj.status;
    else obj.status = st;
  }

  /** What an update may change: spec writes keep status, status writes keep everything else. */
  private mergeForUpdate(rt: ResourceType, current: KubeObject, input: KubeObject, sub?: 'status'): KubeObject {
    const keep = current.metadata;
    // Stored objects are immutable, so the new version may share their unchanged parts.
    const next: KubeObject = sub === 'status' ? { ...current, status: input.status } : { ...input };
    if (sub !== 'status' && hasStatusSubresource(rt) && rt.plural !== 'nodes') next.status = current.status;
    next.apiVersion = rt.apiVersion;
    next.kind = rt.kind;
    const meta = sub === 'status' ? { ...keep } : { ...(input.metadata ?? {}) };
    meta.name = keep.name;
    if (keep.namespace) meta.namespace = keep.namespace;
    meta.uid = keep.uid;
    meta.creationTimestamp = keep.creationTimestamp;
    if (keep.generation !== undefined) meta.generation = keep.generation;
    if (keep.deletionTimestamp) {
      meta.deletionTimestamp = keep.deletionTimestamp;
      if (keep.deletionGracePeriodSeconds !== undefined)
        meta.deletionGracePeriodSeconds = keep.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    delete meta.managedFields;
    next.metadata = meta;
    return next;
  }

  private commitUpdate(
    rt: ResourceType,
    current: KubeObject,
    next: KubeObject,
    actor: Actor,
    sub?: 'status',
  ): KubeObject {
    const key = storageKey(rt);
    // An object being deleted disappears once its last finalizer is gone and no grace period remains.
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length && !this.awaitsKubelet(rt, next)) {
      const removed = this.store.remove(key, current.metadata.namespace, current.metadata.name ?? '')!;
      this.owners.delete(`${key}|${current.metadata.namespace ?? ''}/${current.metadata.name ?? ''}`);
      this.record(actor, 'delete', rt, removed);
      return this.asVersion(rt, removed);
    }
    if (next.metadata.finalizers?.length === 0) delete next.metadata.finalizers;
    const stored = this.store.put(key, next, true);
    this.record(actor, sub === 'status' ? 'status' : 'update', rt, stored);
    return this.asVersion(rt, stored);
  }

  /**
   * A scheduled pod with a grace period is removed by its kubelet, and a
   * namespace by the namespace controller once its spec.finalizers are gone.
   */
  private awaitsKubelet(rt: ResourceType, obj: KubeObject): boolean {
    if (rt.group !== '') return false;
    if (rt.plural === 'pods') return (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
    if (rt.plural === 'namespaces') return !!(obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length;
    return false;
  }

  private deletionFinalizers(rt: ResourceType, obj: KubeObject, opts: DeleteOptions): string[] {
    const finalizers = [...(obj.metadata.finalizers ?? [])].filter((f) => f !== FOREGROUND && f !== ORPHAN);
    if (obj.metadata.deletionTimestamp) return obj.metadata.finalizers ?? [];
    if (opts.propagationPolicy === 'Foreground') finalizers.push(FOREGROUND);
    if (opts.propagationPolicy === 'Orphan') finalizers.push(ORPHAN);
    return finalizers;
  }

  private gracePeriod(rt: ResourceType, obj: KubeObject, requested: number | undefined): number {
    if (rt.plural !== 'pods' || rt.group !== '') return 0;
    const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    const already = obj.metadata.deletionGracePeriodSeconds;
    return already !== undefined ? Math.min(already, grace) : grace;
  }

  private markDeleting(rt: ResourceType, next: KubeObject, current: KubeObject, grace: number): void {
    const now = this.clock.now();
    if (rt.plural === 'namespaces' && rt.group === '') {
      next.metadata.deletionTimestamp = current.metadata.deletionTimestamp ?? isoSeconds(now);
      next.metadata.deletionGracePeriodSeconds = 0;
      next.status = { ...(next.status as object), phase: 'Terminating' };
      return;
    }
    if (rt.plural === 'pods' && rt.group === '' && grace > 0) {
      next.metadata.deletionTimestamp = isoSeconds(now + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      return;
    }
    next.metadata.deletionTimestamp = current.metadata.deletionTimestamp ?? isoSeconds(now);
    next.metadata.deletionGracePeriodSeconds = 0;
  }

  private record(
    actor: Actor,
    verb: 'create' | 'update' | 'delete' | 'status',
    rt: ResourceType,
    obj: KubeObject,
  ): void {
    // Built member by member in the entry's key order (no conditional spreads): one per write, ~80,000 a fast-forwarded day.
    const m = obj.metadata;
    const entry = { time: this.clock.nowIso(), component: actor.component, verb, kind: rt.kind } as TraceEntry;
    if (m.namespace) entry.namespace = m.namespace;
    entry.name = m.name ?? '';
    if (m.uid) entry.uid = m.uid;
    if (m.resourceVersion) entry.resourceVersion = m.resourceVersion;
    entry.reason = actor.reason ?? `${verb} ${rt.kind.toLowerCase()} ${m.name ?? ''}`;
    this.trace.record(entry);
  }

  /** Objects are stored once; a request through another version (autoscaling/v1 HPA) sees its apiVersion. */
  private asVersion(rt: ResourceType, obj: KubeObject): KubeObject {
    if (obj.apiVersion === rt.apiVersion && obj.kind === rt.kind) return obj;
    return convert(obj.kind === rt.kind ? obj : { ...obj, kind: rt.kind }, rt.apiVersion);
  }
}

/** Kinds whose versions differ in shape are stored in one version (the API server's storage version). */
const STORAGE_VERSION: Readonly<Record<string, string>> = { HorizontalPodAutoscaler: 'autoscaling/v2' };

function toStorage(rt: ResourceType, obj: KubeObject): KubeObject {
  const version = STORAGE_VERSION[rt.kind];
  return version && obj.apiVersion !== version ? convert(obj, version) : obj;
}

/** Equal apart from metadata.resourceVersion (deepEqual's rules: undefined members count as absent). */
function sameContent(a: KubeObject, b: KubeObject): boolean {
  return sameMembers(a, b, 'metadata') && sameMembers(a.metadata, b.metadata, 'resourceVersion');
}

/** deepEqual of two records with member `skip` left out, without copying either. */
function sameMembers(a: object, b: object, skip: string): boolean {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    const v = ao[k];
    if (k === skip || v === undefined) continue;
    count++;
    if (!deepEqual(v, bo[k])) return false;
  }
  for (const k in bo) if (k !== skip && bo[k] !== undefined) count--;
  return count === 0;
}

function ns(rt: ResourceType, namespace: string | undefined): string | undefined {
  return rt.namespaced ? namespace || 'default' : undefined;
}
