/**
 * Liveness, readiness and startup probes as pkg/kubelet/prober runs them
 * (worker.go, prober_manager.go): one worker per container and probe type,
 * created with the pod and ticking every periodSeconds from then on, so its
 * phase does not follow the container's start. Each tick skips a container
 * that is not running, younger than initialDelaySeconds (whole seconds) or
 * not yet started (startup probe pending); a result counts only after
 * failureThreshold / successThreshold identical results in a row. Readiness
 * starts unready and is also run at once when the container starts, when the
 * startup probe passes and when readiness is lost (UpdatePodStatus' manual
 * trigger). A failed liveness or startup probe kills the container and puts
 * the worker on hold until a new container ID appears.
 * Simplification: no random initial jitter (upstream applies it only right
 * after a kubelet restart).
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerRun, Probe } from './containers.ts';
import { fieldPath } from './containers.ts';
import type { KubeletHost } from './host.ts';
import { runAction } from './handlers.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
const LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** What a probe's verdict makes the pod worker do. */
export interface ProbeCallbacks {
  onReady(c: ContainerRun, ready: boolean): void;
  onStarted(c: ContainerRun): void;
  /** Kill and restart the container; `why` is "liveness probe" or "startup probe". */
  onFailed(c: ContainerRun, why: string, probe: Probe): void;
}

interface Worker {
  kind: ProbeKind;
  c: ContainerRun;
  probe: Probe;
  periodMs: number;
  containerID?: string;
  lastResult?: boolean;
  resultRun: number;
  onHold: boolean;
  manual?: Timer;
}

/** Workers of one pod with the same period were started together, so they tick together: one timer. */
interface Ticker {
  workers: Worker[];
  timer?: Timer;
}

export class ProbeRunner {
  private workers: Worker[] = [];
  private tickers = new Map<number, Ticker>();

  constructor(
    private readonly host: KubeletHost,
    private readonly pod: () => KubeObject,
    private readonly podIP: () => string,
    private readonly restartPolicy: string,
    private readonly cb: ProbeCallbacks,
  ) {}

  /** AddPod: a worker for each probe of each container, ticking from now. */
  addContainers(cs: ContainerRun[]): void {
    for (const c of cs) {
      if (c.init && c.spec.restartPolicy !== 'Always') continue;
      if (c.spec.startupProbe) this.addWorker(c, 'startup', c.spec.startupProbe);
      if (c.spec.livenessProbe) this.addWorker(c, 'liveness', c.spec.livenessProbe);
      if (c.spec.readinessProbe) this.addWorker(c, 'readiness', c.spec.readinessProbe);
    }
    for (const [periodMs, t] of this.tickers) this.tick(t, periodMs);
  }

  /** The container (re)started: readiness is probed at once, as the status sync after ContainerStarted does. */
  containerStarted(c: ContainerRun): void {
    this.triggerReadiness(c);
  }

  /** RemovePod / pod terminal: every worker stops. */
  stopAll(): void {
    for (const w of this.workers) w.manual?.cancel();
    for (const t of this.tickers.values()) t.timer?.cancel();
    this.workers = [];
    this.tickers.clear();
  }

  /** Graceful deletion: liveness and startup workers stop so the shutdown stays quiet. */
  podDeleting(): void {
    for (const w of this.workers.filter((x) => x.kind !== 'readiness')) this.stopWorker(w);
  }

  private addWorker(c: ContainerRun, kind: ProbeKind, probe: Probe): void {
    const w: Worker = { kind, c, probe, periodMs: (probe.periodSeconds ?? 10) * 1000, resultRun: 0, onHold: false };
    this.workers.push(w);
    const ticker = this.tickers.get(w.periodMs) ?? { workers: [] };
    ticker.workers.push(w);
    this.tickers.set(w.periodMs, ticker);
  }

  /** Probe every worker of the ticker now (a worker's first run is at its start), then every period. */
  private tick(t: Ticker, periodMs: number): void {
    t.timer = this.host.clock.after(periodMs, () => this.tick(t, periodMs));
    for (const w of [...t.workers]) if (!this.doProbe(w)) this.stopWorker(w);
  }

  private stopWorker(w: Worker): void {
    w.manual?.cancel();
    this.workers = this.workers.filter((x) => x !== w);
    const t = this.tickers.get(w.periodMs);
    if (!t) return;
    t.workers = t.workers.filter((x) => x !== w);
    if (t.workers.length > 0) return;
    t.timer?.cancel();
    this.tickers.delete(w.periodMs);
  }

  private triggerReadiness(c: ContainerRun): void {
    const w = this.workers.find((x) => x.c === c && x.kind === 'readiness');
    // manualTriggerCh has a buffer of one: a trigger already pending absorbs this one.
    if (!w || w.manual) return;
    w.manual = this.host.clock.after(0, () => {
      w.manual = undefined;
      if (!this.doProbe(w)) this.stopWorker(w);
    });
  }

  /** One probe attempt (worker.go doProbe). Returns whether the worker keeps going. */
  private doProbe(w: Worker): boolean {
    const c = w.c;
    if (!c.containerID) return true;
    if (w.containerID !== c.containerID) {
      w.containerID = c.containerID;
      w.onHold = false;
    }
    if (w.onHold) return true;
    if (c.state !== 'running') return c.state !== 'terminated' || this.restartPolicy !== 'Never' || c.init;
    if (this.pod().metadata.deletionTimestamp && w.kind !== 'readiness') return false;
    const now = this.host.now();
    if (Math.floor((now - (c.startedAtMs ?? now)) / 1000) < (w.probe.initialDelaySeconds ?? 0)) return true;
    if (c.started ? w.kind === 'startup' : w.kind !== 'startup') return true;
    const result = runAction(
      this.host,
      this.pod(),
      this.podIP(),
      c,
      w.probe,
      now,
      (w.probe.timeoutSeconds ?? 1) * 1000,
    );
    if (!result.ok)
      this.host.event(
        this.pod(),
        'Warning',
        'Unhealthy',
        `${LABEL[w.kind]} probe failed: ${result.message}`,
        fieldPath(c),
      );
    if (w.lastResult === result.ok) w.resultRun++;
    else {
      w.lastResult = result.ok;
      w.resultRun = 1;
    }
    const threshold = result.ok ? (w.probe.successThreshold ?? 1) : (w.probe.failureThreshold ?? 3);
    if (w.resultRun < threshold) return true;
    this.apply(w, result.ok);
    return true;
  }

  /** The result manager's Set, and what the kubelet's sync loop does with it. */
  private apply(w: Worker, ok: boolean): void {
    const c = w.c;
    if (w.kind === 'readiness') {
      const was = c.ready;
      this.cb.onReady(c, ok);
      if (was && !ok) this.triggerReadiness(c);
      return;
    }
    if (ok) {
      if (w.kind === 'startup' && !c.started) {
        this.cb.onStarted(c);
        this.triggerReadiness(c);
      }
      return;
    }
    w.onHold = true;
    w.resultRun = 0;
    this.cb.onFailed(c, `${w.kind} probe`, w.probe);
  }
}
