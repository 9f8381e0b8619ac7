import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { NGINX_DEPLOYMENT, TestCluster } from '../harness/testCluster.ts';

interface Cond {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
}
const progressing = (d: KubeObject | undefined) =>
  ((d?.status as { conditions?: Cond[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Progressing');
const replicas = (rs: KubeObject) => (rs.spec as { replicas: number }).replicas;
const image = (o: KubeObject) =>
  (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image;
/** ReplicaSets as "image replicas/ready/available", newest revision first. */
const rsTable = (t: TestCluster) =>
  t
    .list('rs')
    .sort(
      (a, b) =>
        Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']) -
        Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']),
    )
    .map((rs) => {
      const s = (rs.status ?? {}) as { readyReplicas?: number; availableReplicas?: number };
      return `${image(rs)} ${replicas(rs)}/${s.readyReplicas ?? 0}/${s.availableReplicas ?? 0}`;
    });

/** The course's ch. 8.5 app: v1 touches /tmp/healthy, v2 never does; an exec readiness probe reads it. */
function app(replicasCount: number, version: 'v1' | 'v2', rollingUpdate = ''): string {
  const args = version === 'v1' ? 'touch /tmp/healthy; sleep 30000' : 'sleep 3000';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: ${replicasCount}
  selector:
    matchLabels:
      run: app
${rollingUpdate}  template:
    metadata:
      labels:
        run: app
    spec:
      containers:
      - name: app
        image: busybox
        args: ["/bin/sh", "-c", "${args}"]
        readinessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
          initialDelaySeconds: 10
          periodSeconds: 5
`;
}
const strategy = (surge: string, unavailable: string) =>
  `  strategy:\n    rollingUpdate:\n      maxSurge: ${surge}\n      maxUnavailable: ${unavailable}\n`;

describe('course ch. 8.5: a readiness probe stops a bad rolling update', () => {
  it('default 25%/25% of 10: DESIRED 10, CURRENT 13, UP-TO-DATE 5, AVAILABLE 8', () => {
    const l = lab();
    l.files['v1.yaml'] = app(10, 'v1');
    l.files['v2.yaml'] = app(10, 'v2');
    l.k('apply -f v1.yaml');
    l.advance(60);
    expect(l.k('get deploy app --no-headers').stdout).toMatch(/^app\s+10\/10\s+10\s+10\s/);
    l.k('apply -f v2.yaml');
    l.advance(120);
    // The book's DESIRED/CURRENT columns are spec.replicas and status.replicas; kubectl 1.33 shows READY instead.
    const counts = '{.spec.replicas} {.status.replicas} {.status.updatedReplicas} {.status.availableReplicas}';
    expect(l.k(`get deploy app -o jsonpath='${counts}'`).stdout).toBe('10 13 5 8');
    expect(l.k('get deploy app --no-headers').stdout).toMatch(/^app\s+8\/10\s+5\s+8\s/);
  });

  it('maxSurge 35%, maxUnavailable 35% of 10: 4 surge, 3 unavailable → CURRENT 14, UP-TO-DATE 7, AVAILABLE 7', () => {
    const t = TestCluster.create()
      .apply(app(10, 'v1', strategy('35%', '35%')))
      .advance(60);
    t.apply(app(10, 'v2', strategy('35%', '35%'))).advance(120);
    expect(t.get('deploy', 'app')!.status).toMatchObject({ replicas: 14, updatedReplicas: 7, availableReplicas: 7 });
    expect(rsTable(t)).toEqual(['busybox 7/0/0', 'busybox 7/7/7']);
  });
});

const withSpec = (extra: string, yaml = NGINX_DEPLOYMENT) => yaml.replace('  replicas: 3\n', `  replicas: 3\n${extra}`);

describe('spec.paused (sync.go sync, checkPausedConditions)', () => {
  it('rolls nothing out while paused, still scales, and continues once resumed', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    const paused = withSpec('  paused: true\n', NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1'));
    t.apply(paused).advance(30);
    const d = t.get('deploy', 'nginx-deployment')!;
    expect(progressing(d)).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    expect(rsTable(t)).toEqual(['nginx:1.14.2 3/3/3']);

    t.apply(paused.replace('replicas: 3', 'replicas: 5')).advance(30);
    expect(rsTable(t)).toEqual(['nginx:1.14.2 5/5/5']);

    t.apply(NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1').replace('replicas: 3', 'replicas: 5')).advance(60);
    expect(rsTable(t)).toEqual(['nginx:1.16.1 5/5/5', 'nginx:1.14.2 0/0/0']);
    const after = t.get('deploy', 'nginx-deployment')!;
    expect(progressing(after)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    const v1 = t.list('rs').find((r) => image(r) === 'nginx:1.14.2')!.metadata.name!;
    const v2 = t.list('rs').find((r) => image(r) === 'nginx:1.16.1')!.metadata.name!;
    // 5 replicas: maxSurge 2, maxUnavailable 1. The paused scale-up went to the old ReplicaSet only.
    expect(t.events(after).filter((e) => e.includes(' up '))).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${v1} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${v1} from 3 to 5`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 0 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 2 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${v2} from 3 to 5`,
    ]);
    t.expectIdempotent('deployment-controller');
  });

  it('a Deployment created paused creates no ReplicaSet; resuming says DeploymentResumed first', () => {
    const t = TestCluster.create().apply(withSpec('  paused: true\n')).advance(10);
    expect(t.list('rs')).toEqual([]);
    expect(progressing(t.get('deploy', 'nginx-deployment'))).toMatchObject({ reason: 'DeploymentPaused' });
    t.cluster.stop('controller-manager');
    t.apply(NGINX_DEPLOYMENT);
    const controller = t.cluster.controllers.controllers.find((c) => c.name === 'deployment-controller')!;
    const [write] = controller.reconcile(t.cluster.view, 'default/nginx-deployment');
    expect(write?.type === 'update' && progressing(write.object)).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentResumed',
      message: 'Deployment is resumed',
    });
    t.cluster.start('controller-manager');
    t.advance(30);
    expect(progressing(t.get('deploy', 'nginx-deployment'))).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
    expect(rsTable(t)).toEqual(['nginx:1.14.2 3/3/3']);
  });
});

describe('progressDeadlineSeconds (progress.go)', () => {
  it('an image that cannot be pulled times the rollout out at the deadline; rollout status fails', () => {
    const l = lab();
    l.files['d.yaml'] = withSpec('  progressDeadlineSeconds: 60\n');
    l.k('apply -f d.yaml');
    l.advance(30);
    l.files['d.yaml'] = withSpec('  progressDeadlineSeconds: 60\n').replace('nginx:1.14.2', 'nginx:does-not-exist');
    l.k('apply -f d.yaml');
    const started = l.cluster.clock.now();
    const get = () => l.k('get deploy nginx-deployment -o json').stdout;
    const cond = () => progressing(JSON.parse(get()) as KubeObject)!;
    l.advance(5);
    const rs = JSON.parse(l.k('get rs -o json').stdout) as { items: KubeObject[] };
    const v2 = rs.items.find((r) => image(r) === 'nginx:does-not-exist')!.metadata.name!;
    // Its pod is no progress: updatedReplicas was 3 (the old ReplicaSet's) and is 1 now.
    expect(cond()).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetCreated',
      message: `Created new replica set "${v2}"`,
    });
    const updated = Date.parse(cond().lastUpdateTime);
    l.advance(54); // 59s after the new ReplicaSet
    expect(cond().reason).not.toBe('ProgressDeadlineExceeded');
    expect(l.k('rollout status deploy/nginx-deployment').stdout).toBe(
      'Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
    l.advance(2);
    expect(cond()).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${v2}" has timed out progressing.`,
    });
    // Timed out at lastUpdateTime + 60s (the condition's time, to the second).
    expect(Date.parse(cond().lastUpdateTime) - updated).toBe(60_000);
    expect(updated - Math.floor(started / 1000) * 1000).toBeLessThanOrEqual(1000);
    const status = l.k('rollout status deploy/nginx-deployment');
    expect(status.stderr).toBe('error: deployment "nginx-deployment" exceeded its progress deadline\n');
    expect(status.exitCode).toBe(1);
    const v1 = rs.items.find((r) => image(r) === 'nginx:1.14.2')!.metadata.name!;
    const d = JSON.parse(get()) as KubeObject;
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 });
    // The controller writes no event for the timeout: only the scaling it did.
    const events = l.k('get events --field-selector involvedObject.kind=Deployment -o json').stdout;
    expect((JSON.parse(events) as { items: { message: string }[] }).items.map((e) => e.message)).toEqual([
      `Scaled up replica set ${v1} from 0 to 3`,
      `Scaled up replica set ${v2} from 0 to 1`,
    ]);
  });

  it('a readiness probe that never passes times out too; a fixed template then completes', () => {
    const t = TestCluster.create()
      .apply(withSpec('  progressDeadlineSeconds: 30\n', app(3, 'v1')))
      .advance(40);
    t.apply(withSpec('  progressDeadlineSeconds: 30\n', app(3, 'v2'))).advance(45);
    expect(progressing(t.get('deploy', 'app'))).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    t.apply(withSpec('  progressDeadlineSeconds: 30\n', app(3, 'v1'))).advance(60);
    expect(progressing(t.get('deploy', 'app'))).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    t.expectIdempotent('deployment-controller');
  });
});

