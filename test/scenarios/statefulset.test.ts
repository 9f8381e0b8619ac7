/**
 * The StatefulSet controller on the documentation's basic StatefulSet (the
 * `web` set behind the headless `nginx` Service, application/web/web.yaml and
 * controllers/statefulset.yaml): ordered creation on the virtual clock, scaling,
 * stable names and hostnames, Parallel, rolling updates with a partition,
 * OnDelete, ControllerRevisions, claims and their retention policy.
 * Most scenarios use the manifests without their volumeClaimTemplates (faster);
 * the claims' own tests bind them through the default StorageClass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveResourceName, storageKey } from '../../core/api/registry.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { K8S_EXAMPLES } from '../harness/shared.ts';
import { TestCluster, condition, phase } from '../harness/testCluster.ts';

const present = existsSync(join(K8S_EXAMPLES, 'application/web/web.yaml'));
if (!present) console.warn(`statefulset scenario skipped: ${K8S_EXAMPLES} (the documentation corpus) is absent`);
const read = (file: string) => (present ? readFileSync(join(K8S_EXAMPLES, file), 'utf8') : '');

/** The docs' manifests without volumes (the claims have tests of their own). */
function withoutClaims(yaml: string): string {
  return yaml
    .replace(/ {8}volumeMounts:\n {8}- name: www\n {10}mountPath: \/usr\/share\/nginx\/html\n/, '')
    .replace(/ {2}volumeClaimTemplates:[\s\S]*$/, '');
}

const WEB_WITH_CLAIMS = read('application/web/web.yaml');
const WEB_PARALLEL_WITH_CLAIMS = read('application/web/web-parallel.yaml');
/** Two nginx-slim:0.8 replicas, OrderedReady, RollingUpdate. */
const WEB = withoutClaims(WEB_WITH_CLAIMS);
const WEB3 = WEB.replace('replicas: 2', 'replicas: 3');
const WEB_PARALLEL = withoutClaims(WEB_PARALLEL_WITH_CLAIMS);
/** controllers/statefulset.yaml: 3 replicas, minReadySeconds 10, nginx-slim:0.24. */
const WEB_MIN_READY = withoutClaims(read('controllers/statefulset.yaml'));

const names = (pods: KubeObject[]) => pods.map((p) => p.metadata.name).sort();
const ready = (p: KubeObject | undefined) => !!p && phase(p) === 'Running' && condition(p, 'Ready') === 'True';
const image = (p: KubeObject | undefined) => (p?.spec as { containers: { image: string }[] }).containers[0]!.image;
const revisionLabel = (p: KubeObject | undefined) => p?.metadata.labels?.['controller-revision-hash'];
const stsStatus = (t: TestCluster) => t.get('sts', 'web')!.status as Record<string, unknown>;

/** The count of an aggregated Event (the recorder folds repeats into one, as client-go does). */
const eventCount = (t: TestCluster, message: string) =>
  t.list('events').find((e) => e.message === message)?.count as number | undefined;

/**
 * Run the clock for `seconds` while noting, from the store's watch stream, what
 * happens to pods in order: "<name> created|ready|deleting|gone"; `at` gives the
 * virtual second (since the start) of the first such entry.
 */
function timeline(t: TestCluster, seconds: number) {
  const log: { ms: number; what: string }[] = [];
  const start = t.cluster.clock.now();
  const note = (what: string) => log.push({ ms: t.cluster.clock.now() - start, what });
  const stop = t.api.store.subscribe(storageKey(resolveResourceName('pods')!), (e) => {
    const name = e.object.metadata.name!;
    if (e.type === 'ADDED') note(`${name} created`);
    if (e.type === 'DELETED') note(`${name} gone`);
    if (e.type !== 'MODIFIED' || !e.old) return;
    if (ready(e.object) && !ready(e.old)) note(`${name} ready`);
    if (e.object.metadata.deletionTimestamp && !e.old.metadata.deletionTimestamp) note(`${name} deleting`);
  });
  t.advance(seconds);
  stop();
  return {
    events: log.map((e) => e.what),
    at: (what: string) => (log.find((e) => e.what === what)?.ms ?? NaN) / 1000,
  };
}

