import { describe, expect, it } from 'vitest';
import { wrap } from './cmd/explain.ts';
import { ROOT_HELP } from './help.ts';
import { lab } from './testkit.ts';

describe('kubectl explain', () => {
  it('explains a field with its type, both descriptions and its fields', () => {
    expect(lab().k('explain deployment.spec.strategy').stdout).toBe(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n    The deployment strategy to use to replace existing pods with new ones.\n    DeploymentStrategy describes how to replace existing pods with new ones.\n    \nFIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    Rolling update config params. Present only if DeploymentStrategyType =\n    RollingUpdate.\n\n  type\t<string>\n    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is\n    RollingUpdate.\n\n\n',
    );
  });

  it('marks required fields and names types as the template guesses them', () => {
    const l = lab();
    const spec = l.k('explain deployment.spec').stdout;
    expect(spec).toContain('  selector\t<LabelSelector> -required-\n');
    expect(l.k('explain pod.spec.containers').stdout).toContain('FIELD: containers <[]Container>\n');
    expect(l.k('explain pod.metadata.creationTimestamp').stdout).toContain('FIELD: creationTimestamp <string>\n');
    expect(l.k('explain pod.spec.containers.resources').stdout).toContain('  limits\t<map[string]Quantity>\n');
  });

  it('fails like kubectl on unknown types and fields', () => {
    const l = lab();
    expect(l.k('explain foo')).toEqual({
      stdout: '',
      stderr: 'the server doesn\'t have a resource type "foo"\n',
      exitCode: 1,
    });
    expect(l.k('explain deploy.spec.nope')).toEqual({
      stdout: 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n',
      stderr: 'error: field "nope" does not exist\n',
      exitCode: 1,
    });
  });

  it('wraps like go-wordwrap: at most the limit, long words kept whole', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('see https://example.com/a/very/long/path ok', 10)).toBe(
      'see\nhttps://example.com/a/very/long/path\nok',
    );
  });
});

describe('kubectl server and client information', () => {
  it('lists API resources sorted by group then name', () => {
    const out = lab().k('api-resources').stdout.split('\n');
    expect(out[0]).toBe(
      'NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND',
    );
    expect(out[1]).toBe(
      'bindings                                         v1                                true         Binding',
    );
    expect(out.findIndex((l) => l.startsWith('deployments '))).toBeLessThan(
      out.findIndex((l) => l.startsWith('jobs ')),
    );
    expect(lab().k('api-resources --namespaced=false -o name').stdout.split('\n').slice(0, 2)).toEqual([
      'componentstatuses',
      'namespaces',
    ]);
  });

  it('prints versions, cluster-info and the one context', () => {
    const l = lab();
    expect(l.k('version').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n');
    expect(l.k('cluster-info').stdout).toBe(
      "Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    expect(l.k('config current-context').stdout).toBe('kubelab\n');
    const set = l.k('config set-context --current --namespace=dev');
    expect(set).toEqual({ stdout: 'Context "kubelab" modified.\n', stderr: '', exitCode: 0, namespace: 'dev' });
  });

  it('prints help, and cobra errors with suggestions for unknown commands', () => {
    const l = lab();
    expect(l.k([]).stdout).toBe(ROOT_HELP);
    expect(l.k('foo')).toEqual({
      stdout: '',
      stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
      exitCode: 1,
    });
    expect(l.k('xyzzy').stderr).toBe('error: unknown command "xyzzy" for "kubectl"\n');
    expect(l.k('-n kube-system get svc --no-headers').stdout).toMatch(/^kube-dns /);
  });
});
