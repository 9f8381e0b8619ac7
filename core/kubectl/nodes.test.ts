import { describe, expect, it } from 'vitest';
import { chapterOne, lab } from './testkit.ts';

describe('kubectl cordon, drain, taint and top', () => {
  it('cordons and uncordons once', () => {
    const l = lab();
    expect(l.k('cordon k8s-node2').stdout).toBe('node/k8s-node2 cordoned\n');
    expect(l.k('cordon k8s-node2').stdout).toBe('node/k8s-node2 already cordoned\n');
    expect(l.k('get nodes k8s-node2 --no-headers').stdout).toMatch(/^k8s-node2 {3}Ready,SchedulingDisabled /);
    expect(l.k('uncordon k8s-node2').stdout).toBe('node/k8s-node2 uncordoned\n');
  });

  it('refuses to drain unmanaged pods without --force, then evicts', () => {
    const l = chapterOne();
    l.k('run solo --image=nginx');
    l.advance(10);
    const node = l.k("get pod solo -o jsonpath='{.spec.nodeName}'").stdout;
    const refused = l.k(`drain ${node}`);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      `error: unable to drain node "${node}" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\nThere are pending nodes to be drained:\n ${node}\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n`,
    );
    const drained = l.k(`drain ${node} --ignore-daemonsets --delete-emptydir-data --force`);
    // kubectl prints "evicting pod" on stdout (drain.Helper.Out), the warnings on stderr.
    expect(drained.stdout).toMatch(
      new RegExp(
        `^node/${node} already cordoned\\n(evicting pod default/\\S+\\npod/\\S+ evicted\\n)+node/${node} drained\\n$`,
      ),
    );
    expect(drained.stdout).toContain('evicting pod default/solo\n');
    expect(drained.stderr).toBe('Warning: deleting Pods that declare no controller: default/solo\n');
  });

  it('refuses DaemonSet pods and local storage with every reason, as kubectl aggregates them', () => {
    const l = lab();
    l.files['ds.yaml'] = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: agent, image: busybox, command: [sleep, "3600"]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cache
spec:
  replicas: 1
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      nodeSelector: {kubernetes.io/hostname: k8s-node1}
      containers:
      - {name: cache, image: nginx}
      volumes:
      - {name: scratch, emptyDir: {}}
`;
    l.k('apply -f ds.yaml');
    l.advance(20);
    const pods = l.k('get pods -o jsonpath=\'{range .items[?(@.spec.nodeName=="k8s-node1")]}{.metadata.name} {end}\'');
    const [agent, cache] = pods.stdout.trim().split(' ');
    const r = l.k('drain k8s-node1');
    const ds = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${agent}`;
    const local = `cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${cache}`;
    expect(r.stdout).toBe('node/k8s-node1 cordoned\n');
    expect(r.stderr).toBe(
      `error: unable to drain node "k8s-node1" due to error: [${ds}, ${local}], continuing command...\nThere are pending nodes to be drained:\n k8s-node1\n${ds}\n${local}\n`,
    );
    const ok = l.k('drain k8s-node1 --ignore-daemonsets --delete-emptydir-data');
    expect(ok.stderr).toBe(
      `Warning: ignoring DaemonSet-managed Pods: default/${agent}; deleting Pods with local storage: default/${cache}\n`,
    );
    expect(ok.stdout).toBe(
      `node/k8s-node1 already cordoned\nevicting pod default/${cache}\npod/${cache} evicted\nnode/k8s-node1 drained\n`,
    );
  });

  it('adds and removes taints', () => {
    const l = lab();
    expect(l.k('taint nodes k8s-node1 key=value:NoSchedule').stdout).toBe('node/k8s-node1 tainted\n');
    expect(l.k('taint nodes k8s-node1 key=value:NoSchedule').stderr).toBe(
      'error: node k8s-node1 already has key taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(l.k('describe node k8s-node1').stdout).toContain('Taints:             key=value:NoSchedule\n');
    expect(l.k('taint nodes k8s-node1 key-').stdout).toBe('node/k8s-node1 untainted\n');
    expect(l.k('taint nodes k8s-node1 key-').stderr).toBe('error: taint "key" not found\n');
  });

  it('shows metrics with trailing padding, as kubectl top does', () => {
    const l = chapterOne();
    const pods = l.k('top pods').stdout.split('\n');
    expect(pods[0]).toBe('NAME                               CPU(cores)   MEMORY(bytes)   ');
    expect(pods[1]).toMatch(/^nginx-deployment-cf4cd4db7-\w{5} {3}\dm {11}\d+Mi +$/);
    const nodes = l.k('top nodes').stdout.split('\n');
    expect(nodes[0]).toBe('NAME         CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(nodes[1]).toBe('k8s-master   80m          4%       900Mi           22%         ');
  });
});