describe.skipIf(!present)('StatefulSet basics (the docs web/nginx example)', () => {
  it('creates web-0, then web-1 only once web-0 is Running and Ready', () => {
    const t = TestCluster.create().apply(WEB).advance(0);
    expect(names(t.pods())).toEqual(['web-0']);
    const tl = timeline(t, 30);
    expect(tl.events).toEqual(['web-0 ready', 'web-1 created', 'web-1 ready']);
    expect(tl.at('web-1 created')).toBe(tl.at('web-0 ready'));
    // Just before web-0 was Ready there was no web-1.
    const t2 = TestCluster.create()
      .apply(WEB)
      .advance(tl.at('web-0 ready') - 0.5);
    expect(ready(t2.get('pod', 'web-0'))).toBe(false);
    expect(t2.get('pod', 'web-1')).toBeUndefined();

    const sts = t.get('sts', 'web')!;
    expect(t.events(sts)).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    ]);
    t.expectIdempotent('statefulset-controller');
  });

  it('gives each pod its identity: labels, hostname, subdomain, owner', () => {
    const t = TestCluster.create().apply(WEB).advance(30);
    const rev = t.list('controllerrevisions')[0]!;
    const pod = t.get('pod', 'web-1')!;
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'controller-revision-hash': rev.metadata.name,
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
    });
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true }),
    ]);
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
  });

  it('writes the stable DNS name into /etc/hosts (kubectl exec web-0 -- cat /etc/hosts)', () => {
    const l = lab();
    l.files['web.yaml'] = WEB;
    expect(l.k('apply -f web.yaml').stdout).toBe('service/nginx created\nstatefulset.apps/web created\n');
    l.advance(30);
    const ip = (l.cluster.api.store.get('/pods', 'default', 'web-0')!.status as { podIP: string }).podIP;
    expect(l.k('exec web-0 -- hostname').stdout).toBe('web-0\n');
    expect(l.k('exec web-0 -- cat /etc/hosts').stdout).toContain(
      `${ip}\tweb-0.nginx.default.svc.cluster.local\tweb-0\n`,
    );
  });

  it('publishes the pods’ hostnames in the headless Service’s Endpoints and EndpointSlice', () => {
    const t = TestCluster.create()
      .apply(WEB)
      .apply(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\n  labels:\n    app: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n',
      )
      .advance(30);
    const ep = t.get('endpoints', 'nginx')!;
    const addresses = (ep.subsets as { addresses: { hostname?: string; targetRef: { name: string } }[] }[])[0]!
      .addresses;
    expect(addresses.map((a) => [a.targetRef.name, a.hostname]).sort()).toEqual([
      ['plain', undefined],
      ['web-0', 'web-0'],
      ['web-1', 'web-1'],
    ]);
    const slice = t.list('endpointslices').find((e) => e.metadata.labels?.['kubernetes.io/service-name'] === 'nginx')!;
    const endpoints = slice.endpoints as { hostname?: string; targetRef: { name: string } }[];
    expect(endpoints.map((e) => [e.targetRef.name, e.hostname]).sort()).toEqual([
      ['plain', undefined],
      ['web-0', 'web-0'],
      ['web-1', 'web-1'],
    ]);
    t.expectIdempotent('endpoint-controller');
  });

  it('numbers pods from spec.ordinals.start', () => {
    const t = TestCluster.create()
      .apply(WEB.replace('  serviceName', '  ordinals:\n    start: 5\n  serviceName'))
      .advance(40);
    expect(names(t.readyPods())).toEqual(['web-5', 'web-6']);
    expect(t.get('pod', 'web-6')!.metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('6');
  });

  it('publishes status and `kubectl get sts` columns as a real cluster does', () => {
    const l = lab();
    l.files['web.yaml'] = WEB3;
    l.k('apply -f web.yaml');
    l.advance(2);
    expect(l.k('get sts').stdout).toBe('NAME   READY   AGE\nweb    0/3     2s\n');
    l.advance(40);
    expect(l.k('get sts').stdout).toBe('NAME   READY   AGE\nweb    3/3     42s\n');
    expect(l.k('get sts -o wide').stdout).toBe(
      'NAME   READY   AGE   CONTAINERS   IMAGES\nweb    3/3     42s   nginx        registry.k8s.io/nginx-slim:0.8\n',
    );
    const sts = l.cluster.api.peek(resolveResourceName('sts')!, 'default', 'web')!;
    const rev = l.cluster.api.list(resolveResourceName('controllerrevisions')!).items[0]!.metadata.name;
    expect(sts.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: 3,
    });
  });

  it('waits minReadySeconds (controllers/statefulset.yaml: 10 s) before the next pod', () => {
    const t = TestCluster.create().apply(WEB_MIN_READY);
    const tl = timeline(t, 60);
    expect(tl.events).toEqual([
      'web-0 created',
      'web-0 ready',
      'web-1 created',
      'web-1 ready',
      'web-2 created',
      'web-2 ready',
    ]);
    expect(tl.at('web-1 created') - tl.at('web-0 ready')).toBeGreaterThan(9);
    // Exactly: the next pod is created 10 s after the Ready condition's (whole-second) transition.
    const readySince = (name: string) =>
      Date.parse(
        (t.get('pod', name)!.status as { conditions: { type: string; lastTransitionTime: string }[] }).conditions.find(
          (c) => c.type === 'Ready',
        )!.lastTransitionTime,
      );
    const createdAt = (name: string) => Date.parse(t.get('pod', name)!.metadata.creationTimestamp!);
    expect(createdAt('web-1') - readySince('web-0')).toBe(10_000);
    expect(createdAt('web-2') - readySince('web-1')).toBe(10_000);
    expect(stsStatus(t)).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
    t.expectIdempotent('statefulset-controller');
  });

  it('scales 3 → 5 in order and 5 → 2 from the highest ordinal, one pod at a time', () => {
    const t = TestCluster.create().apply(WEB3).advance(40);
    t.apply(WEB.replace('replicas: 2', 'replicas: 5'));
    expect(timeline(t, 40).events).toEqual(['web-3 created', 'web-3 ready', 'web-4 created', 'web-4 ready']);
    expect(names(t.readyPods())).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);

    t.apply(WEB);
    expect(timeline(t, 120).events).toEqual([
      'web-4 deleting',
      'web-4 gone',
      'web-3 deleting',
      'web-3 gone',
      'web-2 deleting',
      'web-2 gone',
    ]);
    expect(names(t.pods())).toEqual(['web-0', 'web-1']);
    const sts = t.get('sts', 'web')!;
    const deletes = t.events(sts).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete: delete Pod web-4 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-3 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
    ]);
    expect(stsStatus(t)).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    t.expectIdempotent('statefulset-controller');
  });

  it('recreates a deleted pod with the same name', () => {
    const t = TestCluster.create().apply(WEB3).advance(40);
    const old = t.get('pod', 'web-1')!;
    t.delete('pod', 'web-1').advance(60);
    const pod = t.get('pod', 'web-1')!;
    expect(pod.metadata.uid).not.toBe(old.metadata.uid);
    expect(ready(pod)).toBe(true);
    expect(names(t.readyPods())).toEqual(['web-0', 'web-1', 'web-2']);
    expect(t.events(t.get('sts', 'web')).filter((e) => e.includes('web-1'))).toEqual([
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    ]);
    expect(eventCount(t, 'create Pod web-1 in StatefulSet web successful')).toBe(2);
  });

  it('deletes a Failed pod and creates it again (no RecreatingFailedPod event since v1.31)', () => {
    const t = TestCluster.create().apply(WEB).advance(30);
    const old = t.get('pod', 'web-1')!;
    const failed = { ...old, status: { ...(old.status as object), phase: 'Failed' } };
    const r = t.api.update(resolveResourceName('pods')!, failed, {
      actor: { component: 'kubelet', reason: 'test' },
      subresource: 'status',
    });
    expect(r.ok).toBe(true);
    t.advance(60);
    expect(t.get('pod', 'web-1')!.metadata.uid).not.toBe(old.metadata.uid);
    expect(t.events(t.get('sts', 'web'))).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
    expect(eventCount(t, 'create Pod web-1 in StatefulSet web successful')).toBe(2);
  });

  it('halts at a pod that is not Ready, and goes on once it is', () => {
    const probe =
      '        readinessProbe:\n          exec:\n            command: ["cat", "/tmp/ready"]\n          periodSeconds: 2\n';
    const yaml = WEB3.replace('        ports:\n', `${probe}        ports:\n`);
    const l = lab();
    l.files['web.yaml'] = yaml;
    l.k('apply -f web.yaml');
    l.advance(60);
    expect(l.k('get pods').stdout).toMatch(
      /^NAME {4}READY {3}STATUS {4}RESTARTS {3}AGE\nweb-0 {3}0\/1 {5}Running {3}0 {10}60s\n$/,
    );
    l.k('exec web-0 -- touch /tmp/ready');
    l.advance(10);
    expect(l.k('get pods -o name').stdout).toBe('pod/web-0\npod/web-1\n');
  });
});

