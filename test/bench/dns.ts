/**
 * dns-lookup-us: microseconds per name lookup in a 1,000-Service cluster, as a
 * pod's wget or nslookup asks it: through `network.forPod(pod).resolve`, so the
 * search path (ndots:5), the NetworkPolicy check of the pod's DNS egress and the
 * cache lookups all count. The names mix the short form (`svc-42`, first search
 * domain), another namespace (`svc-42.ns-3`, second candidate) and the full
 * name (`svc-42.ns-3.svc.cluster.local`, three misses before the absolute name),
 * plus headless Services answered from their EndpointSlices. One warm-up pass is
 * excluded; the figure is the median of the timed passes.
 */
import type { KubeObject } from '../../core/api/types.ts';
import { Cluster } from '../../core/cluster/cluster.ts';
import { R } from '../../core/controllers/resources.ts';
import { list, median, round } from './stats.ts';
import type { Figure } from './types.ts';

const SERVICES = 1_000;
const NAMESPACES = 10;
const LOOKUPS = 20_000;
const RUNS = 5;
const ACTOR = { component: 'bench', reason: 'dns bench' };

function buildCluster(): Cluster {
  const cluster = new Cluster({ seed: 1 });
  for (let n = 0; n < NAMESPACES; n++)
    cluster.api.create(
      R.namespaces,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } },
      { actor: ACTOR },
    );
  for (let i = 0; i < SERVICES; i++) {
    const headless = i % 10 === 0;
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: `ns-${i % NAMESPACES}` },
      spec: {
        ...(headless ? { clusterIP: 'None' } : {}),
        selector: { app: `a-${i}` },
        ports: [{ name: 'http', port: 80 }],
      },
    };
    const r = cluster.api.create(R.services, svc, { actor: ACTOR });
    if (!r.ok) throw new Error(r.status.message);
  }
  cluster.api.create(
    R.pods,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client', namespace: 'ns-0' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
    },
    { actor: ACTOR },
  );
  cluster.advance(10);
  return cluster;
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const cluster = buildCluster();
  const pod = cluster.api.store.get('/pods', 'ns-0', 'client');
  if (!pod) throw new Error('dns: no client pod');
  const net = cluster.network.forPod(pod);
  const names: string[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const s = (i * 7919) % SERVICES;
    const ns = `ns-${s % NAMESPACES}`;
    names.push([`svc-${s}`, `svc-${s}.${ns}`, `svc-${s}.${ns}.svc.cluster.local`][i % 3]!);
  }
  const pass = (): { us: number; found: number } => {
    let found = 0;
    const t0 = performance.now();
    for (const n of names) if (net.resolve(n).rcode === 'NOERROR') found++;
    return { us: ((performance.now() - t0) * 1000) / names.length, found };
  };
  const warm = pass();
  log(`dns: warm-up (excluded) ${round(warm.us, 2)} µs/lookup, ${warm.found}/${names.length} found`);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = pass();
    samples.push(r.us);
    log(`dns: run ${i + 1}/${RUNS} ${round(r.us, 2)} µs/lookup`);
  }
  const note = `${SERVICES} Services in ${NAMESPACES} namespaces (1 in 10 headless), ${LOOKUPS} lookups from a pod per run (short, namespaced and full names; search path and DNS egress policy check included), median of ${RUNS} runs after 1 warm-up: ${list(samples, 2)} µs`;
  return [{ name: 'dns-lookup-us', value: round(median(samples), 2), unit: 'µs', note }];
}
