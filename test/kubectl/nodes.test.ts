/**
 * Node maintenance and failure with real kubectl (1.33, 1.30, 1.27): drain
 * moves pods off a node through the eviction API; a failed node turns
 * NotReady after the node-monitor grace period and its pods are replaced
 * once their 300 s unreachable toleration runs out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  NGINX_DEPLOYMENT,
  advanceUntilDone,
  describeKubectl,
  parseTable,
  startKubeLab,
  succeeded,
  validateFlags,
} from './harness.ts';
import type { KubeLab } from './harness.ts';

const SIX_REPLICAS = NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 6');

for (const version of ['1.33', '1.30', '1.27'] as const) {
  describeKubectl(version, 'node drain and node failure', () => {
    let lab: KubeLab;
    const k = (...args: string[]) => lab.kubectl(version, args);
    const validate = validateFlags(version);
    const ok = succeeded;
    const pods = async () => parseTable(ok(await k('get', 'pods', '-o', 'wide')));
    const node = async (name: string) => parseTable(ok(await k('get', 'node', name)))[0]!;

    beforeAll(async () => {
      lab = await startKubeLab();
      ok(await k('apply', ...validate, '-f', lab.writeFile('nginx.yaml', SIX_REPLICAS)));
      await lab.advance(30);
    });
    afterAll(() => lab?.stop());

    it('spreads the 6 replicas over both workers', async () => {
      const rows = await pods();
      expect(rows.filter((r) => r.STATUS === 'Running')).toHaveLength(6);
      expect(new Set(rows.map((r) => r.NODE))).toEqual(new Set(['k8s-node1', 'k8s-node2']));
    });

    it('drains k8s-node2: cordons it and evicts its pods, which come back on k8s-node1', async () => {
      const onNode2 = (await pods()).filter((r) => r.NODE === 'k8s-node2').map((r) => r.NAME!);
      expect(onNode2.length).toBeGreaterThan(0);
      // drain waits until the evicted pods are gone, which takes their grace period in virtual time.
      const r = await advanceUntilDone(lab, k('drain', 'k8s-node2', '--ignore-daemonsets'), 5, 30);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n').filter(Boolean);
      expect(lines[0]).toBe('node/k8s-node2 cordoned');
      expect(lines.at(-1)).toBe('node/k8s-node2 drained');
      expect(lines.filter((l) => l.startsWith('pod/')).sort()).toEqual(onNode2.map((n) => `pod/${n} evicted`).sort());
      expect((await node('k8s-node2')).STATUS).toBe('Ready,SchedulingDisabled');
      await lab.advance(30);
      const rows = await pods();
      expect(rows.filter((row) => row.STATUS === 'Running' && row.NODE === 'k8s-node1')).toHaveLength(6);
      expect(ok(await k('uncordon', 'k8s-node2'))).toBe('node/k8s-node2 uncordoned\n');
      expect((await node('k8s-node2')).STATUS).toBe('Ready');
    });

    it('a failed node goes NotReady, gets the unreachable taints, and its pods are replaced after 300 s', async () => {
      // Put pods back on k8s-node2: scale down to 3, then up to 6 so the new ones spread to the empty node.
      ok(await k('scale', 'deployment/nginx-deployment', '--replicas=3'));
      await lab.advance(40);
      ok(await k('scale', 'deployment/nginx-deployment', '--replicas=6'));
      await lab.advance(30);
      const onNode2 = (await pods()).filter((r) => r.NODE === 'k8s-node2').map((r) => r.NAME!);
      expect(onNode2.length).toBeGreaterThan(0);

      await lab.fault({ component: 'node', node: 'k8s-node2', action: 'fail' });
      // node-monitor-grace-period (50 s since v1.32; 40 s before) after the last lease renewal (every 10 s), checked every 5 s.
      await lab.advance(60);
      expect((await node('k8s-node2')).STATUS).toBe('NotReady');
      const taints = ok(
        await k('get', 'node', 'k8s-node2', '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect}{"\\n"}{end}'),
      );
      expect(taints.split('\n').filter(Boolean).sort()).toEqual([
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/unreachable:NoSchedule',
      ]);
      const ready = ok(
        await k(
          'get',
          'node',
          'k8s-node2',
          '-o',
          'jsonpath={.status.conditions[?(@.type=="Ready")].status}/{.status.conditions[?(@.type=="Ready")].reason}',
        ),
      );
      expect(ready).toBe('Unknown/NodeStatusUnknown');
      // Pods stay bound (and shown Running) until tolerationSeconds=300 of node.kubernetes.io/unreachable runs out.
      expect((await pods()).filter((r) => r.NODE === 'k8s-node2' && r.STATUS === 'Running').map((r) => r.NAME)).toEqual(
        onNode2,
      );

      await lab.advance(300);
      const rows = await pods();
      // The old pods stay Terminating: the dead kubelet never confirms their deletion.
      for (const name of onNode2) expect(rows.find((r) => r.NAME === name)?.STATUS).toBe('Terminating');
      const live = rows.filter((r) => r.STATUS === 'Running');
      expect(live).toHaveLength(6);
      expect(live.every((r) => r.NODE === 'k8s-node1')).toBe(true);
      expect(ok(await k('get', 'events', '--field-selector', 'reason=TaintManagerEviction'))).toMatch(
        /Normal\s+TaintManagerEviction\s+pod\/nginx-deployment-\S+\s+Marking for deletion Pod default\/nginx-deployment-/,
      );
    });
  });
}
