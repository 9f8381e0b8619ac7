/**
 * Real kubectl drain (1.33) against the lab's API server with a
 * PodDisruptionBudget: the eviction API answers 429 while the budget has no
 * disruption left, kubectl retries (5 s of its own wall time) and finishes
 * once the replacement pod is Ready elsewhere.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { advanceUntilDone, describeKubectl, parseTable, startKubeLab, succeeded } from './harness.ts';
import type { KubeLab } from './harness.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 3
  selector:
    matchLabels: {app: web}
`;

describeKubectl('1.33', 'drain with a PodDisruptionBudget', () => {
  let lab: KubeLab;
  const k = (...args: string[]) => lab.kubectl('1.33', args);

  beforeAll(async () => {
    lab = await startKubeLab();
    succeeded(await k('apply', '-f', lab.writeFile('web.yaml', WEB)));
    await lab.advance(30);
  });
  afterAll(() => lab?.stop());

  it('shows the budget', async () => {
    const [row] = parseTable(succeeded(await k('get', 'pdb')));
    expect(row).toMatchObject({
      NAME: 'web-pdb',
      'MIN AVAILABLE': '3',
      'MAX UNAVAILABLE': 'N/A',
      'ALLOWED DISRUPTIONS': '1',
    });
  });

  it('evicts one pod at a time, retrying the 429 until the budget allows the next', async () => {
    const pods = parseTable(succeeded(await k('get', 'pods', '-o', 'wide')));
    const count = (n: string) => pods.filter((p) => p.NODE === n).length;
    const node = count('k8s-node1') >= 2 ? 'k8s-node1' : 'k8s-node2';
    const onNode = pods.filter((p) => p.NODE === node).map((p) => p.NAME!);
    expect(onNode).toHaveLength(2);
    const r = await advanceUntilDone(lab, k('drain', node, '--ignore-daemonsets', '--timeout=60s'), 2, 200);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter(Boolean);
    expect(out[0]).toBe(`node/${node} cordoned`);
    expect(out.at(-1)).toBe(`node/${node} drained`);
    expect(out.filter((l) => l.startsWith('pod/')).sort()).toEqual(onNode.map((n) => `pod/${n} evicted`).sort());
    expect(r.stderr).toMatch(
      /error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/,
    );
    const after = parseTable(succeeded(await k('get', 'pods', '-o', 'wide')));
    expect(after.filter((p) => p.NODE === node)).toEqual([]);
  });
});
