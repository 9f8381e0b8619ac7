import { describe, expect, it } from 'vitest';
import { parseRequest } from './validate.ts';

describe('parseRequest', () => {
  it('accepts well-formed requests', () => {
    expect(parseRequest({ id: 1, type: 'apply', yaml: 'kind: Pod', dryRun: true }).ok).toBe(true);
    expect(
      parseRequest({ id: 2, type: 'fault', fault: { component: 'node', action: 'fail', node: 'k8s-node2' } }).ok,
    ).toBe(true);
    expect(parseRequest({ id: 3, type: 'clock', action: 'play', speed: 60 }).ok).toBe(true);
    const load = { component: 'service', action: 'load', namespace: 'default', name: 'php-apache', cpuMillis: 1000 };
    expect(parseRequest({ id: 4, type: 'fault', fault: load }).ok).toBe(true);
    expect(parseRequest({ id: 5, type: 'fault', fault: { component: 'node', action: 'add' } }).ok).toBe(true);
  });

  it.each([
    [{ type: 'hello' }, 'a request needs a numeric id'],
    [{ id: 1, type: 'rm -rf' }, 'unknown request type "rm -rf"'],
    [{ id: 1, type: 'apply', yaml: 42 }, 'apply: invalid field "yaml"'],
    [{ id: 1, type: 'kubectl', argv: ['get', 1] }, 'kubectl: invalid field "argv"'],
    [{ id: 1, type: 'fault', fault: { component: 'node', action: 'stop', node: 'x' } }, 'fault: invalid field "fault"'],
    [
      {
        id: 1,
        type: 'fault',
        fault: { component: 'service', action: 'load', namespace: 'default', name: 'x', cpuMillis: -5 },
      },
      'fault: invalid field "fault"',
    ],
    [
      { id: 1, type: 'fault', fault: { component: 'service', action: 'load', namespace: 'default', cpuMillis: 5 } },
      'fault: invalid field "fault"',
    ],
    [{ id: 1, type: 'clock', action: 'play', speed: 1e9 }, 'clock: invalid field "speed"'],
    [{ id: 1, type: 'saveWorkspace', workspace: { tabs: [{ id: 'a' }] } }, 'saveWorkspace: invalid field "workspace"'],
  ])('refuses %j with a BadRequest Status', (raw, message) => {
    const r = parseRequest(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status.reason).toBe('BadRequest');
      expect(r.status.message).toBe(message);
    }
  });
});
