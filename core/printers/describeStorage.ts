/**
 * `kubectl describe` for PersistentVolumeClaim and PersistentVolume
 * (describePersistentVolumeClaim / describePersistentVolume in kubectl
 * `pkg/describe/describe.go`, kubectl 1.33).
 */
import type { KubeObject } from '../api/types.ts';
import { translateTimestampSince } from './duration.ts';
import { isRecord, obj, objs, str, strs, type J } from './json.ts';
import {
  cmp,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { printHostPath } from './describeVolumes.ts';
import { accessModes, storageClassOf } from './storage.ts';
import { canonicalQuantity } from './quantity.ts';

/** Go's %v of a []string: `[a b]`. */
const goList = (items: string[]): string => `[${items.join(' ')}]`;

export function describePVCBody(
  w: PrefixWriter,
  pvc: KubeObject,
  pods: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(pvc, 'spec');
  const status = obj(pvc, 'status');
  w.write(0, `Name:\t${pvc.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp !== undefined) {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, nowMs)})\n`);
  } else {
    w.write(0, `Status:\t${str(status, 'phase')}\n`);
  }
  w.write(0, `Volume:\t${str(spec, 'volumeName')}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers ?? [])}\n`);
  const bound = str(spec, 'volumeName') !== '';
  w.write(0, `Capacity:\t${bound ? canonicalQuantity(str(obj(status, 'capacity'), 'storage') || '0') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(strs(status, 'accessModes')) : ''}\n`);
  if (str(spec, 'volumeMode')) w.write(0, `VolumeMode:\t${str(spec, 'volumeMode')}\n`);
  const users = pods.filter((p) =>
    objs(obj(p, 'spec'), 'volumes').some(
      (v) => str(obj(v, 'persistentVolumeClaim'), 'claimName') === pvc.metadata.name,
    ),
  );
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.writeLine('<none>');
  [...users]
    .sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''))
    .forEach((p, i) => w.write(0, `${i === 0 ? '' : '\t'}${p.metadata.name ?? ''}\n`));
  describeEvents(w, events, nowMs);
}

export function describePVBody(w: PrefixWriter, pv: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(pv, 'spec');
  w.write(0, `Name:\t${pv.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers ?? [])}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(pv)}\n`);
  if (pv.metadata.deletionTimestamp !== undefined) {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pv.metadata.deletionTimestamp, nowMs)})\n`);
  } else {
    w.write(0, `Status:\t${str(obj(pv, 'status'), 'phase')}\n`);
  }
  const claim = obj(spec, 'claimRef');
  w.write(0, `Claim:\t${isRecord(spec['claimRef']) ? `${str(claim, 'namespace')}/${str(claim, 'name')}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${str(spec, 'persistentVolumeReclaimPolicy')}\n`);
  w.write(0, `Access Modes:\t${accessModes(strs(spec, 'accessModes'))}\n`);
  if (str(spec, 'volumeMode')) w.write(0, `VolumeMode:\t${str(spec, 'volumeMode')}\n`);
  w.write(0, `Capacity:\t${canonicalQuantity(str(obj(spec, 'capacity'), 'storage') || '0')}\n`);
  printVolumeNodeAffinity(w, spec);
  w.write(0, `Message:\t${str(obj(pv, 'status'), 'message')}\n`);
  w.write(0, 'Source:\n');
  const hostPath = isRecord(spec['hostPath']) ? obj(spec, 'hostPath') : undefined;
  const local = isRecord(spec['local']) ? obj(spec, 'local') : undefined;
  if (hostPath) printHostPath(w, hostPath);
  else if (local)
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(local, 'path')}\n`,
    );
  else w.write(1, '<unknown>\n');
  describeEvents(w, events, nowMs);
}

/** printVolumeNodeAffinity: required node selector terms, one expression per line. */
function printVolumeNodeAffinity(w: PrefixWriter, spec: J): void {
  w.write(0, 'Node Affinity:\t');
  const required = isRecord(obj(spec, 'nodeAffinity')['required'])
    ? obj(obj(spec, 'nodeAffinity'), 'required')
    : undefined;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(1, 'Required Terms:\t');
  const terms = objs(required, 'nodeSelectorTerms');
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = objs(term, 'matchExpressions');
    if (reqs.length === 0) w.writeLine('<none>');
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = strs(r, 'values');
      const expr = `${str(r, 'key')} ${str(r, 'operator').toLowerCase()}`;
      w.write(0, `${values.length > 0 ? `${expr} [${values.join(', ')}]` : expr}\n`);
    });
  });
}
