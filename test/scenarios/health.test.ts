/**
 * Health checks as the kubelet's prober runs them (pkg/kubelet/prober worker.go):
 * the book's chapter 8 (Liveness, Readiness, Health Check in rolling updates)
 * replayed second by second, and the docs' probe examples (pods/probe/*.yaml).
 *
 * Timeline of the book's liveness pod on the lab's clock: the probe worker ticks
 * every 5 s from the pod's admission (t = 0, 5, 10 …); the container starts at
 * t ≈ 2.2 s and removes /tmp/healthy at t ≈ 32.2 s, so the probes at 35, 40 and 45
 * fail. The third failure kills the container: `sh` as PID 1 ignores SIGTERM, so it
 * dies of SIGKILL when the 30 s grace period ends (t = 75) and is started again
 * (pulled again first: busybox means :latest, whose pull policy is Always). Until then the
 * API keeps showing it Running: the kill and the restart are one SyncPod.
 */
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../core/kubectl/testkit.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { TestCluster } from '../harness/testCluster.ts';
import { startLab } from '../harness/lab.ts';
import { APP_V1, APP_V2, LIVENESS, READINESS, bookApp } from '../harness/manifests.ts';
import { resolveResourceName } from '../../core/api/registry.ts';

interface ContainerStatus {
  ready: boolean;
  restartCount: number;
  started?: boolean;
  state: { running?: object; waiting?: { reason: string }; terminated?: { exitCode: number; reason: string } };
  lastState: { terminated?: { exitCode: number; reason: string } };
}

const statusOf = (pod: KubeObject | undefined): ContainerStatus =>
  (pod?.status as { containerStatuses: ContainerStatus[] }).containerStatuses[0]!;

/** The columns of `kubectl get pod NAME` without the header: NAME READY STATUS RESTARTS (AGE dropped). */
function row(l: Lab, name: string): string {
  const line = l.k(`get pod ${name} --no-headers`).stdout.trim();
  return line
    .split(/\s{2,}/)
    .slice(0, 4)
    .join(' | ');
}

