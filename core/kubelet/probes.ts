/**
 * Liveness, readiness and startup probes (pkg/kubelet/prober): exec runs the
 * command in the container's shell; httpGet and tcpSocket succeed when the
 * container's image listens on the port. Thresholds and periods as upstream;
 * failures produce Unhealthy events with the real messages.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerRun, Probe } from './containers.ts';
import type { KubeletHost } from './host.ts';
import type { ImageInfo } from './images/catalogue.ts';
import { containerEnv } from './environment.ts';

type Kind = 'liveness' | 'readiness' | 'startup';
const LABEL: Record<Kind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class ProbeRunner {
  private timers = new Map<ContainerRun, Timer[]>();

  constructor(
    private readonly host: KubeletHost,
    private readonly pod: () => KubeObject,
    private readonly podIP: () => string,
    private readonly onReady: (c: ContainerRun, ok: boolean) => void,
    private readonly onLivenessFailure: (c: ContainerRun, message: string) => void,
    private readonly onStarted: (c: ContainerRun) => void,
  ) {}

  startAll(c: ContainerRun, image: ImageInfo): void {
    c.probeCounts = {};
    if (c.spec.startupProbe) this.schedule(c, 'startup', c.spec.startupProbe, image, true);
    else this.startMainProbes(c, image);
  }

  stop(c: ContainerRun): void {
    for (const t of this.timers.get(c) ?? []) t.cancel();
    this.timers.delete(c);
  }

  stopAll(cs: ContainerRun[]): void {
    cs.forEach((c) => this.stop(c));
  }

  private startMainProbes(c: ContainerRun, image: ImageInfo): void {
    if (c.spec.livenessProbe) this.schedule(c, 'liveness', c.spec.livenessProbe, image, true);
    if (c.spec.readinessProbe) this.schedule(c, 'readiness', c.spec.readinessProbe, image, true);
  }

  private schedule(c: ContainerRun, kind: Kind, probe: Probe, image: ImageInfo, first: boolean): void {
    const delay = first ? (probe.initialDelaySeconds ?? 0) * 1000 : (probe.periodSeconds ?? 10) * 1000;
    const t = this.host.clock.after(Math.max(first ? 0 : 1000, delay), () => this.tick(c, kind, probe, image));
    const list = this.timers.get(c) ?? [];
    list.push(t);
    if (list.length > 8) list.splice(0, list.length - 8);
    this.timers.set(c, list);
  }

  private tick(c: ContainerRun, kind: Kind, probe: Probe, image: ImageInfo): void {
    if (c.state !== 'running') return;
    const result = this.run(c, probe, image);
    const counts = (c.probeCounts[kind] ??= { ok: 0, fail: 0 });
    if (result.ok) {
      counts.ok++;
      counts.fail = 0;
    } else {
      counts.fail++;
      counts.ok = 0;
      this.host.event(
        this.pod(),
        'Warning',
        'Unhealthy',
        `${LABEL[kind]} probe failed: ${result.message}`,
        `spec.containers{${c.spec.name}}`,
      );
    }
    const success = counts.ok >= (kind === 'readiness' ? (probe.successThreshold ?? 1) : 1);
    const failed = counts.fail >= (probe.failureThreshold ?? 3);
    if (kind === 'readiness') {
      if (success) this.onReady(c, true);
      if (failed) this.onReady(c, false);
    } else if (kind === 'startup') {
      if (success) {
        this.onStarted(c);
        this.startMainProbes(c, image);
        return;
      }
      if (failed) return this.onLivenessFailure(c, 'startup probe');
    } else if (failed) {
      counts.fail = 0;
      return this.onLivenessFailure(c, 'liveness probe');
    }
    if (c.state === 'running') this.schedule(c, kind, probe, image, false);
  }

  private run(c: ContainerRun, probe: Probe, image: ImageInfo): { ok: boolean; message: string } {
    const podIP = this.podIP();
    if (probe.exec) return this.exec(c, probe, image, podIP);
    const port = resolvePort(probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port ?? 0, c);
    const listening = image.ports.some((p) => p.port === port);
    const host = probe.httpGet?.host ?? probe.tcpSocket?.host ?? podIP;
    if (probe.httpGet) {
      const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${probe.httpGet.path ?? '/'}`;
      if (!listening)
        return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      const path = probe.httpGet.path ?? '/';
      const served =
        path === '/' ||
        path === '' ||
        /index\.html?$/.test(path) ||
        c.fs?.exists(`/usr/share/nginx/html${path}`) ||
        c.fs?.exists(`/usr/local/apache2/htdocs${path}`);
      return served ? { ok: true, message: '' } : { ok: false, message: 'HTTP probe failed with statuscode: 404' };
    }
    if (!listening) return { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
    return { ok: true, message: '' };
  }

  private exec(c: ContainerRun, probe: Probe, image: ImageInfo, podIP: string): { ok: boolean; message: string } {
    let out = '';
    const now = this.host.now();
    const proc = this.host.startProcess({
      argv: probe.exec?.command ?? [],
      env: containerEnv(this.host, this.pod(), c.spec, image, podIP),
      cwd: '/',
      fs: c.fs!,
      hostname: this.pod().metadata.name ?? '',
      nowMs: now,
      commands: {},
      ignoreSigterm: false,
      onStdout: (t) => (out += t),
      onStderr: (t) => (out += t),
    });
    const r = proc.run(now);
    const timeout = (probe.timeoutSeconds ?? 1) * 1000;
    if (r.state === 'sleeping') {
      if (r.wakeAtMs - now < timeout) {
        // Short sleeps inside a probe command finish within its timeout.
        const r2 = proc.run(r.wakeAtMs);
        if (r2.state === 'exited') return { ok: r2.exitCode === 0, message: out.trimEnd() };
      }
      proc.kill('SIGKILL', now);
      return {
        ok: false,
        message: `command timed out: "${(probe.exec?.command ?? []).join(' ')}" timed out after ${timeout / 1000}s`,
      };
    }
    return {
      ok: r.exitCode === 0,
      message: out.trimEnd() || `command "${(probe.exec?.command ?? []).join(' ')}" exited with ${r.exitCode}`,
    };
  }
}

function resolvePort(port: number | string, c: ContainerRun): number {
  if (typeof port === 'number') return port;
  return c.spec.ports?.find((p) => p.name === port)?.containerPort ?? (Number(port) || 0);
}
