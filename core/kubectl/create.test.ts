import { describe, expect, it } from 'vitest';
import { lab } from './testkit.ts';

describe('kubectl create <generator> and run', () => {
  it('creates what each generator builds', () => {
    const l = lab();
    const lines = [
      'create deployment web --image=nginx --replicas=2',
      'create namespace dev',
      'create configmap cfg --from-literal=a=1 --from-literal=b=2',
      'create secret generic s1 --from-literal=pw=x',
      'create service clusterip web --tcp=80:8080',
      'create service nodeport np --tcp=80:8080',
      'create job j1 --image=busybox -- echo hi',
      "create cronjob cj --image=busybox --schedule='*/1 * * * *' -- echo hi",
    ];
    expect(lines.map((line) => l.k(line).stdout).join('')).toBe(
      'deployment.apps/web created\nnamespace/dev created\nconfigmap/cfg created\nsecret/s1 created\nservice/web created\nservice/np created\njob.batch/j1 created\ncronjob.batch/cj created\n',
    );
    expect(l.k("get secret s1 -o jsonpath='{.data.pw}'").stdout).toBe('eA==');
    expect(l.k('get svc web').stdout).toMatch(
      /^NAME {3}TYPE {8}CLUSTER-IP .*\nweb {4}ClusterIP {3}10\.\d+\.\d+\.\d+ +<none> {8}80\/TCP {4}0s\n$/,
    );
    expect(l.k("get job j1 -o jsonpath='{.spec.template.spec.containers[0].command}'").stdout).toBe('["echo","hi"]');
  });

  it('words failures like each generator', () => {
    const l = lab();
    l.k('create deployment web --image=nginx');
    expect(l.k('create deployment web --image=nginx').stderr).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists\n',
    );
    expect(l.k('create deployment x').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(l.k('create namespace default').stderr).toBe(
      'Error from server (AlreadyExists): namespaces "default" already exists\n',
    );
  });

  it('prints the object without sending it with --dry-run=client -o yaml', () => {
    const l = lab();
    expect(l.k('create deployment y --image=nginx:1.25 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: "y"\n  name: "y"\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: "y"\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: "y"\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: nginx\n        resources: {}\nstatus: {}\n',
    );
    expect(l.k('run x --image=nginx --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: x\n  name: x\nspec:\n  containers:\n  - image: nginx\n    name: x\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(l.k('get deploy,pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('runs a pod with args after --, labelled run=NAME', () => {
    const l = lab();
    expect(l.k('run bb --image=busybox --restart=Never -- sleep 10').stdout).toBe('pod/bb created\n');
    expect(
      l.k("get pod bb -o jsonpath='{.metadata.labels.run} {.spec.containers[0].args} {.spec.restartPolicy}'").stdout,
    ).toBe('bb ["sleep","10"] Never');
    expect(l.k('run r').stderr).toBe('error: required flag(s) "image" not set\n');
  });

  it('exposes a deployment through its selector', () => {
    const l = lab();
    l.k('create deployment web --image=nginx');
    expect(l.k('expose deployment web --port=80 --target-port=8080 --name=web2').stdout).toBe('service/web2 exposed\n');
    expect(l.k("get svc web2 -o jsonpath='{.spec.selector} {.spec.ports[0].targetPort}'").stdout).toBe(
      '{"app":"web"} 8080',
    );
    expect(l.k('expose deployment web').stderr).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
  });
});
