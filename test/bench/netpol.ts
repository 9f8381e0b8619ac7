/**
 * netpol-matrix-500-ms: wall time for the full NetworkPolicy verdict matrix of 500 pods (every
 * pod to every pod, 250,000 cells) under 20 policies, on one port (80/TCP), as the UI's
 * connectivity matrix asks for it. Timed: `new PolicyEngine(...)` (compiling every policy and
 * selector) plus `engine.matrix(pods, pods, 80)`; building the plain pod and policy objects is
 * not. The pods spread over 10 namespaces with app/tier labels and named ports; the policies
 * mix default-deny, podSelector, namespaceSelector, ns+pod AND peers, ipBlock with except,
 * named ports and endPort ranges, ingress and egress. Three warm-up runs are excluded; the
 * figure is the median of the timed runs. Each run checks the allowed count is the same, and a
 * sample of cells against `verdict`, so a fast wrong answer fails loudly.
 */
import type { KubeObject } from '../../core/api/types.ts';
import { PolicyEngine } from '../../core/network/policy.ts';
import type { PodPeer } from '../../core/network/types.ts';
import { Rng } from '../../core/util/rng.ts';
import { list, median, round, timed } from './stats.ts';
import type { Figure } from './types.ts';

const PODS = 500;
const NAMESPACES = 10;
const RUNS = 9;
const WARMUP = 3;

const APPS = ['web', 'api', 'db', 'cache', 'worker'];

function namespaces(): KubeObject[] {
  return Array.from({ length: NAMESPACES }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: `ns-${i}`, labels: { team: `team-${i % 3}`, env: i % 2 ? 'prod' : 'dev' } },
  }));
}

function pods(rng: Rng): PodPeer[] {
  return Array.from({ length: PODS }, (_, i) => {
    const app = APPS[rng.int(APPS.length)] ?? 'web';
    return {
      kind: 'pod',
      namespace: `ns-${i % NAMESPACES}`,
      name: `${app}-${i}`,
      labels: { app, tier: rng.int(2) ? 'front' : 'back', 'pod-template-hash': `h${rng.int(50)}` },
      ip: `10.244.${i >> 8}.${i & 255}`,
      node: `node-${i % 20}`,
      ports: [
        { name: 'http', containerPort: 80 },
        { name: 'metrics', containerPort: 9090 },
      ],
    };
  });
}

const policy = (ns: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: ns },
  spec,
});

/** 20 policies over the 10 namespaces, every feature of the API represented. */
function policies(): KubeObject[] {
  const app = (a: string) => ({ matchLabels: { app: a } });
  const nsName = (n: number) => ({ matchLabels: { 'kubernetes.io/metadata.name': `ns-${n}` } });
  const out: KubeObject[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `ns-${n}`;
    if (n % 2 === 0) out.push(policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] }));
    else
      out.push(
        policy(ns, 'db-from-api', {
          podSelector: app('db'),
          ingress: [
            { from: [{ podSelector: app('api') }], ports: [{ port: 5432 }, { port: 'http' }] },
            { from: [{ namespaceSelector: { matchLabels: { team: 'team-1' } }, podSelector: app('worker') }] },
          ],
        }),
      );
    if (n % 2 === 0)
      out.push(
        policy(ns, 'web-open', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { podSelector: {} }] },
            { from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }], ports: [{ port: 'http' }] },
            { ports: [{ port: 30000, endPort: 32767 }] },
          ],
        }),
      );
    else
      out.push(
        policy(ns, 'egress-limits', {
          podSelector: { matchLabels: { tier: 'back' } },
          policyTypes: ['Egress'],
          egress: [
            { to: [{ namespaceSelector: nsName((n + 1) % NAMESPACES) }, { podSelector: app('cache') }] },
            {
              to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
              ports: [{ port: 53, protocol: 'UDP' }],
            },
            { to: [{ ipBlock: { cidr: '10.244.0.0/23' } }], ports: [{ port: 80 }] },
          ],
        }),
      );
  }
  return out;
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const rng = new Rng(7);
  const peers = pods(rng);
  const input = { policies: policies(), namespaces: namespaces() };
  if (input.policies.length !== 20) throw new Error(`netpol: ${input.policies.length} policies, expected 20`);
  const once = () => {
    let cells: Uint8Array = new Uint8Array(0);
    const t = timed(() => {
      cells = new PolicyEngine(input).matrix(peers, peers, 80).allowed;
    });
    return { ...t, allowed: cells.reduce((n, a) => n + a, 0) };
  };
  for (let i = 0; i < WARMUP; i++) log(`netpol: warm-up ${i + 1} (excluded) ${round(once().ms, 1)} ms`);
  checkSample(new PolicyEngine(input), peers, rng);
  const times: number[] = [];
  const cpu: number[] = [];
  let expected: number | undefined;
  for (let i = 0; i < RUNS; i++) {
    const r = once();
    if (expected !== undefined && r.allowed !== expected) throw new Error('netpol: the matrix changed between runs');
    expected = r.allowed;
    times.push(r.ms);
    cpu.push(r.cpuMs);
    log(`netpol: run ${i + 1}/${RUNS} ${round(r.ms, 1)} ms (cpu ${round(r.cpuMs, 1)} ms)`);
  }
  const cells = PODS * PODS;
  const note = `${PODS}×${PODS} cells, 20 policies, construction included; ${expected ?? 0} allowed (${round((100 * (expected ?? 0)) / cells, 0)}%); median of ${RUNS} runs after ${WARMUP} warm-ups: ${list(times, 1)}; process cpu median ${round(median(cpu), 1)} ms`;
  return [{ name: 'netpol-matrix-500-ms', value: round(median(times), 1), unit: 'ms', note }];
}

/** 2,000 random cells of the matrix against single verdicts. */
function checkSample(engine: PolicyEngine, peers: PodPeer[], rng: Rng): void {
  const m = engine.matrix(peers, peers, 80);
  for (let k = 0; k < 2_000; k++) {
    const i = rng.int(PODS);
    const j = rng.int(PODS);
    if (m.isAllowed(i, j) !== m.verdict(i, j).allowed)
      throw new Error(`netpol: matrix and verdict disagree at ${i},${j}`);
  }
}
