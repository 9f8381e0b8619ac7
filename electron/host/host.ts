/**
 * The core host: owns one Cluster, serves the Kubernetes API on
 * https://127.0.0.1:PORT with a bearer token, writes the learner's
 * kubeconfig, and drives the virtual clock (manual, or real time × speed).
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Cluster } from '../../core/cluster/cluster.ts';
import type { ClusterSnapshot } from '../../core/cluster/snapshot.ts';
import { ApiServer } from '../../core/apiserver/server.ts';
import type { ClockMode } from '../../core/apiserver/lab.ts';
import { startHttps } from './http.ts';
import { writeAtomic } from './atomic.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { generateTls } from './tls.ts';

export interface HostOptions {
  port?: number;
  kubeconfig?: string;
  clock?: ClockMode;
  speed?: number;
  seed?: number;
  /** Log each request to stderr. */
  verbose?: boolean;
}

export interface Host {
  /** The current cluster (replaced by a lesson reset or an opened lab). */
  readonly cluster: Cluster;
  readonly api: ApiServer;
  /** A fresh cluster with the host's seed and CA, at the current wall time (not yet in use). */
  newCluster(): Cluster;
  /** A cluster restored from `snapshot` with the host's CA, resumed at the current wall time (not yet in use). */
  restoredCluster(snapshot: ClusterSnapshot): Cluster;
  /** Put `cluster` in place of the current one: the API and the clock driver follow it. */
  replaceCluster(cluster: Cluster): void;
  readonly clockDriver: ClockDriver;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly caPem: string;
  readonly kubeconfigPath?: string;
  readonly kubeconfig: string;
  close(): Promise<void>;
}

/** Real-time driver: every tick, advance virtual time by the wall time that passed × speed. */
export class ClockDriver {
  private timer?: NodeJS.Timeout;
  private last = 0;
  mode: ClockMode = 'manual';
  speed = 1;

  constructor(private readonly cluster: () => Cluster) {}

  set(mode: ClockMode, speed: number): { mode: ClockMode; speed: number } {
    this.mode = mode;
    this.speed = speed;
    clearInterval(this.timer);
    this.timer = undefined;
    if (mode === 'realtime') {
      this.last = performance.now();
      this.timer = setInterval(() => this.tick(), 100);
      this.timer.unref();
    }
    return { mode, speed };
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = (now - this.last) * this.speed;
    this.last = now;
    try {
      this.cluster().clock.advance(Math.round(elapsed));
    } catch (e) {
      console.error('kubelab: the simulation failed while advancing the clock', e);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export async function startHost(opts: HostOptions = {}): Promise<Host> {
  const tls = await generateTls();
  const token = randomBytes(32).toString('hex');
  // kubectl describe ages events against the wall clock, so a served cluster starts at the real time.
  const wallStartMs = () => Math.floor(Date.now() / 1000) * 1000;
  const newCluster = () => new Cluster({ seed: opts.seed ?? 1, caBundle: tls.caPem, startMs: wallStartMs() });
  let cluster = newCluster();
  const driver = new ClockDriver(() => cluster);
  let serverAddress = '127.0.0.1:6443';
  const hooks = {
    setClockMode: (m: ClockMode, s: number) => driver.set(m, s),
    clockMode: () => ({ mode: driver.mode, speed: driver.speed }),
  };
  let api = new ApiServer(cluster, hooks, serverAddress);
  const run = <T>(fn: () => T): T => fn();
  const onRequest = opts.verbose ? (m: string, u: string, s: number) => console.error(`${s} ${m} ${u}`) : undefined;
  let https: Server;
  try {
    https = await startHttps(() => api, {
      port: opts.port ?? 6443,
      token,
      tls,
      run,
      ...(onRequest ? { onRequest } : {}),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || opts.port !== undefined) throw e;
    https = await startHttps(() => api, { port: 0, token, tls, run, ...(onRequest ? { onRequest } : {}) });
  }
  const port = (https.address() as AddressInfo).port;
  serverAddress = `127.0.0.1:${port}`;
  api = new ApiServer(cluster, hooks, serverAddress);
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = kubeconfigYaml(url, tls.caPem, token);
  // Owner-only (writeAtomic's default): it holds a credential.
  if (opts.kubeconfig) writeAtomic(opts.kubeconfig, kubeconfig);
  driver.set(opts.clock ?? 'realtime', opts.speed ?? 1);
  return {
    get cluster() {
      return cluster;
    },
    get api() {
      return api;
    },
    newCluster,
    restoredCluster: (snapshot) => new Cluster({ restore: snapshot, startMs: wallStartMs(), caBundle: tls.caPem }),
    replaceCluster(next: Cluster) {
      cluster = next;
      api = new ApiServer(next, hooks, serverAddress);
    },
    clockDriver: driver,
    url,
    port,
    token,
    caPem: tls.caPem,
    ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
    kubeconfig,
    close: () =>
      new Promise<void>((resolve) => {
        driver.stop();
        https.closeAllConnections();
        https.close(() => resolve());
      }),
  };
}
