/**
 * The book's chapter 8 (《每天5分钟玩转Kubernetes》, Health Check), replayed with the
 * embedded kubectl on the virtual clock: restart on a non-zero exit (8.1), the
 * liveness (8.2) and readiness (8.3) sequences with `cat /tmp/healthy`, and a
 * broken app.v2 stopping a rolling update (8.5: 13/5/8 with the defaults, 14/7/7
 * with maxSurge and maxUnavailable 35 %) until `rollout undo`. Where Kubernetes
 * changed since the book (v1.7), the test asserts today's behaviour and says so.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { table } from '../harness/lab.ts';
import type { Row } from '../harness/lab.ts';
import { APP_V1, APP_V2, LIVENESS, READINESS, bookApp } from '../harness/manifests.ts';

const pod = (l: Lab, name: string): Row => table(l, `get pod ${name}`)[0] ?? {};

describe('course ch.8.1: the default health check', () => {
  it('healthcheck exits 1 after 10 s and is restarted (restartPolicy OnFailure), with back-off', () => {
    const l = lab();
    l.files['healthcheck.yml'] = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: healthcheck
  name: healthcheck
spec:
  restartPolicy: OnFailure
  containers:
  - name: healthcheck
    image: busybox
    args:
    - /bin/sh
    - -c
    - sleep 10; exit 1
`;
    expect(l.k('apply -f healthcheck.yml').stdout).toBe('pod/healthcheck created\n');
    l.advance(5);
    expect(pod(l, 'healthcheck')).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
    const statuses = new Set<string>();
    for (let s = 0; s < 120 && Number(pod(l, 'healthcheck').RESTARTS?.split(' ')[0]) < 3; s++) {
      statuses.add(pod(l, 'healthcheck').STATUS ?? '');
      l.advance(1);
    }
    expect(pod(l, 'healthcheck').RESTARTS).toMatch(/^3 \(\d+s ago\)$/);
    expect([...statuses]).toEqual(expect.arrayContaining(['Running', 'Error', 'CrashLoopBackOff']));
    const d = l.k('describe pod healthcheck').stdout;
    expect(d).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
    expect(d).toMatch(/Back-off restarting failed container healthcheck in pod healthcheck_default/);
  });
});

describe('course ch.8.2–8.3: liveness and readiness with cat /tmp/healthy', () => {
  it('liveness: fails from ~35 s, three failures restart the container', () => {
    const l = lab();
    l.files['liveness.yml'] = LIVENESS;
    l.k('apply -f liveness.yml');
    l.advance(35);
    expect(pod(l, 'liveness')).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
    expect(l.k('describe pod liveness').stdout).toContain(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    l.advance(15);
    expect(l.k('describe pod liveness').stdout).toContain(
      'Container liveness failed liveness probe, will be restarted',
    );
    // `sh` as PID 1 ignores SIGTERM: the kill takes the 30 s grace period before the container starts again.
    l.advance(40);
    expect(pod(l, 'liveness')).toMatchObject({ READY: '1/1', STATUS: 'Running' });
    expect(pod(l, 'liveness').RESTARTS).toMatch(/^1 \(\d+s ago\)$/);
  });

  it('readiness: READY 0/1 → 1/1 after the first probe → 0/1 after three failures; never restarted', () => {
    const l = lab();
    l.files['readiness.yml'] = READINESS;
    l.k('apply -f readiness.yml');
    l.advance(5);
    expect(pod(l, 'readiness')).toMatchObject({ READY: '0/1', STATUS: 'Running', RESTARTS: '0' });
    l.advance(15);
    expect(pod(l, 'readiness')).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
    l.advance(40);
    expect(pod(l, 'readiness')).toMatchObject({ READY: '0/1', STATUS: 'Running', RESTARTS: '0' });
    expect(l.k('describe pod readiness').stdout).toContain(
      "Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
  });
});

describe('course ch.8.5: health checks in a rolling update', () => {
  function v1Running(): Lab {
    const l = lab();
    l.files['app.v1.yml'] = bookApp(APP_V1);
    l.k('apply -f app.v1.yml');
    l.advance(10);
    // The book: READY 0/1 for the first 10 s, then all ten become ready.
    expect(table(l, 'get pod').every((p) => p.READY === '0/1' && p.STATUS === 'Running')).toBe(true);
    l.advance(20);
    expect(table(l, 'get deployment app')[0]).toMatchObject({ READY: '10/10', 'UP-TO-DATE': '10', AVAILABLE: '10' });
    return l;
  }

  it('default 25 %: a broken v2 stops at 13 pods, 5 up to date, 8 available; rollout undo recovers', () => {
    const l = v1Running();
    l.files['app.v2.yml'] = bookApp(APP_V2);
    l.k('apply -f app.v2.yml');
    l.advance(60);
    // The book's v1.7 columns DESIRED 10, CURRENT 13, UP-TO-DATE 5, AVAILABLE 8; today READY counts ready pods.
    expect(table(l, 'get deployment app')[0]).toMatchObject({ READY: '8/10', 'UP-TO-DATE': '5', AVAILABLE: '8' });
    const pods = table(l, 'get pod');
    expect(pods).toHaveLength(13);
    expect(pods.filter((p) => p.READY === '0/1' && p.STATUS === 'Running')).toHaveLength(5);
    expect(pods.filter((p) => p.READY === '1/1')).toHaveLength(8);
    expect(l.k('rollout history deployment app').stdout).toMatch(/REVISION {2}CHANGE-CAUSE\n1 .*\n2 .*\n/);

    expect(l.k('rollout undo deployment app').stdout).toBe('deployment.apps/app rolled back\n');
    l.advance(60);
    expect(table(l, 'get deployment app')[0]).toMatchObject({ READY: '10/10', 'UP-TO-DATE': '10', AVAILABLE: '10' });
    expect(table(l, 'get pod')).toHaveLength(10);
  });

  it('maxSurge 35 % and maxUnavailable 35 %: 14 pods, 7 up to date, 7 available', () => {
    const l = v1Running();
    l.files['app.v2.yml'] = bookApp(APP_V2, true);
    l.k('apply -f app.v2.yml');
    l.advance(60);
    expect(table(l, 'get deployment app')[0]).toMatchObject({ READY: '7/10', 'UP-TO-DATE': '7', AVAILABLE: '7' });
    const pods = table(l, 'get pod');
    expect(pods).toHaveLength(14);
    expect(pods.filter((p) => p.READY === '0/1')).toHaveLength(7);
  });
});
