/**
 * Serves the lab protocol (core/protocol) to every connected UI — over a
 * WebSocket in the browser mode, a MessagePort in Electron — from the one
 * host that also serves real kubectl, so a change from either side shows in
 * the other at once. It batches cluster changes per frame (16 ms), ticks the
 * clock display, evaluates the active lesson, and saves the workspace.
 */
import * as status from '../../core/api/status.ts';
import type { Cluster } from '../../core/cluster/cluster.ts';
import { PROTOCOL_VERSION, parseRequest } from '../../core/protocol/index.ts';
import type { ClockState, HostMessage, Notification, Request, Response } from '../../core/protocol/index.ts';
import type { LessonService } from '../../core/protocol/lessons.ts';
import { ClusterSession } from '../../core/protocol/session.ts';
import type { ChangeFeed } from '../../core/protocol/session.ts';
import { createLessonService } from '../../lessons/index.ts';
import { startHost } from './host.ts';
import type { Host, HostOptions } from './host.ts';
import { WorkspaceFile, emptyWorkspace, parseWorkspace } from './workspace.ts';
import type { SavedWorkspace } from './workspace.ts';

const FRAME_MS = 16;
const CLOCK_TICK_MS = 250;
const LESSON_EVAL_MS = 200;
const SNAPSHOT_SAVE_MS = 5_000;

export interface ProtocolConnection {
  /** A message from the UI (JSON text). */
  receive(raw: string): void;
  close(): void;
}

interface Conn {
  send(json: string): void;
  subscribed: boolean;
}

export class ProtocolHost {
  private conns = new Set<Conn>();
  private session!: ClusterSession;
  private feed!: ChangeFeed;
  private timers: NodeJS.Timeout[] = [];
  private lastClock = '';
  private lastFaults = '';
  private lessonDirty = true;
  private clusterDirty = false;
  private workspace: SavedWorkspace;
  private readonly restoreNotice: string | undefined;

  constructor(
    private readonly host: Host,
    private readonly file: WorkspaceFile | undefined,
    private readonly lessons: LessonService,
  ) {
    const loaded = file?.load();
    this.workspace = loaded?.workspace ?? emptyWorkspace();
    this.restoreNotice = loaded?.notice;
    if (this.workspace.cluster) this.restoreCluster(this.workspace.cluster);
    this.attach();
    this.timers.push(
      setInterval(() => this.flush(), FRAME_MS),
      setInterval(() => this.tickClock(), CLOCK_TICK_MS),
      setInterval(() => this.evaluateLesson(), LESSON_EVAL_MS),
      setInterval(() => this.saveSnapshot(), SNAPSHOT_SAVE_MS),
    );
    for (const t of this.timers) t.unref();
  }

  connect(send: (json: string) => void): ProtocolConnection {
    const conn: Conn = { send, subscribed: false };
    this.conns.add(conn);
    return {
      receive: (raw) => this.receive(conn, raw),
      close: () => this.conns.delete(conn),
    };
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.saveSnapshot(true);
    this.feed.close();
    this.conns.clear();
  }

  // --- cluster lifecycle ---------------------------------------------------------

  private attach(): void {
    this.session = new ClusterSession(this.host.cluster, this.host.api);
    this.feed = this.session.feed();
    this.host.cluster.api.store.subscribe(undefined, () => {
      this.lessonDirty = true;
      this.clusterDirty = true;
    });
  }

  /** Swap in another cluster; every UI gets a fresh snapshot. */
  private replace(cluster: Cluster): void {
    this.feed.close();
    this.host.replaceCluster(cluster);
    this.attach();
    this.clusterDirty = true;
    for (const c of this.conns) if (c.subscribed) this.sendSnapshot(c);
    this.syncFaults();
  }

  private restoreCluster(snapshot: NonNullable<SavedWorkspace['cluster']>): void {
    try {
      this.host.replaceCluster(this.host.restoredCluster(snapshot));
    } catch (e) {
      console.error('kubelab: the saved cluster could not be restored; starting a fresh one', e);
    }
  }

  // --- messages ------------------------------------------------------------------

