import { describe, expect, it } from 'vitest';
import type { StreamSink } from './types.ts';
import { chapterOne, lab } from './testkit.ts';
import type { KubeObject } from '../api/types.ts';
import { daemonSetStatus, statefulSetStatus } from './cmd/rolloutrevisions.ts';

describe('kubectl scale, set image and rollout', () => {
  it('runs chapter 1: scale, set image, history, undo', () => {
    const l = chapterOne();
    expect(l.k('scale deployment nginx-deployment --replicas=5').stdout).toBe(
      'deployment.apps/nginx-deployment scaled\n',
    );
    l.advance(30);
    expect(l.k('get pods --no-headers').stdout.trim().split('\n')).toHaveLength(5);
    expect(l.k('set image deployment/nginx-deployment nginx=nginx:1.16.1').stdout).toBe(
      'deployment.apps/nginx-deployment image updated\n',
    );
    l.advance(60);
    expect(l.k('rollout history deployment/nginx-deployment').stdout).toBe(
      'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(l.k('rollout undo deployment/nginx-deployment').stdout).toBe(
      'deployment.apps/nginx-deployment rolled back\n',
    );
    l.advance(60);
    expect(l.k('get rs').stdout).toBe(
      'NAME                         DESIRED   CURRENT   READY   AGE\nnginx-deployment-cf4cd4db7   5         5         5       3m\nnginx-deployment-cff86b44d   0         0         0       2m\n',
    );
    expect(l.k('rollout history deploy/nginx-deployment --revision=3').stdout).toBe(
      'deployment.apps/nginx-deployment with revision #3\nPod Template:\n  Labels:\tapp=nginx\n\tpod-template-hash=cf4cd4db7\n  Containers:\n   nginx:\n    Image:\tnginx:1.14.2\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
    );
  });

  it('checks its preconditions with kubectl words', () => {
    const l = chapterOne();
    expect(l.k('scale deploy nginx-deployment').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(l.k('scale deploy nginx-deployment --replicas=2 --current-replicas=5').stderr).toBe(
      'error: Expected replicas to be 5, was 3\n',
    );
    expect(l.k('set image deploy/nginx-deployment foo=bar').stderr).toBe(
      'error: unable to find container named "foo"\n',
    );
    expect(l.k('rollout undo deploy/nginx-deployment').stderr).toBe(
      'error: no rollout history found for deployment "nginx-deployment"\n',
    );
    expect(l.k('rollout undo deploy/nginx-deployment --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
  });

  it('pauses, resumes and restarts', () => {
    const l = chapterOne();
    expect(l.k('rollout pause deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment paused\n');
    expect(l.k('rollout pause deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" is already paused\n',
    );
    expect(l.k('rollout restart deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect(l.k('rollout resume deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment resumed\n');
    expect(l.k('rollout resume deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" is not paused\n',
    );
    expect(l.k('rollout restart deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment restarted\n');
    expect(l.k("get deploy nginx-deployment -o jsonpath='{.spec.template.metadata.annotations}'").stdout).toBe(
      '{"kubectl.kubernetes.io/restartedAt":"2026-11-22T09:00:30Z"}',
    );
  });

  it('reports rollout status now, and follows it on a stream until done', () => {
    const l = chapterOne();
    expect(l.k('rollout status deployment/nginx-deployment').stdout).toBe(
      'deployment "nginx-deployment" successfully rolled out\n',
    );
    l.k('set image deployment/nginx-deployment nginx=nginx:1.16.1');
    const seen: string[] = [];
    let exit: number | undefined;
    const stream: StreamSink = { stdout: (t) => seen.push(t), stderr: (t) => seen.push(t), exit: (c) => (exit = c) };
    const first = l.k('rollout status deployment/nginx-deployment', { stream });
    expect(first.pending).toBe(true);
    expect(first.stdout).toMatch(/^Waiting for deployment /);
    l.advance(120);
    expect(exit).toBe(0);
    expect(seen[seen.length - 1]).toBe('deployment "nginx-deployment" successfully rolled out\n');
    expect(new Set(seen).size).toBe(seen.length);
  });
});

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
      - name: fluentd
        image: nginx:1.14.2
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`;

const TEMPLATE_V1 =
  'Pod Template:\n  Labels:\tapp=fluentd\n  Containers:\n   fluentd:\n    Image:\tnginx:1.14.2\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n';

describe('kubectl rollout for DaemonSets (ControllerRevision history)', () => {
  it('follows status, lists history, shows a revision, undoes and skips a no-op undo', () => {
    const l = lab();
    l.files['ds.yaml'] = DAEMONSET;
    l.k('apply -f ds.yaml');
    expect(l.k('rollout status ds/fluentd').stdout).toBe('Waiting for daemon set spec update to be observed...\n');
    l.advance(30);
    expect(l.k('rollout status ds/fluentd').stdout).toBe('daemon set "fluentd" successfully rolled out\n');
    l.k('set image ds/fluentd fluentd=nginx:1.16.1');
    l.advance(1);
    expect(l.k('rollout status ds/fluentd').stdout).toBe(
      'Waiting for daemon set "fluentd" rollout to finish: 1 out of 2 new pods have been updated...\n',
    );
    l.advance(60);
    expect(l.k('rollout history ds/fluentd').stdout).toBe(
      'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(l.k('rollout history daemonset/fluentd --revision=1').stdout).toBe(
      `daemonset.apps/fluentd with revision #1\n${TEMPLATE_V1}\n`,
    );
    expect(l.k('rollout history ds/fluentd --revision=7').stderr).toBe(
      'error: unable to find the specified revision\n',
    );
    expect(l.k('rollout undo ds/fluentd --to-revision=2').stdout).toBe(
      'daemonset.apps/fluentd skipped rollback (current template already matches revision 2)\n',
    );
    expect(l.k('rollout undo ds/fluentd --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
    expect(l.k('rollout undo ds/fluentd').stdout).toBe('daemonset.apps/fluentd rolled back\n');
    l.advance(60);
    expect(l.k("get ds fluentd -o jsonpath='{.spec.template.spec.containers[0].image}'").stdout).toBe('nginx:1.14.2');
    // The old revision is reused with the next number, as the DaemonSet controller does.
    expect(l.k('rollout history ds/fluentd').stdout).toBe(
      'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(l.k('rollout status ds/fluentd').stdout).toBe('daemon set "fluentd" successfully rolled out\n');
    // kubectl describe gathers the DaemonSet's pods for its Pods Status line.
    expect(l.k('describe ds fluentd').stdout).toMatch(
      /\nNumber of Nodes Misscheduled: 0\nPods Status: {2}2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/,
    );
  });

  it('follows a DaemonSet rollout on a stream until every node runs the new template', () => {
    const l = lab();
    l.files['ds.yaml'] = DAEMONSET;
    l.k('apply -f ds.yaml');
    l.advance(30);
    l.k('set image ds/fluentd fluentd=nginx:1.16.1');
    const seen: string[] = [];
    let exit: number | undefined;
    const stream: StreamSink = { stdout: (t) => seen.push(t), stderr: (t) => seen.push(t), exit: (c) => (exit = c) };
    expect(l.k('rollout status ds/fluentd', { stream }).pending).toBe(true);
    l.advance(120);
    expect(exit).toBe(0);
    expect(seen).toContain(
      'Waiting for daemon set "fluentd" rollout to finish: 1 out of 2 new pods have been updated...\n',
    );
    expect(seen[seen.length - 1]).toBe('daemon set "fluentd" successfully rolled out\n');
  });

  it('has no rollback target with one revision; pausing and resuming are not supported; restart works', () => {
    const l = lab();
    l.files['ds.yaml'] = DAEMONSET.replace('  selector:', '  updateStrategy:\n    type: OnDelete\n  selector:');
    l.k('apply -f ds.yaml');
    l.advance(30);
    expect(l.k('rollout undo ds/fluentd').stderr).toBe('error: no last revision to roll back to\n');
    const status = l.k('rollout status ds/fluentd');
    expect(status.stderr).toBe('error: rollout status is only available for RollingUpdate strategy type\n');
    expect(status.exitCode).toBe(1);
    expect(l.k('rollout pause ds/fluentd').stderr).toBe('error: daemonsets.apps "fluentd" pausing is not supported\n');
    expect(l.k('rollout resume ds/fluentd').stderr).toBe(
      'error: daemonsets.apps "fluentd" resuming is not supported\n',
    );
    expect(l.k('rollout restart ds/fluentd').stdout).toBe('daemonset.apps/fluentd restarted\n');
    expect(l.k("get ds fluentd -o jsonpath='{.spec.template.metadata.annotations}'").stdout).toBe(
      '{"kubectl.kubernetes.io/restartedAt":"2026-11-22T09:00:30Z"}',
    );
  });
});

describe('kubectl rollout for StatefulSets', () => {
  it('reports readiness, then partition progress; history and undo use ControllerRevisions', () => {
    const l = lab();
    l.files['sts.yaml'] = STATEFULSET;
    l.k('apply -f sts.yaml');
    expect(l.k('rollout status sts/web').stdout).toBe('Waiting for statefulset spec update to be observed...\n');
    l.advance(60);
    // The API defaults rollingUpdate.partition to 0, so kubectl speaks of a partitioned roll out.
    expect(l.k('rollout status sts/web').stdout).toBe(
      'partitioned roll out complete: 3 new pods have been updated...\n',
    );
    l.k(['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}']);
    l.k('set image sts/web nginx=nginx:1.16.1');
    l.advance(1);
    expect(l.k('rollout status sts/web').stdout).toMatch(
      /^(Waiting for 1 pods to be ready\.\.\.|Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated\.\.\.)\n$/,
    );
    l.advance(60);
    expect(l.k('rollout status sts/web').stdout).toBe(
      'partitioned roll out complete: 1 new pods have been updated...\n',
    );
    expect(l.k('rollout history sts/web').stdout).toBe(
      'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(l.k('rollout undo sts/web').stdout).toBe('statefulset.apps/web rolled back\n');
    expect(l.k("get sts web -o jsonpath='{.spec.template.spec.containers[0].image}'").stdout).toBe('nginx:1.14.2');
    expect(l.k('rollout pause sts/web').stderr).toBe('error: statefulsets.apps "web" pausing is not supported\n');
  });

  it('words each StatefulSet state as rollout_status.go does', () => {
    const sts = (spec: object, status: object): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', generation: 2 },
      spec: { replicas: 3, ...spec },
      status: { observedGeneration: 2, ...status },
    });
    const rolling = { updateStrategy: { type: 'RollingUpdate' } };
    expect(statefulSetStatus(sts({ updateStrategy: { type: 'OnDelete' } }, {}))).toEqual({
      message: '',
      done: true,
      error: 'error: rollout status is only available for RollingUpdate strategy type',
    });
    expect(statefulSetStatus(sts(rolling, { readyReplicas: 1 })).message).toBe('Waiting for 2 pods to be ready...\n');
    expect(
      statefulSetStatus(
        sts(rolling, { readyReplicas: 3, updatedReplicas: 1, updateRevision: 'web-2', currentRevision: 'web-1' }),
      ),
    ).toEqual({
      message: 'waiting for statefulset rolling update to complete 1 pods at revision web-2...\n',
      done: false,
    });
    expect(
      statefulSetStatus(
        sts(rolling, { readyReplicas: 3, currentReplicas: 3, updateRevision: 'web-2', currentRevision: 'web-2' }),
      ),
    ).toEqual({ message: 'statefulset rolling update complete 3 pods at revision web-2...\n', done: true });
    const partitioned = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    expect(statefulSetStatus(sts(partitioned, { readyReplicas: 3, updatedReplicas: 1 })).message).toBe(
      'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n',
    );
    expect(statefulSetStatus(sts(partitioned, { readyReplicas: 3, observedGeneration: 1 })).message).toBe(
      'Waiting for statefulset spec update to be observed...\n',
    );
  });

  it('words each DaemonSet state as rollout_status.go does', () => {
    const ds = (status: object): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'fluentd', generation: 1 },
      spec: { updateStrategy: { type: 'RollingUpdate' } },
      status: { observedGeneration: 1, desiredNumberScheduled: 3, ...status },
    });
    expect(daemonSetStatus(ds({ updatedNumberScheduled: 3, numberAvailable: 2 })).message).toBe(
      'Waiting for daemon set "fluentd" rollout to finish: 2 of 3 updated pods are available...\n',
    );
    expect(daemonSetStatus(ds({ updatedNumberScheduled: 3, numberAvailable: 3 })).done).toBe(true);
  });
});
