/**
 * Container lifecycle as the kubelet plays it (kuberuntime_container.go,
 * kuberuntime_manager.go): init containers and sidecars, postStart and preStop
 * hooks, the termination grace period, exit codes and the STATUS words
 * `kubectl get pods` prints for them, `kubectl logs --previous`.
 */
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { TestCluster } from '../harness/testCluster.ts';
import { startLab } from '../harness/lab.ts';

/** NAME | READY | STATUS | RESTARTS of `kubectl get pod NAME`. */
function row(l: Lab, name: string): string {
  return l
    .k(`get pod ${name} --no-headers`)
    .stdout.trim()
    .split(/\s{2,}/)
    .slice(0, 4)
    .join(' | ');
}

/** The distinct rows `kubectl get pod NAME -w` would print over `seconds`, sampled every 100 ms. */
function watch(l: Lab, name: string, seconds: number): string[] {
  const rows: string[] = [];
  for (let ms = 0; ms < seconds * 1000; ms += 100) {
    l.cluster.clock.advance(100);
    const r = row(l, name).replace(/ \(\d+s ago\)$/, '');
    if (r !== rows.at(-1)) rows.push(r);
  }
  return rows;
}

const pod = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}`;

describe('init containers', () => {
  const INIT = (initCmd: string, policy = 'Always') =>
    pod(
      'myapp',
      `  restartPolicy: ${policy}
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', '${initCmd}']
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
`,
    );

  it('Init:0/1 while the init container runs, then PodInitializing, then Running', () => {
    const l = startLab(INIT('sleep 10'));
    l.advance(5);
    expect(row(l, 'myapp')).toBe('myapp | 0/1 | Init:0/1 | 0');
    l.advance(8);
    expect(row(l, 'myapp')).toBe('myapp | 1/1 | Running | 0');
    expect(l.k('logs myapp').stdout).toBe('The app is running!\n');
  });

  it('a failing init container: Init:Error, then Init:CrashLoopBackOff; the app never starts', () => {
    const l = startLab(INIT('exit 1'));
    const rows = watch(l, 'myapp', 40);
    expect(rows.slice(0, 4)).toEqual([
      'myapp | 0/1 | Init:0/1 | 0',
      'myapp | 0/1 | Init:Error | 0',
      'myapp | 0/1 | Init:Error | 1',
      'myapp | 0/1 | Init:CrashLoopBackOff | 1',
    ]);
    expect(rows.at(-1)).toMatch(/^myapp \| 0\/1 \| Init:CrashLoopBackOff \| [2-9]$/);
  });

  it('with restartPolicy Never a failed init container fails the pod', () => {
    const l = startLab(INIT('exit 3', 'Never'));
    l.advance(10);
    expect(row(l, 'myapp')).toBe('myapp | 0/1 | Init:Error | 0');
    expect(l.k('get pod myapp -o jsonpath={.status.phase}').stdout).toBe('Failed');
  });

  it('a sidecar (restartPolicy Always in initContainers) starts first, keeps running, and is restarted', () => {
    const l = startLab(
      pod(
        'sidecar',
        `  initContainers:
  - name: logshipper
    image: busybox:1.28
    restartPolicy: Always
    command: ['sh', '-c', 'sleep 20; exit 1']
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3600']
`,
      ),
    );
    l.advance(5);
    expect(row(l, 'sidecar')).toBe('sidecar | 2/2 | Running | 0');
    l.advance(20);
    expect(row(l, 'sidecar')).toMatch(/^sidecar \| 2\/2 \| Running \| 1 \(\d+s ago\)$/);
  });
});

describe('hooks', () => {
  it('postStart exec runs before the container counts as started; its output lands in the container', () => {
    const l = startLab(
      pod(
        'lifecycle-demo',
        `  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
