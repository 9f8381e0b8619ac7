import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { applyDefaults, defaultJobSelector, imageTag } from './index.ts';

const obj = (o: Record<string, unknown>): KubeObject => o as KubeObject;
const spec = (o: KubeObject): Record<string, unknown> => o['spec'] as Record<string, unknown>;

describe('Pod defaults, as `kubectl get pod -o yaml` shows them after `kubectl run nginx --image=nginx`', () => {
  const pod = obj({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  });
  const out = applyDefaults(pod);

  it('fills the pod spec field by field', () => {
    expect(spec(out)).toEqual({
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
    });
  });

  it('returns a copy and leaves its input alone', () => {
    expect(spec(pod)).toEqual({ containers: [{ name: 'nginx', image: 'nginx' }] });
    expect(out).not.toBe(pod);
  });

  it('skips admission defaults on update', () => {
    const updated = spec(applyDefaults(pod, { operation: 'update' }));
    expect(updated['tolerations']).toBeUndefined();
    expect(updated['serviceAccountName']).toBeUndefined();
    expect(updated['dnsPolicy']).toBe('ClusterFirst');
  });

  it('does not add a toleration the pod already has (an empty key tolerates everything)', () => {
    const tolerant = applyDefaults(
      obj({ ...pod, spec: { containers: [{ name: 'a', image: 'a' }], tolerations: [{ operator: 'Exists' }] } }),
    );
    expect(spec(tolerant)['tolerations']).toEqual([{ operator: 'Exists' }]);
  });

  it('copies limits to missing requests on Pods only', () => {
    const limited = applyDefaults(
      obj({
        ...pod,
        spec: {
          containers: [
            {
              name: 'a',
              image: 'a',
              resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
            },
          ],
        },
      }),
    );
    const c = (spec(limited)['containers'] as Record<string, unknown>[])[0];
    expect(c?.['resources']).toEqual({
      limits: { cpu: '500m', memory: '128Mi' },
      requests: { cpu: '250m', memory: '128Mi' },
    });
  });

  it('defaults probes, httpGet and ports', () => {
    const probed = applyDefaults(
      obj({
        ...pod,
        spec: {
          containers: [
            { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 80 } } },
          ],
        },
      }),
    );
    const c = (spec(probed)['containers'] as Record<string, unknown>[])[0];
    expect(c?.['ports']).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c?.['livenessProbe']).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c?.['imagePullPolicy']).toBe('IfNotPresent');
  });
});

describe('imageTag (pull policy Always only for :latest or no tag)', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:1.25', '1.25'],
    ['localhost:5000/app', 'latest'],
    ['localhost:5000/app:v2', 'v2'],
    ['nginx@sha256:abc', ''],
    ['nginx:latest', 'latest'],
  ])('%s → %s', (image, tag) => expect(imageTag(image)).toBe(tag));
});

describe('Deployment defaults, as a real cluster returns the docs nginx-deployment', () => {
  const dep = obj({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
    },
  });

  it('fills spec field by field', () => {
    expect(spec(applyDefaults(dep))).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              image: 'nginx:1.14.2',
              imagePullPolicy: 'IfNotPresent',
              name: 'nginx',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });

  it('defaults replicas to 1 and leaves Recreate without rollingUpdate', () => {
    const out = spec(applyDefaults(obj({ ...dep, spec: { strategy: { type: 'Recreate' }, template: {} } })));
    expect(out['replicas']).toBe(1);
    expect(out['strategy']).toEqual({ type: 'Recreate' });
  });
});

describe('other workloads', () => {
  it('ReplicaSet: replicas 1', () => {
    expect(
      spec(applyDefaults(obj({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {}, spec: {} })))['replicas'],
    ).toBe(1);
  });

  it('StatefulSet: policy, strategy, retention, claim templates', () => {
    const out = spec(
      applyDefaults(
        obj({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: {},
          spec: { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: {} }] },
        }),
      ),
    );
    expect(out['podManagementPolicy']).toBe('OrderedReady');
    expect(out['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(out['persistentVolumeClaimRetentionPolicy']).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(out['revisionHistoryLimit']).toBe(10);
    expect(out['volumeClaimTemplates']).toEqual([
      {
        metadata: { name: 'www', creationTimestamp: null },
        spec: { volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });

  it('DaemonSet: RollingUpdate 1/0', () => {
    const out = spec(applyDefaults(obj({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {}, spec: {} })));
    expect(out['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(out['revisionHistoryLimit']).toBe(10);
  });

  it('Job: counts, backoff, mode, suspend, replacement policy; template restartPolicy still Always', () => {
    const out = spec(
      applyDefaults(
        obj({
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'pi' },
          spec: { template: { spec: { containers: [] } } },
        }),
      ),
    );
    expect(out).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
    expect((out['template'] as { spec: Record<string, unknown> }).spec['restartPolicy']).toBe('Always');
  });

  it('Job: parallelism alone leaves completions unset', () => {
    const out = spec(
      applyDefaults(obj({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { parallelism: 3 } })),
    );
    expect(out['completions']).toBeUndefined();
    expect(out['parallelism']).toBe(3);
  });

  it('defaultJobSelector labels the template and selects on the uid', () => {
    const job = applyDefaults(
      obj({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi' },
        spec: { template: { metadata: { labels: { app: 'pi' } }, spec: {} } },
      }),
    );
    const out = defaultJobSelector(job, 'u-1');
    const labels = {
      app: 'pi',
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
      'batch.kubernetes.io/controller-uid': 'u-1',
    };
    expect(spec(out)['selector']).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect((spec(out)['template'] as { metadata: unknown }).metadata).toEqual({ labels, creationTimestamp: null });
    // The Job's labels were defaulted from the template and alias it upstream.
    expect(out.metadata.labels).toEqual(labels);
  });

  it('defaultJobSelector does nothing with manualSelector', () => {
    const job = obj({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'x' },
      spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } } },
    });
    expect(defaultJobSelector(job, 'u')).toEqual(job);
  });

  it('CronJob: policy, suspend, history limits', () => {
    const out = spec(
      applyDefaults(
        obj({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: {},
          spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: {} } } } },
        }),
      ),
    );
    expect(out).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect((out['jobTemplate'] as { spec: Record<string, unknown> }).spec['backoffLimit']).toBeUndefined();
  });
});

