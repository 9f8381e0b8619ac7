/**
 * Main's handle on the core host running in a utility process
 * (electron/host/utility.ts): forks it, learns its API URL and kubeconfig
 * path, hands each page load a fresh MessagePort to it, stops it cleanly on
 * quit (so the workspace is saved), and reports a crash so main can offer a
 * restart.
 */
import { MessageChannelMain, utilityProcess } from 'electron';
import type { UtilityProcess, WebContents } from 'electron';
import type { UtilityArgs, UtilityCommand, UtilityReport } from '../host/utility.ts';
import { CHANNELS } from '../preload/api.ts';

export interface HostInfo {
  apiUrl: string;
  kubeconfigPath?: string;
}

/** A report from the utility process, checked (it runs our code, but a message is still just data). */
function parseReport(v: unknown): UtilityReport | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (r.type === 'ready' && typeof r.apiUrl === 'string')
    return typeof r.kubeconfigPath === 'string'
      ? { type: 'ready', apiUrl: r.apiUrl, kubeconfigPath: r.kubeconfigPath }
      : { type: 'ready', apiUrl: r.apiUrl };
  if (r.type === 'failed' && typeof r.message === 'string') return { type: 'failed', message: r.message };
  if (r.type === 'closed') return { type: 'closed' };
  return undefined;
}

export class HostProcess {
  private child: UtilityProcess | undefined;
  private ready: Promise<HostInfo> | undefined;
  private stopping = false;
  /** Known once the host has started. */
  info: HostInfo | undefined;
  /** Called when the host exits without being asked to (a crash). */
  onCrash: (code: number) => void = () => {};

  constructor(
    private readonly modulePath: string,
    private readonly args: UtilityArgs,
  ) {}

  /** Fork the host; resolves once it serves the Kubernetes API, rejects if it fails to start. */
  start(): Promise<HostInfo> {
    this.stopping = false;
    const child = utilityProcess.fork(
      this.modulePath,
      ['--user-data', this.args.userData, '--kubeconfig', this.args.kubeconfig],
      { serviceName: 'KubeLab core host', stdio: 'inherit' },
    );
    this.child = child;
    let started = false;
    this.ready = new Promise<HostInfo>((resolve, reject) => {
      child.on('message', (message: unknown) => {
        const report = parseReport(message);
        if (report?.type === 'ready') {
          const { type: _type, ...info } = report;
          this.info = info;
          started = true;
          resolve(info);
        } else if (report?.type === 'failed') reject(new Error(report.message));
      });
      child.once('exit', (code) => {
        reject(new Error(`the core host exited with code ${code} before it was ready`));
        if (this.child !== child) return;
        this.child = undefined;
        // Before it was ready, the rejected start() reports the failure; after, it is a crash.
        if (started && !this.stopping) this.onCrash(code);
      });
    });
    return this.ready;
  }

  /** Give `contents` a fresh MessagePort to the host (the renderer asked for one: a page load). */
  async connect(contents: WebContents): Promise<void> {
    if (!this.ready) throw new Error('the core host has not been started');
    await this.ready;
    const child = this.child;
    if (!child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    const command: UtilityCommand = { type: 'connect' };
    child.postMessage(command, [port1]);
    contents.postMessage(CHANNELS.port, null, [port2]);
  }

  /** Ask the host to save and close; kill it if it takes longer than `timeoutMs`. */
  stop(timeoutMs = 5000): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.stopping = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill(), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const command: UtilityCommand = { type: 'shutdown' };
      child.postMessage(command);
    });
  }
}