  private receive(conn: Conn, raw: string): void {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return this.reply(conn, { id: -1, ok: false, status: status.badRequest('a request must be JSON') });
    }
    const parsed = parseRequest(value);
    if (!parsed.ok) return this.reply(conn, { id: parsed.id, ok: false, status: parsed.status });
    let response: Response;
    try {
      response = this.dispatch(conn, parsed.request);
    } catch (e) {
      console.error('kubelab: a request failed', parsed.request.type, e);
      response = { id: parsed.request.id, ok: false, status: status.internalError((e as Error).message) };
    }
    this.reply(conn, response);
  }

  private dispatch(conn: Conn, req: Request): Response {
    const ok = (result: unknown): Response => ({ id: req.id, ok: true, result });
    switch (req.type) {
      case 'hello':
        return ok({
          protocolVersion: PROTOCOL_VERSION,
          apiUrl: this.host.url,
          ...(this.host.kubeconfigPath ? { kubeconfigPath: this.host.kubeconfigPath } : {}),
          clock: this.clock(),
          faults: this.session.faults(),
          workspace: this.workspace.ui,
          ...(this.restoreNotice ? { restoreNotice: this.restoreNotice } : {}),
        });
      case 'subscribe':
        conn.subscribed = true;
        this.flush();
        this.sendSnapshot(conn);
        this.lessonDirty = true;
        return ok({ resourceVersion: String(this.host.cluster.api.store.resourceVersion) });
      case 'apply':
      case 'delete':
      case 'get':
      case 'describe':
      case 'why':
      case 'kubectl':
      case 'complete':
      case 'fault':
      case 'netpolVerdict':
      case 'netpolMatrix':
      case 'netpolOverlay': {
        const answer = this.session.handle(req);
        if (req.type === 'fault' && answer.ok) {
          // Faults write nothing to the store, but a lesson step may be waiting for one.
          this.lessonDirty = true;
          this.syncFaults();
        }
        this.flush();
        return answer.ok ? ok(answer.result) : { id: req.id, ok: false, status: answer.status };
      }
      case 'clock':
        return ok(this.clockAction(req.action, req.speed));
      case 'lessons':
        return ok(this.lessons.list(this.workspace.passed));
      case 'lesson': {
        const view = this.lessons.view(req.lessonId);
        return view
          ? ok(view)
          : { id: req.id, ok: false, status: status.notFound('lessons', 'lab.kubelab.dev', req.lessonId) };
      }
      case 'lessonStart':
        return this.lessonStart(req);
      case 'saveWorkspace':
        this.workspace.ui = req.workspace;
        this.save();
        return ok({ savedAtMs: Date.now() });
      case 'exportLab':
        return ok({ lab: JSON.stringify({ ...this.workspace, cluster: this.host.cluster.snapshot() }) });
      case 'importLab': {
        const parsed = parseWorkspace(req.lab);
        if (!parsed.ok)
          return {
            id: req.id,
            ok: false,
            status: status.badRequest(`This lab file cannot be opened: ${parsed.message}.`),
          };
        this.workspace = { ...parsed.workspace };
        delete this.workspace.cluster;
        const snap = parsed.workspace.cluster;
        this.replace(snap ? this.host.restoredCluster(snap) : this.host.newCluster());
        this.save();
        return ok({ ok: true });
      }
    }
  }

  private lessonStart(req: Extract<Request, { type: 'lessonStart' }>): Response {
    const lessonId = req.lessonId;
    if (!this.lessons.view(lessonId))
      return { id: req.id, ok: false, status: status.notFound('lessons', 'lab.kubelab.dev', lessonId) };
    const fresh = req.reset || this.workspace.passed[lessonId] === undefined;
    if (fresh) {
      const cluster = this.host.newCluster();
      this.lessons.setup(lessonId, cluster);
      this.workspace.passed[lessonId] = [];
      this.replace(cluster);
    }
    this.workspace.ui = { ...this.workspace.ui, activeLesson: lessonId };
    const progress = this.evaluate(lessonId);
    this.save();
    this.broadcast({ type: 'lessonProgress', progress });
    return { id: req.id, ok: true, result: progress };
  }

  private clockAction(action: 'pause' | 'play' | 'step', speed?: number): ClockState {
    const driver = this.host.clockDriver;
    if (action === 'pause') driver.set('manual', driver.speed);
    else if (action === 'play') driver.set('realtime', speed ?? 1);
    else this.host.cluster.clock.step();
    this.flush();
    this.tickClock(true);
    return this.clock();
  }

  private clock(): ClockState {
    const c = this.host.cluster.clock;
    const next = c.nextAt();
    return {
      nowMs: c.now(),
      mode: this.host.clockDriver.mode,
      speed: this.host.clockDriver.speed,
      ...(next !== undefined ? { nextAtMs: next } : {}),
    };
  }

  // --- pushes --------------------------------------------------------------------

  private reply(conn: Conn, response: Response): void {
    const m: HostMessage = { kind: 'response', response };
    conn.send(JSON.stringify(m));
  }

  private broadcast(notification: Notification, onlySubscribed = false): void {
    const json = JSON.stringify({ kind: 'notification', notification } satisfies HostMessage);
    for (const c of this.conns) if (!onlySubscribed || c.subscribed) c.send(json);
  }

  private sendSnapshot(conn: Conn): void {
    const n: Notification = {
      type: 'snapshot',
      resourceVersion: String(this.host.cluster.api.store.resourceVersion),
      objects: this.session.snapshot(),
    };
    conn.send(JSON.stringify({ kind: 'notification', notification: n } satisfies HostMessage));
  }

  /** Send the changes gathered since the last frame to every subscribed UI. */
  private flush(): void {
    if (this.feed.size === 0) return;
    const { changes, resourceVersion } = this.feed.drain();
    this.broadcast({ type: 'changes', resourceVersion, changes }, true);
  }

  private tickClock(force = false): void {
    this.syncFaults();
    const clock = this.clock();
    const key = `${Math.floor(clock.nowMs / 1000)}/${clock.mode}/${clock.speed}/${clock.nextAtMs ?? ''}`;
    if (!force && key === this.lastClock) return;
    this.lastClock = key;
    this.broadcast({ type: 'clock', clock });
  }

  /**
   * Broadcast the faults when they changed since the last broadcast: at once after a fault request or a
   * new cluster, and on every clock tick, so faults and loads set from outside the protocol (the lab
   * API, real kubectl's tests) reach the UI too. One path, so no change is sent twice.
   */
  private syncFaults(): void {
    const faults = this.session.faults();
    const key = JSON.stringify(faults);
    if (key === this.lastFaults) return;
    this.lastFaults = key;
    this.broadcast({ type: 'faults', faults });
  }

  private evaluate(id: string) {
    const progress = this.lessons.evaluate(id, this.host.cluster, this.workspace.passed[id] ?? []);
    const passed = progress.steps.filter((s) => s.passed).map((s) => s.id);
    const before = this.workspace.passed[id] ?? [];
    if (passed.length !== before.length) {
      this.workspace.passed[id] = passed;
      this.save();
    }
    return progress;
  }

  private evaluateLesson(): void {
    const id = this.workspace.ui.activeLesson;
    if (!this.lessonDirty || !id || !this.lessons.view(id) || this.workspace.passed[id] === undefined) return;
    this.lessonDirty = false;
    try {
      this.broadcast({ type: 'lessonProgress', progress: this.evaluate(id) });
    } catch (e) {
      console.error('kubelab: a lesson check failed', e);
    }
  }

  private save(): void {
    try {
      this.file?.save(this.workspace);
    } catch (e) {
      console.error('kubelab: the workspace could not be saved', e);
    }
  }

  /** Keep a snapshot of the cluster in the saved workspace (every few seconds while it changes). */
  private saveSnapshot(force = false): void {
    if (!this.file || (!this.clusterDirty && !force)) return;
    this.clusterDirty = false;
    this.workspace.cluster = this.host.cluster.snapshot();
    this.save();
  }
}

export interface LabHostOptions extends HostOptions {
  /** Where the workspace is saved; none = not saved (tests). */
  workspaceDir?: string;
}

export interface LabHost {
  host: Host;
  protocol: ProtocolHost;
  close(): Promise<void>;
}

/** The core host plus the lab protocol: what `kubelab serve` and Electron's utility process run. */
export async function startLabHost(opts: LabHostOptions = {}): Promise<LabHost> {
  const host = await startHost(opts);
  const file = opts.workspaceDir ? new WorkspaceFile(opts.workspaceDir) : undefined;
  const protocol = new ProtocolHost(host, file, createLessonService());
  return {
    host,
    protocol,
    close: async () => {
      await protocol.close();
      await host.close();
    },
  };
}
