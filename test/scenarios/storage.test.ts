/**
 * PersistentVolumes, claims and StorageClasses (the course's chapter 9): the binder's
 * matching rules and two-way binding, pre-binding both ways, reclaim policies
 * (Retain, Delete, Recycle with its recycler pod), the default class and dynamic
 * provisioning, WaitForFirstConsumer binding after scheduling with node topology,
 * expansion, the protection finalizers, and the reasons a claim stays Pending.
 */
import { describe, expect, it } from 'vitest';
import { resolveResourceName } from '../../core/api/registry.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { BUILTINS } from '../../core/kubelet/shell/commands/index.ts';
import { TestCluster, nodeOf, phase } from '../harness/testCluster.ts';

/** The course's mypv1: 1Gi RWO on NFS, Recycle, class nfs. */
const pv = (
  name: string,
  opts: { size?: string; modes?: string; policy?: string; cls?: string; extra?: string } = {},
) => `
apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${opts.size ?? '1Gi'}
  accessModes: [${opts.modes ?? 'ReadWriteOnce'}]
  persistentVolumeReclaimPolicy: ${opts.policy ?? 'Recycle'}
  storageClassName: ${opts.cls ?? 'nfs'}
  nfs:
    path: /nfsdata/${name}
    server: 192.168.56.105
${opts.extra ?? ''}`;

const pvc = (name: string, opts: { size?: string; modes?: string; cls?: string | null; extra?: string } = {}) => `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [${opts.modes ?? 'ReadWriteOnce'}]
  resources:
    requests:
      storage: ${opts.size ?? '1Gi'}
${opts.cls === null ? '' : `  storageClassName: ${JSON.stringify(opts.cls ?? 'nfs')}\n`}${opts.extra ?? ''}`;

const podUsing = (name: string, claim: string, cmd = 'sleep 30000') => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: busybox
    args: [/bin/sh, -c, '${cmd}']
    volumeMounts:
    - mountPath: /mydata
      name: mydata
  volumes:
  - name: mydata
    persistentVolumeClaim:
      claimName: ${claim}
