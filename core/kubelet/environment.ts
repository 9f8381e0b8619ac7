/**
 * A container's world: its environment variables (env, envFrom, the
 * downward API basics, service-account and Kubernetes service variables)
 * and its filesystem (image files plus mounted volumes).
 */
import type { KubeObject } from '../api/types.ts';
import type { ContainerSpec } from './containers.ts';
import type { KubeletHost } from './host.ts';
import type { ImageInfo } from './images/catalogue.ts';
import { MemFs } from './shell/fs.ts';
import { decodeBase64Text } from '../util/base64.ts';
import type { FileSystem } from './shell/fs.ts';

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

const decode = decodeBase64Text;

function dataOf(obj: KubeObject | undefined, kind: 'ConfigMap' | 'Secret'): Record<string, string> {
  if (!obj) return {};
  if (kind === 'ConfigMap') return (obj.data as Record<string, string> | undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj.data as Record<string, string> | undefined) ?? {})) out[k] = decode(v);
  for (const [k, v] of Object.entries((obj.stringData as Record<string, string> | undefined) ?? {})) out[k] = v;
  return out;
}

function fieldRef(pod: KubeObject, path: string, podIP: string, nodeName: string): string {
  const m = pod.metadata;
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return m.labels?.[label[1]!] ?? '';
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (annotation) return m.annotations?.[annotation[1]!] ?? '';
  const values: Record<string, string> = {
    'metadata.name': m.name ?? '',
    'metadata.namespace': m.namespace ?? '',
    'metadata.uid': m.uid ?? '',
    'spec.nodeName': nodeName,
    'spec.serviceAccountName': (pod.spec as { serviceAccountName?: string }).serviceAccountName ?? 'default',
    'status.podIP': podIP,
    'status.podIPs': podIP,
  };
  return values[path] ?? '';
}

export function containerEnv(
  host: KubeletHost,
  pod: KubeObject,
  c: ContainerSpec,
  image: ImageInfo,
  podIP: string,
): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: pod.metadata.name ?? '',
    HOME: '/root',
    ...image.env,
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    LAB_POD_IP: podIP,
  };
  const envFrom = (c as { envFrom?: EnvFrom[] }).envFrom ?? [];
  for (const src of envFrom) {
    const kind = src.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = src.configMapRef ?? src.secretRef;
    if (!ref) continue;
    for (const [k, v] of Object.entries(dataOf(host.read(kind, ns, ref.name), kind))) env[(src.prefix ?? '') + k] = v;
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env[e.name] = expand(e.value ?? '', env);
      continue;
    }
    const vf = e.valueFrom as {
      configMapKeyRef?: KeyRef;
      secretKeyRef?: KeyRef;
      fieldRef?: { fieldPath: string };
      resourceFieldRef?: { resource: string };
    };
    if (vf.configMapKeyRef)
      env[e.name] =
        dataOf(host.read('ConfigMap', ns, vf.configMapKeyRef.name ?? ''), 'ConfigMap')[vf.configMapKeyRef.key] ?? '';
    else if (vf.secretKeyRef)
      env[e.name] = dataOf(host.read('Secret', ns, vf.secretKeyRef.name ?? ''), 'Secret')[vf.secretKeyRef.key] ?? '';
    else if (vf.fieldRef) env[e.name] = fieldRef(pod, vf.fieldRef.fieldPath, podIP, host.nodeName);
    else if (vf.resourceFieldRef) env[e.name] = resourceField(c, vf.resourceFieldRef.resource);
  }
  return env;
}

/** $(VAR) references in env values expand from earlier variables; $$ escapes. */
function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m,
  );
}

function resourceField(c: ContainerSpec, resource: string): string {
  const [kind, name] = resource.split('.') as [string, string];
  const v = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  return v ?? '0';
}

/** The first configMap/secret volume whose object is missing: the kubelet cannot mount it. */
export function missingVolumeSource(
  host: KubeletHost,
  pod: KubeObject,
): { volume: string; message: string } | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const volumes = (pod.spec as { volumes?: Volume[] }).volumes ?? [];
  for (const v of volumes) {
    const cm = v.configMap as { name: string; optional?: boolean } | undefined;
    const secret = v.secret as { secretName: string; optional?: boolean } | undefined;
    if (cm && !cm.optional && !host.read('ConfigMap', ns, cm.name))
      return { volume: v.name, message: `configmap "${cm.name}" not found` };
    if (secret && !secret.optional && !host.read('Secret', ns, secret.secretName))
      return { volume: v.name, message: `secret "${secret.secretName}" not found` };
  }
  return undefined;
}

/** A message naming the first missing ConfigMap/Secret (or key) the container's env needs. */
export function missingConfigRef(host: KubeletHost, pod: KubeObject, c: ContainerSpec): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const src of (c as { envFrom?: EnvFrom[] }).envFrom ?? []) {
    const kind = src.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = src.configMapRef ?? src.secretRef;
    if (ref && !ref.optional && !host.read(kind, ns, ref.name)) return `${kind.toLowerCase()} "${ref.name}" not found`;
  }
  for (const e of c.env ?? []) {
    const vf = e.valueFrom as { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } | undefined;
    const ref = vf?.configMapKeyRef ?? vf?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const kind = vf?.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const obj = host.read(kind, ns, ref.name ?? '');
    if (!obj) return `${kind.toLowerCase()} "${ref.name}" not found`;
    if (!(ref.key in dataOf(obj, kind))) return `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`;
  }
  return undefined;
}

interface Volume {
  name: string;
  emptyDir?: object;
  hostPath?: { path: string };
  configMap?: { name: string; items?: { key: string; path: string }[] };
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  persistentVolumeClaim?: { claimName: string };
  projected?: { sources?: ProjectedSource[] };
  downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath: string } }[] };
}

