/**
 * The objects `kubectl create <generator>` and `kubectl run` build
 * (kubectl `pkg/cmd/create/*.go`, `pkg/cmd/run/run.go`), exactly as they
 * would send them, `creationTimestamp: null` and `status: {}` included.
 */
import type { KubeObject } from '../../api/types.ts';
import { encodeBase64Text } from '../../util/base64.ts';
import { usageError } from '../types.ts';

/** Container names from images: `registry/nginx:1.25` → `nginx`, duplicates numbered. */
export function containerNames(images: string[]): string[] {
  const seen = new Map<string, number>();
  return images.map((image) => {
    let name = image.split('/').pop() ?? image;
    name = (name.split(':')[0] ?? name).split('@')[0] ?? name;
    name = name.replace(/_/g, '-');
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}-${n}`;
  });
}

export function deploymentObject(
  name: string,
  images: string[],
  replicas: number,
  port: number | undefined,
  command: string[],
): KubeObject {
  const labels = { app: name };
  const names = containerNames(images);
  const containers = images.map((image, i) => ({
    image,
    name: names[i] ?? name,
    ...(command.length ? { command } : {}),
    ...(port !== undefined && images.length === 1 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels, name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  };
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} };
}

/** `--from-literal=key=value` pairs into a map; kubectl's error for a malformed one. */
export function literals(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw usageError(`invalid literal source ${v}, expected key=value`);
    const key = v.slice(0, eq);
    if (key in out)
      throw usageError(`cannot add key ${key}, another key by that name already exists in Data for ConfigMap "".`);
    out[key] = v.slice(eq + 1);
  }
  return out;
}

export function configMapObject(name: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { creationTimestamp: null, name },
    ...(Object.keys(data).length ? { data } : {}),
  };
}

export function secretObject(name: string, data: Record<string, string>, type: string): KubeObject {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) encoded[k] = encodeBase64Text(v);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { creationTimestamp: null, name },
    ...(Object.keys(encoded).length ? { data: encoded } : {}),
    type,
  };
}

const SERVICE_TYPES: Record<string, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

export function serviceObject(
  kind: string,
  name: string,
  tcp: string[],
  nodePort: number | undefined,
  clusterIP: string,
): KubeObject {
  const type = SERVICE_TYPES[kind] ?? 'ClusterIP';
  const labels = { app: name };
  const ports = tcp.map((spec) => {
    const [port = '', target = port] = spec.split(':');
    if (!/^\d+$/.test(port)) throw usageError(`invalid port "${spec}"`);
    return {
      name: `${port}-${target}`,
      port: Number(port),
      protocol: 'TCP',
      targetPort: /^\d+$/.test(target) ? Number(target) : target,
      ...(nodePort !== undefined && type === 'NodePort' ? { nodePort } : {}),
    };
  });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, labels, name },
    spec: { ...(clusterIP ? { clusterIP } : {}), ports, selector: labels, type },
    status: { loadBalancer: {} },
  };
}

export function jobObject(name: string, image: string, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { creationTimestamp: null, name },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: {
          containers: [{ ...(command.length ? { command } : {}), image, name, resources: {} }],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

export function cronJobObject(name: string, image: string, schedule: string, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { creationTimestamp: null, name },
    spec: {
      jobTemplate: {
        metadata: { creationTimestamp: null, name },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [{ ...(command.length ? { command } : {}), image, name, resources: {} }],
              restartPolicy: 'OnFailure',
            },
          },
        },
      },
      schedule,
    },
    status: {},
  };
}

export interface RunOptions {
  name: string;
  image: string;
  restart: string;
  labels: Record<string, string>;
  port: number | undefined;
  env: string[];
  args: string[];
  command: boolean;
}

export function podObject(o: RunOptions): KubeObject {
  const container = {
    ...(o.args.length ? { [o.command ? 'command' : 'args']: o.args } : {}),
    ...(o.env.length
      ? { env: o.env.map((e) => ({ name: e.split('=')[0] ?? e, value: e.slice(e.indexOf('=') + 1) })) }
      : {}),
    image: o.image,
    name: o.name,
    ...(o.port !== undefined ? { ports: [{ containerPort: o.port }] } : {}),
    resources: {},
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels: o.labels, name: o.name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: o.restart },
    status: {},
  };
}
