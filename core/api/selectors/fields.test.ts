import { describe, expect, it } from 'vitest';
import { compileFieldSelector, fieldSelectorString, parseFieldSelector } from './index.ts';

const pod = {
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-a', restartPolicy: 'Always' },
  status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] },
};

function matcher(selector: string, kind: string) {
  const r = compileFieldSelector(selector, kind);
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

describe('field selectors', () => {
  it('parses =, ==, != and escapes', () => {
    const r = parseFieldSelector('b==2,a=x\\,y\\=z,c!=3');
    expect(r.ok && r.requirements).toEqual([
      { field: 'a', operator: '=', value: 'x,y=z' },
      { field: 'b', operator: '=', value: '2' },
      { field: 'c', operator: '!=', value: '3' },
    ]);
    expect(r.ok && fieldSelectorString(r.requirements)).toBe('a=x\\,y\\=z,b=2,c!=3');
  });

  it('reports parse errors in upstream words', () => {
    const e = (s: string) => {
      const r = parseFieldSelector(s);
      return r.ok ? undefined : r.error;
    };
    expect(e('abc')).toBe("invalid selector: 'abc'; can't understand 'abc'");
    expect(e('a=b=c')).toBe('invalid field selector: unescaped character in value: 61');
    expect(e('a=b\\x')).toBe('invalid field selector: invalid escape sequence: \\x');
  });

  it('matches pods by their selectable fields', () => {
    expect(matcher('spec.nodeName=node-a,status.phase!=Pending', 'Pod')(pod)).toBe(true);
    expect(matcher('status.podIP=10.0.0.5', 'Pod')(pod)).toBe(true);
    expect(matcher('spec.hostNetwork=false', 'Pod')(pod)).toBe(true);
    expect(matcher('spec.host=node-b', 'Pod')(pod)).toBe(false);
    expect(matcher('metadata.namespace=default,metadata.name=web-1', 'Deployment')(pod)).toBe(true);
    expect(matcher('', 'Pod')(pod)).toBe(true);
  });

  it('matches events, nodes, jobs and secrets', () => {
    const ev = {
      involvedObject: { kind: 'Pod', name: 'web-1' },
      reason: 'Pulled',
      source: { component: 'kubelet' },
      type: 'Normal',
    };
    expect(matcher('involvedObject.kind=Pod,involvedObject.name=web-1,source=kubelet,type=Normal', 'Event')(ev)).toBe(
      true,
    );
    expect(matcher('spec.unschedulable=true', 'Node')({ spec: { unschedulable: true } })).toBe(true);
    expect(matcher('spec.unschedulable=false', 'Node')({ spec: {} })).toBe(true);
    expect(matcher('status.successful=1', 'Job')({ status: { succeeded: 1 } })).toBe(true);
    expect(matcher('type=kubernetes.io/tls', 'Secret')({ type: 'kubernetes.io/tls' })).toBe(true);
  });

  it("rejects unsupported labels with a 400 in the kind's words", () => {
    const pods = compileFieldSelector('spec.foo=1', 'Pod');
    expect(pods.ok ? undefined : pods.status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });
    const deploys = compileFieldSelector('spec.replicas=1', 'Deployment');
    expect(deploys.ok ? undefined : deploys.status.message).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    const nodes = compileFieldSelector('metadata.namespace=x', 'Node');
    expect(nodes.ok ? undefined : nodes.status.message).toBe('field label not supported: metadata.namespace');
  });
});
