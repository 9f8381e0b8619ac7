/**
 * Volumes with real data (course 003 ch.9.1; issue 5): the producer/consumer emptyDir,
 * data across container restarts but not pod deletion, sizeLimit eviction, hostPath per
 * node and its type checks, readOnly, subPath/subPathExpr, projected and downwardAPI
 * files, and PersistentVolume data that follows the PV's source (nfs, hostPath, csi).
 * Driven through the embedded kubectl on the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { R } from '../../core/controllers/resources.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { podEvents, shIn, table } from '../harness/lab.ts';

const ACTOR = { actor: { component: 'test', reason: 'volumes test' } };

function apply(l: Lab, yaml: string, file = 'm.yaml'): void {
  l.files[file] = yaml;
  const r = l.k(`apply -f ${file}`);
  expect(r.stderr ?? '', r.stdout).toBe('');
}

const sh = shIn;

function pod(l: Lab, name: string): KubeObject {
  const p = l.cluster.api.peek(R.pods, 'default', name);
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

function events(l: Lab, name: string): string[] {
  pod(l, name); // throws when the pod is missing
  return podEvents(l, name);
}

const PRODUCER_CONSUMER = `apiVersion: v1
kind: Pod
metadata:
  name: producer-consumer
spec:
  containers:
  - image: busybox
    name: producer
    volumeMounts:
    - mountPath: /producer_dir
      name: shared-volume
    args:
    - /bin/sh
    - -c
    - echo "hello world" > /producer_dir/hello ; sleep 30000
  - image: busybox
    name: consumer
    volumeMounts:
    - mountPath: /consumer_dir
      name: shared-volume
    args:
    - /bin/sh
    - -c
    - sleep 1; cat /consumer_dir/hello ; sleep 30000
  volumes:
  - name: shared-volume
    emptyDir: {}
`;

/** A busybox pod that sleeps, with the given volumes and mounts (YAML fragments indented for the spec). */
function sleeper(name: string, mounts: string, volumes: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: box
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    volumeMounts:
${mounts}
  volumes:
${volumes}`;
}

describe('emptyDir (course ch.9.1)', () => {
  it('producer and consumer share one volume at different paths', () => {
    const l = lab();
    apply(l, PRODUCER_CONSUMER);
    l.advance(10);
    expect(l.k('logs producer-consumer -c consumer').stdout).toBe('hello world\n');
    expect(sh(l, 'producer-consumer', 'ls /consumer_dir', 'consumer').out).toBe('hello\n');
    // Written by the consumer, seen by the producer.
    sh(l, 'producer-consumer', 'echo back > /consumer_dir/reply', 'consumer');
    expect(sh(l, 'producer-consumer', 'cat /producer_dir/reply', 'producer').out).toBe('back\n');
  });

  it('survives a container restart, not the pod: a new pod with the same name starts empty', () => {
    const l = lab();
    // Each run shows what it finds, leaves a mark in the volume and in its own layer, and crashes.
    const keeper = sleeper(
      'keeper',
      '    - { name: cache, mountPath: /cache }',
      '  - name: cache\n    emptyDir: {}\n',
    ).replace(
      'sleep 30000',
      'cat /cache/runs; cat /tmp/mine; echo run >> /cache/runs; echo x > /tmp/mine; sleep 5; exit 1',
    );
    apply(l, keeper);
    l.advance(10);
    expect(table(l, 'get pod keeper')[0]?.RESTARTS).toMatch(/^1/);
    expect(l.k('logs keeper').stdout).toBe("run\ncat: can't open '/tmp/mine': No such file or directory\n");
    l.k('delete pod keeper');
    l.advance(40);
    expect(l.cluster.api.peek(R.pods, 'default', 'keeper')).toBeUndefined();
    apply(l, keeper);
    l.advance(3);
    expect(l.k('logs keeper').stdout).toBe(
      "cat: can't open '/cache/runs': No such file or directory\ncat: can't open '/tmp/mine': No such file or directory\n",
    );
  });

  it('sizeLimit: over the limit, the kubelet evicts the pod at its next housekeeping', () => {
    const l = lab();
    apply(
      l,
      sleeper(
        'cache-pod',
        '    - { name: cache, mountPath: /cache }',
        '  - name: cache\n    emptyDir:\n      sizeLimit: 1Mi\n',
      ),
    );
    l.advance(10);
    expect(table(l, 'get pod cache-pod')[0]?.STATUS).toBe('Running');
    // A 1 MiB string (20 doublings), written once: 1 MiB + a newline, just over the limit.
    const w = sh(
      l,
      'cache-pod',
      's=x; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do s="$s$s"; done; echo "$s" > /cache/big; wc -c /cache/big',
    );
    expect(w.out).toBe('1048577 /cache/big\n');
    l.advance(12);
    const p = pod(l, 'cache-pod');
    const message = 'Usage of EmptyDir volume "cache" exceeds the limit "1Mi". ';
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    expect(events(l, 'cache-pod')).toContain(`Evicted: ${message}`);
    // Today's kubelet leaves the killed container terminated (Error), which `get` shows over the pod's reason.
    expect(l.k('describe pod cache-pod').stdout).toMatch(
      /Status:\s+Failed\nReason:\s+Evicted\nMessage:\s+Usage of EmptyDir/,
    );
    const conditions = (p.status as { conditions: { type: string; reason?: string }[] }).conditions;
    expect(conditions.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('TerminationByKubelet');
    l.advance(60);
    expect(pod(l, 'cache-pod').status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
  });

  it('under the sizeLimit nothing happens', () => {
    const l = lab();
    apply(
      l,
      sleeper(
        'small',
        '    - { name: cache, mountPath: /cache }',
        '  - name: cache\n    emptyDir:\n      sizeLimit: 1Mi\n',
      ),
    );
    l.advance(10);
    sh(l, 'small', 'echo tiny > /cache/f');
    l.advance(60);
    expect(table(l, 'get pod small')[0]?.STATUS).toBe('Running');
  });
});

describe('hostPath', () => {
  it('data stays on its node: a pod on another node does not see it', () => {
    const l = lab();
    const onNode = (name: string, node: string) =>
      sleeper(
        name,
        '    - { name: host, mountPath: /data }',
        '  - name: host\n    hostPath:\n      path: /srv/shared\n      type: DirectoryOrCreate\n',
        `  nodeName: ${node}\n`,
      );
    apply(l, onNode('a1', 'k8s-node1'), 'a1.yaml');
    apply(l, onNode('b1', 'k8s-node2'), 'b1.yaml');
    l.advance(10);
    sh(l, 'a1', 'echo from-node1 > /data/f');
    expect(sh(l, 'a1', 'cat /data/f').out).toBe('from-node1\n');
    expect(sh(l, 'b1', 'ls /data').out).toBe('');
    apply(l, onNode('a2', 'k8s-node1'), 'a2.yaml');
    l.advance(10);
    expect(sh(l, 'a2', 'cat /data/f').out).toBe('from-node1\n');
    expect(l.cluster.kubelets.get('k8s-node1')?.hostFs.read('/srv/shared/f')).toEqual({
      ok: true,
      value: 'from-node1\n',
    });
  });

  it('type Directory on a missing path: FailedMount, the pod stays ContainerCreating', () => {
    const l = lab();
    apply(
      l,
      sleeper(
        'strict',
        '    - { name: host, mountPath: /x }',
        '  - name: host\n    hostPath:\n      path: /x\n      type: Directory\n',
      ),
    );
    l.advance(10);
    expect(table(l, 'get pod strict')[0]?.STATUS).toBe('ContainerCreating');
    expect(events(l, 'strict')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "host" : hostPath type check failed: /x is not a directory',
    );
  });

  it('File / FileOrCreate: a file is mounted as a file', () => {
    const l = lab();
    apply(
      l,
      sleeper(
        'files',
        '    - { name: f, mountPath: /etc/app.conf }',
        '  - name: f\n    hostPath:\n      path: /var/lib/app.conf\n      type: FileOrCreate\n',
      ),
    );
    l.advance(10);
    sh(l, 'files', 'echo setting=1 > /etc/app.conf');
    expect(sh(l, 'files', 'cat /etc/app.conf').out).toBe('setting=1\n');
    apply(
      l,
      sleeper(
        'notfile',
        '    - { name: f, mountPath: /y }',
        '  - name: f\n    hostPath:\n      path: /var/log\n      type: File\n',
      ),
      'n.yaml',
    );
    l.advance(10);
    expect(events(l, 'notfile').join('\n')).toContain('hostPath type check failed: /var/log is not a file');
  });
});

describe('readOnly and subPath', () => {
  it('readOnly mounts refuse writes with Read-only file system', () => {
    const l = lab();
    apply(
      l,
      sleeper(
        'ro',
        '    - { name: cache, mountPath: /ro, readOnly: true }\n    - { name: cache, mountPath: /rw }',
        '  - name: cache\n    emptyDir: {}\n',
      ),
    );
    l.advance(10);
    const r = sh(l, 'ro', 'echo x > /ro/f');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Read-only file system');
    sh(l, 'ro', 'echo y > /rw/f');
    expect(sh(l, 'ro', 'cat /ro/f').out).toBe('y\n');
  });

  it('subPath mounts one directory of the volume (created if missing); subPathExpr expands env', () => {
    const l = lab();
    l.files['p.yaml'] = `apiVersion: v1
kind: Pod
metadata:
  name: sub
spec:
  containers:
  - name: box
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    volumeMounts:
    - { name: shared, mountPath: /all }
    - { name: shared, mountPath: /logs, subPath: logs }
    - { name: shared, mountPath: /mine, subPathExpr: "pods/$(POD_NAME)" }
  volumes:
  - name: shared
    emptyDir: {}
`;
    l.k('apply -f p.yaml');
    l.advance(10);
    sh(l, 'sub', 'echo a > /logs/app.log; echo b > /mine/note');
    expect(sh(l, 'sub', 'cat /all/logs/app.log /all/pods/sub/note').out).toBe('a\nb\n');
  });
});

describe('projected and downwardAPI', () => {
  it('projected: a Secret, a ConfigMap and downward fields in one directory', () => {
    const l = lab();
    apply(
      l,
      `apiVersion: v1
kind: Secret
metadata:
  name: user
stringData:
  username: admin
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  mode: fast
---
apiVersion: v1
kind: Pod
metadata:
  name: proj
  labels:
    app: web
spec:
  containers:
  - name: box
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    resources:
      limits:
        memory: 64Mi
    volumeMounts:
    - { name: all, mountPath: /projected }
  volumes:
  - name: all
    projected:
      sources:
      - secret:
          name: user
          items:
          - { key: username, path: my-group/my-username }
      - configMap:
          name: app
      - downwardAPI:
          items:
          - path: labels
            fieldRef: { fieldPath: metadata.labels }
          - path: mem
            resourceFieldRef: { containerName: box, resource: limits.memory, divisor: 1Mi }
`,
    );
    l.advance(10);
    expect(sh(l, 'proj', 'cat /projected/my-group/my-username; echo; cat /projected/mode; echo').out).toBe(
      'admin\nfast\n',
    );
    expect(sh(l, 'proj', 'cat /projected/labels').out).toBe('app="web"');
    expect(sh(l, 'proj', 'cat /projected/mem').out).toBe('64');
  });

  it('downwardAPI labels and annotations files follow changes at the next pod sync', () => {
    const l = lab();
    apply(
      l,
      `apiVersion: v1
kind: Pod
metadata:
  name: dapi
  labels:
    zone: us-est-coast
    rack: rack-22
  annotations:
    build: two
spec:
  containers:
  - name: box
    image: busybox
    command: ["sh", "-c", "sleep 30000"]
    volumeMounts:
    - { name: podinfo, mountPath: /etc/podinfo }
  volumes:
  - name: podinfo
    downwardAPI:
      items:
      - path: labels
        fieldRef: { fieldPath: metadata.labels }
      - path: annotations
        fieldRef: { fieldPath: metadata.annotations }
      - path: name
        fieldRef: { fieldPath: metadata.name }
`,
    );
    l.advance(10);
    expect(sh(l, 'dapi', 'cat /etc/podinfo/labels').out).toBe('rack="rack-22"\nzone="us-est-coast"');
    expect(sh(l, 'dapi', 'cat /etc/podinfo/name').out).toBe('dapi');
    l.k('label pod dapi zone=eu-west --overwrite');
    l.advance(1);
    expect(sh(l, 'dapi', 'cat /etc/podinfo/labels').out).toBe('rack="rack-22"\nzone="us-est-coast"');
    l.advance(60);
    expect(sh(l, 'dapi', 'cat /etc/podinfo/labels').out).toBe('rack="rack-22"\nzone="eu-west"');
  });
});

/** A PV and a claim bound to each other by hand (as the binder would leave them). */
function boundPair(l: Lab, pv: string, source: string, extra = ''): void {
  apply(
    l,
    `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${pv}
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  claimRef: { namespace: default, name: ${pv}-claim }
${source}${extra}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${pv}-claim
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  volumeName: ${pv}
  resources:
    requests: { storage: 1Gi }
`,
    `${pv}.yaml`,
  );
  l.advance(5);
  // Without a binder (or before it acts) the statuses are set by hand.
  const claim = l.cluster.api.peek(R.pvcs, 'default', `${pv}-claim`)!;
  if ((claim.status as { phase?: string } | undefined)?.phase !== 'Bound') {
    l.cluster.api.update(R.pvcs, { ...claim, status: { phase: 'Bound' } }, { ...ACTOR, subresource: 'status' });
    const vol = l.cluster.api.peek(R.pvs, undefined, pv)!;
    l.cluster.api.update(R.pvs, { ...vol, status: { phase: 'Bound' } }, { ...ACTOR, subresource: 'status' });
  }
}

function claimPod(name: string, claim: string, node?: string): string {
  return sleeper(
    name,
    '    - { name: data, mountPath: /data }',
    `  - name: data\n    persistentVolumeClaim:\n      claimName: ${claim}\n`,
    node ? `  nodeName: ${node}\n` : '',
  );
}

describe('PersistentVolume data lives with the PV source', () => {
  it('nfs: data outlives the pod and is seen from every node; a direct nfs volume sees the same export', () => {
    const l = lab();
    boundPair(l, 'mypv1', '  nfs: { server: 192.168.56.105, path: /nfsdata/pv1 }\n');
    apply(l, claimPod('w1', 'mypv1-claim', 'k8s-node1'), 'w1.yaml');
    l.advance(10);
    sh(l, 'w1', 'echo persisted > /data/hello');
    l.k('delete pod w1');
    l.advance(40);
    apply(l, claimPod('w2', 'mypv1-claim', 'k8s-node2'), 'w2.yaml');
    l.advance(10);
    expect(sh(l, 'w2', 'cat /data/hello').out).toBe('persisted\n');
    apply(
      l,
      sleeper(
        'direct',
        '    - { name: nfs, mountPath: /nfsdata }',
        '  - name: nfs\n    nfs: { server: 192.168.56.105, path: /nfsdata }\n',
      ),
      'd.yaml',
    );
    l.advance(10);
    expect(sh(l, 'direct', 'cat /nfsdata/pv1/hello').out).toBe('persisted\n');
  });

  it('the recycler script scrubs the same data through a direct nfs mount at /scrub', () => {
    const l = lab();
    boundPair(l, 'pvr', '  nfs: { server: 10.0.0.5, path: /exports/r }\n');
    apply(l, claimPod('w', 'pvr-claim'), 'w.yaml');
    l.advance(10);
    sh(l, 'w', 'mkdir -p /data/sub; echo 1 > /data/sub/a; echo 2 > /data/b');
    l.files['scrub.yaml'] = `apiVersion: v1
kind: Pod
metadata:
  name: scrubber
spec:
  restartPolicy: Never
  volumes:
  - name: vol
    nfs: { server: 10.0.0.5, path: /exports/r }
  containers:
  - name: pv-recycler
    image: busybox:1.27
    command: ["/bin/sh"]
    args: ["-c", "test -e /scrub && find /scrub -mindepth 1 -delete && test -z \\"$(ls -A /scrub)\\" || exit 1"]
    volumeMounts:
    - { name: vol, mountPath: /scrub }
`;
    l.k('apply -f scrub.yaml');
    l.advance(10);
    expect((pod(l, 'scrubber').status as { phase: string }).phase).toBe('Succeeded');
    expect(sh(l, 'w', 'ls -A /data').out).toBe('');
  });

  it('hostPath PV: data is on the node; csi: data follows the disk to any node', () => {
    const l = lab();
    boundPair(l, 'hp', '  hostPath: { path: /mnt/hp }\n');
    apply(l, claimPod('h1', 'hp-claim', 'k8s-node1'), 'h1.yaml');
    l.advance(10);
    sh(l, 'h1', 'echo on-node1 > /data/f');
    expect(l.cluster.kubelets.get('k8s-node1')?.hostFs.read('/mnt/hp/f')).toEqual({ ok: true, value: 'on-node1\n' });

    boundPair(l, 'disk', '  csi: { driver: kubelab.io/simulated-disk, volumeHandle: vol-1 }\n');
    apply(l, claimPod('c1', 'disk-claim', 'k8s-node1'), 'c1.yaml');
    l.advance(10);
    sh(l, 'c1', 'echo on-disk > /data/f');
    l.k('delete pod c1');
    l.advance(40);
    apply(l, claimPod('c2', 'disk-claim', 'k8s-node2'), 'c2.yaml');
    l.advance(10);
    expect(sh(l, 'c2', 'cat /data/f').out).toBe('on-disk\n');
  });

  it('a dynamically provisioned disk (reclaimPolicy Delete) takes its data when the claim goes', () => {
    const l = lab();
    apply(
      l,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: dyn
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests: { storage: 1Gi }
`,
      'dyn.yaml',
    );
    apply(l, claimPod('w', 'dyn'), 'w.yaml');
    l.advance(20);
    const handle = l.cluster.api.peek(R.pvcs, 'default', 'dyn')?.spec as { volumeName?: string };
    expect(handle.volumeName).toMatch(/^pvc-/);
    sh(l, 'w', 'echo hi > /data/f');
    l.k('delete pod w');
    l.advance(40);
    l.k('delete pvc dyn');
    l.advance(30);
    expect(l.cluster.api.peek(R.pvs, undefined, handle.volumeName!)).toBeUndefined();
    // A PV made by hand for the same disk handle finds it empty.
    boundPair(l, 'again', `  csi: { driver: kubelab.io/simulated-disk, volumeHandle: ${handle.volumeName!} }\n`);
    apply(l, claimPod('w2', 'again-claim'), 'w2.yaml');
    l.advance(10);
    expect(sh(l, 'w2', 'ls /data').out).toBe('');
  });

  it('a pod bound to a node whose claim is not Bound waits with FailedMount', () => {
    const l = lab();
    apply(
      l,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: lonely
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: nothing-here
  resources:
    requests: { storage: 1Gi }
`,
      'c.yaml',
    );
    apply(l, claimPod('waiter', 'lonely', 'k8s-node1'), 'w.yaml');
    l.advance(10);
    expect(table(l, 'get pod waiter')[0]?.STATUS).toBe('ContainerCreating');
    expect(events(l, 'waiter').join('\n')).toMatch(
      /FailedMount: Unable to attach or mount volumes: unmounted volumes=\[data\], unattached volumes=\[data kube-api-access-\w+\], failed to process volumes=\[data\]: error processing PVC default\/lonely: PVC is not bound/,
    );
  });
});

describe('course ch.9: MySQL keeps its rows on an NFS PersistentVolume across a node failure', () => {
  const MYSQL = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: mysql-pv
spec:
  accessModes:
    - ReadWriteOnce
  capacity:
    storage: 1Gi
  persistentVolumeReclaimPolicy: Retain
  storageClassName: nfs
  claimRef: { namespace: default, name: mysql-pvc }
  nfs:
    path: /nfsdata/mysql-pv
    server: 192.168.56.105
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mysql-pvc
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
  storageClassName: nfs
  volumeName: mysql-pv
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mysql
spec:
  selector:
    matchLabels:
      app: mysql
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: mysql
    spec:
      containers:
      - image: mysql:5.6
        name: mysql
        env:
        - name: MYSQL_ROOT_PASSWORD
          value: password
        ports:
        - containerPort: 3306
          name: mysql
        volumeMounts:
        - name: mysql-persistent-storage
          mountPath: /var/lib/mysql
      volumes:
      - name: mysql-persistent-storage
        persistentVolumeClaim:
          claimName: mysql-pvc
`;

  const running = (l: Lab) =>
    l.cluster.api
      .list(R.pods, 'default')
      .items.find((p) => !p.metadata.deletionTimestamp && (p.status as { phase?: string }).phase === 'Running');
  const mysql = (l: Lab, podName: string, sql: string) =>
    l.k(['exec', podName, '--', 'mysql', '-uroot', '-ppassword', '-e', sql]);

  it('write a row, fail the node, the new pod on another node reads it', () => {
    const l = lab();
    apply(l, MYSQL);
    l.advance(5);
    const claim = l.cluster.api.peek(R.pvcs, 'default', 'mysql-pvc')!;
    if ((claim.status as { phase?: string } | undefined)?.phase !== 'Bound') {
      l.cluster.api.update(R.pvcs, { ...claim, status: { phase: 'Bound' } }, { ...ACTOR, subresource: 'status' });
      l.advance(20);
    }
    l.advance(20);
    const first = running(l)!;
    expect(
      mysql(l, first.metadata.name!, 'use mysql; create table my_id( id int(4) ); insert my_id values( 111 );')
        .exitCode,
    ).toBe(0);
    expect(mysql(l, first.metadata.name!, 'use mysql; select * from my_id;').stdout).toBe('id\n111\n');
    const node = (first.spec as { nodeName: string }).nodeName;
    l.cluster.failNode(node);
    // Node lifecycle: NotReady after 40 s, pods evicted after the 300 s toleration; the Deployment replaces them.
    l.advance(400);
    const second = running(l)!;
    expect((second.spec as { nodeName: string }).nodeName).not.toBe(node);
    expect(mysql(l, second.metadata.name!, 'use mysql; select * from my_id;').stdout).toBe('id\n111\n');
    // The root password was fixed when the data directory was initialised.
    const denied = l.k(['exec', second.metadata.name!, '--', 'mysql', '-uroot', '-pwrong', '-e', 'show databases']);
    expect(denied.stderr).toContain(
      "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
    );
  });
});