describe('minReadySeconds', () => {
  it('counts a pod available only minReadySeconds after it is Ready, and paces the rollout by it', () => {
    const t = TestCluster.create().apply(withSpec('  minReadySeconds: 20\n')).advance(10);
    const d = () =>
      t.get('deploy', 'nginx-deployment')!.status as { readyReplicas?: number; availableReplicas?: number };
    expect(d()).toMatchObject({ readyReplicas: 3 });
    expect(d().availableReplicas).toBeUndefined();
    t.advance(15);
    expect(d()).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
    expect((t.list('rs')[0]!.spec as { minReadySeconds?: number }).minReadySeconds).toBe(20);
    // maxSurge 1, maxUnavailable 0: each new pod must be available (20s) before an old one goes.
    t.apply(withSpec('  minReadySeconds: 20\n', NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1'))).advance(15);
    expect(rsTable(t)).toEqual(['nginx:1.16.1 1/1/0', 'nginx:1.14.2 3/3/3']);
    t.advance(15);
    expect(rsTable(t)).toEqual(['nginx:1.16.1 2/2/1', 'nginx:1.14.2 2/2/2']);
    t.advance(60);
    expect(rsTable(t)).toEqual(['nginx:1.16.1 3/3/3', 'nginx:1.14.2 0/0/0']);
  });
});

describe('revisionHistoryLimit (cleanupDeployment)', () => {
  it('keeps only the newest old ReplicaSets once a rollout completes', () => {
    const yaml = (v: string) => withSpec('  revisionHistoryLimit: 2\n', NGINX_DEPLOYMENT.replace('nginx:1.14.2', v));
    const t = TestCluster.create().apply(yaml('nginx:1.14.2')).advance(30);
    for (const v of ['nginx:1.15', 'nginx:1.16.1', 'nginx:1.17']) t.apply(yaml(v)).advance(60);
    const revisions = t
      .list('rs')
      .map((rs) => `${rs.metadata.annotations?.['deployment.kubernetes.io/revision']} ${image(rs)} ${replicas(rs)}`)
      .sort();
    expect(revisions).toEqual(['2 nginx:1.15 0', '3 nginx:1.16.1 0', '4 nginx:1.17 3']);
    t.apply(withSpec('  revisionHistoryLimit: 0\n', NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.17'))).advance(5);
    expect(t.list('rs').map(image)).toEqual(['nginx:1.17']);
  });
});

describe('proportional scaling (sync.go scale, getProportion)', () => {
  it('the docs example: 10 replicas, maxSurge 3, a bad image, scaled to 15 → old 8→11, new 5→7', () => {
    const yaml = (replicasCount: number, img: string) =>
      NGINX_DEPLOYMENT.replace('replicas: 3', `replicas: ${replicasCount}`)
        .replace(
          '  replicas:',
          `  strategy:\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2\n  replicas:`,
        )
        .replace('nginx:1.14.2', img);
    const t = TestCluster.create().apply(yaml(10, 'nginx:1.14.2')).advance(40);
    t.apply(yaml(10, 'nginx:does-not-exist')).advance(30);
    expect(rsTable(t)).toEqual(['nginx:does-not-exist 5/0/0', 'nginx:1.14.2 8/8/8']);
    const annotations = (img: string) => {
      const rs = t.list('rs').find((r) => image(r) === img)!;
      const a = rs.metadata.annotations ?? {};
      return [a['deployment.kubernetes.io/desired-replicas'], a['deployment.kubernetes.io/max-replicas']];
    };
    expect(annotations('nginx:does-not-exist')).toEqual(['10', '13']);
    expect(annotations('nginx:1.14.2')).toEqual(['10', '13']);

    t.apply(yaml(15, 'nginx:does-not-exist')).advance(30);
    expect(rsTable(t)).toEqual(['nginx:does-not-exist 7/0/0', 'nginx:1.14.2 11/11/11']);
    expect(annotations('nginx:does-not-exist')).toEqual(['15', '18']);
    expect(annotations('nginx:1.14.2')).toEqual(['15', '18']);
    const d = t.get('deploy', 'nginx-deployment')!;
    const names = (img: string) => t.list('rs').find((r) => image(r) === img)!.metadata.name!;
    expect(t.events(d).slice(-2)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${names('nginx:1.14.2')} from 8 to 11`,
      `ScalingReplicaSet: Scaled up replica set ${names('nginx:does-not-exist')} from 5 to 7`,
    ]);

    // Scaling down shares the removal too: 8 + 3 = 11 allowed, 7 to remove, largest (and older) first:
    // old round(11·11/18) − 11 = −4, new −3 → 7 + 4; then the rollout goes on: 11 − 6 − 4 = 1 old pod may
    // go (old 6), the new one grows into the room (5), and stops there: 6 available is the minimum.
    const seen = t.events(d).length;
    t.apply(yaml(8, 'nginx:does-not-exist')).advance(30);
    expect(t.events(t.get('deploy', 'nginx-deployment')).slice(seen)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${names('nginx:1.14.2')} from 11 to 7`,
      `ScalingReplicaSet: Scaled down replica set ${names('nginx:does-not-exist')} from 7 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${names('nginx:1.14.2')} from 7 to 6`,
      `ScalingReplicaSet: Scaled up replica set ${names('nginx:does-not-exist')} from 4 to 5`,
    ]);
    expect(rsTable(t)).toEqual(['nginx:does-not-exist 5/0/0', 'nginx:1.14.2 6/6/6']);
    t.expectIdempotent('deployment-controller');
  });
});
