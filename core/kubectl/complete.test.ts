import { beforeAll, describe, expect, it } from 'vitest';
import type { Completion } from './complete.ts';
import { completeKubectl, splitLine } from './complete.ts';
import type { Lab } from './testkit.ts';
import { chapterOne } from './testkit.ts';

describe('kubectl tab completion', () => {
  let l: Lab;
  const c = (line: string, namespace = 'default'): Completion => completeKubectl(line, { server: l.server, namespace });
  beforeAll(() => {
    l = chapterOne();
  });

  it('completes command words, with or without the leading kubectl', () => {
    expect(c('kubectl ge')).toEqual({ completions: ['get'], prefix: 'ge' });
    expect(c('k de').completions).toEqual(['delete', 'describe']);
    expect(c('ro').completions).toEqual(['rollout']);
    expect(c('kubectl ').completions).toContain('apply');
    expect(c('kubectl ').prefix).toBe('');
  });

  it('completes resource types by plural, singular and short name', () => {
    expect(c('kubectl get deplo').completions).toEqual(['deploy', 'deployment', 'deployments']);
    expect(c('kubectl get svc').completions).toEqual(['svc']);
    expect(c('kubectl describe po').completions).toEqual(
      expect.arrayContaining(['po', 'pod', 'pods', 'poddisruptionbudget']),
    );
    expect(c('kubectl get pods,deploy').completions).toEqual(['pods,deploy', 'pods,deployment', 'pods,deployments']);
  });

  it('completes object names of the chosen type in the namespace', () => {
    expect(c('kubectl get deploy ')).toEqual({ completions: ['nginx-deployment'], prefix: '' });
    const pods = c('kubectl delete pod nginx').completions;
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.startsWith('nginx-deployment-'))).toBe(true);
    expect(c('kubectl get deploy/ng').completions).toEqual(['deploy/nginx-deployment']);
    expect(c('kubectl get deploy -n kube-system ').completions).toEqual([]);
    expect(c('kubectl get deploy ', 'kube-system').completions).toEqual([]);
    expect(c('kubectl get deploy -A ').completions).toEqual(['nginx-deployment']);
  });

  it('completes nodes, namespaces, pods and containers where commands take them', () => {
    expect(c('kubectl cordon k8s-n').completions).toEqual(['k8s-node1', 'k8s-node2']);
    expect(c('kubectl get pods -n kube-').completions).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(c('kubectl get pods --namespace=kube-p').completions).toEqual(['--namespace=kube-public']);
    expect(c('kubectl logs ngi').completions).toHaveLength(3);
    const pod = c('kubectl logs ngi').completions[0] ?? '';
    expect(c(`kubectl logs ${pod} `).completions).toEqual(['nginx']);
    expect(c('kubectl top node ').completions).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
  });

  it('completes subcommands and what follows them', () => {
    expect(c('kubectl rollout st').completions).toEqual(['status']);
    expect(c('kubectl rollout status dep').completions).toEqual(['deployment']);
    expect(c('kubectl rollout status deployment ').completions).toEqual(['nginx-deployment']);
    expect(c('kubectl create se').completions).toEqual(['secret', 'service']);
    expect(c('kubectl create service n').completions).toEqual(['nodeport']);
    expect(c('kubectl config use-context ').completions).toEqual(['kubelab']);
  });

  it('completes flags of the command and values of -o and --dry-run', () => {
    expect(c('kubectl get --all').completions).toEqual(['--all-namespaces']);
    expect(c('kubectl get pods --sh').completions).toEqual(['--show-kind', '--show-labels']);
    expect(c('kubectl scale --rep').completions).toEqual(['--replicas']);
    expect(c('kubectl get pods -o ').completions).toEqual([
      'custom-columns=',
      'json',
      'jsonpath=',
      'name',
      'wide',
      'yaml',
    ]);
    expect(c('kubectl apply --dry-run=s').completions).toEqual(['--dry-run=server']);
    expect(c('kubectl get -').completions).toContain('-A');
    expect(c('kubectl -n kube-system get --all').completions).toEqual(['--all-namespaces']);
    expect(c('kubectl -n kube-system get deploy ').completions).toEqual([]);
    expect(c('kubectl --namespace default get deploy ').completions).toEqual(['nginx-deployment']);
  });

  it('offers nothing where nothing fits', () => {
    expect(c('kubectl frobnicate ').completions).toEqual([]);
    expect(c('kubectl get nosuchtype ').completions).toEqual([]);
    expect(c('kubectl apply -f ').completions).toEqual([]);
  });
});

describe('splitLine', () => {
  it('splits finished words and keeps the raw partial word', () => {
    expect(splitLine('get pods ')).toEqual({ words: ['get', 'pods'], prefix: '' });
    expect(splitLine('get "my pod" ng')).toEqual({ words: ['get', 'my pod'], prefix: 'ng' });
    expect(splitLine("label pod x a\\ b='c d' ")).toEqual({ words: ['label', 'pod', 'x', 'a b=c d'], prefix: '' });
  });
});
