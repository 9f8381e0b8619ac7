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
  const nfs = isRecord(spec['nfs']) ? obj(spec, 'nfs') : undefined;
  const csi = isRecord(spec['csi']) ? obj(spec, 'csi') : undefined;
  if (hostPath) printHostPath(w, hostPath);
  else if (nfs)
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(nfs, 'server')}\n    Path:\t${str(nfs, 'path')}\n    ReadOnly:\t${nfs['readOnly'] === true}\n`,
    );
  else if (csi) printCSISource(w, csi);
  else if (local)
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(local, 'path')}\n`,
    );
  else w.write(1, '<unknown>\n');
  describeEvents(w, events, nowMs);
}

/** printCSIPersistentVolumeSource, with its VolumeAttributes one per line. */
function printCSISource(w: PrefixWriter, csi: J): void {
  w.write(
    2,
    `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(csi, 'driver')}\n    FSType:\t${str(csi, 'fsType')}\n    VolumeHandle:\t${str(csi, 'volumeHandle')}\n    ReadOnly:\t${csi['readOnly'] === true}\n`,
  );
  const attrs = obj(csi, 'volumeAttributes');
  const keys = Object.keys(attrs).sort();
  w.write(2, 'VolumeAttributes:\t');
  if (keys.length === 0) w.writeLine('<none>');
  keys.forEach((k, i) => w.write(0, `${i === 0 ? '' : '\t\t\t'}${k}=${String(attrs[k])}\n`));
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

/** labels.FormatLabels: `k=v,k2=v2` in key order, `<none>` when empty. */
function formatLabels(m: J): string {
  const keys = Object.keys(m).sort();
  return keys.length ? keys.map((k) => `${k}=${String(m[k])}`).join(',') : '<none>';
}

/** describeStorageClass (kubectl describe.go). */
export function describeStorageClassBody(w: PrefixWriter, sc: KubeObject, events: KubeObject[], nowMs: number): void {
  const ann = sc.metadata.annotations ?? {};
  const isDefault =
    ann['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const expansion = sc['allowVolumeExpansion'];
  w.write(0, `Name:\t${sc.metadata.name ?? ''}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(ann)}\n`);
  w.write(0, `Provisioner:\t${str(sc, 'provisioner')}\n`);
  w.write(0, `Parameters:\t${formatLabels(obj(sc, 'parameters'))}\n`);
  w.write(0, `AllowVolumeExpansion:\t${typeof expansion === 'boolean' ? (expansion ? 'True' : 'False') : '<unset>'}\n`);
  const options = strs(sc, 'mountOptions');
  if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of options) w.write(1, `${o}\n`);
  }
  if (str(sc, 'reclaimPolicy')) w.write(0, `ReclaimPolicy:\t${str(sc, 'reclaimPolicy')}\n`);
  if (str(sc, 'volumeBindingMode')) w.write(0, `VolumeBindingMode:\t${str(sc, 'volumeBindingMode')}\n`);
  if (Array.isArray(sc['allowedTopologies'])) printAllowedTopologies(w, objs(sc, 'allowedTopologies'));
  describeEvents(w, events, nowMs);
}

function printAllowedTopologies(w: PrefixWriter, terms: J[]): void {
  w.write(0, 'AllowedTopologies:\t');
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(1, `Term ${i}:\t`);
    const exprs = objs(term, 'matchLabelExpressions');
    if (exprs.length === 0) w.writeLine('<none>');
    exprs.forEach((e, j) => {
      if (j !== 0) w.write(1, '\t');
      const values = strs(e, 'values');
      w.write(0, `${str(e, 'key')} in${values.length ? ` [${values.join(', ')}]` : ''}\n`);
    });
  });
}
