import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import { eventsAbout, eventTimeMs, humanDuration, namespacesOf, timelineRows, toRow } from './timeline.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function event(name: string, s: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default', uid: name },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/web-1 to k8s-node1',
    type: 'Normal',
    count: 1,
    lastTimestamp: at(s),
    ...extra,
  };
}

const all = { text: '', warningsOnly: false, namespace: '' };

describe('timeline rows', () => {
  it('reads type, reason, object, message, count and the involved object', () => {
    expect(toRow(event('a', 5))).toEqual({
      key: 'a',
      timeMs: T0 + 5000,
      type: 'Normal',
      reason: 'Scheduled',
      object: 'pod/web-1',
      namespace: 'default',
      message: 'Successfully assigned default/web-1 to k8s-node1',
      count: 1,
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' },
    });
  });

  it('takes the time from lastTimestamp, else the series, eventTime or creation', () => {
    expect(eventTimeMs(event('a', 1, { lastTimestamp: null, eventTime: at(7) }))).toBe(T0 + 7000);
    expect(eventTimeMs(event('a', 1, { lastTimestamp: null, series: { lastObservedTime: at(9), count: 3 } }))).toBe(
      T0 + 9000,
    );
    const bare = event('a', 1, { lastTimestamp: undefined });
    bare.metadata.creationTimestamp = at(3);
    expect(eventTimeMs(bare)).toBe(T0 + 3000);
  });

  it('reads events.k8s.io events (regarding, note)', () => {
    const ev: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'x', namespace: 'default' },
      regarding: { kind: 'Node', name: 'k8s-node1' },
      note: 'Node k8s-node1 status is now: NodeNotReady',
      reason: 'NodeNotReady',
      eventTime: at(2),
    };
    const row = toRow(ev);
    expect([row.object, row.message, row.ref]).toEqual([
      'node/k8s-node1',
      'Node k8s-node1 status is now: NodeNotReady',
      { apiVersion: 'v1', kind: 'Node', name: 'k8s-node1' },
    ]);
  });

  it('sorts oldest first and filters by text, Warning and namespace', () => {
    const events = [
      event('c', 30, { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container' }),
      event('a', 10),
      event('b', 20, { metadata: { name: 'b', namespace: 'kube-system', uid: 'b' }, reason: 'Pulled' }),
    ];
    expect(timelineRows(events, all).map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(timelineRows(events, { ...all, warningsOnly: true }).map((r) => r.key)).toEqual(['c']);
    expect(timelineRows(events, { ...all, namespace: 'kube-system' }).map((r) => r.key)).toEqual(['b']);
    expect(timelineRows(events, { ...all, text: 'back-OFF' }).map((r) => r.key)).toEqual(['c']);
    expect(timelineRows(events, { ...all, text: 'pod/web' })).toHaveLength(3);
    expect(namespacesOf(events)).toEqual(['default', 'kube-system']);
  });

  it('finds the events about one object', () => {
    const other = event('o', 1, { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-2' } });
    const rows = eventsAbout([event('b', 2), other, event('a', 1)], {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      name: 'web-1',
    });
    expect(rows.map((r) => r.key)).toEqual(['a', 'b']);
  });
});

describe('humanDuration (as kubectl prints ages)', () => {
  it.each([
    [-5, '0s'],
    [0, '0s'],
    [119, '119s'],
    [120, '2m'],
    [200, '3m20s'],
    [600, '10m'],
    [3 * 3600 - 1, '179m'],
    [3 * 3600, '3h'],
    [5 * 3600 + 180, '5h3m'],
    [47 * 3600, '47h'],
    [52 * 3600, '2d4h'],
    [40 * 86400, '40d'],
    [(2 * 365 + 30) * 86400, '2y30d'],
  ])('%i s → %s', (s, text) => expect(humanDuration(s * 1000)).toBe(text));
});
