/**
 * apply-1k-docs-ms: `applyManifest` on one 1,000-document manifest, the
 * whole path the lab's apply takes: YAML parse, per-document validation (the
 * server-side dry run of every document first) and the real create of each,
 * with the last-applied annotation. Documents mix what tutorials write: 200
 * each of Deployment, Service, ConfigMap, Secret and ServiceAccount. Each run
 * gets a fresh cluster (not timed); controllers do not run inside the timed
 * region (no virtual time passes). One warm-up run is excluded; the figure is
 * the median of the timed runs.
 */
import { Cluster } from '../../core/cluster/cluster.ts';
import { applyManifest } from '../../core/manifest/apply.ts';
import { cpuMsSince, list, median, round } from './stats.ts';
import type { Figure } from './types.ts';
import { deploymentYaml, joinDocs } from './workloads.ts';

const GROUPS = 200;
const RUNS = 5;
const ACTOR = { component: 'bench', reason: 'apply benchmark' };

function group(i: number): string[] {
  const name = `svc-${i}`;
  return [
    deploymentYaml(name, 2),
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: 80
`,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  LOG_LEVEL: info
  nginx.conf: |
    server {
      listen 80;
      location / { return 200 'hello ${i}'; }
    }
`,
    `apiVersion: v1
kind: Secret
metadata:
  name: ${name}-secret
type: Opaque
stringData:
  username: admin
  password: s3cr3t-${i}
`,
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}-sa
`,
  ];
}

/** The 1,000-document manifest. */
export function manifest(): string {
  return joinDocs(Array.from({ length: GROUPS }, (_, i) => group(i)).flat());
}

function applyOnce(text: string, cpuTimes: number[] = []): number {
  const cluster = new Cluster({ seed: 1 });
  const start = performance.now();
  const cpu = process.cpuUsage();
  const report = applyManifest(cluster.api, text, { actor: ACTOR });
  const ms = performance.now() - start;
  cpuTimes.push(cpuMsSince(cpu));
  const created = report.results.filter((r) => r.outcome === 'created').length;
  if (!report.ok || created !== GROUPS * 5) {
    const bad = report.parseErrors[0] ?? report.results.find((r) => r.error);
    throw new Error(`apply: ${created} created, first problem: ${JSON.stringify(bad)}`);
  }
  return ms;
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const text = manifest();
  log(`apply: warm-up (excluded) ${round(applyOnce(text), 0)} ms`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(applyOnce(text, cpuTimes));
    log(`apply: run ${i + 1}/${RUNS} ${round(times[i]!, 0)} ms`);
  }
  const note = `${GROUPS * 5} docs (${Math.round(text.length / 1024)} KiB), median of ${RUNS} runs after 1 warm-up: ${list(times)}; process cpu median ${round(median(cpuTimes), 0)} ms`;
  return [{ name: 'apply-1k-docs-ms', value: round(median(times), 0), unit: 'ms', note }];
}
