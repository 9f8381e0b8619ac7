/**
 * A simulated CSI external provisioner and resizer (kubernetes-csi/external-provisioner
 * controller.go Provision/Delete, external-resizer), one per provisioner name the lab
 * serves: `kubelab.io/simulated-disk` (a network disk every node reaches) and
 * `kubelab.io/local-path` (a directory on the node the pod was scheduled to, pinned by
 * nodeAffinity). It provisions `pvc-<claim uid>` for claims the binder annotated with
 * its name, deletes its Released volumes whose policy is Delete, and grows its volumes
 * when a claim asks for more. Simplification: the kubelet's filesystem resize is
 * reported here at once ("FileSystemResizeSuccessful").
 */
import type { KubeObject } from '../../api/types.ts';
import { formatQuantity, parseQuantity } from '../../api/validation/quantity.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller, Watch } from '../runtime/types.ts';
import { event, splitKey } from '../runtime/types.ts';
import { hasEvent } from './events.ts';
import {
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  ANN_STORAGE_RESIZER,
  LOCAL_PATH,
  annotation,
  claimClass,
  claimKey,
  claimRequest,
  claimSpec,
  phaseOf,
  unversioned,
  volumeCapacity,
  volumeSpec,
  withAnnotations,
} from './util.ts';
import type { StorageClass } from './util.ts';

const claimKeyOf = (o: KubeObject) => `claim:${claimKey(o)}`;

export class ExternalProvisioner implements Controller {
  readonly watches: Watch[];

  /** `name` is the provisioner (and CSI driver) name; node-local ones pin volumes to the selected node. */
  constructor(readonly name: string) {
    this.watches = [
      { resource: R.pvcs, keys: (e) => [claimKeyOf(e.object)] },
      {
        resource: R.pvs,
        keys: (e) => {
          const ref = volumeSpec(e.object).claimRef;
          const keys = [`volume:${e.object.metadata.name ?? ''}`];
          if (ref?.name) keys.push(`claim:${ref.namespace ?? 'default'}/${ref.name}`);
          return keys;
        },
      },
    ];
  }

  reconcile(view: ClusterView, key: string): Action[] {
    if (key.startsWith('volume:')) {
      const volume = view.get(R.pvs, undefined, key.slice('volume:'.length));
      return volume ? this.deleteReleased(view, volume) : [];
    }
    const [ns, name] = splitKey(key.slice('claim:'.length));
    const claim = view.get(R.pvcs, ns, name);
    if (!claim || claim.metadata.deletionTimestamp) return [];
    if (claimSpec(claim).volumeName) return this.resize(view, claim);
    return annotation(claim, ANN_STORAGE_PROVISIONER) === this.name ? this.provision(view, claim) : [];
  }

  private get nodeLocal(): boolean {
    return this.name === LOCAL_PATH;
  }

  // --- provisioning -------------------------------------------------------------

