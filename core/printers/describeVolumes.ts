/**
 * The `Volumes:` section of describe pod and pod templates (describeVolumes
 * and the print*VolumeSource helpers of kubectl describe.go), for the volume
 * types the lab simulates; others print their type name only.
 */
import { goBool, objs, optBool, optNum, optObj, optStr, str, type J } from './json.ts';
import type { PrefixWriter } from './describeWriter.ts';
import { canonicalQuantity } from './quantity.ts';

export function describeVolumes(w: PrefixWriter, volumes: J[], space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${str(v, 'name')}:\n`);
    describeVolumeSource(w, v);
  }
}

/** One volume's `Type:` block, by the first source field present. */
export function describeVolumeSource(w: PrefixWriter, v: J): void {
  const hostPath = optObj(v, 'hostPath');
  const emptyDir = optObj(v, 'emptyDir');
  const secret = optObj(v, 'secret');
  const configMap = optObj(v, 'configMap');
  const pvc = optObj(v, 'persistentVolumeClaim');
  const projected = optObj(v, 'projected');
  const downward = optObj(v, 'downwardAPI');
  const nfs = optObj(v, 'nfs');
  if (hostPath) printHostPath(w, hostPath);
  else if (emptyDir) {
    const limit = optStr(emptyDir, 'sizeLimit');
    const size = limit !== undefined && canonicalQuantity(limit) !== '0' ? canonicalQuantity(limit) : '<unset>';
    w.write(
      2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(emptyDir, 'medium')}\n    SizeLimit:\t${size}\n`,
    );
  } else if (secret) {
    w.write(
      2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(secret, 'secretName')}\n    Optional:\t${goBool(optBool(secret, 'optional'))}\n`,
    );
  } else if (configMap) {
    w.write(
      2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(configMap, 'name')}\n    Optional:\t${goBool(optBool(configMap, 'optional'))}\n`,
    );
  } else if (nfs) {
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(nfs, 'server')}\n    Path:\t${str(nfs, 'path')}\n    ReadOnly:\t${goBool(optBool(nfs, 'readOnly'))}\n`,
    );
  } else if (pvc) {
    w.write(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(pvc, 'claimName')}\n    ReadOnly:\t${goBool(optBool(pvc, 'readOnly'))}\n`,
    );
  } else if (downward) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of objs(downward, 'items')) describeDownwardItem(w, item);
  } else if (projected) {
    printProjected(w, projected);
  } else {
    w.write(1, '<unknown>\n');
  }
}

/** printHostPathVolumeSource. */
export function printHostPath(w: PrefixWriter, hostPath: J): void {
  const type = optStr(hostPath, 'type') ?? '<none>';
  w.write(
    2,
    `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(hostPath, 'path')}\n    HostPathType:\t${type}\n`,
  );
}

function describeDownwardItem(w: PrefixWriter, item: J): void {
  const field = optObj(item, 'fieldRef');
  const resource = optObj(item, 'resourceFieldRef');
  if (field) w.write(3, `${str(field, 'fieldPath')} -> ${str(item, 'path')}\n`);
  if (resource) w.write(3, `${str(resource, 'resource')} -> ${str(item, 'path')}\n`);
}

/** printProjectedVolumeSource, e.g. the kube-api-access-xxxxx volume of every pod. */
function printProjected(w: PrefixWriter, projected: J): void {
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of objs(projected, 'sources')) {
    const secret = optObj(source, 'secret');
    const configMap = optObj(source, 'configMap');
    const token = optObj(source, 'serviceAccountToken');
    if (secret) {
      w.write(2, `SecretName:\t${str(secret, 'name')}\n    Optional:\t${goBool(optBool(secret, 'optional'))}\n`);
    } else if (optObj(source, 'downwardAPI')) {
      w.write(2, 'DownwardAPI:\ttrue\n');
    } else if (configMap) {
      w.write(
        2,
        `ConfigMapName:\t${str(configMap, 'name')}\n    Optional:\t${goBool(optBool(configMap, 'optional'))}\n`,
      );
    } else if (token) {
      w.write(2, `TokenExpirationSeconds:\t${optNum(token, 'expirationSeconds') ?? 3600}\n`);
    }
  }
}
