/**
 * How the kubelet runs a container's main process: the shell interpreter
 * (core/kubelet/shell) on virtual time, with the image's programs plugged
 * in as commands. The kubelet drives it: run until it sleeps or exits, wake
 * it when the clock reaches its wake time, signal it on stop.
 */
import type { FileSystem } from './shell/fs.ts';
import type { CommandHooks } from './shell/program.ts';

export type RunState = { state: 'sleeping'; wakeAtMs: number } | { state: 'exited'; exitCode: number };

export interface ProcessHandle {
  run(nowMs: number): RunState;
  kill(signal: 'SIGTERM' | 'SIGKILL', nowMs: number): RunState;
}

export interface StartOptions {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  hostname: string;
  nowMs: number;
  commands: CommandHooks;
  /** PID 1 without a handler ignores SIGTERM, as the kernel does for init. */
  ignoreSigterm: boolean;
  /** Standard input (`kubectl exec -i`). */
  stdin?: string;
  onStdout(text: string, nowMs: number): void;
  onStderr(text: string, nowMs: number): void;
}

export type ProcessStarter = (opts: StartOptions) => ProcessHandle;
