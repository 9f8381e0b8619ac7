/**
 * Secrets and ConfigMaps in containers (course 003 ch.10; issue 5): base64 in the API,
 * files from keys, a volume that follows updates at the kubelet's next pod sync (≤ 60 s)
 * while env vars and subPath files stay as they were at container start; immutable
 * objects; missing objects and keys (FailedMount, CreateContainerConfigError) and the
 * recovery once they appear.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { R } from '../../core/controllers/resources.ts';
import { podEvents, shIn, table } from '../harness/lab.ts';

function apply(l: Lab, yaml: string, file = 'm.yaml'): { stdout: string; stderr: string } {
  l.files[file] = yaml;
  const r = l.k(`apply -f ${file}`);
  return { stdout: r.stdout, stderr: r.stderr ?? '' };
}

function sh(l: Lab, pod: string, script: string): string {
  const r = shIn(l, pod, script);
  return r.out + r.err;
}

const events = (l: Lab, name: string): string[] => podEvents(l, name);

/** The course's Secret (10.1): username admin, password 123456, base64 in `data`. */
const MYSECRET = (password = 'MTIzNDU2') => `apiVersion: v1
kind: Secret
metadata:
  name: mysecret
data:
  username: YWRtaW4=
  password: ${password}
`;

/** The course's pod (10.3) using the Secret both ways: as files in /etc/foo and as env vars. */
const MYPOD = `apiVersion: v1
kind: Pod
metadata:
  name: mypod
spec:
  containers:
  - name: mypod
    image: busybox
    args:
    - /bin/sh
    - -c
    - sleep 10; touch /tmp/healthy; sleep 30000
    env:
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: mysecret
          key: username
    - name: SECRET_PASSWORD
      valueFrom:
        secretKeyRef:
          name: mysecret
          key: password
    volumeMounts:
    - name: foo
      mountPath: "/etc/foo"
      readOnly: true
    - name: foo
      mountPath: /etc/pinned-password
      subPath: password
  volumes:
  - name: foo
    secret:
      secretName: mysecret
`;

describe('Secrets (course ch.10.1–10.3)', () => {
  it('the API keeps base64; stringData is folded into data; describe shows only sizes', () => {
    const l = lab();
    apply(l, MYSECRET());
    apply(
      l,
      `apiVersion: v1
kind: Secret
metadata:
  name: plain
stringData:
  token: s3cr3t
`,
      'plain.yaml',
    );
    const yaml = l.k('get secret mysecret -o yaml').stdout;
    expect(yaml).toContain('password: MTIzNDU2');
    expect(yaml).toContain('username: YWRtaW4=');
    const plain = l.cluster.api.peek(R.secrets, 'default', 'plain')!;
    expect(plain.data).toEqual({ token: 'czNjcjN0' });
    expect(plain.stringData).toBeUndefined();
    expect(l.k('describe secret mysecret').stdout).toMatch(/password:\s+6 bytes\nusername:\s+5 bytes/);
  });

  it('volume files follow an update at the next pod sync; env vars and the subPath file do not', () => {
    const l = lab();
    apply(l, MYSECRET());
    apply(l, MYPOD, 'pod.yaml');
    l.advance(10);
    expect(sh(l, 'mypod', 'ls /etc/foo')).toBe('password\nusername\n');
    expect(sh(l, 'mypod', 'cat /etc/foo/username; echo; cat /etc/foo/password; echo')).toBe('admin\n123456\n');
    expect(sh(l, 'mypod', 'echo $SECRET_USERNAME $SECRET_PASSWORD')).toBe('admin 123456\n');
    expect(sh(l, 'mypod', 'echo x > /etc/foo/username')).toContain('Read-only file system');

    // password → abcdef
    apply(l, MYSECRET('YWJjZGVm'));
    l.advance(1);
    expect(sh(l, 'mypod', 'cat /etc/foo/password')).toBe('123456');
    l.advance(60);
    expect(sh(l, 'mypod', 'cat /etc/foo/password')).toBe('abcdef');
    expect(sh(l, 'mypod', 'echo $SECRET_PASSWORD')).toBe('123456\n');
    expect(sh(l, 'mypod', 'cat /etc/pinned-password')).toBe('123456');
    // A later update arrives as well, still within one sync period.
    apply(l, MYSECRET('cXdlcnR5'));
    l.advance(60);
    expect(sh(l, 'mypod', 'cat /etc/foo/password')).toBe('qwerty');
  });
});

