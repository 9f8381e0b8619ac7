/**
 * PodDisruptionBudgets as the docs' "Specifying a Disruption Budget" and
 * "Safely Drain a Node" pages show them: the disruption controller publishes
 * status; the eviction API spends disruptionsAllowed and answers 429 when none
 * is left; `kubectl drain` retries those every 5 s on the virtual clock until
 * replacements are Ready, or its --timeout runs out.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { Client } from '../../core/kubectl/client.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import type { StreamSink } from '../../core/kubectl/types.ts';
import { R } from '../../core/controllers/resources.ts';
import { TestCluster } from '../harness/testCluster.ts';

const DEPLOYMENT = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 2
`;

const PDB = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${budget}
  selector:
    matchLabels: {app: web}
`;

function running(replicas: number, budget: string): Lab {
  const l = lab();
  l.files['web.yaml'] = DEPLOYMENT(replicas);
  l.files['pdb.yaml'] = PDB(budget);
  l.k('apply -f web.yaml');
  l.k('apply -f pdb.yaml');
  l.advance(30);
  return l;
}

function evict(l: Lab, name: string) {
  return new Client(l.server, 'test').request('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
  });
}

const pdbStatus = (l: Lab) => JSON.parse(l.k('get pdb web-pdb -o json').stdout).status as Record<string, unknown>;

function sink() {
  const s = { stdout: '', stderr: '', code: undefined as number | undefined };
  const stream: StreamSink = {
    stdout: (t) => (s.stdout += t),
    stderr: (t) => (s.stderr += t),
    exit: (c) => (s.code = c),
  };
  return { s, stream };
}

describe('PodDisruptionBudget status', () => {
  it('minAvailable 2 of 3 Ready pods allows 1 disruption', () => {
    const l = running(3, 'minAvailable: 2');
    expect(l.k('get pdb').stdout).toBe(
      'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   2               N/A               1                     30s\n',
    );
    const st = pdbStatus(l);
    expect(st).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'True',
          observedGeneration: 1,
          lastTransitionTime: expect.stringMatching(/Z$/) as string,
          reason: 'SufficientPods',
          message: '',
        },
      ],
    });
  });

  it('maxUnavailable and percentages count against the Deployment scale', () => {
    const t = TestCluster.create().apply(DEPLOYMENT(4)).apply(PDB('maxUnavailable: "50%"')).advance(30);
    expect(t.get('pdb', 'web-pdb')?.status).toMatchObject({
      expectedPods: 4,
      desiredHealthy: 2,
      disruptionsAllowed: 2,
    });
    t.apply(PDB('minAvailable: "60%"'));
    t.advance(1);
    // ceil(0.6 * 4) = 3
    expect(t.get('pdb', 'web-pdb')?.status).toMatchObject({
      observedGeneration: 2,
      expectedPods: 4,
      desiredHealthy: 3,
      disruptionsAllowed: 1,
    });
    t.expectIdempotent('disruption-controller');
  });

  it('no matching pods: nothing allowed, InsufficientPods, NoPods event', () => {
    const t = TestCluster.create().apply(PDB('minAvailable: 1')).advance(1);
    const pdb = t.get('pdb', 'web-pdb') as KubeObject;
    expect(pdb.status).toMatchObject({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 1,
      expectedPods: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }],
    });
    expect(t.events(pdb)).toEqual(['NoPods: No matching pods found']);
    t.expectIdempotent('disruption-controller');
  });
});

describe('the eviction API', () => {
  it('spends the budget, then refuses with 429 and the budget arithmetic', () => {
    const l = running(3, 'minAvailable: 2');
    const [a, b] = l.cluster.api.list(R.pods, 'default').items;
    const first = evict(l, a!.metadata.name!);
    expect(first.ok).toBe(true);
    const spent = pdbStatus(l);
    expect(spent.disruptionsAllowed).toBe(0);
    expect(Object.keys(spent.disruptedPods as object)).toEqual([a!.metadata.name]);
    // The controller then sees the evicted pod terminating: not healthy, no longer in disruptedPods.
    l.advance(1);
    expect(pdbStatus(l)).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(pdbStatus(l).disruptedPods).toBeUndefined();
    const second = evict(l, b!.metadata.name!);
    expect(second.ok ? undefined : second.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently',
          },
        ],
      },
      code: 429,
    });
    // The evicted pod is replaced; once the new one is Ready the budget allows one again.
    l.advance(40);
    expect(pdbStatus(l)).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(pdbStatus(l).disruptedPods).toBeUndefined();
    expect(evict(l, b!.metadata.name!).ok).toBe(true);
  });
});

describe('the eviction API and pods the budget does not guard', () => {
  it('evicts a Pending pod at once, even with no disruption left', () => {
    const l = running(2, 'minAvailable: 2');
    l.files['stuck.yaml'] = `apiVersion: v1
kind: Pod
metadata:
  name: stuck
  labels: {app: web}
spec:
  nodeSelector: {disk: none}
  containers:
  - {name: nginx, image: nginx}
`;
    l.k('apply -f stuck.yaml');
    l.advance(1);
    expect(pdbStatus(l)).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, expectedPods: 3 });
    expect(evict(l, 'stuck').ok).toBe(true);
    expect(l.k('get pod stuck').stderr).toBe('Error from server (NotFound): pods "stuck" not found\n');
  });
});

describe('kubectl drain with a PodDisruptionBudget', () => {
  it('retries every 5 s until the replacement is Ready, then finishes', () => {
    const l = running(4, 'minAvailable: 3');
    const node = podsOn(l, 'k8s-node1').length >= 2 ? 'k8s-node1' : 'k8s-node2';
    const onNode = podsOn(l, node);
    expect(onNode).toHaveLength(2);
    const { s, stream } = sink();
    const r = l.k(`drain ${node} --ignore-daemonsets`, { stream });
    expect(r.pending).toBe(true);
    expect(r.stdout).toBe(
      `node/${node} cordoned\nevicting pod default/${onNode[0]}\nevicting pod default/${onNode[1]}\n`,
    );
    expect(r.stderr).toBe(
      `error when evicting pods/"${onNode[1]}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
    l.advance(90);
    expect(s.code).toBe(0);
    const lines = (r.stdout + s.stdout).split('\n').filter(Boolean);
    expect(lines.filter((x) => x === `evicting pod default/${onNode[1]}`).length).toBeGreaterThan(1);
    expect(lines.filter((x) => x.startsWith('pod/'))).toEqual(onNode.map((n) => `pod/${n} evicted`));
    expect(lines.at(-1)).toBe(`node/${node} drained`);
    expect(podsOn(l, node)).toEqual([]);
    expect(pdbStatus(l)).toMatchObject({ currentHealthy: 4, disruptionsAllowed: 1 });
  });

  it("stops at --timeout with kubectl's words when the budget never allows it", () => {
    const l = running(2, 'minAvailable: 2');
    const node = 'k8s-node1';
    const [pod] = podsOn(l, node);
    const { s, stream } = sink();
    const r = l.k(`drain ${node} --ignore-daemonsets --timeout=12s`, { stream });
    l.advance(30);
    const retry = `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    expect(r.stdout + s.stdout).toBe(
      `node/${node} cordoned\nevicting pod default/${pod}\nevicting pod default/${pod}\nevicting pod default/${pod}\nevicting pod default/${pod}\n`,
    );
    expect(r.stderr + s.stderr).toBe(
      retry.repeat(3) +
        `error: unable to drain node "${node}" due to error: error when evicting pods/"${pod}" -n "default": global timeout reached: 12s, continuing command...\nThere are pending nodes to be drained:\n ${node}\nerror when evicting pods/"${pod}" -n "default": global timeout reached: 12s\n`,
    );
    expect(s.code).toBe(1);
  });

  it('without a terminal stream, makes one pass and ends on the retry line', () => {
    const l = running(2, 'minAvailable: 2');
    const [pod] = podsOn(l, 'k8s-node1');
    const r = l.k('drain k8s-node1');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(`node/k8s-node1 cordoned\nevicting pod default/${pod}\n`);
    expect(r.stderr).toBe(
      `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
  });
});

function podsOn(l: Lab, node: string): string[] {
  return l
    .k(`get pods -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{"\\n"}{end}'`)
    .stdout.split('\n')
    .filter(Boolean);
}