describe.skipIf(!present)('ownership', () => {
  it('delete --cascade=orphan keeps the pods; the set created again adopts them', () => {
    const t = TestCluster.create().apply(WEB3).advance(40);
    const uids = new Map(t.pods().map((p) => [p.metadata.name, p.metadata.uid]));
    t.delete('sts', 'web', 'default', { propagationPolicy: 'Orphan' }).advance(5);
    expect(t.pods().map((p) => p.metadata.ownerReferences ?? [])).toEqual([[], [], []]);
    t.delete('pod', 'web-0').advance(40);
    expect(names(t.pods())).toEqual(['web-1', 'web-2']);
    t.apply(WEB).advance(60);
    const sts = t.get('sts', 'web')!;
    expect(names(t.readyPods())).toEqual(['web-0', 'web-1']);
    expect(t.get('pod', 'web-1')!.metadata.uid).toBe(uids.get('web-1'));
    expect(t.get('pod', 'web-1')!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true }),
    ]);
    expect(t.events(sts)).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
    ]);
    expect(t.list('controllerrevisions').map((r) => r.metadata.ownerReferences?.[0]?.uid)).toEqual([sts.metadata.uid]);
    t.expectIdempotent('statefulset-controller');
  });

  it('a taken revision name raises status.collisionCount and the next name differs', () => {
    const t = TestCluster.create().apply(WEB).advance(30);
    const taken = t.list('controllerrevisions')[0]!.metadata.name!;
    t.delete('sts', 'web').advance(60);
    expect(t.list('controllerrevisions')).toEqual([]);
    t.apply(
      `apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n  name: ${taken}\n  labels:\n    app: other\ndata:\n  spec: {}\nrevision: 1\n`,
    );
    t.apply(WEB).advance(30);
    const status = stsStatus(t);
    expect(status.collisionCount).toBe(1);
    expect(status.updateRevision).not.toBe(taken);
    expect(t.pods().map(revisionLabel)).toEqual([status.updateRevision, status.updateRevision]);
    t.expectIdempotent('statefulset-controller');
  });
});

