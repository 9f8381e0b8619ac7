/**
 * A pod's volumes on one node, as the kubelet's volume manager sets them up
 * (pkg/kubelet/volumemanager, pkg/volume/*): where each volume's data lives,
 * MountVolume.SetUp checks (missing ConfigMap/Secret or key, hostPath type,
 * unbound claim), the files of API-backed volumes (configMap, secret,
 * downwardAPI, projected) and their updates, and emptyDir usage for
 * `sizeLimit` eviction.
 *
 * Where each volume's data lives: volumedata.ts. The files of API-backed volumes: projection.ts.
 *
 * Updates: the kubelet re-syncs each pod every 60 s (syncFrequency), counted from
 * the pod's start. A changed ConfigMap/Secret (watched, upstream's default
 * `Watch` change-detection strategy) or changed pod labels/annotations reach
 * the mounted files at the pod's next sync: 0–60 s later, deterministically.
 * A subPath mount is a copy fixed at container start and never updates.
 * Known simplifications: no `..data` symlink tree, file modes ignored,
 * `medium: Memory` is not charged to the container's memory.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerSpec } from './containers.ts';
import type { KubeletHost } from './host.ts';
import { dataOf } from './environment.ts';
import type { MemFs } from './shell/fs.ts';
import type { FileSystem } from './shell/fs.ts';
import { quantityValue } from '../scheduler/index.ts';
import { buildFiles, captureObjects, changed, isApiVolume, metaOf, usesDownward } from './projection.ts';
import type { ApiVolume, Kind } from './projection.ts';
import { forwardFs, persistentVolumeData, sourceData, subFs, usageBytes } from './volumedata.ts';
import type { KeyToPath, Volume, VolumeData } from './volumedata.ts';

/** kubelet's default --sync-frequency: how often a pod is re-synced. */
export const POD_SYNC_PERIOD_MS = 60_000;

export class PodVolumes {
  private readonly api = new Map<string, ApiVolume>();
  private syncTimer?: Timer;

  constructor(
    private readonly host: KubeletHost,
    private pod: KubeObject,
    private readonly startMs: number,
    private readonly after: (ms: number, task: () => void) => Timer,
  ) {}

  get specs(): Volume[] {
    return (this.pod.spec as { volumes?: Volume[] }).volumes ?? [];
  }

  private get ns(): string {
    return this.pod.metadata.namespace ?? 'default';
  }

  // --- MountVolume.SetUp ---------------------------------------------------------

  /** Set up every volume; the first one that cannot be mounted and why (a FailedMount), or undefined. */
  setUp(): { volume: string; message: string } | undefined {
    const claim = this.unboundClaim();
    if (claim) return claim;
    for (const v of this.specs) {
      const message = this.setUpOne(v);
      if (message) return { volume: v.name, message };
    }
    for (const v of this.specs)
      if (isApiVolume(v)) this.api.set(v.name, { objects: captureObjects(this.host, this.ns, v), pod: this.pod });
    return undefined;
  }

  private setUpOne(v: Volume): string | undefined {
    if (v.hostPath) return this.checkHostPath(v.hostPath.path, v.hostPath.type ?? '');
    if (v.configMap) return this.checkKeys('ConfigMap', v.configMap.name, v.configMap.items, v.configMap.optional);
    if (v.secret) return this.checkKeys('Secret', v.secret.secretName, v.secret.items, v.secret.optional);
    for (const s of v.projected?.sources ?? []) {
      const m = s.configMap
        ? this.checkKeys('ConfigMap', s.configMap.name, s.configMap.items, s.configMap.optional)
        : s.secret
          ? this.checkKeys('Secret', s.secret.name, s.secret.items, s.secret.optional)
          : undefined;
      if (m) return m;
    }
    return undefined;
  }

  /** pkg/volume/configmap|secret MakePayload: the object must exist, and so must every listed key. */
  private checkKeys(kind: Kind, name: string, items: KeyToPath[] | undefined, optional?: boolean): string | undefined {
    const obj = this.host.read(kind, this.ns, name);
    if (!obj) return optional ? undefined : `${kind.toLowerCase()} "${name}" not found`;
    const data = dataOf(obj, kind);
    for (const i of items ?? []) {
      if (i.key in data || optional) continue;
      return kind === 'ConfigMap'
        ? `configmap references non-existent config key: ${i.key}`
        : `references non-existent secret key: ${i.key}`;
    }
    return undefined;
  }

