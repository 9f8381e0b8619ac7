import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { isPodAvailable } from '../../core/controllers/podutil.ts';
import { R } from '../../core/controllers/resources.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { K8S_EXAMPLES } from '../harness/shared.ts';
import { TestCluster, nodeOf, phase } from '../harness/testCluster.ts';

/** The course's ch.5.2 DaemonSet shape: a log agent on every node. */
function daemonSet(opts: { image?: string; extraSpec?: string; podSpec?: string; strategy?: string } = {}): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
${opts.strategy ?? ''}${opts.extraSpec ?? ''}  template:
    metadata:
      labels:
        app: fluentd
    spec:
${opts.podSpec ?? ''}      containers:
      - name: fluentd
        image: ${opts.image ?? 'nginx:1.25'}
`;
}

const CONTROL_PLANE_TOLERATION = `      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
`;

const ACTOR = { actor: { component: 'kubectl', reason: 'test' } };

function dsPods(t: TestCluster): KubeObject[] {
  return t.pods().filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet'));
}

function liveNodes(t: TestCluster): string[] {
  return dsPods(t)
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => nodeOf(p) ?? '?')
    .sort();
}

function ds(t: TestCluster): KubeObject {
  return t.get('ds', 'fluentd')!;
}

function relabelNode(t: TestCluster, name: string, change: (labels: Record<string, string>) => void): void {
  const node = t.get('node', name, '')!;
  const labels = { ...(node.metadata.labels ?? {}) };
  change(labels);
  t.update('node', { ...node, metadata: { ...node.metadata, labels } });
  t.cluster.settle();
}

function revisions(t: TestCluster): [string, number][] {
  return t
    .list('controllerrevisions', 'default')
    .map((r): [string, number] => [r.metadata.name ?? '', r['revision'] as number])
    .sort((a, b) => a[1] - b[1]);
}

describe('DaemonSet placement (course ch.5.2)', () => {
  it('runs one pod on each worker, not on the tainted control plane', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    expect(liveNodes(t)).toEqual(['k8s-node1', 'k8s-node2']);
    for (const p of dsPods(t)) {
      expect(p.metadata.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('fluentd-');
      expect(phase(p)).toBe('Running');
      const hash = revisions(t)[0]![0].replace('fluentd-', '');
      expect(p.metadata.labels).toEqual({
        app: 'fluentd',
        'controller-revision-hash': hash,
        'pod-template-generation': '1',
      });
      expect(p.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'fluentd',
          uid: ds(t).metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      const spec = p.spec as { affinity: unknown; tolerations: unknown[] };
      expect(spec.affinity).toEqual({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeOf(p)] }] }],
          },
        },
      });
      expect(spec.tolerations).toEqual([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]);
      // Scheduled by the scheduler, not bound by the controller.
      expect(t.events(p)[0]).toMatch(/^Scheduled: Successfully assigned default\/fluentd-\w+ to k8s-node\d$/);
    }
    expect(ds(t).status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
    const names = dsPods(t).map((p) => p.metadata.name);
    expect([...t.events(ds(t))].sort()).toEqual(names.map((n) => `SuccessfulCreate: Created pod: ${n}`).sort());
    t.expectIdempotent('daemonset-controller');
  });

  it('with the control-plane toleration runs on all three nodes; hostNetwork adds network-unavailable', () => {
    const t = TestCluster.create()
      .apply(daemonSet({ podSpec: `${CONTROL_PLANE_TOLERATION}      hostNetwork: true\n` }))
      .advance(30);
    expect(liveNodes(t)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    const tolerations = (dsPods(t)[0]!.spec as { tolerations: { key: string }[] }).tolerations.map((x) => x.key);
    expect(tolerations).toEqual([
      'node-role.kubernetes.io/control-plane',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
      'node.kubernetes.io/network-unavailable',
    ]);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3 });
    t.expectIdempotent('daemonset-controller');
  });

  it('nodeSelector disktype=ssd pins it; labelling a node adds a pod, unlabelling removes it', () => {
    const t = TestCluster.create().apply(daemonSet({ podSpec: '      nodeSelector:\n        disktype: ssd\n' }));
    t.advance(10);
    expect(liveNodes(t)).toEqual([]);
    expect(ds(t).status).toEqual({
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
      observedGeneration: 1,
    });
    relabelNode(t, 'k8s-node1', (l) => (l.disktype = 'ssd'));
    t.advance(20);
    expect(liveNodes(t)).toEqual(['k8s-node1']);
    relabelNode(t, 'k8s-node2', (l) => (l.disktype = 'ssd'));
    t.advance(20);
    expect(liveNodes(t)).toEqual(['k8s-node1', 'k8s-node2']);
    const onNode1 = dsPods(t).find((p) => nodeOf(p) === 'k8s-node1')!;
    relabelNode(t, 'k8s-node1', (l) => delete l.disktype);
    expect(liveNodes(t)).toEqual(['k8s-node2']);
    expect(t.events(ds(t))).toContain(`SuccessfulDelete: Deleted pod: ${onNode1.metadata.name}`);
    t.advance(60);
    expect(dsPods(t).map((p) => p.metadata.name)).not.toContain(onNode1.metadata.name);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1 });
    t.expectIdempotent('daemonset-controller');
  });

  it('a node that joins gets its pod; a deleted node loses it through the pod GC', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    // The faults menu's "Add a node": the next course-style worker joins.
    expect(t.cluster.addWorker()).toBe('k8s-node3');
    t.advance(30);
    expect(liveNodes(t)).toEqual(['k8s-node1', 'k8s-node2', 'k8s-node3']);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });

    t.cluster.failNode('k8s-node3');
    const r = t.api.delete(R.nodes, undefined, 'k8s-node3', ACTOR);
    expect(r.ok).toBe(true);
    t.cluster.settle();
    // The DaemonSet no longer wants a pod there at once; the orphaned pod goes after PodGC's 40 s quarantine.
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
    t.advance(60);
    expect(dsPods(t).map(nodeOf).sort()).toEqual(['k8s-node1', 'k8s-node2']);
  });

  it('a failed daemon pod is deleted and replaced, with a FailedDaemonPod event', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    const victim = dsPods(t).find((p) => nodeOf(p) === 'k8s-node1')!;
    const failed = { ...victim, status: { ...(victim.status as object), phase: 'Failed' } };
    const r = t.api.update(R.pods, failed, { ...ACTOR, subresource: 'status' });
    expect(r.ok).toBe(true);
    t.advance(30);
    expect(t.events(ds(t))).toEqual(
      expect.arrayContaining([
        `FailedDaemonPod: Found failed daemon pod default/${victim.metadata.name} on node k8s-node1, will try to kill it`,
        `SuccessfulDelete: Deleted pod: ${victim.metadata.name}`,
      ]),
    );
    const now = dsPods(t).filter((p) => nodeOf(p) === 'k8s-node1');
    expect(now.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(now.map(phase)).toEqual(['Running']);
    t.expectIdempotent('daemonset-controller');
  });

  it('backs off deleting pods that keep failing on the same node (1 s, then 2 s, ...)', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    const fail = (p: KubeObject) => {
      const r = t.api.update(
        R.pods,
        { ...p, status: { ...(p.status as object), phase: 'Failed' } },
        {
          ...ACTOR,
          subresource: 'status',
        },
      );
      expect(r.ok).toBe(true);
      t.cluster.settle();
    };
    const onNode1 = () => dsPods(t).filter((p) => nodeOf(p) === 'k8s-node1' && !p.metadata.deletionTimestamp);
    const first = onNode1()[0]!;
    fail(first);
    const second = onNode1().find((p) => p.metadata.name !== first.metadata.name)!;
    expect(second).toBeDefined();
    fail(t.get('pod', second.metadata.name!)!);
    // Within the first second the controller leaves the second failed pod alone.
    expect(t.get('pod', second.metadata.name!)?.metadata.deletionTimestamp).toBeUndefined();
    t.advance(1);
    expect(t.get('pod', second.metadata.name!)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
    const failures = t.events(ds(t)).filter((e) => e.startsWith('FailedDaemonPod:'));
    expect(failures).toHaveLength(2);
    t.advance(30);
    expect(onNode1().map(phase)).toEqual(['Running']);
  });
});

/** Per node: the live daemon pods and whether one of them is available. */
function snapshot(t: TestCluster, minReady = 0) {
  const now = t.cluster.clock.now();
  const byNode = new Map<string, KubeObject[]>();
  for (const p of dsPods(t)) byNode.set(nodeOf(p) ?? '?', [...(byNode.get(nodeOf(p) ?? '?') ?? []), p]);
  const image = (p: KubeObject) => (p.spec as { containers: { image: string }[] }).containers[0]!.image;
  return ['k8s-master', 'k8s-node1', 'k8s-node2'].map((node) => {
    const pods = byNode.get(node) ?? [];
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    return {
      node,
      pods: pods.length,
      live: live.length,
      available: live.some((p) => isPodAvailable(p, minReady, now)),
      images: live.map(image),
    };
  });
}

describe('DaemonSet ownership', () => {
  it('re-adopts the pods it orphaned (delete --cascade=orphan, then apply again) without replacing them', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    const before = dsPods(t)
      .map((p) => p.metadata.name)
      .sort();
    t.delete('ds', 'fluentd', 'default', { propagationPolicy: 'Orphan' }).advance(10);
    expect(t.pods().every((p) => !p.metadata.ownerReferences?.length)).toBe(true);
    expect(
      t
        .pods()
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(before);
    t.apply(daemonSet()).advance(10);
    expect(
      dsPods(t)
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(before);
    expect(dsPods(t).every((p) => p.metadata.ownerReferences?.[0]?.uid === ds(t).metadata.uid)).toBe(true);
    expect(t.events(ds(t))).toEqual([]);
    expect(revisions(t).map((r) => r[1])).toEqual([1]);
    t.expectIdempotent('daemonset-controller');
  });

  it('releases a pod relabelled out of its selector and starts a new one on that node', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    const pod = dsPods(t).find((p) => nodeOf(p) === 'k8s-node1')!;
    t.update('pod', { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, app: 'debug' } } });
    t.advance(30);
    const released = t.get('pod', pod.metadata.name!)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    expect(phase(released)).toBe('Running');
    expect(liveNodes(t)).toEqual(['k8s-node1', 'k8s-node2']);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2 });
    t.expectIdempotent('daemonset-controller');
  });
});

describe('DaemonSet updates', () => {
  it('RollingUpdate with maxUnavailable 1 replaces one node at a time, deleting before creating', () => {
    const t = TestCluster.create()
      .apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION }))
      .advance(30);
    t.apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION, image: 'nginx:1.26' }));
    const order: string[] = [];
    for (let s = 0; s < 300; s++) {
      t.advance(1);
      const nodes = snapshot(t);
      // Never more than one node without an available pod, never two pods on a node.
      expect(nodes.filter((n) => !n.available).length).toBeLessThanOrEqual(1);
      for (const n of nodes) expect(n.pods).toBeLessThanOrEqual(1);
      for (const n of nodes) if (n.images[0] === 'nginx:1.26' && !order.includes(n.node)) order.push(n.node);
      if (nodes.every((n) => n.available && n.images[0] === 'nginx:1.26')) break;
    }
    // One node after the other; upstream walks a Go map (any order), the lab goes by node name.
    expect(order).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    expect(snapshot(t).every((n) => n.available && n.images[0] === 'nginx:1.26')).toBe(true);
    expect(ds(t).status).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
    expect(revisions(t).map((r) => r[1])).toEqual([1, 2]);
    t.expectIdempotent('daemonset-controller');
  });

  it('maxUnavailable 2 replaces two nodes at once', () => {
    const strategy = '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2\n';
    const t = TestCluster.create()
      .apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION, strategy }))
      .advance(30);
    t.apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION, strategy, image: 'nginx:1.26' }));
    let mostDown = 0;
    for (let s = 0; s < 300; s++) {
      t.advance(1);
      const nodes = snapshot(t);
      const down = nodes.filter((n) => !n.available).length;
      expect(down).toBeLessThanOrEqual(2);
      mostDown = Math.max(mostDown, down);
      if (nodes.every((n) => n.available && n.images[0] === 'nginx:1.26')) break;
    }
    expect(mostDown).toBe(2);
    expect(snapshot(t).every((n) => n.images[0] === 'nginx:1.26')).toBe(true);
  });

  it('maxSurge 1 keeps every old pod until its replacement is available', () => {
    const strategy = '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n';
    const minReady = '  minReadySeconds: 5\n';
    const t = TestCluster.create()
      .apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION, strategy, extraSpec: minReady }))
      .advance(30);
    expect(ds(t).status).toMatchObject({ numberAvailable: 3 });
    t.apply(daemonSet({ podSpec: CONTROL_PLANE_TOLERATION, strategy, extraSpec: minReady, image: 'nginx:1.26' }));
    let surged = 0;
    for (let s = 0; s < 400; s++) {
      t.advance(1);
      const nodes = snapshot(t, 5);
      // Every node always has an available pod; at most one node has a second, not yet available pod
      // (an old pod that is already terminating no longer counts against maxSurge, as upstream).
      expect(nodes.every((n) => n.available)).toBe(true);
      const doubled = nodes.filter((n) => n.live > 1).length;
      expect(doubled).toBeLessThanOrEqual(1);
      surged = Math.max(surged, doubled);
      if (nodes.every((n) => n.pods === 1 && n.images[0] === 'nginx:1.26')) break;
    }
    expect(surged).toBe(1);
    expect(snapshot(t, 5).every((n) => n.images[0] === 'nginx:1.26' && n.pods === 1)).toBe(true);
    t.advance(10);
    expect(ds(t).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3 });
    t.expectIdempotent('daemonset-controller');
  });

  it('minReadySeconds holds numberAvailable back', () => {
    const t = TestCluster.create().apply(daemonSet({ extraSpec: '  minReadySeconds: 30\n' }));
    for (let s = 0; s < 60 && (ds(t).status as { numberReady?: number }).numberReady !== 2; s++) t.advance(1);
    expect(ds(t).status).toMatchObject({ numberReady: 2, numberUnavailable: 2 });
    expect(ds(t).status).not.toHaveProperty('numberAvailable');
    t.advance(31);
    expect(ds(t).status).toMatchObject({ numberReady: 2, numberAvailable: 2 });
    expect(ds(t).status).not.toHaveProperty('numberUnavailable');
  });

  it('OnDelete changes nothing until a pod is deleted', () => {
    const strategy = '  updateStrategy:\n    type: OnDelete\n';
    const t = TestCluster.create().apply(daemonSet({ strategy })).advance(30);
    t.apply(daemonSet({ strategy, image: 'nginx:1.26' })).advance(120);
    expect(snapshot(t).map((n) => n.images)).toEqual([[], ['nginx:1.25'], ['nginx:1.25']]);
    expect(ds(t).status).toMatchObject({ observedGeneration: 2, desiredNumberScheduled: 2, numberAvailable: 2 });
    expect(ds(t).status).not.toHaveProperty('updatedNumberScheduled');
    const victim = dsPods(t).find((p) => nodeOf(p) === 'k8s-node1')!;
    t.delete('pod', victim.metadata.name!).advance(60);
    expect(snapshot(t).map((n) => n.images)).toEqual([[], ['nginx:1.26'], ['nginx:1.25']]);
    expect(ds(t).status).toMatchObject({ updatedNumberScheduled: 1 });
    t.expectIdempotent('daemonset-controller');
  });

  it('keeps one ControllerRevision per template; undo renumbers the old one; history is capped', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    const [first] = revisions(t);
    expect(first![1]).toBe(1);
    const cr = t.get('controllerrevision', first![0])!;
    expect(cr.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': first![0].slice(8) });
    expect(cr.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'fluentd', controller: true });
    const data = cr['data'] as { spec: { template: Record<string, unknown> } };
    expect(Object.keys(data)).toEqual(['spec']);
    expect(Object.keys(data.spec)).toEqual(['template']);
    expect(data.spec.template.$patch).toBe('replace');
    expect(data.spec.template).toMatchObject({ metadata: { labels: { app: 'fluentd' }, creationTimestamp: null } });

    t.apply(daemonSet({ image: 'nginx:1.26' })).advance(120);
    t.apply(daemonSet({ image: 'nginx:1.27' })).advance(120);
    expect(revisions(t).map((r) => r[1])).toEqual([1, 2, 3]);
    const hashes = revisions(t).map((r) => r[0]);
    // Back to the first template: its revision is reused with the next number, and its hash labels the pods.
    t.apply(daemonSet()).advance(120);
    expect(revisions(t)).toEqual([
      [hashes[1], 2],
      [hashes[2], 3],
      [hashes[0], 4],
    ]);
    for (const p of dsPods(t)) {
      expect(p.metadata.labels?.['controller-revision-hash']).toBe(hashes[0]!.slice(8));
      // The fourth template the DaemonSet has had (deprecated.daemonset.template.generation upstream).
      expect(p.metadata.labels?.['pod-template-generation']).toBe('4');
    }
    expect(ds(t).status).toMatchObject({ updatedNumberScheduled: 2, observedGeneration: 4 });

    // revisionHistoryLimit 1 keeps the current revision and one old one.
    t.apply(daemonSet({ extraSpec: '  revisionHistoryLimit: 1\n' })).advance(5);
    expect(revisions(t)).toEqual([
      [hashes[2], 3],
      [hashes[0], 4],
    ]);
    t.expectIdempotent('daemonset-controller');
  });

  it('deleting the DaemonSet removes its pods and revisions', () => {
    const t = TestCluster.create().apply(daemonSet()).advance(30);
    t.delete('ds', 'fluentd').advance(60);
    expect(dsPods(t)).toEqual([]);
    expect(t.list('controllerrevisions', 'default')).toEqual([]);
  });
});

describe('kubectl get ds (embedded kubectl)', () => {
  it('a NoSchedule taint keeps the running pod (misscheduled); a NoExecute taint removes it', () => {
    const l = lab();
    l.files['ds.yaml'] = daemonSet();
    l.k('apply -f ds.yaml');
    l.advance(30);
    expect(l.k('taint node k8s-node1 dedicated=db:NoSchedule').stdout).toBe('node/k8s-node1 tainted\n');
    l.advance(5);
    const status = () => l.cluster.api.get(R.daemonSets, 'default', 'fluentd');
    const s1 = status();
    expect(s1.ok && s1.value.status).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1 });
    expect(l.k('get pods -o wide').stdout).toContain('k8s-node1');
    l.k('taint node k8s-node2 dedicated=db:NoExecute');
    l.advance(60);
    const nodes = l.cluster.api
      .list(R.pods, 'default')
      .items.filter((p) => !p.metadata.deletionTimestamp)
      .map(nodeOf);
    expect(nodes).toEqual(['k8s-node1']);
    const s2 = status();
    expect(s2.ok && s2.value.status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });
  it('shows DESIRED CURRENT READY UP-TO-DATE AVAILABLE and the node selector', () => {
    const l = lab();
    l.files['ds.yaml'] = daemonSet({ podSpec: '      nodeSelector:\n        kubernetes.io/os: linux\n' });
    expect(l.k('apply -f ds.yaml').stdout).toBe('daemonset.apps/fluentd created\n');
    l.advance(30);
    expect(l.k('get ds').stdout).toBe(
      [
        'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'fluentd   2         2         2       2            2           kubernetes.io/os=linux   30s',
        '',
      ].join('\n'),
    );
    const revs = l.k('get controllerrevisions').stdout.split('\n');
    expect(revs[0]).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE$/);
    expect(revs[1]).toMatch(/^fluentd-\w+\s+daemonset\.apps\/fluentd\s+1\s+30s$/);
  });
});

describe('the documentation DaemonSets (/work/shared/k8s-examples)', () => {
  const present = existsSync(join(K8S_EXAMPLES, 'CORE.txt'));
  const run = (file: string) => {
    const t = TestCluster.create()
      .apply(readFileSync(join(K8S_EXAMPLES, file), 'utf8'))
      .advance(120);
    const sets = t.list('ds', 'kube-system').concat(t.list('ds', 'default'));
    expect(sets).toHaveLength(1);
    const pods = t
      .list('pods', sets[0]!.metadata.namespace)
      .filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet'));
    return { t, status: sets[0]!.status, pods };
  };

  it.skipIf(!present).each([
    ['controllers/daemonset.yaml', ['k8s-node1', 'k8s-node2']],
    ['controllers/fluentd-daemonset-update.yaml', ['k8s-node1', 'k8s-node2']],
    // Tolerates node-role.kubernetes.io/control-plane: runs on the master too.
    ['controllers/fluentd-daemonset.yaml', ['k8s-master', 'k8s-node1', 'k8s-node2']],
    // nodeSelector disktype=ssd: no node carries it until a learner labels one.
    ['controllers/daemonset-label-selector.yaml', []],
    // nodeSelector node-role.kubernetes.io/master: kubeadm v1.33 no longer sets that label.
    ['admin/cloud/ccm-example.yaml', []],
  ])('%s converges on %j', (file, nodes) => {
    const { t, status, pods } = run(file);
    expect(pods.map(nodeOf).sort()).toEqual(nodes);
    expect(pods.map(phase).every((p) => p === 'Running')).toBe(true);
    expect(status).toMatchObject({ desiredNumberScheduled: nodes.length, numberReady: nodes.length });
    t.expectIdempotent('daemonset-controller');
  });

  it.skipIf(!present)('node-problem-detector waits for its ConfigMap as on a real cluster', () => {
    const { status, pods, t } = run('debug/node-problem-detector-configmap.yaml');
    expect(pods.map(phase)).toEqual(['Pending', 'Pending']);
    expect(t.events(pods[0])).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "config" : configmap "node-problem-detector-config" not found',
    );
    expect(status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberUnavailable: 2 });
  });
});
