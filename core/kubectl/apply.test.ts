import { describe, expect, it } from 'vitest';
import { lab, NGINX_DEPLOYMENT } from './testkit.ts';

const CHANGED = NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 2');

describe('kubectl apply / create -f / delete -f', () => {
  it('creates, then reports unchanged, then configured with a three-way patch', () => {
    const l = lab();
    expect(l.k('apply -f nginx-deployment.yaml')).toEqual({
      stdout: 'deployment.apps/nginx-deployment created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(l.k('apply -f nginx-deployment.yaml').stdout).toBe('deployment.apps/nginx-deployment unchanged\n');
    l.files['changed.yaml'] = CHANGED;
    expect(l.k('apply -f changed.yaml').stdout).toBe('deployment.apps/nginx-deployment configured\n');
    expect(l.k("get deploy nginx-deployment -o jsonpath='{.spec.replicas}'").stdout).toBe('2');
  });

  it('records the manifest as kubectl does in the last-applied annotation', () => {
    const l = lab();
    l.k('apply -f nginx-deployment.yaml');
    const annotation = l.k(
      "get deploy nginx-deployment -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
    ).stdout;
    expect(annotation).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-deployment","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    );
  });

  it('reads stdin with -f -, honours dry runs, and names files in errors', () => {
    const l = lab();
    expect(l.k('apply -f - --dry-run=client', { stdin: NGINX_DEPLOYMENT }).stdout).toBe(
      'deployment.apps/nginx-deployment created (dry run)\n',
    );
    expect(l.k('apply -f - --dry-run=server', { stdin: NGINX_DEPLOYMENT }).stdout).toBe(
      'deployment.apps/nginx-deployment created (server dry run)\n',
    );
    expect(l.k('get deploy').stderr).toBe('No resources found in default namespace.\n');
    expect(l.k('apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
    l.files['bad.yaml'] = 'kind: [';
    expect(l.k('apply -f bad.yaml').stderr).toMatch(
      /^error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: /,
    );
    l.files['ns.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: nowhere\n';
    expect(l.k('apply -f ns.yaml').stderr).toBe(
      'Error from server (NotFound): error when creating "ns.yaml": namespaces "nowhere" not found\n',
    );
  });

  it('prints Invalid errors from the details, as kubectl does', () => {
    const l = lab();
    l.files['bad-deploy.yaml'] = NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: -1');
    const r = l.k('apply -f bad-deploy.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^The Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n$/,
    );
  });

  it('create -f fails on a second run; delete -f removes what the file names', () => {
    const l = lab();
    expect(l.k('create -f nginx-deployment.yaml').stdout).toBe('deployment.apps/nginx-deployment created\n');
    expect(l.k('create -f nginx-deployment.yaml')).toEqual({
      stdout: '',
      stderr:
        'Error from server (AlreadyExists): error when creating "nginx-deployment.yaml": deployments.apps "nginx-deployment" already exists\n',
      exitCode: 1,
    });
    expect(l.k('delete -f nginx-deployment.yaml').stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    expect(l.k('get deploy nginx-deployment').exitCode).toBe(1);
  });
});