`,
      ),
    );
    l.advance(10);
    expect(row(l, 'lifecycle-demo')).toBe('lifecycle-demo | 1/1 | Running | 0');
    expect(l.k('exec lifecycle-demo -- cat /usr/share/message').stdout).toBe('Hello from the postStart handler\n');
  });

  it('a failing postStart: FailedPostStartHook with the upstream message, the container is killed and restarted', () => {
    const t = TestCluster.create().apply(
      pod(
        'hook',
        `  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo oops; exit 2"]
`,
      ),
    );
    t.advance(6);
    const p = t.get('pod', 'hook')!;
    const events = t.events(p);
    expect(events).toContainEqual(
      `FailedPostStartHook: Exec lifecycle hook ([sh -c echo oops; exit 2]) for Container "app" in Pod "hook_default(${p.metadata.uid})" failed - error: command 'sh -c echo oops; exit 2' exited with 2: , message: "oops\\n"`,
    );
    expect(events).toContain('Killing: FailedPostStartHook');
    const cs = (p.status as { containerStatuses: { restartCount: number; lastState: object }[] }).containerStatuses[0]!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(1);
    expect(cs.lastState).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
  });

  it('preStop runs before the stop signal and its time counts against the grace period', () => {
    const t = TestCluster.create().apply(
      pod(
        'stopper',
        `  terminationGracePeriodSeconds: 20
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 3600']
    lifecycle:
      preStop:
        exec:
          command: ['sh', '-c', 'sleep 5; echo bye > /tmp/bye']
`,
      ),
    );
    t.advance(5).delete('pod', 'stopper');
    t.advance(18);
    // sh ignores SIGTERM: SIGKILL comes at 20 s (5 s of hook + the 15 s left), not before.
    expect(t.get('pod', 'stopper')).toBeDefined();
    t.advance(3);
    expect(t.get('pod', 'stopper')).toBeUndefined();
  });

  it('a preStop hook that fails is a FailedPreStopHook event; the container still stops', () => {
    const t = TestCluster.create().apply(
      pod(
        'bad-prestop',
        `  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        httpGet:
          path: /shutdown
          port: 9999
`,
      ),
    );
    t.advance(5);
    const p = t.get('pod', 'bad-prestop')!;
    t.delete('pod', 'bad-prestop').advance(1);
    expect(t.events(p)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^FailedPreStopHook: HTTP lifecycle hook \\(/shutdown\\) for Container "web" in Pod "bad-prestop_default\\(${p.metadata.uid}\\)" failed - error: Get "http://10\\.244\\.\\d+\\.\\d+:9999/shutdown": dial tcp 10\\.244\\.\\d+\\.\\d+:9999: connect: connection refused$`,
        ),
      ),
    );
    t.advance(2);
    expect(t.get('pod', 'bad-prestop')).toBeUndefined();
  });
});

