/**
 * api-list-10k-ms: real `kubectl get pods -A` (default output: the server's
 * Table, fetched in kubectl's default chunks of 500) over 10,000 pods, timed
 * end to end from process start to exit, against the host served in this
 * process on loopback HTTPS. Setup (not timed): 10 namespaces × 1,000 pods
 * created directly through the API, bound to nodes that have no kubelet, with
 * a Running status written through the status subresource, so rows look like
 * a busy cluster's. One untimed run warms kubectl's discovery cache
 * (KUBECACHEDIR) and the server; the figure is the median of 3 timed runs.
 *
 * Also reported, without a target: the same with `--chunk-size=0` (one
 * request), the server's CPU time per listing, and how long kubectl waited on
 * its own client-side rate limiter (QPS 5, burst 10, hard-coded in kubectl):
 * 20 pages cost at least ~2 s whatever the server does, as against a real
 * cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../core/api/types.ts';
import type { Cluster } from '../../core/cluster/cluster.ts';
import { R } from '../../core/controllers/resources.ts';
import { startHost } from '../../electron/host/host.ts';
import { findKubectl, throttledMs, timedKubectl } from './kubectl.ts';
import { list, median, round } from './stats.ts';
import type { Figure } from './types.ts';

const NAMESPACES = 10;
const PODS_PER_NAMESPACE = 1_000;
const RUNS = 3;
const ACTOR = { component: 'bench', reason: 'list benchmark setup' };

function pod(ns: string, i: number): KubeObject {
  const app = `web-${i % 20}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-7d9f8c6b5-${String(i).padStart(5, '0')}`,
      namespace: ns,
      labels: { app, 'pod-template-hash': '7d9f8c6b5' },
    },
    spec: {
      nodeName: `bench-node-${i % 100}`,
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    },
  };
}

function runningStatus(i: number, now: string): object {
  const ip = `10.244.${(i >> 8) & 255}.${(i & 255) + 1}`;
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    hostIP: `192.168.56.${(i % 100) + 20}`,
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    qosClass: 'Burstable',
    containerStatuses: [
      {
        name: 'web',
        ready: true,
        started: true,
        restartCount: i % 7 === 0 ? 1 : 0,
        image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:6784fb0834aa7dbbe12e3d7471e69c290df3e6ba810dc38b34ae33d3c1c05f7d',
        containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
        state: { running: { startedAt: now } },
      },
    ],
  };
}

function seedPods(cluster: Cluster): void {
  const api = cluster.api;
  const now = cluster.clock.nowIso();
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    const made = api.create(
      R.namespaces,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { actor: ACTOR },
    );
    if (!made.ok) throw new Error(`apiList: namespace ${ns}: ${made.status.message}`);
    for (let i = 0; i < PODS_PER_NAMESPACE; i++) {
      const created = api.create(R.pods, pod(ns, i), { actor: ACTOR, fieldValidation: 'Ignore' });
      if (!created.ok) throw new Error(`apiList: pod: ${created.status.message}`);
      const stored = created.value.object;
      const running = api.update(
        R.pods,
        { ...stored, status: runningStatus(i, now) },
        { actor: ACTOR, subresource: 'status', fieldValidation: 'Ignore' },
      );
      if (!running.ok) throw new Error(`apiList: pod status: ${running.status.message}`);
    }
  }
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const kubectl = findKubectl();
  if (!kubectl) throw new Error('apiList: no kubectl binary found (set KUBECTL_DIR)');
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const host = await startHost({ port: 0, clock: 'manual', kubeconfig: join(dir, 'kubeconfig') });
  try {
    const t = performance.now();
    seedPods(host.cluster);
    log(`apiList: seeded ${NAMESPACES * PODS_PER_NAMESPACE} pods in ${round(performance.now() - t, 0)} ms (not timed)`);
    const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
    const args = ['get', 'pods', '-A'];
    const check = (stdout: string) => {
      const lines = stdout.trimEnd().split('\n');
      if (lines.length !== NAMESPACES * PODS_PER_NAMESPACE + 1)
        throw new Error(`apiList: kubectl printed ${lines.length} lines`);
    };
    const warm = await timedKubectl(kubectl, args, env);
    check(warm.stdout);
    log(`apiList: warm-up (excluded) ${round(warm.ms, 0)} ms`);
    const timed = async (extra: string[]) => {
      const times: number[] = [];
      const serverCpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const cpu = process.cpuUsage();
        const r = await timedKubectl(kubectl, [...args, ...extra], env);
        const used = process.cpuUsage(cpu);
        check(r.stdout);
        times.push(r.ms);
        serverCpu.push((used.user + used.system) / 1000);
        log(
          `apiList: ${[...args, ...extra].join(' ')} run ${i + 1}/${RUNS} ${round(r.ms, 0)} ms (server cpu ${round(serverCpu[i]!, 0)} ms)`,
        );
      }
      return { times, serverCpu };
    };
    const chunked = await timed([]);
    const single = await timed(['--chunk-size=0']);
    const verbose = await timedKubectl(kubectl, [...args, '-v=6'], env);
    const waited = throttledMs(verbose.stderr);
    const version = kubectl.split('/').pop() ?? 'kubectl';
    const note = `${version} get pods -A (20 pages of 500), 10,001 lines, median of ${RUNS} runs after 1 warm-up: ${list(chunked.times)}; server cpu median ${round(median(chunked.serverCpu), 0)} ms; kubectl's client-side throttling waited ${round(waited, 0)} ms (-v=6 run)`;
    const singleNote = `same with --chunk-size=0 (one request), median of ${RUNS}: ${list(single.times)}; server cpu median ${round(median(single.serverCpu), 0)} ms`;
    return [
      { name: 'api-list-10k-ms', value: round(median(chunked.times), 0), unit: 'ms', note },
      { name: 'api-list-10k-unchunked-ms', value: round(median(single.times), 0), unit: 'ms', note: singleNote },
    ];
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
