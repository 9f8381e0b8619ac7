import { describe, expect, it } from 'vitest';
import { throttledMs } from './kubectl.ts';
import { summarize } from './profileSummary.ts';
import { median, percentile } from './stats.ts';
import { TARGETS, meets } from './types.ts';

describe('bench statistics', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('uses nearest-rank percentiles: p99 of 1..100 is 99, p50 is 50', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
  });

  it('judges figures against the issue targets in the right direction', () => {
    expect(meets(13_600, TARGETS['sched-throughput']!)).toBe(true);
    expect(meets(13_599, TARGETS['sched-throughput']!)).toBe(false);
    expect(meets(5, TARGETS['api-write-p99-ms']!)).toBe(true);
    expect(meets(5.01, TARGETS['api-write-p99-ms']!)).toBe(false);
  });
});

describe('kubectl throttling', () => {
  it('sums the client-side waits kubectl logs at -v=6', () => {
    const log = [
      'I1122 request.go:683] "Waited before sending request" delay="78.5ms" reason="client-side throttling, not priority and fairness" verb="GET"',
      'I1122 round_trippers.go:632] "Response" verb="GET" status="200 OK" milliseconds=12',
      'I1122 request.go:683] "Waited before sending request" delay="1.5s" reason="client-side throttling, not priority and fairness" verb="GET"',
    ].join('\n');
    expect(throttledMs(log)).toBeCloseTo(1578.5);
    expect(throttledMs('')).toBe(0);
  });
});

describe('profile summary', () => {
  it('splits sampled time into self and inclusive shares per function', () => {
    const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('outer'), children: [3] },
        { id: 3, callFrame: frame('inner') },
      ],
      samples: [2, 3, 3, 3],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const s = summarize(profile, 5);
    expect(s.totalMs).toBe(4);
    expect(s.selfByFunction[0]).toEqual({ label: 'inner (inner)', percent: 75 });
    expect(s.totalByFunction.find((x) => x.label.startsWith('outer'))?.percent).toBe(100);
    expect(summarize(profile, 5, 'inner').totalMs).toBe(3);
  });
});
