/**
 * LimitRange as the docs' "Configure Default Memory Requests and Limits" and
 * "Configure Minimum and Maximum CPU Constraints" pages show it: new pods get
 * the Container defaults (and the kubernetes.io/limit-ranger annotation),
 * containers and pods outside min/max/ratio are forbidden with the API
 * server's words, PVCs outside min/max storage too; existing pods are left alone.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import { TestCluster } from '../harness/testCluster.ts';

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-mem
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 512Mi}
    defaultRequest: {cpu: 250m}
    max: {cpu: "1", memory: 1Gi}
    min: {cpu: 100m}
    maxLimitRequestRatio: {cpu: "4"}
  - type: Pod
    max: {cpu: 1500m}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
    max: {storage: 2Gi}
`;

const pod = (name: string, resources = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
${resources}`;

describe('LimitRange', () => {
  it('fills Container defaults and says so in the limit-ranger annotation', () => {
    const t = TestCluster.create().apply(LIMITS).apply(pod('defaults'));
    const p = t.get('pod', 'defaults')!;
    const c = (p.spec as { containers: { resources: unknown }[] }).containers[0]!;
    // defaultRequest for cpu; memory's request falls back to its default limit (SetDefaults_LimitRangeItem).
    expect(c.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
    expect((p.status as { qosClass?: string }).qosClass).toBe('Burstable');
  });

  it('keeps what a container declares', () => {
    const t = TestCluster.create()
      .apply(LIMITS)
      .apply(pod('own', '    resources:\n      requests: {cpu: 200m}\n      limits: {cpu: 400m}\n'));
    const p = t.get('pod', 'own')!;
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container app; memory limit for container app',
    );
  });

  it('refuses containers and pods outside min, max and the ratio, with kubectl showing all reasons', () => {
    const l = lab();
    l.files['limits.yaml'] = LIMITS;
    l.k('apply -f limits.yaml');
    l.files['big.yaml'] = pod(
      'big',
      '    resources:\n      requests: {cpu: 400m}\n      limits: {cpu: "2", memory: 2Gi}\n',
    );
    expect(l.k('apply -f big.yaml').stderr).toBe(
      'Error from server (Forbidden): error when creating "big.yaml": pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 4, but provided ratio is 5.000000, maximum cpu usage per Pod is 1500m, but limit is 2]\n',
    );
    l.files['tiny.yaml'] = pod('tiny', '    resources:\n      requests: {cpu: 50m}\n');
    expect(l.k('apply -f tiny.yaml').stderr).toBe(
      'Error from server (Forbidden): error when creating "tiny.yaml": pods "tiny" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000]\n',
    );
  });

  it('does not touch pods that existed before the LimitRange', () => {
    const t = TestCluster.create().apply(pod('before')).apply(LIMITS).advance(5);
    const p = t.get('pod', 'before')!;
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBeUndefined();
    expect((p.spec as { containers: { resources: unknown }[] }).containers[0]!.resources).toEqual({});
  });

  it('bounds PVC storage requests', () => {
    const t = TestCluster.create().apply(LIMITS);
    const pvc = (size: string) =>
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data-${size.toLowerCase()}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${size}\n`;
    expect(t.tryApply(pvc('5Gi')).results[0]?.error?.message).toBe(
      'persistentvolumeclaims "data-5gi" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    );
    expect(t.tryApply(pvc('500Mi')).results[0]?.error?.message).toBe(
      'persistentvolumeclaims "data-500mi" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    );
    t.apply(pvc('1Gi'));
  });

  it('applies to pods a ReplicaSet creates', () => {
    const t = TestCluster.create().apply(LIMITS).apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
`);
    t.advance(5);
    expect(t.pods()).toHaveLength(2);
    for (const p of t.pods())
      expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
        'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
      );
  });
});