describe('Service and other kinds', () => {
  it('Service: ClusterIP, None affinity, TCP, targetPort = port, single-stack IPv4', () => {
    const out = spec(
      applyDefaults(
        obj({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {},
          spec: { selector: { app: 'a' }, ports: [{ port: 80 }] },
        }),
      ),
    );
    expect(out).toEqual({
      selector: { app: 'a' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('Service: NodePort gets externalTrafficPolicy; LoadBalancer allocates node ports; ExternalName no families', () => {
    const node = spec(
      applyDefaults(
        obj({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {},
          spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] },
        }),
      ),
    );
    expect(node['externalTrafficPolicy']).toBe('Cluster');
    expect((node['ports'] as unknown[])[0]).toEqual({ port: 80, targetPort: 8080, protocol: 'TCP' });
    const lb = spec(
      applyDefaults(obj({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'LoadBalancer' } })),
    );
    expect(lb['allocateLoadBalancerNodePorts']).toBe(true);
    const ext = spec(
      applyDefaults(
        obj({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'ExternalName', externalName: 'a.b' } }),
      ),
    );
    expect(ext['ipFamilies']).toBeUndefined();
    expect(ext['internalTrafficPolicy']).toBeUndefined();
  });

  it('PVC and PV', () => {
    const pvc = applyDefaults(obj({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, spec: {} }));
    expect(spec(pvc)['volumeMode']).toBe('Filesystem');
    const pv = applyDefaults(
      obj({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: {}, spec: { hostPath: { path: '/d' } } }),
    );
    expect(spec(pv)).toEqual({
      hostPath: { path: '/d', type: '' },
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    });
  });

  it('Secret: Opaque, stringData folded into base64 data', () => {
    const out = applyDefaults(
      obj({ apiVersion: 'v1', kind: 'Secret', metadata: {}, stringData: { user: 'admin', pw: 'é!' } }),
    );
    expect(out['type']).toBe('Opaque');
    expect(out['data']).toEqual({ user: 'YWRtaW4=', pw: 'w6kh' });
    expect(out['stringData']).toBeUndefined();
  });

  it('Namespace: name label, kubernetes finalizer on create', () => {
    const out = applyDefaults(obj({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }));
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(out['spec']).toEqual({ finalizers: ['kubernetes'] });
  });

  it('NetworkPolicy: policyTypes from the rules present, port protocol TCP', () => {
    const ingressOnly = spec(
      applyDefaults(
        obj({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {}, spec: { podSelector: {} } }),
      ),
    );
    expect(ingressOnly['policyTypes']).toEqual(['Ingress']);
    const both = spec(
      applyDefaults(
        obj({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {},
          spec: { egress: [{ ports: [{ port: 53 }] }] },
        }),
      ),
    );
    expect(both['policyTypes']).toEqual(['Ingress', 'Egress']);
    expect(both['egress']).toEqual([{ ports: [{ port: 53, protocol: 'TCP' }] }]);
  });

  it('StorageClass and HPA v2', () => {
    const sc = applyDefaults(
      obj({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {}, provisioner: 'x' }),
    );
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const hpa = spec(
      applyDefaults(
        obj({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {}, spec: { maxReplicas: 5 } }),
      ),
    );
    expect(hpa['minReplicas']).toBe(1);
    expect(hpa['metrics']).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
  });

  it('Ingress pathType has no default; unknown kinds pass through', () => {
    const ing = obj({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {},
      spec: { rules: [{ http: { paths: [{ path: '/' }] } }] },
    });
    expect(applyDefaults(ing)).toEqual(ing);
    const cr = obj({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: {}, spec: { a: 1 } });
    expect(applyDefaults(cr)).toEqual(cr);
  });
});
