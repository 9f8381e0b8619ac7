/**
 * probes-1k-pods-ms: wall time to fast-forward one virtual hour of 1,000 pods
 * whose containers each have a liveness and a readiness probe every 10 s:
 * 500 nginx pods probed with httpGet `/`, 500 busybox pods probed with exec
 * `cat /tmp/healthy` (a file the container wrote), on 10 nodes. That is 720,000
 * probe runs (360,000 exec'd commands). Everything runs: the prober workers,
 * kubelets, status writes, controllers. Timed: one `cluster.advance(3600)` call
 * after every pod is Ready; cluster construction, apply and convergence are
 * not. One warm-up (100 pods, 10 virtual minutes) is excluded; the figure is
 * the median of the timed runs. Each run checks that every pod is still Ready
 * with no restart, so a probe path that silently stopped probing fails loudly.
 */
import { Cluster } from '../../core/cluster/cluster.ts';
import { isPodReady } from '../../core/controllers/podutil.ts';
import { applyManifest } from '../../core/manifest/apply.ts';
import { list, median, round, timed } from './stats.ts';
import type { Figure } from './types.ts';
import { benchNodes, deploymentYaml, joinDocs } from './workloads.ts';

const ACTOR = { component: 'bench', reason: 'probes benchmark' };
const RUNS = 3;
const HOUR_SECONDS = 3_600;

const WEB = `      - name: web
        image: nginx:1.27
        livenessProbe:
          httpGet: { path: /, port: 80 }
          periodSeconds: 10
        readinessProbe:
          httpGet: { path: /, port: 80 }
          periodSeconds: 10
`;

const WORKER = `      - name: worker
        image: busybox:1.36
        command: ['sh', '-c', 'touch /tmp/healthy; sleep 86400']
        livenessProbe:
          exec: { command: [cat, /tmp/healthy] }
          periodSeconds: 10
        readinessProbe:
          exec: { command: [cat, /tmp/healthy] }
          periodSeconds: 10
`;

interface PodFacts {
  ready: number;
  restarts: number;
}

function facts(cluster: Cluster): PodFacts {
  let ready = 0;
  let restarts = 0;
  for (const pod of cluster.api.store.list('/pods')) {
    if (isPodReady(pod)) ready++;
    const st = pod.status as { containerStatuses?: { restartCount: number }[] } | undefined;
    for (const c of st?.containerStatuses ?? []) restarts += c.restartCount;
  }
  return { ready, restarts };
}

/** The same containers without their probes: the cost of the hour that is not probing. */
const unprobed = (c: string) => c.replace(/ {8}(liveness|readiness)Probe:\n( {10}.*\n)+/g, '');

/** A cluster with `pods` (probed) pods, every one Ready. */
function readyCluster(pods: number, probes: boolean): Cluster {
  const cluster = new Cluster({ seed: 1, nodes: benchNodes(10) });
  const [web, worker] = probes ? [WEB, WORKER] : [unprobed(WEB), unprobed(WORKER)];
  const manifest = joinDocs([
    deploymentYaml('web', pods / 2, 'default', web),
    deploymentYaml('worker', pods / 2, 'default', worker),
  ]);
  const report = applyManifest(cluster.api, manifest, { actor: ACTOR });
  if (!report.ok) throw new Error('probes: apply failed');
  for (let s = 0; facts(cluster).ready < pods; s++) {
    if (s > 300) throw new Error(`probes: only ${facts(cluster).ready}/${pods} Ready after 300 s`);
    cluster.advance(1);
  }
  return cluster;
}

function timedHour(pods: number, seconds: number, probes = true): { ms: number; cpuMs: number } {
  const cluster = readyCluster(pods, probes);
  const { ms, cpuMs } = timed(() => cluster.advance(seconds));
  const after = facts(cluster);
  if (after.ready !== pods || after.restarts !== 0)
    throw new Error(`probes: after the hour ${after.ready}/${pods} Ready, ${after.restarts} restarts`);
  return { ms, cpuMs };
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const warm = timedHour(100, 600);
  log(`probes: warm-up (excluded) 100 pods × 10 virtual minutes in ${round(warm.ms, 0)} ms`);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = timedHour(1_000, HOUR_SECONDS);
    walls.push(r.ms);
    cpus.push(r.cpuMs);
    log(`probes: run ${i + 1}/${RUNS} ${round(r.ms, 0)} ms wall, ${round(r.cpuMs, 0)} ms cpu`);
  }
  const base = timedHour(1_000, HOUR_SECONDS, false);
  log(`probes: the same hour without probes ${round(base.ms, 0)} ms wall, ${round(base.cpuMs, 0)} ms cpu`);
  const note = `1,000 pods (500 httpGet, 500 exec), liveness + readiness every 10 s, 1 virtual hour = 720,000 probe runs; median of ${RUNS} runs after 1 warm-up: ${list(walls)}; process cpu median ${round(median(cpus), 0)} ms; the same hour without any probe (not counted): ${round(base.ms, 0)} ms wall, ${round(base.cpuMs, 0)} ms cpu`;
  return [{ name: 'probes-1k-pods-ms', value: round(median(walls), 0), unit: 'ms', note }];
}
