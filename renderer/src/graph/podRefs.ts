/**
 * What a pod refers to by name: PersistentVolumeClaims (volumes), ConfigMaps
 * and Secrets (volumes, projected volumes, env, envFrom). Several references
 * to one object become one edge whose reason lists them all. Optional
 * references (`optional: true`) are not drawn dangling when missing: the pod
 * starts without them, so nothing is wrong.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import { missingRef, refKey, type OutRef } from './refs.ts';
import { obj, objs, str, type J } from './json.ts';
import type { Translate } from './types.ts';

type Kind = 'PersistentVolumeClaim' | 'ConfigMap' | 'Secret';

interface Acc {
  reasons: string[];
  kind: Kind;
  name: string;
  optional: boolean;
}

export function podRefs(pod: KubeObject, namespace: string, t: Translate): OutRef[] {
  const found = new Map<string, Acc>();
  const add = (kind: Kind, name: string, reason: string, optional = false) => {
    if (!name) return;
    const key = refKey('v1', kind, namespace, name);
    const acc = found.get(key);
    if (acc) {
      if (!acc.reasons.includes(reason)) acc.reasons.push(reason);
      acc.optional &&= optional;
    } else found.set(key, { reasons: [reason], kind, name, optional });
  };
  const spec = obj(pod, 'spec');
  for (const v of objs(spec, 'volumes')) volumeRefs(v, add, t);
  for (const c of [...objs(spec, 'initContainers'), ...objs(spec, 'containers')]) envRefs(c, add, t);
  return [...found].map(([target, a]) => ({
    target,
    type: a.kind === 'PersistentVolumeClaim' ? 'volume' : 'config',
    reason: a.reasons.join('; '),
    ...(a.optional ? {} : { missing: missingRef(t, a.kind, namespace, a.name) }),
  }));
}

type Add = (kind: Kind, name: string, reason: string, optional?: boolean) => void;

const optional = (o: J) => o['optional'] === true;

function volumeRefs(v: J, add: Add, t: Translate): void {
  const volume = str(v, 'name');
  const claim = obj(v, 'persistentVolumeClaim');
  add('PersistentVolumeClaim', str(claim, 'claimName'), t('graph.reason.claim', { name: str(claim, 'claimName') }));
  const cm = obj(v, 'configMap');
  add('ConfigMap', str(cm, 'name'), t('graph.reason.volume', { volume }), optional(cm));
  const secret = obj(v, 'secret');
  add('Secret', str(secret, 'secretName'), t('graph.reason.volume', { volume }), optional(secret));
  // The service-account token volume every pod gets mounts kube-root-ca.crt: noise, not a lesson.
  if (volume.startsWith('kube-api-access-')) return;
  for (const s of objs(obj(v, 'projected'), 'sources')) {
    const pcm = obj(s, 'configMap');
    add('ConfigMap', str(pcm, 'name'), t('graph.reason.volume', { volume }), optional(pcm));
    const ps = obj(s, 'secret');
    add('Secret', str(ps, 'name'), t('graph.reason.volume', { volume }), optional(ps));
  }
}

function envRefs(c: J, add: Add, t: Translate): void {
  for (const e of objs(c, 'envFrom')) {
    const cm = obj(e, 'configMapRef');
    add('ConfigMap', str(cm, 'name'), t('graph.reason.envFrom', { container: str(c, 'name') }), optional(cm));
    const s = obj(e, 'secretRef');
    add('Secret', str(s, 'name'), t('graph.reason.envFrom', { container: str(c, 'name') }), optional(s));
  }
  for (const e of objs(c, 'env')) {
    const from = obj(e, 'valueFrom');
    const env = str(e, 'name');
    const cm = obj(from, 'configMapKeyRef');
    add('ConfigMap', str(cm, 'name'), t('graph.reason.env', { env, key: str(cm, 'key') }), optional(cm));
    const s = obj(from, 'secretKeyRef');
    add('Secret', str(s, 'name'), t('graph.reason.env', { env, key: str(s, 'key') }), optional(s));
  }
}
