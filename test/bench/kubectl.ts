/** Finds and runs the real kubectl binaries (the newest `kubectl.1.NN` next to `kubectl` on PATH, or $KUBECTL_DIR). */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Path of the newest versioned kubectl binary, or plain `kubectl`; undefined when none exists. */
export function findKubectl(): string | undefined {
  const dirs = [process.env.KUBECTL_DIR];
  for (const p of (process.env.PATH ?? '').split(delimiter)) {
    const k = join(p, 'kubectl');
    if (existsSync(k)) dirs.push(dirname(realpathSync(k)));
  }
  for (const d of dirs) {
    if (!d || !existsSync(d)) continue;
    const versions = readdirSync(d)
      .map((f) => /^kubectl\.1\.(\d+)$/.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .sort((a, b) => Number(b[1]) - Number(a[1]));
    if (versions[0]) return join(d, versions[0][0]);
    if (existsSync(join(d, 'kubectl'))) return join(d, 'kubectl');
  }
  return undefined;
}

export interface Timed {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl to completion (killed after `timeoutMs`) and times it end to end, process start included. */
export function timedKubectl(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Timed> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env, timeout: timeoutMs, maxBuffer: 256 * 2 ** 20 }, (err, stdout, stderr) => {
      const ms = performance.now() - start;
      if (err) reject(new Error(`kubectl ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

/** Total time kubectl reported waiting on its own client-side rate limiter (from `-v=6` or higher logs). */
export function throttledMs(stderr: string): number {
  let total = 0;
  for (const m of stderr.matchAll(/"Waited before sending request" delay="([\d.]+)(ms|s)"/g))
    total += Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return total;
}
