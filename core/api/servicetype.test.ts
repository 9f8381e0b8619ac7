import { describe, expect, it } from 'vitest';
import { startLab, table } from '../../test/harness/lab.ts';

const svc = (type: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ${type}
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80${extra}
`;

describe('a Service changing type (dropTypeDependentFields)', () => {
  it('kubectl apply turns a LoadBalancer back into a ClusterIP, dropping the defaulted leftovers', () => {
    const l = startLab(svc('LoadBalancer'), 'svc.yaml');
    const lb = JSON.parse(l.k('get svc web -o json').stdout) as { spec: Record<string, unknown> };
    const nodePort = (lb.spec['ports'] as { nodePort: number }[])[0]!.nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    l.files['svc.yaml'] = svc('ClusterIP');
    const r = l.k('apply -f svc.yaml');
    expect(r.stderr).toBe('');
    const spec = (JSON.parse(l.k('get svc web -o json').stdout) as { spec: Record<string, unknown> }).spec;
    expect(spec['clusterIP']).toBe(lb.spec['clusterIP']);
    expect(spec['externalTrafficPolicy']).toBeUndefined();
    expect(spec['allocateLoadBalancerNodePorts']).toBeUndefined();
    expect((spec['ports'] as { nodePort?: number }[])[0]!.nodePort).toBeUndefined();
    // The freed node port can be asked for by another Service.
    l.files['other.yaml'] = svc('NodePort', `\n    nodePort: ${nodePort}`).replace('name: web', 'name: other');
    expect(l.k('apply -f other.yaml').stderr).toBe('');
  });

  it('keeps a field the client set anew, so validation still speaks', () => {
    const l = startLab(svc('NodePort'), 'svc.yaml');
    l.files['svc.yaml'] = svc('ClusterIP') + '  externalTrafficPolicy: Local\n';
    expect(l.k('apply -f svc.yaml').stderr).toContain(
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    );
  });

  it('ClusterIP → ExternalName drops the address; back to ClusterIP allocates a new one', () => {
    const l = startLab(svc('ClusterIP'), 'svc.yaml');
    l.files['svc.yaml'] = svc('ExternalName') + '  externalName: example.com\n';
    expect(l.k('apply -f svc.yaml').stderr).toBe('');
    expect(table(l, 'get svc web')[0]?.['CLUSTER-IP']).toBe('<none>');
    l.files['svc.yaml'] = svc('ClusterIP');
    expect(l.k('apply -f svc.yaml').stderr).toBe('');
    expect(table(l, 'get svc web')[0]?.['CLUSTER-IP']).toMatch(/^10\.9[6-9]|^10\.1[01]\d/);
  });
});