describe.skipIf(!present)('Parallel pod management', () => {
  it('creates and deletes all pods at once', () => {
    const t = TestCluster.create().apply(WEB_PARALLEL).advance(0);
    expect(names(t.pods())).toEqual(['web-0', 'web-1']);
    t.apply(WEB_PARALLEL.replace('replicas: 2', 'replicas: 4')).advance(0);
    expect(names(t.pods())).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    t.advance(30);
    expect(t.readyPods()).toHaveLength(4);
    t.apply(WEB_PARALLEL.replace('replicas: 2', 'replicas: 1')).advance(0);
    expect(t.pods().filter((p) => p.metadata.deletionTimestamp)).toHaveLength(3);
    t.advance(60);
    expect(names(t.pods())).toEqual(['web-0']);
    t.expectIdempotent('statefulset-controller');
  });
});

describe.skipIf(!present)('updates and ControllerRevisions', () => {
  const V2 = (yaml: string) => yaml.replace('nginx-slim:0.8', 'nginx-slim:0.24');

  it('rolls from the highest ordinal down, each new pod Ready before the next goes', () => {
    const t = TestCluster.create().apply(WEB3).advance(40);
    t.apply(V2(WEB3));
    expect(timeline(t, 200).events).toEqual([
      'web-2 deleting',
      'web-2 gone',
      'web-2 created',
      'web-2 ready',
      'web-1 deleting',
      'web-1 gone',
      'web-1 created',
      'web-1 ready',
      'web-0 deleting',
      'web-0 gone',
      'web-0 created',
      'web-0 ready',
    ]);
    expect(t.readyPods().map(image)).toEqual(Array(3).fill('registry.k8s.io/nginx-slim:0.24'));
    const revs = t.list('controllerrevisions').sort((a, b) => (a.revision as number) - (b.revision as number));
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(t.pods().map(revisionLabel)).toEqual(Array(3).fill(revs[1]!.metadata.name));
    expect(stsStatus(t)).toMatchObject({
      currentRevision: revs[1]!.metadata.name,
      updateRevision: revs[1]!.metadata.name,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    const deletes = t.events(t.get('sts', 'web')).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes.map((e) => e.split(' ')[3])).toEqual(['web-2', 'web-1', 'web-0']);
    t.expectIdempotent('statefulset-controller');
  });

  it('keeps ordinals below the partition at the old revision', () => {
    const t = TestCluster.create().apply(WEB3).advance(40);
    const v1 = revisionLabel(t.get('pod', 'web-0'));
    const before = t.pods().map((p) => p.metadata.uid);
    const partitioned = (yaml: string) =>
      yaml.replace(
        '  serviceName: "nginx"\n',
        '  serviceName: "nginx"\n  updateStrategy:\n    rollingUpdate:\n      partition: 2\n',
      );
    t.apply(V2(partitioned(WEB3))).advance(90);
    expect(t.pods().map(image)).toEqual([
      'registry.k8s.io/nginx-slim:0.8',
      'registry.k8s.io/nginx-slim:0.8',
      'registry.k8s.io/nginx-slim:0.24',
    ]);
    // web-0 and web-1 were never touched.
    expect(
      t
        .pods()
        .map((p) => p.metadata.uid)
        .slice(0, 2),
    ).toEqual(before.slice(0, 2));
    const v2 = revisionLabel(t.get('pod', 'web-2'));
    expect(v2).not.toBe(v1);
    expect(stsStatus(t)).toMatchObject({
      replicas: 3,
      currentReplicas: 2,
      updatedReplicas: 1,
      currentRevision: v1,
      updateRevision: v2,
    });
    // A pod below the partition comes back at the current revision.
    t.delete('pod', 'web-0').advance(60);
    expect(revisionLabel(t.get('pod', 'web-0'))).toBe(v1);
    // Partition 0 finishes the rollout.
    t.apply(V2(WEB3)).advance(200);
    expect(t.pods().map(revisionLabel)).toEqual([v2, v2, v2]);
    expect(stsStatus(t)).toMatchObject({ currentRevision: v2, updateRevision: v2, currentReplicas: 3 });
  });

  it('OnDelete: pods change revision only when deleted', () => {
    const onDelete = (yaml: string) =>
      yaml.replace('  serviceName: "nginx"\n', '  serviceName: "nginx"\n  updateStrategy:\n    type: OnDelete\n');
    const t = TestCluster.create().apply(onDelete(WEB)).advance(30);
    const v1 = revisionLabel(t.get('pod', 'web-0'));
    t.apply(V2(onDelete(WEB))).advance(90);
    expect(t.pods().map(revisionLabel)).toEqual([v1, v1]);
    const v2 = stsStatus(t).updateRevision;
    expect(v2).not.toBe(v1);
    expect(stsStatus(t)).toMatchObject({ currentRevision: v1, currentReplicas: 2 });
    t.delete('pod', 'web-1').advance(60);
    expect(t.pods().map(revisionLabel)).toEqual([v1, v2]);
    expect(image(t.get('pod', 'web-1'))).toBe('registry.k8s.io/nginx-slim:0.24');
    t.expectIdempotent('statefulset-controller');
  });

  it('going back to an old template renumbers its revision instead of creating one', () => {
    const t = TestCluster.create().apply(WEB).advance(30);
    t.apply(V2(WEB)).advance(120);
    t.apply(WEB).advance(120);
    const revs = t.list('controllerrevisions');
    expect(revs).toHaveLength(2);
    const first = revs.find((r) => r.revision === 3)!;
    expect(
      (first.data as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec
        .containers[0]!.image,
    ).toBe('registry.k8s.io/nginx-slim:0.8');
    expect(t.pods().map(revisionLabel)).toEqual([first.metadata.name, first.metadata.name]);
  });

  it('keeps revisionHistoryLimit old revisions', () => {
    const t = TestCluster.create()
      .apply(
        WEB.replace('replicas: 2', 'replicas: 1').replace('  serviceName', '  revisionHistoryLimit: 1\n  serviceName'),
      )
      .advance(30);
    for (const tag of ['0.20', '0.21', '0.22'])
      t.apply(
        WEB.replace('replicas: 2', 'replicas: 1')
          .replace('  serviceName', '  revisionHistoryLimit: 1\n  serviceName')
          .replace('0.8', tag),
      ).advance(60);
    expect(
      t
        .list('controllerrevisions')
        .map((r) => r.revision)
        .sort(),
    ).toEqual([3, 4]);
  });
});

describe.skipIf(!present)('volumeClaimTemplates', () => {
  it('creates claim www-web-0 before web-0; the default class provisions a volume for each and the pods run', () => {
    const t = TestCluster.create().apply(WEB_WITH_CLAIMS).advance(60);
    expect(names(t.pods())).toEqual(['web-0', 'web-1']);
    const claim = t.get('pvc', 'www-web-0')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(claim.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      volumeName: `pvc-${claim.metadata.uid}`,
    });
    expect((claim.status as { phase: string }).phase).toBe('Bound');
    const pod = t.get('pod', 'web-0')!;
    expect((pod.spec as { volumes: unknown[] }).volumes[0]).toEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-0' },
    });
    expect(ready(pod)).toBe(true);
    expect(t.events(t.get('sts', 'web')).slice(0, 2)).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
    t.expectIdempotent('statefulset-controller');
  });

  it('keeps claims on scale-down and reuses them on scale-up (Retain)', () => {
    const t = TestCluster.create().apply(WEB_PARALLEL_WITH_CLAIMS.replace('replicas: 2', 'replicas: 3')).advance(5);
    expect(names(t.list('pvc'))).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    t.apply(WEB_PARALLEL_WITH_CLAIMS.replace('replicas: 2', 'replicas: 1')).advance(60);
    expect(names(t.pods())).toEqual(['web-0']);
    expect(names(t.list('pvc'))).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    t.apply(WEB_PARALLEL_WITH_CLAIMS.replace('replicas: 2', 'replicas: 3')).advance(5);
    expect(names(t.pods())).toEqual(['web-0', 'web-1', 'web-2']);
    const claimEvents = t.events(t.get('sts', 'web')).filter((e) => e.includes('Claim'));
    expect(claimEvents).toHaveLength(3);
    t.expectIdempotent('statefulset-controller');
  });

  it('waits for a claim that is being deleted (FailedCreate), then creates the pod once it is gone', () => {
    const held =
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: www-web-1\n  finalizers: [example.com/hold]\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
    const t = TestCluster.create().apply(held);
    t.delete('pvc', 'www-web-1').apply(WEB_PARALLEL_WITH_CLAIMS).advance(5);
    expect(names(t.pods())).toEqual(['web-0']);
    expect(t.events(t.get('sts', 'web'))).toContain(
      'FailedCreate: create Pod web-1 in StatefulSet web failed error: pvc www-web-1 is being deleted',
    );
    const claim = t.get('pvc', 'www-web-1')!;
    t.update('pvc', { ...claim, metadata: { ...claim.metadata, finalizers: [] } }).advance(5);
    expect(names(t.pods())).toEqual(['web-0', 'web-1']);
    expect(t.get('pvc', 'www-web-1')!.metadata.uid).not.toBe(claim.metadata.uid);
  });

  it('whenScaled: Delete removes the claims of scaled-down pods; whenDeleted: Delete those of the set', () => {
    const policy = (scaled: string, deleted: string) =>
      `  persistentVolumeClaimRetentionPolicy:\n    whenScaled: ${scaled}\n    whenDeleted: ${deleted}\n  serviceName`;
    const yaml = (replicas: number) =>
      WEB_PARALLEL_WITH_CLAIMS.replace('replicas: 2', `replicas: ${replicas}`).replace(
        '  serviceName',
        policy('Delete', 'Delete'),
      );
    const t = TestCluster.create().apply(yaml(3)).advance(5);
    const sts = t.get('sts', 'web')!;
    expect(t.get('pvc', 'www-web-2')!.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid },
    ]);
    t.apply(yaml(1)).advance(60);
    expect(names(t.list('pvc'))).toEqual(['www-web-0']);
    t.apply(yaml(2)).advance(5);
    expect(names(t.list('pvc'))).toEqual(['www-web-0', 'www-web-1']);
    t.delete('sts', 'web').advance(60);
    expect(t.list('pvc')).toEqual([]);
    expect(t.pods()).toEqual([]);
  });
});
