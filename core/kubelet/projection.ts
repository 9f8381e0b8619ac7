/**
 * The files of API-backed volumes (configMap, secret, downwardAPI, projected), as
 * pkg/volume/{configmap,secret,downwardapi,projected} MakePayload builds them: keys
 * (or `items`) as files, Secrets decoded, downward labels/annotations as sorted
 * `key="value"` lines (fieldpath.FormatMap), resourceFieldRef divided and rounded up.
 * Files are built from the objects captured at the last sync, so they change only
 * when the kubelet syncs the pod (volumes.ts).
 */
import type { KubeObject } from '../api/types.ts';
import type { KubeletHost } from './host.ts';
import { dataOf, fieldRef } from './environment.ts';
import { MemFs } from './shell/fs.ts';
import { quantityValue } from '../scheduler/index.ts';
import type { DownwardItem, KeyToPath, Volume } from './volumedata.ts';

export interface ApiVolume {
  /** `Kind/name` → the object when the files were (re)built. */
  objects: Map<string, KubeObject | undefined>;
  pod: KubeObject;
  files?: MemFs;
}

export type Kind = 'ConfigMap' | 'Secret';

/** The ConfigMaps and Secrets a volume projects, as they are now (missing ones as undefined). */
export function captureObjects(host: KubeletHost, ns: string, v: Volume): Map<string, KubeObject | undefined> {
  const out = new Map<string, KubeObject | undefined>();
  const add = (kind: Kind, name: string) => out.set(`${kind}/${name}`, host.read(kind, ns, name));
  if (v.configMap) add('ConfigMap', v.configMap.name);
  if (v.secret) add('Secret', v.secret.secretName);
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap) add('ConfigMap', s.configMap.name);
    if (s.secret) add('Secret', s.secret.name);
  }
  return out;
}

/** The volume's files from the captured objects and pod. */
export function buildFiles(host: KubeletHost, v: Volume, from: ApiVolume): MemFs {
  const now = host.now();
  const files = new MemFs(now);
  const put = (path: string, data: string) => {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) files.mkdir(`/${dir}`, now, { parents: true });
    files.write(`/${path}`, data, now);
  };
  const fromObject = (kind: Kind, name: string, items?: KeyToPath[]) => {
    const data = dataOf(from.objects.get(`${kind}/${name}`), kind);
    if (!items) for (const [k, val] of Object.entries(data)) put(k, val);
    else for (const i of items) if (i.key in data) put(i.path, data[i.key]!);
  };
  const downward = (items: DownwardItem[] = []) => {
    for (const i of items) {
      if (i.fieldRef) put(i.path, downwardField(from.pod, i.fieldRef.fieldPath, host.nodeName));
      else if (i.resourceFieldRef) put(i.path, resourceOf(from.pod, i.resourceFieldRef));
    }
  };
  if (v.configMap) fromObject('ConfigMap', v.configMap.name, v.configMap.items);
  if (v.secret) fromObject('Secret', v.secret.secretName, v.secret.items);
  for (const s of v.projected?.sources ?? []) {
    if (s.serviceAccountToken) put(s.serviceAccountToken.path, host.serviceAccountToken(from.pod));
    if (s.configMap) fromObject('ConfigMap', s.configMap.name, s.configMap.items);
    if (s.secret) fromObject('Secret', s.secret.name, s.secret.items);
    if (s.downwardAPI) downward(s.downwardAPI.items);
  }
  downward(v.downwardAPI?.items);
  return files;
}

export function isApiVolume(v: Volume): boolean {
  return !!(v.configMap || v.secret || v.projected || v.downwardAPI);
}

export function usesDownward(v: Volume): boolean {
  return !!(v.downwardAPI || v.projected?.sources?.some((s) => s.downwardAPI));
}

export function changed(
  cur: ApiVolume,
  objects: Map<string, KubeObject | undefined>,
  pod: KubeObject,
  downward: boolean,
): boolean {
  for (const [key, obj] of objects) {
    const old = cur.objects.get(key);
    if (old?.metadata.uid !== obj?.metadata.uid) return true;
    if (old?.metadata.resourceVersion !== obj?.metadata.resourceVersion) return true;
  }
  return downward && metaOf(cur.pod) !== metaOf(pod);
}

/** What downward API files can show that changes while the pod runs. */
export function metaOf(p: KubeObject): string {
  return JSON.stringify([p.metadata.labels ?? {}, p.metadata.annotations ?? {}]);
}

/** Downward API files: `metadata.labels` and `metadata.annotations` as `key="value"` lines, else one value. */
function downwardField(pod: KubeObject, path: string, nodeName: string): string {
  const asLines = (m: Record<string, string> | undefined) =>
    Object.entries(m ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, val]) => `${k}=${JSON.stringify(val)}`)
      .join('\n');
  if (path === 'metadata.labels') return asLines(pod.metadata.labels);
  if (path === 'metadata.annotations') return asLines(pod.metadata.annotations);
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP ?? '';
  return fieldRef(pod, path, podIP, nodeName);
}

/** resourceFieldRef in a volume names its container; the value is divided by `divisor` and rounded up. */
function resourceOf(pod: KubeObject, ref: { containerName?: string; resource: string; divisor?: string }): string {
  const containers = (
    pod.spec as { containers?: { name: string; resources?: Record<string, Record<string, string>> }[] }
  ).containers;
  const c = containers?.find((x) => x.name === ref.containerName) ?? containers?.[0];
  const [kind, name] = ref.resource.split('.') as [string, string];
  const raw = c?.resources?.[kind]?.[name];
  const value = raw === undefined ? 0 : (quantityValue(raw) ?? 0);
  const divisor = quantityValue(ref.divisor ?? '1') || 1;
  return String(Math.ceil(value / divisor));
}
