/**
 * Per-object facts the mapping needs, extracted once per object version:
 * its look, owners, named references (Pod → PVC/ConfigMap/Secret, PVC → PV →
 * StorageClass, Ingress → Service, StatefulSet → its headless Service, HPA →
 * its scale target), its selector (Service, NetworkPolicy, PodDisruptionBudget) and,
 * for EndpointSlices, which pods are ready endpoints. The mirror replaces an
 * object on every change, so facts are memoized by object identity: a batch of
 * 20 changed pods re-reads 20 pods, not 2,000.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import type { ObjectRef } from '../../../core/protocol/index.ts';
import { keyOf } from '../lib/cluster/reducer.ts';
import { lookOf, type Look } from './adapters.ts';
import { condition, obj, objs, str, strMap } from './json.ts';
import { podRefs } from './podRefs.ts';
import { missingRef, refKey, type OutRef } from './refs.ts';
import { fromLabelSelector, fromMap, type Selector } from './selectors.ts';
import type { EdgeType, Translate } from './types.ts';

export interface Facts {
  key: string;
  kind: string;
  namespace: string;
  ref: ObjectRef;
  look: Look;
  labels?: Record<string, string>;
  owners: { key: string; reason: string }[];
  refs: OutRef[];
  /** Service and NetworkPolicy: the pods they select. */
  selector?: { sel: Selector; type: EdgeType };
  /** Pod: the key of the node it is bound to, its Ready condition, and whether it has finished. */
  node?: string;
  ready?: boolean;
  finished?: boolean;
  /** EndpointSlice: the Service it belongs to and each pod endpoint's readiness. */
  endpoints?: { service: string; ready: Map<string, boolean> };
  /** Pods: `namespace␀key=value` per label, the keys of the selector index. */
  terms?: string[];
  /** Objects every cluster has that would only clutter the picture (kube-root-ca.crt, token Secrets). */
  noise: boolean;
}

/** The index key of one label of a pod: `namespace␀key=value`. */
export const termOf = (namespace: string, term: string) => `${namespace}\0${term}`;

export function factsOf(o: KubeObject, t: Translate): Facts {
  const namespace = o.metadata.namespace ?? '';
  const f: Facts = {
    key: keyOf(o),
    kind: o.kind,
    namespace,
    ref: { apiVersion: o.apiVersion, kind: o.kind, ...(namespace ? { namespace } : {}), name: o.metadata.name ?? '' },
    look: lookOf(o),
    ...(o.metadata.labels ? { labels: o.metadata.labels } : {}),
    owners: (o.metadata.ownerReferences ?? []).map((r) => ({
      key: refKey(r.apiVersion, r.kind, namespace, r.name),
      reason: t(r.controller ? 'graph.reason.ownsController' : 'graph.reason.owns'),
    })),
    refs: [],
    noise: isNoise(o),
  };
  KIND_FACTS[o.kind]?.(o, f, t);
  return f;
}

function isNoise(o: KubeObject): boolean {
  if (o.kind === 'ConfigMap') return o.metadata.name === 'kube-root-ca.crt';
  if (o.kind === 'Secret') return o['type'] === 'kubernetes.io/service-account-token';
  return false;
}

type KindFacts = (o: KubeObject, f: Facts, t: Translate) => void;