describe('ConfigMaps (course ch.10.4)', () => {
  const CONFIGMAP = (level: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: myconfigmap
data:
  logging.conf: |
    class: logging.handlers.RotatingFileHandler
    formatter: precise
    level: ${level}
    filename: '%hostname%.log'
`;
  const POD = `apiVersion: v1
kind: Pod
metadata:
  name: cmpod
spec:
  containers:
  - name: cmpod
    image: busybox
    args: ["/bin/sh", "-c", "sleep 30000"]
    envFrom:
    - prefix: CFG_
      configMapRef:
        name: myconfigmap
    volumeMounts:
    - name: foo
      mountPath: /etc/foo
    - name: foo
      mountPath: /etc/app/logging.conf
      subPath: myapp/logging.conf
  volumes:
  - name: foo
    configMap:
      name: myconfigmap
      items:
      - key: logging.conf
        path: myapp/logging.conf
`;

  it('items place keys at paths; updates reach the mounted file only', () => {
    const l = lab();
    apply(l, CONFIGMAP('INFO'));
    apply(l, POD, 'pod.yaml');
    l.advance(10);
    expect(sh(l, 'cmpod', 'cat /etc/foo/myapp/logging.conf')).toContain('level: INFO');
    apply(l, CONFIGMAP('DEBUG'));
    l.advance(60);
    expect(sh(l, 'cmpod', 'cat /etc/foo/myapp/logging.conf')).toContain('level: DEBUG');
    expect(sh(l, 'cmpod', 'cat /etc/app/logging.conf')).toContain('level: INFO');
    expect(sh(l, 'cmpod', 'echo "$CFG_logging.conf"')).not.toContain('DEBUG');
  });

  it('immutable: data changes are refused, and so is turning immutable off', () => {
    const l = lab();
    const cm = (value: string, immutable: boolean) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: frozen
immutable: ${immutable}
data:
  key: ${value}
`;
    apply(l, cm('one', true));
    const changed = apply(l, cm('two', true));
    expect(changed.stderr).toContain('data: Forbidden: field is immutable when `immutable` is set');
    const unfrozen = apply(l, cm('one', false));
    expect(unfrozen.stderr).toContain('immutable: Forbidden: field is immutable when `immutable` is set');
    apply(
      l,
      `apiVersion: v1
kind: Secret
metadata:
  name: frozen-secret
immutable: true
stringData:
  key: one
`,
      's.yaml',
    );
    const secret = apply(
      l,
      `apiVersion: v1
kind: Secret
metadata:
  name: frozen-secret
immutable: true
stringData:
  key: two
`,
      's.yaml',
    );
    expect(secret.stderr).toContain('field is immutable when `immutable` is set');
  });
});

describe('missing objects and keys', () => {
  const ENV_POD = `apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo level=$LEVEL; sleep 30000"]
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: y
          key: x
`;

  it('a missing key: CreateContainerConfigError, then the container starts once the key exists', () => {
    const l = lab();
    apply(l, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  other: "1"\n');
    apply(l, ENV_POD, 'pod.yaml');
    l.advance(5);
    expect(table(l, 'get pod envpod')[0]?.STATUS).toBe('CreateContainerConfigError');
    expect(events(l, 'envpod')).toContain("Failed: Error: couldn't find key x in ConfigMap default/y");
    apply(l, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  other: "1"\n  x: debug\n');
    l.advance(15);
    expect(table(l, 'get pod envpod')[0]?.STATUS).toBe('Running');
    expect(l.k('logs envpod').stdout).toBe('level=debug\n');
  });

  it('a missing ConfigMap for env: configmap "y" not found', () => {
    const l = lab();
    apply(l, ENV_POD, 'pod.yaml');
    l.advance(5);
    expect(events(l, 'envpod')).toContain('Failed: Error: configmap "y" not found');
  });

  it('a missing volume source: FailedMount, ContainerCreating, then it mounts once created', () => {
    const l = lab();
    apply(
      l,
      `apiVersion: v1
kind: Pod
metadata:
  name: volpod
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    volumeMounts:
    - { name: cfg, mountPath: /cfg }
    - { name: opt, mountPath: /opt-cfg }
  volumes:
  - name: cfg
    configMap:
      name: later
  - name: opt
    secret:
      secretName: never
      optional: true
`,
      'pod.yaml',
    );
    l.advance(5);
    expect(table(l, 'get pod volpod')[0]?.STATUS).toBe('ContainerCreating');
    expect(events(l, 'volpod')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "later" not found',
    );
    apply(l, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: later\ndata:\n  a: "1"\n');
    l.advance(20);
    expect(table(l, 'get pod volpod')[0]?.STATUS).toBe('Running');
    expect(sh(l, 'volpod', 'cat /cfg/a; ls /opt-cfg')).toBe('1');
  });

  it('an item naming a key the ConfigMap lacks: FailedMount with the volume plugin message', () => {
    const l = lab();
    apply(l, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: partial\ndata:\n  a: "1"\n');
    apply(
      l,
      `apiVersion: v1
kind: Pod
metadata:
  name: itempod
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    volumeMounts:
    - { name: cfg, mountPath: /cfg }
  volumes:
  - name: cfg
    configMap:
      name: partial
      items:
      - { key: b, path: b.txt }
`,
      'pod.yaml',
    );
    l.advance(5);
    expect(events(l, 'itempod')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: b',
    );
  });
});
