import { describe, expect, it } from 'vitest';
import { chapterOne, lab } from './testkit.ts';

describe('kubectl get', () => {
  it('prints the server Table, wide columns only with -o wide', () => {
    const l = chapterOne();
    expect(l.k('get deploy').stdout).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   3/3     3            3           30s\n',
    );
    const wide = l.k('get pods -o wide').stdout.split('\n');
    expect(wide[0]).toBe(
      'NAME                               READY   STATUS    RESTARTS   AGE   IP           NODE        NOMINATED NODE   READINESS GATES',
    );
    expect(wide[1]).toMatch(
      /^nginx-deployment-cf4cd4db7-\w{5} {3}1\/1 {5}Running {3}0 {10}30s {3}10\.244\.\d\.\d {3}k8s-node\d {3}<none> {11}<none>$/,
    );
    expect(wide).toHaveLength(5);
  });

  it('prefixes kinds and separates tables when several types are asked for', () => {
    const out = chapterOne().k('get deploy,svc').stdout;
    expect(out).toBe(
      [
        'NAME                               READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/nginx-deployment   3/3     3            3           30s',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   30s',
        '',
      ].join('\n'),
    );
  });

  it('expands all, adds NAMESPACE with -A and labels with --show-labels and -L', () => {
    const l = chapterOne();
    const all = l.k('get all').stdout;
    expect(all).toContain('replicaset.apps/nginx-deployment-cf4cd4db7   3         3         3       30s');
    expect(all.split('\n\n')).toHaveLength(4);
    const labelled = l.k('get pods -A --show-labels').stdout.split('\n');
    expect(labelled[0]).toBe(
      'NAMESPACE   NAME                               READY   STATUS    RESTARTS   AGE   LABELS',
    );
    expect(labelled[1]).toMatch(/^default {5}nginx-deployment-.* {3}app=nginx,pod-template-hash=cf4cd4db7$/);
    expect(l.k('get pods -L app,foo').stdout.split('\n')[1]).toMatch(/30s {3}nginx {3}$/);
  });

  it('reports errors and empty results as kubectl does', () => {
    const l = chapterOne();
    expect(l.k('get pod nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect(l.k('get pods nope nope2').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "nope2" not found\n',
    );
    expect(l.k('get foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(l.k('get pods -n nons')).toEqual({
      stdout: '',
      stderr: 'No resources found in nons namespace.\n',
      exitCode: 0,
    });
    expect(l.k('get pods -l app=none', { namespace: 'dev' }).stderr).toBe('No resources found in dev namespace.\n');
    expect(l.k('get').stderr).toContain('error: Required resource not specified.');
  });

  it('prints objects as yaml, json, name, jsonpath and custom columns', () => {
    const l = chapterOne();
    const yaml = l.k('get deploy nginx-deployment -o yaml').stdout;
    expect(
      yaml.startsWith(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    deployment.kubernetes.io/revision: "1"\n    kubectl.kubernetes.io/last-applied-configuration: |\n',
      ),
    ).toBe(true);
    expect(yaml).toContain('  creationTimestamp: "2026-11-22T09:00:00Z"\n');
    expect(yaml).toContain('      containers:\n      - image: nginx:1.14.2\n');
    const json = JSON.parse(l.k('get deploy -o json').stdout) as { kind: string; items: { kind: string }[] };
    expect(json.kind).toBe('List');
    expect(json.items[0]?.kind).toBe('Deployment');
    expect(l.k('get deploy -o json').stdout).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"items": \[/);
    expect(l.k('get deploy nginx-deployment -o name').stdout).toBe('deployment.apps/nginx-deployment\n');
    expect(l.k("get deploy -o jsonpath='{.items[0].spec.template.spec.containers[0].image}'").stdout).toBe(
      'nginx:1.14.2',
    );
    expect(l.k('get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,X:.nope').stdout).toBe(
      'NAME         CPU   X\nk8s-master   2     <none>\nk8s-node1    2     <none>\nk8s-node2    2     <none>\n',
    );
  });

  it('sorts rows with --sort-by and hides headers with --no-headers', () => {
    const l = chapterOne();
    const names = l
      .k('get pods --no-headers --sort-by=.metadata.name')
      .stdout.trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toMatch(/^nginx-deployment-/);
    expect(l.k('get nodes --no-headers').stdout.startsWith('k8s-master')).toBe(true);
  });

  it('reads cluster-scoped kinds without a namespace', () => {
    const out = lab().k('get ns').stdout;
    expect(out).toBe(
      'NAME              STATUS   AGE\ndefault           Active   0s\nkube-node-lease   Active   0s\nkube-public       Active   0s\nkube-system       Active   0s\n',
    );
  });
});
