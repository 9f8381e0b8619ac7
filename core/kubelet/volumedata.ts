/**
 * Where a volume's data lives (the key of `KubeletHost.volumeData`, one store per key),
 * the pod volume shapes the kubelet reads, and small filesystem views over stores.
 * - emptyDir: `<pod uid>/<volume>` — dropped when the pod is deleted.
 * - hostPath, local: the node's own filesystem at that path (per node).
 * - nfs: `nfs:<server>` at `<path>`: one export tree per server, seen by every node.
 * - csi: `csi:<driver>/<volumeHandle>`, or `node:<node>/csi:<driver>/<volumeHandle>`
 *   when the PV has nodeAffinity (node-local storage).
 * - other PV sources: `<type>:<the source as JSON>`.
 * - persistentVolumeClaim (and generic ephemeral volumes): the bound PV's source,
 *   so data follows the PV, not the claim.
 */
import type { KubeObject } from '../api/types.ts';
import { MemFs } from './shell/fs.ts';
import type { FileSystem } from './shell/fs.ts';
import { fnv32a } from '../util/rng.ts';

export interface KeyToPath {
  key: string;
  path: string;
}

export interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
}

export interface ProjectedSource {
  serviceAccountToken?: { path: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardItem[] };
}

export interface Volume {
  name: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path: string; type?: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  ephemeral?: object;
  projected?: { sources?: ProjectedSource[] };
  downwardAPI?: { items?: DownwardItem[] };
  [source: string]: unknown;
}

/** Where a volume's bytes are: a cluster store (by key) at a path, or this node's filesystem. */
export type VolumeData = { store: string; path: string } | { hostPath: string };

/** Volume sources a PersistentVolume (or a pod, inline) can carry that hold data outside the pod. */
const STORAGE_SOURCES = [
  'nfs',
  'hostPath',
  'local',
  'csi',
  'iscsi',
  'rbd',
  'cephfs',
  'glusterfs',
  'fc',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cinder',
  'vsphereVolume',
  'portworxVolume',
  'flexVolume',
];

/** Where a storage source's data lives; `nodeLocal` pins network-less sources (a PV with nodeAffinity) to `node`. */
export function sourceData(spec: Record<string, unknown>, node: string, nodeLocal = false): VolumeData | undefined {
  const type = STORAGE_SOURCES.find((t) => spec[t] && typeof spec[t] === 'object');
  if (!type) return undefined;
  const src = spec[type] as Record<string, unknown>;
  if (type === 'hostPath' || type === 'local') return { hostPath: String(src['path'] ?? '/') };
  if (type === 'nfs') return { store: `nfs:${String(src['server'] ?? '')}`, path: String(src['path'] ?? '/') };
  const key =
    type === 'csi'
      ? `csi:${String(src['driver'] ?? '')}/${String(src['volumeHandle'] ?? '')}`
      : `${type}:${JSON.stringify(src, Object.keys(src).sort())}`;
  return { store: nodeLocal ? `node:${node}/${key}` : key, path: '/' };
}

/** Where a PersistentVolume's data lives, seen from `node`. */
export function persistentVolumeData(pv: KubeObject, node: string): VolumeData {
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  return sourceData(spec, node, !!spec['nodeAffinity']) ?? { store: `pv:${pv.metadata.name ?? ''}`, path: '/' };
}

/** A view of a directory of another filesystem (hostPath, subPath, an NFS export). */
export function subFs(base: FileSystem, root: string): FileSystem {
  const dir = root.replace(/\/$/, '');
  return forwardFs(
    () => base,
    (path) => `${dir}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/',
  );
}

/** Every call forwarded to `target()`, with its path rewritten by `at`. */
export function forwardFs(target: () => FileSystem, at: (path: string) => string = (path) => path): FileSystem {
  return {
    read: (p) => target().read(at(p)),
    write: (p, d, t) => target().write(at(p), d, t),
    append: (p, d, t) => target().append(at(p), d, t),
    touch: (p, t) => target().touch(at(p), t),
    remove: (p, o) => target().remove(at(p), o),
    mkdir: (p, t, o) => target().mkdir(at(p), t, o),
    list: (p) => target().list(at(p)),
    stat: (p) => target().stat(at(p)),
    exists: (p) => target().exists(at(p)),
    isDir: (p) => target().isDir(at(p)),
  };
}

/**
 * A node's own disk as hostPath volumes find it: the usual top-level directories of a Linux
 * host and its /etc/machine-id (32 hex digits, from the node's name so the rng stream stays).
 */
export function nodeRootFs(nodeName: string): MemFs {
  const fs = new MemFs();
  for (const dir of ['/etc/kubernetes', '/home', '/root', '/tmp', '/usr/bin', '/var/lib/kubelet', '/var/log', '/run'])
    fs.mkdir(dir, 0, { parents: true });
  let id = '';
  for (let i = 0; id.length < 32; i++) id += fnv32a(`machine-id/${nodeName}/${i}`).toString(16).padStart(8, '0');
  fs.write('/etc/machine-id', `${id}\n`, 0);
  return fs;
}

/** A filesystem built on first use: most containers never touch theirs, so it costs nothing until they do. */
export function lazyFs(build: () => FileSystem): FileSystem {
  let fs: FileSystem | undefined;
  return forwardFs(() => (fs ??= build()));
}

/** Bytes of file data under `path` (what `du` would count, without block rounding). */
export function usageBytes(fs: FileSystem, path = '/'): number {
  const st = fs.stat(path);
  if (!st.ok) return 0;
  if (st.value.type === 'file') return st.value.size;
  const names = fs.list(path);
  if (!names.ok) return 0;
  let total = 0;
  for (const n of names.value) total += usageBytes(fs, `${path.replace(/\/$/, '')}/${n}`);
  return total;
}
