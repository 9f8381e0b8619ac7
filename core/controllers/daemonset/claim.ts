/**
 * ControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go)
 * for the DaemonSet's pods and revisions, pure: an orphan that matches the
 * selector is adopted (a controller ownerReference is added), an owned object
 * that no longer matches is released (its ownerReference removed), objects of
 * other controllers are left alone. Returns what the DaemonSet owns afterwards
 * and the objects to write.
 */
import type { KubeObject } from '../../api/types.ts';
import { labelsOf } from '../labels.ts';
import { controllerOf } from '../runtime/types.ts';

export interface Claim {
  owned: KubeObject[];
  adopt: KubeObject[];
  release: KubeObject[];
}

export function claimObjects(
  owner: KubeObject,
  candidates: KubeObject[],
  matches: (labels: Record<string, string>) => boolean,
): Claim {
  const uid = owner.metadata.uid ?? '';
  const out: Claim = { owned: [], adopt: [], release: [] };
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const matching = matches(labelsOf(obj));
    if (ref?.uid === uid) {
      if (matching) out.owned.push(obj);
      else if (!owner.metadata.deletionTimestamp)
        out.release.push({
          ...obj,
          metadata: {
            ...obj.metadata,
            ownerReferences: (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid),
          },
        });
      continue;
    }
    if (ref || !matching || owner.metadata.deletionTimestamp || obj.metadata.deletionTimestamp) continue;
    const adopted: KubeObject = {
      ...obj,
      metadata: {
        ...obj.metadata,
        ownerReferences: [
          ...(obj.metadata.ownerReferences ?? []),
          {
            apiVersion: owner.apiVersion,
            kind: owner.kind,
            name: owner.metadata.name ?? '',
            uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    };
    out.adopt.push(adopted);
    out.owned.push(adopted);
  }
  return out;
}
