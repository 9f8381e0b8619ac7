/**
 * The ServiceAccount admission plugin's token volume
 * (plugin/pkg/admission/serviceaccount): every new pod gets a projected
 * `kube-api-access-<suffix>` volume (token, CA bundle, namespace) mounted
 * read-only at /var/run/secrets/kubernetes.io/serviceaccount in each
 * container, unless it opts out with automountServiceAccountToken: false.
 */
import type { KubeObject } from './types.ts';

export const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

interface PodSpecLike {
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; projected?: unknown }[];
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
}

interface ContainerLike {
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export function addServiceAccountVolume(pod: KubeObject, suffix: string): void {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  if (spec.automountServiceAccountToken === false) return;
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  if (all.some((c) => c.volumeMounts?.some((m) => m.mountPath === SA_MOUNT))) return;
  const name = `kube-api-access-${suffix}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          {
            downwardAPI: {
              items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
            },
          },
        ],
      },
    },
  ];
  for (const c of all) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SA_MOUNT }];
}
