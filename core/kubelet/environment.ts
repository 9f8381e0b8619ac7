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
import type { ContainerMount } from './volumes.ts';

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

/** The decoded data of a ConfigMap or Secret (Secrets are base64 in the API). */
export function dataOf(obj: KubeObject | undefined, kind: 'ConfigMap' | 'Secret'): Record<string, string> {
  if (!obj) return {};
  if (kind === 'ConfigMap') return (obj.data as Record<string, string> | undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj.data as Record<string, string> | undefined) ?? {})) out[k] = decode(v);
  for (const [k, v] of Object.entries((obj.stringData as Record<string, string> | undefined) ?? {})) out[k] = v;
  return out;
}

/** A downward-API field of the pod (env `fieldRef` and volume files). */
export function fieldRef(pod: KubeObject, path: string, podIP: string, nodeName: string): string {
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

/** The container's root: a fresh writable layer from the image, with the pod's volumes mounted (see volumes.ts). */
export function containerFs(
  host: KubeletHost,
  pod: KubeObject,
  image: ImageInfo,
  podIP: string,
  mounts: ContainerMount[],
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
  for (const m of mounts) {
    fs.mkdir(m.mountPath, now, { parents: true });
    fs.mount(m.mountPath, m.fs, { readOnly: m.readOnly });
  }
  return fs;
}
