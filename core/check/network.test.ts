import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../test/harness/testCluster.ts';
import { ClusterReader } from './reader.ts';

const APP = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: httpd, image: httpd, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  containers: [{name: c, image: busybox, command: [sleep, '3600']}]
`;

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

describe('ClusterReader: what lesson checks see of the network', () => {
  it('lists policies, asks the policy engine and makes requests the way a pod would', () => {
    const t = TestCluster.create().apply(APP).advance(30);
    const r = new ClusterReader(t.cluster);
    const client = r.pod('default', 'client')!;
    const web = r.pod('default', 'web')!;
    expect(r.verdict(client, web, 80).allowed).toBe(true);
    const ip = (web.status as { podIP: string }).podIP;
    expect(r.request(client, `http://${ip}/`)).toMatchObject({ kind: 'response', status: 200 });

    t.apply(DENY);
    expect(r.networkPolicies('default').map((p) => p.metadata.name)).toEqual(['default-deny-ingress']);
    const v = r.verdict(client, web, 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.policies).toEqual(['default/default-deny-ingress']);
    expect(r.request(client, `http://${ip}/`).kind).toBe('timeout');
    expect(r.namespace('default')?.metadata.name).toBe('default');
  });
});
