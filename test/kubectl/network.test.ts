/**
 * Issue 5's kinds with real kubectl 1.33: claims bound by the PV binder and the default
 * StorageClass (`get pvc,pv,sc`), an Ingress given its address by the lab's ingress
 * controller (`get`/`describe ingress`), and traffic from a pod through `kubectl exec`:
 * a Service by name, DNS, a NodePort on a node, the ingress by Host header, data on a
 * claim — then a default-deny NetworkPolicy that makes the same request time out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { advanceUntilDone, describeKubectl, parseTable, startKubeLab, succeeded as ok } from './harness.ts';
import type { KubeLab } from './harness.ts';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: httpd}
spec:
  replicas: 3
  selector: {matchLabels: {run: httpd}}
  template:
    metadata: {labels: {run: httpd}}
    spec:
      containers: [{name: httpd, image: httpd, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: httpd-svc}
spec:
  type: NodePort
  selector: {run: httpd}
  ports: [{port: 8080, targetPort: 80, nodePort: 30000}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: httpd.kubelab.local
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: httpd-svc, port: {number: 8080}}}}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  containers:
  - name: bb
    image: busybox
    command: [sleep, '3600']
    volumeMounts: [{name: d, mountPath: /data}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
`;

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

describeKubectl('1.33', 'storage and networking (issue 5)', () => {
  let lab: KubeLab;
  const k = (...args: string[]) => lab.kubectl('1.33', args);

  beforeAll(async () => {
    lab = await startKubeLab();
    ok(await k('apply', '-f', lab.writeFile('app.yaml', APP)));
    await lab.advance(70); // the ingress controller publishes its address on a 60 s tick
  });
  afterAll(() => lab?.stop());

  it('get pvc,pv,sc: the claim bound to a provisioned volume of the default class', async () => {
    const [pvc] = parseTable(ok(await k('get', 'pvc', 'data')));
    expect(pvc).toMatchObject({ NAME: 'data', STATUS: 'Bound', CAPACITY: '1Gi', 'ACCESS MODES': 'RWO' });
    expect(pvc?.STORAGECLASS).toBe('standard');
    const [pv] = parseTable(ok(await k('get', 'pv')));
    expect(pv).toMatchObject({ NAME: pvc?.VOLUME, 'RECLAIM POLICY': 'Delete', STATUS: 'Bound', CLAIM: 'default/data' });
    const classes = parseTable(ok(await k('get', 'sc')));
    expect(classes.map((c) => c.NAME)).toEqual(['local-path', 'standard (default)']);
    expect(classes[1]).toMatchObject({ VOLUMEBINDINGMODE: 'Immediate', ALLOWVOLUMEEXPANSION: 'true' });
  });

  it('get and describe ingress: the controller address and the backends by endpoint', async () => {
    const [ing] = parseTable(ok(await k('get', 'ingress', 'web')));
    expect(ing).toMatchObject({ CLASS: 'nginx', HOSTS: 'httpd.kubelab.local', ADDRESS: '192.168.56.200', PORTS: '80' });
    const described = ok(await k('describe', 'ingress', 'web'));
    expect(described).toMatch(/^Ingress Class:\s+nginx$/m);
    expect(described).toMatch(/^\s+\/\s+httpd-svc:8080 \((10\.244\.\d+\.\d+:80,?){3}\)$/m);
  });

  it('exec: a Service by name, DNS, a NodePort, the ingress by Host, and data on the claim', async () => {
    const page = '<html><body><h1>It works!</h1></body></html>\n';
    expect(ok(await k('exec', 'bb', '--', 'wget', '-qO-', 'httpd-svc:8080'))).toBe(page);
    const lookup = ok(await k('exec', 'bb', '--', 'nslookup', 'httpd-svc'));
    expect(lookup).toMatch(/^Server:\s+10\.96\.0\.10$/m);
    expect(lookup).toMatch(/^Name:\s+httpd-svc\.default\.svc\.cluster\.local$/m);
    expect(ok(await k('exec', 'bb', '--', 'wget', '-qO-', 'http://192.168.56.11:30000/'))).toBe(page);
    expect(
      ok(
        await k('exec', 'bb', '--', 'wget', '-qO-', '--header', 'Host: httpd.kubelab.local', 'http://192.168.56.200/'),
      ),
    ).toBe(page);
    expect(ok(await k('exec', 'bb', '--', 'sh', '-c', 'echo kept > /data/x; cat /data/x'))).toBe('kept\n');
  });

  it('a default-deny ingress policy drops the same request: wget times out', async () => {
    ok(await k('apply', '-f', lab.writeFile('deny.yaml', DENY)));
    expect(parseTable(ok(await k('get', 'netpol')))[0]).toMatchObject({
      NAME: 'default-deny-ingress',
      'POD-SELECTOR': '<none>',
    });
    const r = await advanceUntilDone(lab, k('exec', 'bb', '--', 'wget', '-qO-', '-T', '2', 'httpd-svc:8080'), 1, 20);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wget: download timed out');
  });
});