const KIND_FACTS: Record<string, KindFacts> = {
  Pod(o, f, t) {
    const status = obj(o, 'status');
    const phase = str(status, 'phase');
    const nodeName = str(obj(o, 'spec'), 'nodeName');
    if (nodeName) f.node = refKey('v1', 'Node', '', nodeName);
    f.ready = condition(o, 'Ready') === true;
    f.finished = phase === 'Succeeded' || phase === 'Failed';
    f.refs = podRefs(o, f.namespace, t);
    f.terms = Object.entries(f.labels ?? {}).map(([k, v]) => termOf(f.namespace, `${k}=${v}`));
  },
  Service(o, f) {
    const sel = strMap(obj(o, 'spec'), 'selector');
    // No selector (the `kubernetes` Service): endpoints are managed by hand, nothing to draw.
    if (sel && Object.keys(sel).length) f.selector = { sel: fromMap(sel), type: 'selector' };
  },
  StatefulSet(o, f, t) {
    const service = str(obj(o, 'spec'), 'serviceName');
    if (!service) return;
    f.refs.push({
      target: refKey('v1', 'Service', f.namespace, service),
      type: 'route',
      reason: t('graph.reason.serviceName', { name: service, pod: `${o.metadata.name ?? ''}-0` }),
      missing: missingRef(t, 'Service', f.namespace, service),
    });
  },
  HorizontalPodAutoscaler(o, f, t) {
    const target = obj(obj(o, 'spec'), 'scaleTargetRef');
    const kind = str(target, 'kind');
    const name = str(target, 'name');
    if (!kind || !name) return;
    const apiVersion = str(target, 'apiVersion') || 'apps/v1';
    f.refs.push({
      target: refKey(apiVersion, kind, f.namespace, name),
      type: 'scale',
      reason: t('graph.reason.scales', { kind, name }),
      missing: missingRef(t, kind, f.namespace, name),
    });
  },
  PodDisruptionBudget(o, f) {
    f.selector = { sel: fromLabelSelector(obj(obj(o, 'spec'), 'selector')), type: 'budget' };
  },
  NetworkPolicy(o, f) {
    f.selector = { sel: fromLabelSelector(obj(obj(o, 'spec'), 'podSelector')), type: 'policy' };
  },
  EndpointSlice(o, f) {
    const service = o.metadata.labels?.['kubernetes.io/service-name'];
    if (!service) return;
    const ready = new Map<string, boolean>();
    for (const e of objs(o, 'endpoints')) {
      const target = obj(e, 'targetRef');
      if (str(target, 'kind') !== 'Pod') continue;
      const r = obj(e, 'conditions')['ready'];
      ready.set(refKey('v1', 'Pod', str(target, 'namespace') || f.namespace, str(target, 'name')), r !== false);
    }
    f.endpoints = { service: refKey('v1', 'Service', f.namespace, service), ready };
  },
  PersistentVolumeClaim(o, f, t) {
    const spec = obj(o, 'spec');
    const volume = str(spec, 'volumeName');
    const sc = str(spec, 'storageClassName');
    if (volume) {
      f.refs.push({
        target: refKey('v1', 'PersistentVolume', '', volume),
        type: 'storage',
        reason: t('graph.reason.volumeName', { name: volume }),
        missing: missingRef(t, 'PersistentVolume', '', volume),
      });
    } else if (sc) {
      f.refs.push(storageClassRef(sc, t));
    }
  },
  PersistentVolume(o, f, t) {
    const sc = str(obj(o, 'spec'), 'storageClassName');
    if (sc) f.refs.push(storageClassRef(sc, t));
  },
  Ingress(o, f, t) {
    const names = new Set<string>();
    const spec = obj(o, 'spec');
    const add = (backend: unknown) => {
      const n = str(obj(backend, 'service'), 'name');
      if (n) names.add(n);
    };
    add(obj(spec, 'defaultBackend'));
    for (const rule of objs(spec, 'rules')) for (const p of objs(obj(rule, 'http'), 'paths')) add(obj(p, 'backend'));
    for (const n of names) {
      f.refs.push({
        target: refKey('v1', 'Service', f.namespace, n),
        type: 'route',
        reason: t('graph.reason.backend', { name: n }),
        missing: missingRef(t, 'Service', f.namespace, n),
      });
    }
  },
};

function storageClassRef(name: string, t: Translate): OutRef {
  return {
    target: refKey('storage.k8s.io/v1', 'StorageClass', '', name),
    type: 'storage',
    reason: t('graph.reason.storageClass', { name }),
    missing: missingRef(t, 'StorageClass', '', name),
  };
}