`;

const resolve = (kind: string) => resolveResourceName(kind)!;
const phaseOf = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;
const specOf = (o: KubeObject | undefined) => (o?.spec ?? {}) as Record<string, unknown>;

describe('static binding (the course’s mypv1 / mypvc1)', () => {
  it('binds both ways with upstream’s annotations, phases, capacity and modes', () => {
    const t = TestCluster.create().apply(pv('mypv1')).apply(pvc('mypvc1')).advance(1);
    const claim = t.get('pvc', 'mypvc1')!;
    const volume = t.get('pv', 'mypv1', '')!;
    expect(phaseOf(claim)).toBe('Bound');
    expect(phaseOf(volume)).toBe('Bound');
    expect(specOf(claim)['volumeName']).toBe('mypv1');
    expect(claim.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    expect(claim.status).toMatchObject({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(specOf(volume)['claimRef']).toMatchObject({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'mypvc1',
      uid: claim.metadata.uid,
    });
    expect(volume.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(volume.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    t.expectIdempotent('persistentvolume-controller');
    t.expectIdempotent('pvc-protection-controller');
    t.expectIdempotent('pv-protection-controller');
  });

  it('kubectl get pv/pvc show the binding', () => {
    const l = lab();
    l.files['pv.yaml'] = pv('mypv1');
    l.files['pvc.yaml'] = pvc('mypvc1');
    l.k('apply -f pv.yaml');
    l.k('apply -f pvc.yaml');
    l.advance(1);
    const pvs = l.k('get pv').stdout;
    expect(pvs).toMatch(/mypv1\s+1Gi\s+RWO\s+Recycle\s+Bound\s+default\/mypvc1\s+nfs/);
    expect(l.k('get pvc').stdout).toMatch(/mypvc1\s+Bound\s+mypv1\s+1Gi\s+RWO\s+nfs/);
    expect(l.k('get sc').stdout).toMatch(
      /standard \(default\)\s+kubelab.io\/simulated-disk\s+Delete\s+Immediate\s+true/,
    );
  });

  // The recycler's scrub needs `find -mindepth 1 -delete` in the container shell (core/kubelet/shell, helper H4).
  it.skipIf(!('find' in BUILTINS))(
    'Recycle: delete pod and claim → Released → recycler pod → Available, data scrubbed',
    () => {
      const t = TestCluster.create()
        .apply(pv('mypv1'))
        .apply(pvc('mypvc1'))
        .apply(podUsing('mypod1', 'mypvc1', 'echo hello > /mydata/hello; sleep 30000'))
        .advance(30);
      expect(phase(t.get('pod', 'mypod1')!)).toBe('Running');
      t.delete('pod', 'mypod1').delete('pvc', 'mypvc1');
      // The claim waits for its pod to go (pvc-protection).
      expect(t.get('pvc', 'mypvc1')?.metadata.deletionTimestamp).toBeDefined();
      t.advance(40);
      expect(t.get('pvc', 'mypvc1')).toBeUndefined();
      const events = t.events(t.get('pv', 'mypv1', ''));
      expect(
        events.some((e) =>
          e.startsWith('RecyclerPod: Recycler pod: Successfully assigned default/recycler-for-mypv1 to'),
        ),
      ).toBe(true);
      expect(events).toContain('VolumeRecycled: Volume recycled');
      const volume = t.get('pv', 'mypv1', '')!;
      expect(phaseOf(volume)).toBe('Available');
      expect(specOf(volume)['claimRef']).toBeUndefined();
      expect(t.get('pod', 'recycler-for-mypv1')).toBeUndefined();
      t.expectIdempotent('persistentvolume-controller');
    },
  );

  it('Retain: the volume stays Released with its claimRef and is not rebound until it is removed', () => {
    const t = TestCluster.create()
      .apply(pv('mypv1', { policy: 'Retain' }))
      .apply(pvc('mypvc1'))
      .advance(1);
    t.delete('pvc', 'mypvc1').advance(5);
    const released = t.get('pv', 'mypv1', '')!;
    expect(phaseOf(released)).toBe('Released');
    t.apply(pvc('mypvc1')).advance(20);
    expect(phaseOf(t.get('pvc', 'mypvc1'))).toBe('Pending');
    // Class nfs exists only as a name on the volumes: upstream says so.
    expect(t.events(t.get('pvc', 'mypvc1'))).toEqual([
      'ProvisioningFailed: storageclass.storage.k8s.io "nfs" not found',
    ]);
    // The administrator frees the volume: it becomes Available and the waiting claim binds.
    const spec = { ...specOf(released) };
    delete spec['claimRef'];
    t.update('pv', { ...released, spec });
    t.advance(15); // the binder's sync period
    expect(phaseOf(t.get('pvc', 'mypvc1'))).toBe('Bound');
    t.expectIdempotent('persistentvolume-controller');
  });

  it('Delete on an nfs volume fails as upstream (no deleter for in-tree nfs)', () => {
    const t = TestCluster.create()
      .apply(pv('mypv1', { policy: 'Delete' }))
      .apply(pvc('mypvc1'))
      .advance(1);
    t.delete('pvc', 'mypvc1').advance(5);
    const volume = t.get('pv', 'mypv1', '')!;
    expect(phaseOf(volume)).toBe('Failed');
    expect(t.events(volume)).toContain(
      'VolumeFailedDelete: error getting deleter volume plugin for volume "mypv1": no deletable volume plugin matched',
    );
  });
});

describe('matching rules', () => {
  it('takes the smallest volume that fits', () => {
    const t = TestCluster.create()
      .apply(pv('big', { size: '10Gi' }))
      .apply(pv('small', { size: '500Mi' }))
      .apply(pv('mid', { size: '2Gi' }))
      .apply(pvc('c', { size: '1Gi' }))
      .advance(1);
    expect(specOf(t.get('pvc', 'c'))['volumeName']).toBe('mid');
    expect(t.get('pvc', 'c')!.status).toMatchObject({ capacity: { storage: '2Gi' } });
  });

  it('needs every access mode the claim asks, the same class and volumeMode, and the selector', () => {
    const t = TestCluster.create()
      .apply(pv('rwo', { modes: 'ReadWriteOnce' }))
      .apply(pv('other-class', { modes: 'ReadWriteOnce, ReadWriteMany', cls: 'fast' }))
      .apply(pv('block', { modes: 'ReadWriteOnce, ReadWriteMany', extra: '  volumeMode: Block\n' }))
      .apply(pv('unlabelled', { modes: 'ReadWriteOnce, ReadWriteMany' }))
      .apply(
        pv('labelled', { modes: 'ReadWriteOnce, ReadWriteMany', size: '5Gi', extra: '' }).replace(
          '  name: labelled',
          '  name: labelled\n  labels: {tier: gold}',
        ),
      )
      .apply(
        pvc('c', {
          modes: 'ReadWriteOnce, ReadWriteMany',
          extra: '  selector:\n    matchExpressions: [{key: tier, operator: In, values: [gold]}]\n',
        }),
      )
      .advance(1);
    expect(specOf(t.get('pvc', 'c'))['volumeName']).toBe('labelled');
  });

  it('storageClassName "" takes only classless volumes; no volume → FailedBinding', () => {
    const t = TestCluster.create()
      .apply(pv('nfs1'))
      .apply(pvc('c', { cls: '' }))
      .advance(1);
    const claim = t.get('pvc', 'c')!;
    expect(phaseOf(claim)).toBe('Pending');
    expect(t.events(claim)).toEqual([
      'FailedBinding: no persistent volumes available for this claim and no storage class is set',
    ]);
    t.apply(pv('plain', { cls: '""' })).advance(15);
    expect(specOf(t.get('pvc', 'c'))['volumeName']).toBe('plain');
  });

  it('a claim naming its volume (spec.volumeName) binds to it; one too small gets VolumeMismatch', () => {
    const t = TestCluster.create()
      .apply(pv('a', { size: '5Gi' }))
      .apply(pv('b', { size: '1Gi' }))
      .apply(pvc('wants-a', { extra: '  volumeName: a\n' }))
      .apply(pvc('wants-b', { size: '2Gi', extra: '  volumeName: b\n' }))
      .advance(1);
    expect(phaseOf(t.get('pvc', 'wants-a'))).toBe('Bound');
    expect(t.get('pv', 'a', '')!.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(t.get('pvc', 'wants-a')!.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    expect(phaseOf(t.get('pvc', 'wants-b'))).toBe('Pending');
    expect(t.events(t.get('pvc', 'wants-b'))).toEqual([
      'VolumeMismatch: Cannot bind to requested volume "b": requested PV is too small',
    ]);
  });

  it('a volume pre-bound by claimRef goes only to that claim', () => {
    const t = TestCluster.create()
      .apply(pv('reserved', { extra: '  claimRef:\n    namespace: default\n    name: mine\n' }))
      .apply(pvc('other'))
      .advance(1);
    expect(phaseOf(t.get('pvc', 'other'))).toBe('Pending');
    expect(phaseOf(t.get('pv', 'reserved', ''))).toBe('Available');
    t.apply(pvc('mine')).advance(1);
    expect(specOf(t.get('pvc', 'mine'))['volumeName']).toBe('reserved');
    expect(t.get('pv', 'reserved', '')!.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });

  it('a pod whose claim is unbound stays Pending with the scheduler’s reason', () => {
    const t = TestCluster.create()
      .apply(pvc('c', { cls: '' }))
      .apply(podUsing('p', 'c'))
      .advance(5);
    expect(t.events(t.get('pod', 'p'))[0]).toBe(
      'FailedScheduling: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
});

describe('StorageClasses and dynamic provisioning', () => {
  it('a claim without a class gets the default class and a provisioned volume', () => {
    const t = TestCluster.create()
      .apply(pvc('data', { cls: null, size: '3Gi' }))
      .advance(1);
    const claim = t.get('pvc', 'data')!;
    expect(specOf(claim)['storageClassName']).toBe('standard');
    expect(phaseOf(claim)).toBe('Bound');
    const name = `pvc-${claim.metadata.uid}`;
    expect(specOf(claim)['volumeName']).toBe(name);
    const volume = t.get('pv', name, '')!;
    expect(volume.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('kubelab.io/simulated-disk');
    expect(specOf(volume)).toMatchObject({
      capacity: { storage: '3Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      csi: { driver: 'kubelab.io/simulated-disk', volumeHandle: name },
    });
    expect(t.events(claim)).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'kubelab.io/simulated-disk' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${name}`,
    ]);
    t.expectIdempotent('persistentvolume-controller');
    t.expectIdempotent('kubelab.io/simulated-disk');
    // Delete reclaim: the provisioned volume goes with its claim.
    t.delete('pvc', 'data').advance(5);
    expect(t.get('pv', name, '')).toBeUndefined();
  });

  it('an unknown provisioner leaves the claim waiting; a missing class is ProvisioningFailed', () => {
    const t = TestCluster.create()
      .apply(
        'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ext\nprovisioner: example.com/nas\n',
      )
      .apply(pvc('a', { cls: 'ext' }))
      .apply(pvc('b', { cls: 'nosuch' }))
      .advance(5);
    expect(t.events(t.get('pvc', 'a'))).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'example.com/nas' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
    expect(t.get('pvc', 'a')!.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe(
      'example.com/nas',
    );
    expect(t.events(t.get('pvc', 'b'))).toEqual(['ProvisioningFailed: storageclass.storage.k8s.io "nosuch" not found']);
  });

  it('WaitForFirstConsumer: waits, then provisions on the node the pod was scheduled to', () => {
    const t = TestCluster.create()
      .apply(pvc('local', { cls: 'local-path' }))
      .advance(5);
    expect(t.events(t.get('pvc', 'local'))).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    ]);
    t.apply(podUsing('p', 'local')).advance(20);
    const pod = t.get('pod', 'p')!;
    const node = nodeOf(pod)!;
    const claim = t.get('pvc', 'local')!;
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect(phaseOf(claim)).toBe('Bound');
    const volume = t.get('pv', String(specOf(claim)['volumeName']), '')!;
    expect(specOf(volume)['nodeAffinity']).toEqual({
      required: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }],
      },
    });
    expect(phase(pod)).toBe('Running');
    // A second pod using the claim must go to the same node.
    const other = node === 'k8s-node1' ? 'k8s-node2' : 'k8s-node1';
    t.apply(
      podUsing('q', 'local').replace('spec:\n', `spec:\n  nodeSelector: {kubernetes.io/hostname: ${other}}\n`),
    ).advance(5);
    expect(t.events(t.get('pod', 'q'))[0]).toBe(
      "FailedScheduling: 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    t.expectIdempotent('persistentvolume-controller');
    t.expectIdempotent('kubelab.io/local-path');
  });

  it('allowedTopologies keep a delayed claim’s pod off other nodes', () => {
    const t = TestCluster.create()
      .apply(
        'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: zoned\nprovisioner: kubelab.io/simulated-disk\nvolumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n- matchLabelExpressions:\n  - key: kubernetes.io/hostname\n    values: [k8s-node2]\n',
      )
      .apply(pvc('z', { cls: 'zoned' }))
      .apply(podUsing('p', 'z'))
      .advance(20);
    expect(nodeOf(t.get('pod', 'p')!)).toBe('k8s-node2');
    expect(phaseOf(t.get('pvc', 'z'))).toBe('Bound');
  });
});