interface ProjectedSource {
  serviceAccountToken?: { path: string };
  configMap?: { name: string; items?: { key: string; path: string }[] };
  secret?: { name: string; items?: { key: string; path: string }[] };
  downwardAPI?: { items?: { path: string; fieldRef?: { fieldPath: string } }[] };
}

/** The kubelet-managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
export function hostsFile(pod: KubeObject, podIP: string): string {
  const spec = pod.spec as {
    hostname?: string;
    subdomain?: string;
    hostAliases?: { ip: string; hostnames?: string[] }[];
  };
  const name = spec.hostname ?? pod.metadata.name ?? '';
  const fqdn = spec.subdomain ? `${name}.${spec.subdomain}.${pod.metadata.namespace}.svc.cluster.local\t` : '';
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${podIP}\t${fqdn}${name}`,
  ];
  if (spec.hostAliases?.length) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of spec.hostAliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

export function containerFs(
  host: KubeletHost,
  pod: KubeObject,
  c: ContainerSpec,
  image: ImageInfo,
  podIP: string,
): FileSystem {
  const now = host.now();
  const fs = new MemFs(now);
  for (const dir of ['/tmp', '/etc', '/var/log', '/root', '/proc', '/dev']) fs.mkdir(dir, now, { parents: true });
  fs.write('/etc/hostname', `${(pod.spec as { hostname?: string }).hostname ?? pod.metadata.name}\n`, now);
  fs.write('/etc/hosts', hostsFile(pod, podIP), now);
  fs.write(
    '/etc/resolv.conf',
    `search ${pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    now,
  );
  for (const [path, data] of Object.entries(image.files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', now, { parents: true });
    fs.write(path, data, now);
  }
  const volumes = (pod.spec as { volumes?: Volume[] }).volumes ?? [];
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    if (!v) continue;
    const backing = volumeFs(host, pod, v, now);
    fs.mkdir(m.mountPath, now, { parents: true });
    fs.mount(m.mountPath, m.subPath ? subFs(backing, m.subPath) : backing, {
      readOnly: !!m.readOnly || !!v.configMap || !!v.secret,
    });
  }
  return fs;
}

function volumeFs(host: KubeletHost, pod: KubeObject, v: Volume, now: number): FileSystem {
  const ns = pod.metadata.namespace ?? 'default';
  if (v.hostPath) {
    host.hostFs.mkdir(v.hostPath.path, now, { parents: true });
    return subFs(host.hostFs, v.hostPath.path);
  }
  if (v.configMap || v.secret) {
    const kind = v.configMap ? 'ConfigMap' : 'Secret';
    const name = v.configMap?.name ?? v.secret?.secretName ?? '';
    const data = dataOf(host.read(kind, ns, name), kind);
    const items = v.configMap?.items ?? v.secret?.items;
    const files = new MemFs(now);
    for (const [k, val] of Object.entries(data)) {
      const path = items ? items.find((i) => i.key === k)?.path : k;
      if (path) files.write(`/${path}`, val, now);
    }
    return files;
  }
  if (v.persistentVolumeClaim) return host.volumeFs(`pvc:${ns}/${v.persistentVolumeClaim.claimName}`, '');
  if (v.projected || v.downwardAPI) return projectedFs(host, pod, v, now);
  return host.volumeFs(pod.metadata.uid ?? '', v.name);
}

/** projected and downwardAPI volumes: files computed from the API at mount time. */
function projectedFs(host: KubeletHost, pod: KubeObject, v: Volume, now: number): FileSystem {
  const ns = pod.metadata.namespace ?? 'default';
  const files = new MemFs(now);
  const put = (path: string, data: string) => {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir) files.mkdir(`/${dir}`, now, { parents: true });
    files.write(`/${path}`, data, now);
  };
  const downward = (items: { path: string; fieldRef?: { fieldPath: string } }[] = []) => {
    for (const i of items) if (i.fieldRef) put(i.path, fieldRef(pod, i.fieldRef.fieldPath, '', host.nodeName));
  };
  const fromObject = (kind: 'ConfigMap' | 'Secret', name: string, items?: { key: string; path: string }[]) => {
    for (const [k, val] of Object.entries(dataOf(host.read(kind, ns, name), kind))) {
      const path = items ? items.find((i) => i.key === k)?.path : k;
      if (path) put(path, val);
    }
  };
  for (const s of v.projected?.sources ?? []) {
    if (s.serviceAccountToken) put(s.serviceAccountToken.path, host.serviceAccountToken(pod));
    if (s.configMap) fromObject('ConfigMap', s.configMap.name, s.configMap.items);
    if (s.secret) fromObject('Secret', s.secret.name, s.secret.items);
    if (s.downwardAPI) downward(s.downwardAPI.items);
  }
  downward(v.downwardAPI?.items);
  return files;
}

/** Every call forwarded to `target()`, with its path rewritten by `at`. */
function forwardFs(target: () => FileSystem, at: (path: string) => string = (path) => path): FileSystem {
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

/** A filesystem built on first use: most containers never touch theirs, so it costs nothing until they do. */
export function lazyFs(build: () => FileSystem): FileSystem {
  let fs: FileSystem | undefined;
  return forwardFs(() => (fs ??= build()));
}

/** A view of a directory of another filesystem (hostPath, subPath). */
function subFs(base: FileSystem, root: string): FileSystem {
  const dir = root.replace(/\/$/, '');
  return forwardFs(
    () => base,
    (path) => `${dir}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/',
  );
}