  private provision(view: ClusterView, claim: KubeObject): Action[] {
    const sc = view.get(R.storageClasses, undefined, claimClass(claim)) as StorageClass | undefined;
    if (!sc || sc.provisioner !== this.name) return [];
    const node = annotation(claim, ANN_SELECTED_NODE);
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return [];
    const pvName = `pvc-${claim.metadata.uid ?? ''}`;
    if (view.get(R.pvs, undefined, pvName)) return [];
    if (this.nodeLocal && !node) {
      const why = 'configuration error, no node was specified';
      return hasEvent(view, claim, 'ProvisioningFailed', why)
        ? []
        : [event(claim, 'Warning', 'ProvisioningFailed', why)];
    }
    const volume = this.newVolume(view, claim, sc, pvName, node);
    return [
      event(
        claim,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${claimKey(claim)}"`,
      ),
      { type: 'create', resource: R.pvs, object: volume, reason: `provisioned ${pvName} for claim ${claimKey(claim)}` },
      event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`),
    ];
  }

  private newVolume(
    view: ClusterView,
    claim: KubeObject,
    sc: StorageClass,
    pvName: string,
    node: string | undefined,
  ): KubeObject {
    const spec = claimSpec(claim);
    const request = claimRequest(claim);
    const hostname = node
      ? (view.get(R.nodes, undefined, node)?.metadata.labels?.['kubernetes.io/hostname'] ?? node)
      : '';
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_PROVISIONED_BY]: this.name } },
      spec: {
        accessModes: spec.accessModes,
        capacity: { storage: request ? formatQuantity(request) : '0' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace ?? 'default',
          name: claim.metadata.name,
          uid: claim.metadata.uid,
          resourceVersion: claim.metadata.resourceVersion,
        },
        csi: { driver: this.name, volumeHandle: pvName, fsType: 'ext4' },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: spec.volumeMode ?? 'Filesystem',
        ...((sc as { mountOptions?: string[] }).mountOptions
          ? { mountOptions: (sc as { mountOptions?: string[] }).mountOptions }
          : {}),
        ...(this.nodeLocal && node
          ? {
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] },
                  ],
                },
              },
            }
          : {}),
      },
    };
  }

  /** Delete: a Released volume of ours whose policy is Delete goes, and its data with it. */
  private deleteReleased(view: ClusterView, volume: KubeObject): Action[] {
    if (annotation(volume, ANN_PROVISIONED_BY) !== this.name || volume.metadata.deletionTimestamp) return [];
    if (phaseOf(volume) !== 'Released' || volumeSpec(volume).persistentVolumeReclaimPolicy !== 'Delete') return [];
    return [
      {
        type: 'delete',
        resource: R.pvs,
        name: volume.metadata.name ?? '',
        uid: volume.metadata.uid,
        reason: `reclaim policy Delete: deleted volume ${volume.metadata.name} and its data`,
      },
    ];
  }

  // --- expansion ----------------------------------------------------------------

  /**
   * The resizer: a bound claim asking for more than its volume holds. First the volume
   * grows (Resizing), then the claim's status.capacity follows (the kubelet's file system resize).
   */
  private resize(view: ClusterView, claim: KubeObject): Action[] {
    const volume = view.get(R.pvs, undefined, claimSpec(claim).volumeName ?? '');
    if (!volume || volumeSpec(volume).csi?.driver !== this.name || phaseOf(claim) !== 'Bound') return [];
    const request = claimRequest(claim);
    const capacity = volumeCapacity(volume);
    if (!request || !capacity) return [];
    const statusCap = String(((claim.status as { capacity?: { storage?: string } }).capacity ?? {}).storage ?? '');
    const pvName = volume.metadata.name ?? '';
    if (request.nano > capacity.nano) {
      const out: Action[] = [];
      if (annotation(claim, ANN_STORAGE_RESIZER) !== this.name) {
        out.push(
          event(claim, 'Warning', 'ExternalExpanding', 'waiting for an external controller to expand this PVC'),
          {
            type: 'update',
            resource: R.pvcs,
            object: { ...claim, metadata: withAnnotations(claim, { [ANN_STORAGE_RESIZER]: this.name }) },
            reason: `claim ${claimKey(claim)} asks for ${formatQuantity(request)}`,
          },
        );
      }
      const grown = {
        ...unversioned(volume),
        spec: { ...volumeSpec(volume), capacity: { storage: formatQuantity(request) } },
      };
      out.push(event(claim, 'Normal', 'Resizing', `External resizer is resizing volume ${pvName}`), {
        type: 'update',
        resource: R.pvs,
        object: grown,
        reason: `expanded ${pvName} to ${formatQuantity(request)}`,
      });
      return out;
    }
    const grownTo = formatQuantity(capacity);
    if (statusCap === grownTo || request.nano > capacity.nano) return [];
    const current = parseQuantity(statusCap);
    if (current && current.nano >= capacity.nano) return [];
    return [
      {
        type: 'update',
        resource: R.pvcs,
        subresource: 'status',
        object: { ...unversioned(claim), status: { ...(claim.status as object), capacity: { storage: grownTo } } },
        reason: `file system of ${pvName} resized to ${grownTo}`,
      },
      event(
        claim,
        'Normal',
        'FileSystemResizeSuccessful',
        `MountVolume.NodeExpandVolume succeeded for volume "${pvName}"`,
      ),
    ];
  }
}
