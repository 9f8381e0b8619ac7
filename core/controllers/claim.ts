/**
 * ControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go),
 * shared by the ReplicaSet and DaemonSet controllers, pure: an orphan that matches the
 * selector is adopted (a controller ownerReference is added), an owned object
 * that no longer matches is released (its ownerReference removed), objects of
 * other controllers are left alone. Returns what the owner owns afterwards
 * and the objects to write.
 */
import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { labelsOf } from './labels.ts';
import type { Action } from './runtime/types.ts';
import { controllerOf, newControllerRef } from './runtime/types.ts';

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
          newControllerRef(owner, owner.apiVersion, owner.kind),
        ],
      },
    };
    out.adopt.push(adopted);
    out.owned.push(adopted);
  }
  return out;
}

/** A claim's writes: adoptions and releases, each with the reason the trace shows. */
export function claimActions(owner: KubeObject, resource: ResourceType, claim: Claim): Action[] {
  const who = `${owner.kind} ${owner.metadata.name ?? ''}`;
  return [
    ...claim.adopt.map((object) => ({
      type: 'update' as const,
      resource,
      object,
      reason: `orphan ${object.metadata.name ?? ''} matches the selector of ${who} → adopted`,
    })),
    ...claim.release.map((object) => ({
      type: 'update' as const,
      resource,
      object,
      reason: `${object.metadata.name ?? ''} no longer matches the selector of ${who} → released`,
    })),
  ];
}