describe('expansion', () => {
  it('grows a claim of an expandable class; shrinking and non-expandable classes are refused', () => {
    const t = TestCluster.create()
      .apply(pvc('data', { cls: 'standard' }))
      .advance(1);
    const grow = (name: string, size: string) => {
      const c = t.get('pvc', name)!;
      const spec = specOf(c) as { resources: { requests: Record<string, string> } };
      return t.api.update(
        resolve('pvc'),
        { ...c, spec: { ...spec, resources: { requests: { storage: size } } } },
        { actor: { component: 'kubectl', reason: 'edit' } },
      );
    };
    const ok = grow('data', '2Gi');
    expect(ok.ok).toBe(true);
    t.advance(5);
    const claim = t.get('pvc', 'data')!;
    expect(claim.status).toMatchObject({ capacity: { storage: '2Gi' } });
    expect(specOf(t.get('pv', String(specOf(claim)['volumeName']), ''))).toMatchObject({
      capacity: { storage: '2Gi' },
    });
    expect(t.events(claim).slice(-3)).toEqual([
      'ExternalExpanding: waiting for an external controller to expand this PVC',
      `Resizing: External resizer is resizing volume ${String(specOf(claim)['volumeName'])}`,
      `FileSystemResizeSuccessful: MountVolume.NodeExpandVolume succeeded for volume "${String(specOf(claim)['volumeName'])}"`,
    ]);
    const shrink = grow('data', '1Gi');
    expect(shrink.ok).toBe(false);
    t.apply(pv('mypv1')).apply(pvc('mypvc1')).advance(1);
    const refused = grow('mypvc1', '5Gi');
    expect(refused.ok ? '' : refused.status.message).toBe(
      'persistentvolumeclaims "mypvc1" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });
});

describe('data lives with the volume', () => {
  const run = (l: ReturnType<typeof lab>, file: string, yaml: string) => {
    l.files[file] = yaml;
    expect(l.k(`apply -f ${file}`).exitCode).toBe(0);
  };

  it('a pod on another node reads what the first pod wrote (a network disk)', () => {
    const l = lab();
    run(l, 'pvc.yaml', pvc('data', { cls: 'standard' }));
    run(
      l,
      'w.yaml',
      podUsing('writer', 'data', 'echo hello > /mydata/hello').replace(
        'spec:\n',
        'spec:\n  restartPolicy: Never\n  nodeName: k8s-node1\n',
      ),
    );
    l.advance(30);
    l.k('delete pod writer');
    l.advance(40);
    run(
      l,
      'r.yaml',
      podUsing('reader', 'data', 'cat /mydata/hello').replace(
        'spec:\n',
        'spec:\n  restartPolicy: Never\n  nodeName: k8s-node2\n',
      ),
    );
    l.advance(30);
    expect(l.k('logs reader').stdout).toBe('hello\n');
  });

  it('Retain keeps the data for the next claim bound to the volume (needs the kubelet to key data by the PV source)', () => {
    const l = lab();
    run(l, 'pv.yaml', pv('mypv1', { policy: 'Retain' }));
    run(l, 'pvc.yaml', pvc('mypvc1'));
    run(
      l,
      'w.yaml',
      podUsing('writer', 'mypvc1', 'echo kept > /mydata/f').replace('spec:\n', 'spec:\n  restartPolicy: Never\n'),
    );
    l.advance(30);
    l.k('delete pod writer');
    l.k('delete pvc mypvc1');
    l.advance(40);
    // The administrator frees the Released volume; a new claim binds to it.
    expect(
      l.k(['patch', 'pv', 'mypv1', '--type=json', '-p', '[{"op":"remove","path":"/spec/claimRef"}]']).exitCode,
    ).toBe(0);
    run(l, 'pvc2.yaml', pvc('mypvc2'));
    l.advance(20);
    run(
      l,
      'r.yaml',
      podUsing('reader', 'mypvc2', 'cat /mydata/f').replace('spec:\n', 'spec:\n  restartPolicy: Never\n'),
    );
    l.advance(30);
    expect(l.k('logs reader').stdout).toBe('kept\n');
  });

  it('Recycle scrubs the data: the next claim finds the volume empty', () => {
    const l = lab();
    run(l, 'pv.yaml', pv('mypv1'));
    run(l, 'pvc.yaml', pvc('mypvc1'));
    run(
      l,
      'w.yaml',
      podUsing('writer', 'mypvc1', 'echo secret > /mydata/f').replace('spec:\n', 'spec:\n  restartPolicy: Never\n'),
    );
    l.advance(30);
    l.k('delete pod writer');
    l.k('delete pvc mypvc1');
    l.advance(60);
    expect(l.k('get pv mypv1').stdout).toMatch(/Available/);
    run(l, 'pvc2.yaml', pvc('mypvc2'));
    l.advance(20);
    run(
      l,
      'r.yaml',
      podUsing('reader', 'mypvc2', 'ls -A /mydata; echo end').replace('spec:\n', 'spec:\n  restartPolicy: Never\n'),
    );
    l.advance(30);
    expect(l.k('logs reader').stdout).toBe('end\n');
  });

  it('the course’s failover: the node fails, the pod comes back elsewhere and finds its data', () => {
    const l = lab();
    run(l, 'pvc.yaml', pvc('mysql-pvc', { cls: 'standard' }));
    run(
      l,
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mysql
spec:
  selector:
    matchLabels: {app: mysql}
  template:
    metadata:
      labels: {app: mysql}
    spec:
      containers:
      - name: mysql
        image: busybox
        args: [/bin/sh, -c, 'test -e /var/lib/mysql/db || hostname > /var/lib/mysql/db; cat /var/lib/mysql/db; sleep 36000']
        volumeMounts:
        - {name: mysql-persistent-storage, mountPath: /var/lib/mysql}
      volumes:
      - name: mysql-persistent-storage
        persistentVolumeClaim: {claimName: mysql-pvc}
`,
    );
    l.advance(30);
    const first = l.cluster.api.store.list('/pods').find((p) => p.metadata.labels?.['app'] === 'mysql')!;
    const node = nodeOf(first)!;
    l.cluster.failNode(node);
    l.advance(400);
    const second = l.cluster.api.store
      .list('/pods')
      .find((p) => p.metadata.labels?.['app'] === 'mysql' && !p.metadata.deletionTimestamp && nodeOf(p) !== node)!;
    expect(second).toBeDefined();
    expect(phase(second)).toBe('Running');
    expect(l.k(`logs ${second.metadata.name ?? ''}`).stdout).toBe(`${first.metadata.name ?? ''}\n`);
  });
});

describe('kubectl describe', () => {
  it('shows a StorageClass, an nfs volume’s source and a provisioned volume’s CSI source', () => {
    const l = lab();
    l.files['a.yaml'] = pv('mypv1') + '---\n' + pvc('data', { cls: 'standard' });
    expect(l.k('apply -f a.yaml').exitCode).toBe(0);
    l.advance(2);
    expect(l.k('describe sc standard').stdout).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           kubelab.io/simulated-disk',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  True',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
    expect(l.k('describe pv mypv1').stdout).toContain(
      'Source:\n    Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    Server:    192.168.56.105\n    Path:      /nfsdata/mypv1\n    ReadOnly:  false\n',
    );
    const claim = l.cluster.api.store.get('/persistentvolumeclaims', 'default', 'data')!;
    const out = l.k(`describe pv pvc-${claim.metadata.uid ?? ''}`).stdout;
    expect(out).toContain('    Type:              CSI (a Container Storage Interface (CSI) volume source)\n');
    expect(out).toContain('    Driver:            kubelab.io/simulated-disk\n');
    expect(l.k('describe pvc data').stdout).toMatch(/Normal\s+ProvisioningSucceeded\s+2s\s+kubelab.io\/simulated-disk/);
  });
});

describe('protection finalizers', () => {
  it('a bound volume being deleted stays Terminating until its claim is gone', () => {
    const t = TestCluster.create()
      .apply(pv('mypv1', { policy: 'Retain' }))
      .apply(pvc('mypvc1'))
      .advance(1);
    t.delete('pv', 'mypv1', '').advance(5);
    const volume = t.get('pv', 'mypv1', '')!;
    expect(volume.metadata.deletionTimestamp).toBeDefined();
    expect(phaseOf(volume)).toBe('Bound');
    t.delete('pvc', 'mypvc1').advance(5);
    expect(t.get('pvc', 'mypvc1')).toBeUndefined();
    expect(t.get('pv', 'mypv1', '')).toBeUndefined();
  });
});