function podEvents(l: Lab, name: string): string[] {
  return l.cluster.api
    .list(resolveResourceName('events')!, 'default')
    .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${e.reason as string}: ${e.message as string} x${(e.count as number | undefined) ?? 1}`);
}

describe('chapter 8.2: Liveness', () => {
  it('three failed probes at 35, 40, 45 s; killed; restarted when the grace period ends (RESTARTS 1 at 77 s)', () => {
    const l = startLab(LIVENESS);
    l.advance(34);
    expect(row(l, 'liveness')).toBe('liveness | 1/1 | Running | 0');
    expect(podEvents(l, 'liveness').filter((e) => e.startsWith('Unhealthy'))).toEqual([]);
    l.advance(1); // t = 35
    expect(podEvents(l, 'liveness')).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory x1",
    );
    l.advance(9); // t = 44
    expect(podEvents(l, 'liveness').filter((e) => e.startsWith('Killing'))).toEqual([]);
    l.advance(1); // t = 45
    expect(podEvents(l, 'liveness')).toEqual(
      expect.arrayContaining([
        "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory x3",
        'Killing: Container liveness failed liveness probe, will be restarted x1',
      ]),
    );
    // SIGTERM does nothing to a shell that is PID 1: still running until SIGKILL at 45 + 30 s.
    l.advance(29); // t = 74
    expect(row(l, 'liveness')).toBe('liveness | 1/1 | Running | 0');
    l.advance(3); // t = 77: SIGKILL at 75, then the image pulled again (busybox is :latest, pull policy Always)
    expect(row(l, 'liveness')).toBe('liveness | 1/1 | Running | 1 (2s ago)');
    expect(statusOf(l.cluster.api.list(resolveResourceName('pods')!, 'default').items[0]).lastState.terminated).toEqual(
      expect.objectContaining({ exitCode: 137, reason: 'Error' }),
    );
    const describe = l.k('describe pod liveness').stdout;
    expect(describe).toContain('Restart Count:  1');
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137/);
    expect(describe).toMatch(
      /Warning {2}Unhealthy {2}\d+s \(x3 over \d+s\) +kubelet +Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/,
    );
    expect(describe).toContain(
      'Liveness:       exec [cat /tmp/healthy] delay=10s timeout=1s period=5s #success=1 #failure=3',
    );
  });

  it('keeps cycling: the restarted container fails again 35 s after its own start', () => {
    const l = startLab(LIVENESS);
    l.advance(77 + 44);
    expect(podEvents(l, 'liveness').filter((e) => e.startsWith('Killing'))).toEqual([
      'Killing: Container liveness failed liveness probe, will be restarted x2',
    ]);
  });
});

describe('chapter 8.3: Readiness', () => {
  it('READY 0/1 until the probe passes after initialDelaySeconds; 0/1 again after three failures; never restarted', () => {
    const l = startLab(READINESS);
    l.advance(5);
    expect(row(l, 'readiness')).toBe('readiness | 0/1 | Running | 0');
    l.advance(9); // t = 14: the probe at 10 s came 7.8 s after the start, within initialDelaySeconds
    expect(row(l, 'readiness')).toBe('readiness | 0/1 | Running | 0');
    l.advance(1); // t = 15
    expect(row(l, 'readiness')).toBe('readiness | 1/1 | Running | 0');
    l.advance(29); // t = 44: two failures so far
    expect(row(l, 'readiness')).toBe('readiness | 1/1 | Running | 0');
    l.advance(1); // t = 45
    expect(row(l, 'readiness')).toBe('readiness | 0/1 | Running | 0');
    l.advance(300);
    expect(row(l, 'readiness')).toBe('readiness | 0/1 | Running | 0');
    expect(podEvents(l, 'readiness').filter((e) => e.startsWith('Killing'))).toEqual([]);
    expect(podEvents(l, 'readiness').find((e) => e.startsWith('Unhealthy'))).toMatch(
      /^Unhealthy: Readiness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory x\d+$/,
    );
  });

  it('readiness decides Service endpoints', () => {
    const t = TestCluster.create()
      .apply(READINESS)
      .apply(
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    test: readiness\n  ports:\n  - port: 80\n',
      );
    const addresses = () => {
      const subsets = (t.get('endpoints', 'web')?.subsets ?? []) as {
        addresses?: unknown[];
        notReadyAddresses?: unknown[];
      }[];
      return [subsets[0]?.addresses?.length ?? 0, subsets[0]?.notReadyAddresses?.length ?? 0];
    };
    t.advance(10);
    expect(addresses()).toEqual([0, 1]);
    t.advance(10);
    expect(addresses()).toEqual([1, 0]);
    t.advance(30);
    expect(addresses()).toEqual([0, 1]);
  });

  it('successThreshold 2 needs two passing probes in a row', () => {
    const l = startLab(
      READINESS.replace('initialDelaySeconds: 10', 'initialDelaySeconds: 0\n      successThreshold: 2').replace(
        'sleep 30;',
        'sleep 3000;',
      ),
    );
    l.advance(4); // started at 2.2 s: the probe run at the start passes (1 of 2)
    expect(row(l, 'readiness')).toBe('readiness | 0/1 | Running | 0');
    l.advance(1); // t = 5: the second pass
    expect(row(l, 'readiness')).toBe('readiness | 1/1 | Running | 0');
  });
});

describe('timeoutSeconds', () => {
  const slowProbe = (seconds: number) =>
    READINESS.replace('sleep 30;', 'sleep 3000;')
      .replace('        - cat\n        - /tmp/healthy\n', `        - sh\n        - -c\n        - sleep ${seconds}\n`)
      .replace('periodSeconds: 5', 'periodSeconds: 5\n      timeoutSeconds: 2');
  it('a probe command that ends within timeoutSeconds passes; one that does not, fails', () => {
    const quick = TestCluster.create().apply(slowProbe(1)).advance(20);
    expect(statusOf(quick.get('pod', 'readiness')).ready).toBe(true);
    const slow = TestCluster.create().apply(slowProbe(3)).advance(20);
    expect(statusOf(slow.get('pod', 'readiness')).ready).toBe(false);
    expect(slow.events(slow.get('pod', 'readiness'))).toContain(
      'Unhealthy: Readiness probe failed: command timed out: "sh -c sleep 3" timed out after 2s',
    );
  });
});

describe('startup probes', () => {
  const SLOW = `apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  containers:
  - name: app
    image: busybox
    args: ['/bin/sh', '-c', 'sleep 20; touch /tmp/started; sleep 3600']
    startupProbe:
      exec:
        command: ['cat', '/tmp/started']
      periodSeconds: 5
      failureThreshold: 10
    livenessProbe:
      exec:
        command: ['cat', '/tmp/started']
      periodSeconds: 5
    readinessProbe:
      exec:
        command: ['cat', '/tmp/started']
      periodSeconds: 5
`;

  it('gate liveness and readiness: not started, not ready, no liveness kill until the startup probe passes', () => {
    const t = TestCluster.create().apply(SLOW).advance(20);
    const pod = () => t.get('pod', 'slow');
    expect(statusOf(pod())).toMatchObject({ started: false, ready: false, restartCount: 0 });
    expect(t.events(pod()).filter((e) => e.startsWith('Unhealthy'))).toEqual(
      expect.arrayContaining([
        "Unhealthy: Startup probe failed: cat: can't open '/tmp/started': No such file or directory",
      ]),
    );
    expect(t.events(pod()).some((e) => e.includes('Liveness') || e.includes('Readiness'))).toBe(false);
    t.advance(6); // t = 26: the startup probe at 25 passes; readiness runs at once
    expect(statusOf(pod())).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });

  it('a startup probe that never passes kills the container after failureThreshold × periodSeconds', () => {
    const t = TestCluster.create()
      .apply(SLOW.replace('sleep 20;', 'sleep 2000;').replace('failureThreshold: 10', 'failureThreshold: 3'))
      .advance(16);
    expect(t.events(t.get('pod', 'slow'))).toContain('Killing: Container app failed startup probe, will be restarted');
  });
});

describe('the docs probe examples (pods/probe)', () => {
  it('agnhost liveness: /healthz is 200 for 10 s, then 500; the container is restarted', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: Pod
metadata:
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: [liveness]
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`);
    t.advance(12);
    expect(t.events(t.get('pod', 'liveness-http')).filter((e) => e.startsWith('Unhealthy'))).toEqual([]);
    t.advance(12);
    const events = t.events(t.get('pod', 'liveness-http'));
    expect(events).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    // agnhost exits on SIGTERM: it restarts at once, not after the grace period.
    expect(statusOf(t.get('pod', 'liveness-http')).restartCount).toBe(1);
  });

  it('goproxy: tcpSocket readiness and liveness on 8080 pass; a closed port is refused', () => {
    const GOPROXY = `apiVersion: v1
kind: Pod
metadata:
  name: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
`;
    const t = TestCluster.create().apply(GOPROXY).advance(19);
    expect(statusOf(t.get('pod', 'goproxy')).ready).toBe(false);
    t.advance(2); // the tick at 20 s is the first past initialDelaySeconds
    expect(statusOf(t.get('pod', 'goproxy')).ready).toBe(true);
    t.advance(120);
    expect(statusOf(t.get('pod', 'goproxy'))).toMatchObject({ ready: true, restartCount: 0 });
    const closed = TestCluster.create()
      .apply(
        // The readiness probe (the first tcpSocket) aims at a port nothing listens on.
        GOPROXY.replace('tcpSocket:\n        port: 8080', 'tcpSocket:\n        port: 8081'),
      )
      .advance(30);
    expect(closed.events(closed.get('pod', 'goproxy'))).toContainEqual(
      expect.stringMatching(
        /^Unhealthy: Readiness probe failed: dial tcp 10\.244\.\d+\.\d+:8081: connect: connection refused$/,
      ),
    );
  });

  it('etcd answers the gRPC health protocol on 2379; nothing listens on 2381', () => {
    const ETCD = `apiVersion: v1
kind: Pod
metadata:
  name: etcd-with-grpc
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.1-0
    command: [/usr/local/bin/etcd, --data-dir, /var/lib/etcd, --listen-client-urls, http://0.0.0.0:2379]
    ports:
    - containerPort: 2379
    livenessProbe:
      grpc:
        port: 2379
      initialDelaySeconds: 10
`;
    const t = TestCluster.create().apply(ETCD).advance(60);
    expect(t.events(t.get('pod', 'etcd-with-grpc')).filter((e) => e.startsWith('Unhealthy'))).toEqual([]);
    const bad = TestCluster.create()
      .apply(ETCD.replace('port: 2379\n      initialDelaySeconds', 'port: 2381\n      initialDelaySeconds'))
      .advance(25);
    expect(bad.events(bad.get('pod', 'etcd-with-grpc'))).toContainEqual(
      expect.stringMatching(
        /^Unhealthy: Liveness probe failed: timeout: failed to connect service "10\.244\.\d+\.\d+:2381" within 1s: context deadline exceeded$/,
      ),
    );
  });

  it('nginx serves its docroot: / passes, a missing path is 404', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
    livenessProbe:
      httpGet:
        path: /_status/healthz
        port: 80
      periodSeconds: 5
`);
    t.advance(10);
    expect(statusOf(t.get('pod', 'web')).ready).toBe(true);
    t.advance(10);
    expect(t.events(t.get('pod', 'web'))).toContain(
      'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404',
    );
  });
});

describe('chapter 8.5: Health Check in a rolling update', () => {
  const V1 = bookApp(APP_V1);
  const V2 = bookApp(APP_V2);

  function readyColumns(l: Lab): Record<string, number> {
    const out: Record<string, number> = {};
    for (const line of l.k('get pods --no-headers').stdout.trim().split('\n')) {
      const [, ready, status] = line.split(/\s+/);
      const key = `${ready} ${status}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  it('v1 becomes 10/10 ready; the broken v2 stops at 13 pods: 8 old ready, 5 new never ready', () => {
    const l = startLab(V1, 'app.v1.yml');
    l.advance(10);
    expect(readyColumns(l)).toEqual({ '0/1 Running': 10 });
    l.advance(20);
    expect(readyColumns(l)).toEqual({ '1/1 Running': 10 });
    l.files['app.v2.yml'] = V2;
    l.k('apply -f app.v2.yml');
    l.advance(60);
    expect(readyColumns(l)).toEqual({ '1/1 Running': 8, '0/1 Running': 5 });
    const deploy = l.k('get deployment app --no-headers').stdout.trim().split(/\s+/);
    expect(deploy.slice(1, 4)).toEqual(['8/10', '5', '8']);
    l.advance(600);
    expect(readyColumns(l)).toEqual({ '1/1 Running': 8, '0/1 Running': 5 });
  });

  it('with maxSurge 35% and maxUnavailable 35%: 14 pods, 7 old ready, 7 new never ready', () => {
    const l = startLab(bookApp(APP_V1, true), 'app.v1.yml');
    l.advance(30);
    l.files['app.v2.yml'] = bookApp(APP_V2, true);
    l.k('apply -f app.v2.yml');
    l.advance(60);
    expect(readyColumns(l)).toEqual({ '1/1 Running': 7, '0/1 Running': 7 });
  });
});