  /** pkg/volume/hostpath checkType: create what *OrCreate asks for, refuse a wrong type. */
  private checkHostPath(path: string, type: string): string | undefined {
    const fs = this.host.hostFs;
    const now = this.host.now();
    const failed = (what: string) => `hostPath type check failed: ${path} is not a ${what}`;
    switch (type) {
      case 'DirectoryOrCreate':
        if (!fs.exists(path)) fs.mkdir(path, now, { parents: true });
        return fs.isDir(path) ? undefined : failed('directory');
      case 'Directory':
        return fs.isDir(path) ? undefined : failed('directory');
      case 'FileOrCreate': {
        if (!fs.exists(path)) {
          const r = fs.touch(path, now);
          if (!r.ok) return `open ${path}: no such file or directory`;
        }
        return fs.isDir(path) ? failed('file') : undefined;
      }
      case 'File':
        return fs.exists(path) && !fs.isDir(path) ? undefined : failed('file');
      case 'Socket':
        return fs.exists(path) && !fs.isDir(path) ? undefined : failed('socket file');
      case 'CharDevice':
        return fs.exists(path) && !fs.isDir(path) ? undefined : failed('character device');
      case 'BlockDevice':
        return fs.exists(path) && !fs.isDir(path) ? undefined : failed('block device');
      default:
        // No type: no check; the container runtime creates a missing directory for the bind mount.
        if (!fs.exists(path)) fs.mkdir(path, now, { parents: true });
        return undefined;
    }
  }

  /**
   * desired_state_of_world_populator: a claim must exist, be Bound and name an existing PV.
   * volume_manager WaitForAttachAndMount then reports the pod's volume errors at once.
   */
  private unboundClaim(): { volume: string; message: string } | undefined {
    for (const v of this.specs) {
      const claimName = this.claimOf(v);
      if (claimName === undefined) continue;
      const why = this.claimProblem(claimName);
      if (!why) continue;
      const all = this.specs.map((x) => x.name).join(' ');
      return {
        volume: v.name,
        message: `Unable to attach or mount volumes: unmounted volumes=[${v.name}], unattached volumes=[${all}], failed to process volumes=[${v.name}]: error processing PVC ${this.ns}/${claimName}: ${why}`,
      };
    }
    return undefined;
  }

  private claimProblem(claimName: string): string | undefined {
    const pvc = this.host.read('PersistentVolumeClaim', this.ns, claimName);
    if (!pvc) return `failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`;
    const volumeName = (pvc.spec as { volumeName?: string } | undefined)?.volumeName;
    if ((pvc.status as { phase?: string } | undefined)?.phase !== 'Bound' || !volumeName) return 'PVC is not bound';
    if (!this.host.read('PersistentVolume', undefined, volumeName))
      return `failed to fetch PV ${volumeName} from API server: persistentvolumes "${volumeName}" not found`;
    return undefined;
  }

  /** The claim a volume uses: its persistentVolumeClaim, or the `<pod>-<volume>` claim of a generic ephemeral volume. */
  private claimOf(v: Volume): string | undefined {
    if (v.persistentVolumeClaim) return v.persistentVolumeClaim.claimName;
    if (v.ephemeral) return `${this.pod.metadata.name ?? ''}-${v.name}`;
    return undefined;
  }

  // --- what gets mounted -----------------------------------------------------------

  /** The filesystem behind a volume: live for API-backed volumes, the data store otherwise. */
  fs(v: Volume): FileSystem {
    if (isApiVolume(v)) return forwardFs(() => this.files(v));
    const data = this.dataOf(v);
    if ('hostPath' in data) {
      // A PV's hostPath has no type check: the runtime creates the directory, as for a bare hostPath.
      if (!this.host.hostFs.exists(data.hostPath))
        this.host.hostFs.mkdir(data.hostPath, this.host.now(), { parents: true });
      return subFs(this.host.hostFs, data.hostPath);
    }
    const store = this.host.volumeData(data.store);
    if (data.path === '/') return store;
    store.mkdir(data.path, this.host.now(), { parents: true });
    return subFs(store, data.path);
  }

  /**
   * A container's mounts at its start. API-backed volumes are read-only; a subPath (or
   * subPathExpr, expanded from the container's env) is resolved now and, for API-backed
   * files, fixed: it never sees later updates (kubelet bind-mounts a copy).
   */
  mountsFor(c: ContainerSpec, env: Record<string, string>): ContainerMount[] {
    const out: ContainerMount[] = [];
    for (const m of c.volumeMounts ?? []) {
      const v = this.specs.find((x) => x.name === m.name);
      if (!v) continue;
      const sub = m.subPath ?? (m.subPathExpr !== undefined ? expandVars(m.subPathExpr, env) : '');
      out.push({
        mountPath: m.mountPath,
        fs: sub ? this.subPathFs(v, sub) : this.fs(v),
        readOnly: !!m.readOnly || isApiVolume(v) || !!v.persistentVolumeClaim?.readOnly,
      });
    }
    return out;
  }