describe('termination and exit codes', () => {
  it('nginx stops cleanly on deletion: terminated Completed, exit 0 (never Error)', () => {
    const t = TestCluster.create().apply(pod('web', '  containers:\n  - name: nginx\n    image: nginx:1.27\n'));
    t.advance(5).delete('pod', 'web');
    const seen: string[] = [];
    for (let i = 0; i < 10 && t.get('pod', 'web'); i++) {
      const st = (t.get('pod', 'web')!.status as { containerStatuses: { state: { terminated?: object } }[] })
        .containerStatuses[0]!.state.terminated;
      if (st) seen.push(JSON.stringify(st));
      t.cluster.clock.advance(100);
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(JSON.parse(s)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(t.get('pod', 'web')).toBeUndefined();
  });

  it('a shell that ignores SIGTERM is killed when the grace period ends (137)', () => {
    const t = TestCluster.create().apply(
      pod(
        'sleepy',
        "  terminationGracePeriodSeconds: 10\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: ['sh', '-c', 'sleep 3600']\n",
      ),
    );
    t.advance(5).delete('pod', 'sleepy');
    t.advance(9);
    expect(t.get('pod', 'sleepy')).toBeDefined();
    t.advance(2);
    expect(t.get('pod', 'sleepy')).toBeUndefined();
  });

  it('Completed, Error and CrashLoopBackOff in the STATUS column; logs --previous shows the last run', () => {
    const l = startLab(
      pod(
        'counter',
        "  containers:\n  - name: c\n    image: busybox:1.28\n    command: ['sh', '-c', 'echo run at $(date +%s); exit 3']\n",
      ),
    );
    const rows = watch(l, 'counter', 33);
    expect(rows.slice(0, 5)).toEqual([
      'counter | 0/1 | ContainerCreating | 0',
      'counter | 0/1 | Error | 0',
      'counter | 0/1 | Error | 1',
      'counter | 0/1 | CrashLoopBackOff | 1',
      'counter | 0/1 | Error | 2',
    ]);
    expect(rows.at(-1)).toBe('counter | 0/1 | CrashLoopBackOff | 2');
    const previous = l.k('logs counter --previous');
    expect(previous.exitCode).toBe(0);
    expect(previous.stdout).toMatch(/^run at \d+\n$/);
    const done = startLab(
      pod(
        'once',
        "  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: ['true']\n",
      ),
    );
    done.advance(5);
    expect(row(done, 'once')).toBe('once | 0/1 | Completed | 0');
    const first = done.k('logs once --previous');
    expect(first.stderr + first.stdout).toContain('previous terminated container "c" in pod "once" not found');
  });

  it('CreateContainerConfigError for a missing ConfigMap key, with the upstream message', () => {
    const t = TestCluster.create()
      .apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  other: "1"\n')
      .apply(
        pod(
          'cfg',
          `  containers:
  - name: c
    image: busybox:1.28
    command: ['sleep', '3600']
    env:
    - name: X
      valueFrom:
        configMapKeyRef:
          name: y
          key: x
`,
        ),
      )
      .advance(5);
    const st = (t.get('pod', 'cfg')!.status as { containerStatuses: { state: { waiting?: object } }[] })
      .containerStatuses[0]!.state.waiting;
    expect(st).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key x in ConfigMap default/y" });
    expect(t.events(t.get('pod', 'cfg'))).toContain("Failed: Error: couldn't find key x in ConfigMap default/y");
  });

  it('ImagePullBackOff in the STATUS column', () => {
    const l = startLab(pod('typo', '  containers:\n  - name: c\n    image: nginx:doesnotexist\n'));
    l.advance(5);
    expect(row(l, 'typo')).toBe('typo | 0/1 | ImagePullBackOff | 0');
  });
});

describe('kubectl exec', () => {
  const ENV_POD = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  MODE: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  PASSWORD: s3cret
---
apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  selector:
    app: backend
  ports:
  - port: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: shell
  labels:
    app: demo
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ['sh', '-c', 'echo hi > /tmp/out.txt; sleep 3600']
    env:
    - name: GREETING
      value: hello
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: MY_POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    envFrom:
    - configMapRef:
        name: settings
    - secretRef:
        name: creds
`;

  it('-- env shows the spec, ConfigMap/Secret and downward API variables', () => {
    const l = startLab(ENV_POD);
    l.advance(5);
    const env = l.k('exec shell -- env').stdout.split('\n');
    expect(env).toEqual(
      expect.arrayContaining(['GREETING=hello', 'POD_NAME=shell', 'MODE=fast', 'PASSWORD=s3cret', 'HOSTNAME=shell']),
    );
    expect(env).toContainEqual(expect.stringMatching(/^MY_POD_IP=10\.244\.\d+\.\d+$/));
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
  });

  it('-- cat /etc/hosts shows the kubelet-managed hosts file; -- ls /tmp what the container wrote', () => {
    const l = startLab(ENV_POD);
    l.advance(5);
    const hosts = l.k('exec shell -- cat /etc/hosts').stdout;
    expect(hosts).toMatch(/^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n/);
    expect(hosts).toMatch(/\n10\.244\.\d+\.\d+\tshell\n$/);
    expect(l.k('exec shell -- ls /tmp').stdout).toBe('out.txt\n');
    const r = l.k('exec shell -- cat /nope');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('command terminated with exit code 1');
  });
});