  private subPathFs(v: Volume, subPath: string): FileSystem {
    const base = isApiVolume(v) ? this.files(v) : this.fs(v);
    if (!base.exists(subPath)) base.mkdir(subPath, this.host.now(), { parents: true });
    return subFs(base, subPath);
  }

  /** Where a storage volume's data lives. */
  dataOf(v: Volume): VolumeData {
    const claimName = this.claimOf(v);
    if (claimName !== undefined) {
      const pvc = this.host.read('PersistentVolumeClaim', this.ns, claimName);
      const pvName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName ?? '';
      const pv = this.host.read('PersistentVolume', undefined, pvName);
      return pv ? persistentVolumeData(pv, this.host.nodeName) : { store: `pvc:${this.ns}/${claimName}`, path: '/' };
    }
    return sourceData(v, this.host.nodeName) ?? { store: `${this.pod.metadata.uid ?? ''}/${v.name}`, path: '/' };
  }

  // --- sizeLimit -----------------------------------------------------------------------

  /** emptyDir volumes with a sizeLimit (the eviction manager watches only those). */
  get limited(): Volume[] {
    return this.specs.filter((v) => v.emptyDir?.sizeLimit !== undefined);
  }

  /** eviction_manager emptyDirLimitEviction: the first emptyDir over its sizeLimit, as the eviction message. */
  overLimit(): string | undefined {
    for (const v of this.limited) {
      const limit = v.emptyDir?.sizeLimit ?? '';
      const bytes = quantityValue(limit);
      if (bytes === undefined) continue;
      if (usageBytes(this.fs(v)) > bytes) return `Usage of EmptyDir volume "${v.name}" exceeds the limit "${limit}". `;
    }
    return undefined;
  }

  // --- updates -------------------------------------------------------------------------

  /** The pod object changed (labels, annotations): downwardAPI files follow at the next sync. */
  podChanged(pod: KubeObject): void {
    const before = this.pod;
    this.pod = pod;
    if (metaOf(before) !== metaOf(pod) && this.specs.some(usesDownward)) this.scheduleSync();
  }

  /** A ConfigMap or Secret changed: if a volume projects it, its files follow at the next sync. */
  objectChanged(kind: Kind, namespace: string, name: string): void {
    if (namespace !== this.ns) return;
    const key = `${kind}/${name}`;
    if ([...this.api.values()].some((a) => a.objects.has(key))) this.scheduleSync();
  }

  private scheduleSync(): void {
    if (this.syncTimer || this.api.size === 0) return;
    const now = this.host.now();
    const next = this.startMs + (Math.floor((now - this.startMs) / POD_SYNC_PERIOD_MS) + 1) * POD_SYNC_PERIOD_MS;
    this.syncTimer = this.after(next - now, () => {
      this.syncTimer = undefined;
      this.sync();
    });
  }

  /** The periodic pod sync: rebuild the files of every API-backed volume whose sources changed. */
  private sync(): void {
    for (const v of this.specs) {
      const cur = this.api.get(v.name);
      if (!cur) continue;
      const objects = captureObjects(this.host, this.ns, v);
      // A source that is gone (and not optional) keeps the files it had, as the kubelet does on a failed SetUp.
      if (this.setUpOne(v)) continue;
      if (!changed(cur, objects, this.pod, usesDownward(v))) continue;
      this.api.set(v.name, { objects, pod: this.pod });
    }
  }

  // --- building files ------------------------------------------------------------------

  private files(v: Volume): MemFs {
    let cur = this.api.get(v.name);
    if (!cur) {
      cur = { objects: captureObjects(this.host, this.ns, v), pod: this.pod };
      this.api.set(v.name, cur);
    }
    cur.files ??= buildFiles(this.host, v, cur);
    return cur.files;
  }
}

export interface ContainerMount {
  mountPath: string;
  fs: FileSystem;
  readOnly: boolean;
}

/** $(VAR) in subPathExpr, from the container's environment (unknown names expand to nothing). */
function expandVars(value: string, env: Record<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_, name: string) => env[name] ?? '');
}
