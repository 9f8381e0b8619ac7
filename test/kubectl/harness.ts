/**
 * Drives `kubelab serve` as a child process and talks to it with the real
 * kubectl binaries (and the lab control API for virtual time and faults).
 *
 * Every server gets its own temp dir holding the kubeconfig and the kubectl
 * discovery cache (KUBECACHEDIR), so caches never leak between tests. The
 * clock is manual: tests move time with `advance`, never by sleeping.
 *
 * Where no kubectl binaries exist (a learner's machine), `describeKubectl`
 * turns the whole block into a skipped suite whose title says why.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import { NGINX_DEPLOYMENT } from '../../core/manifest/examples.ts';
export { NGINX_DEPLOYMENT };
export { parseTable } from '../harness/lab.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const READY = /KubeLab API ready at (https:\/\/\S+) \(kubeconfig: (.+)\)/;

/** The kubectl minor versions the tests use. */
export type KubectlVersion = '1.27' | '1.28' | '1.29' | '1.30' | '1.31' | '1.32' | '1.33';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  /** True when the harness stopped kubectl at its timeout (kubectl may still exit 1 on that SIGTERM). */
  killed: boolean;
}

export interface KubectlOptions {
  stdin?: string;
  /** Kill kubectl after this many wall-clock ms (default 30 s): a hung kubectl is a failure, not a hang. */
  timeoutMs?: number;
}

export type Fault =
  | { component: 'scheduler' | 'controller-manager'; action: 'stop' | 'start' }
  | { component: 'kubelet'; node: string; action: 'stop' | 'start' }
  | { component: 'node'; node: string; action: 'fail' | 'recover' };

/** A running `kubelab serve` and the clients that talk to it. */
export interface KubeLab {
  readonly url: string;
  readonly token: string;
  readonly caPem: string;
  readonly kubeconfigPath: string;
  /** A scratch dir that is removed on stop (manifests written by tests go here). */
  readonly dir: string;
  kubectl(version: KubectlVersion, args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** Advance virtual time; returns once the cluster settled. */
  advance(seconds: number): Promise<unknown>;
  fault(f: Fault): Promise<unknown>;
  /** Call the lab control API (`/lab/v1/<path>`). */
  lab(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  /** Write a file into the scratch dir and return its path. */
  writeFile(name: string, text: string): string;
  stop(): Promise<void>;
}

/** The folder holding `kubectl.1.NN`, from $KUBECTL_DIR or the `kubectl` on PATH; undefined if absent. */
export function findKubectlDir(): string | undefined {
  const candidates = [process.env.KUBECTL_DIR];
  for (const p of (process.env.PATH ?? '').split(delimiter)) {
    const k = join(p, 'kubectl');
    if (existsSync(k)) candidates.push(dirname(realpathSync(k)));
  }
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'kubectl.1.33')));
}

export const KUBECTL_DIR = findKubectlDir();

/** True when the binary for this kubectl version exists. */
export function hasKubectl(version: KubectlVersion): boolean {
  return !!KUBECTL_DIR && existsSync(join(KUBECTL_DIR, `kubectl.${version}`));
}

/** `describe` that skips, with the reason in its title, when the kubectl binary is absent. */
export function describeKubectl(version: KubectlVersion, name: string, fn: () => void): void {
  if (hasKubectl(version)) describe(`kubectl ${version}: ${name}`, fn);
  else
    describe.skip(
      `kubectl ${version}: ${name} (skipped: no kubectl.${version} binary; set KUBECTL_DIR to the folder holding kubectl.1.NN)`,
      fn,
    );
}

/** Start `kubelab serve --port 0 --clock manual` and wait for its ready line. */
export async function startKubeLab(opts: { seed?: number } = {}): Promise<KubeLab> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin/kubelab.js'),
      'serve',
      '--port',
      '0',
      '--kubeconfig',
      kubeconfigPath,
      '--clock',
      'manual',
      '--seed',
      String(opts.seed ?? 1),
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let url: string;
  try {
    url = await waitForReady(child);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { token, caPem } = readKubeconfig(kubeconfigPath);
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  const lab = (method: 'GET' | 'POST', path: string, body?: unknown) => labCall(url, token, caPem, method, path, body);
  return {
    url,
    token,
    caPem,
    kubeconfigPath,
    dir,
    kubectl: (version, args, o = {}) => runKubectl(version, args, env, o),
    advance: (seconds) => lab('POST', 'clock/advance', { seconds }),
    fault: (f) => lab('POST', 'faults', f),
    lab,
    writeFile(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    stop: () => stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true })),
  };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`kubelab serve did not become ready in 30 s\n${out}\n${err}`)),
      30_000,
    );
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubelab serve exited with code ${code} before it was ready\n${out}\n${err}`));
    });
  });
}

function readKubeconfig(file: string): { token: string; caPem: string } {
  const kc = parse(readFileSync(file, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const caPem = Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
  return { token: kc.users[0]!.user.token, caPem };
}

function runKubectl(
  version: KubectlVersion,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: KubectlOptions,
): Promise<KubectlResult> {
  if (!KUBECTL_DIR) throw new Error('no kubectl binaries: tests using them must be skipped');
  const bin = join(KUBECTL_DIR, `kubectl.${version}`);
  return new Promise((done) => {
    const child = execFile(
      bin,
      args,
      { env, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ stdout, stderr, code, killed: !!error?.killed });
      },
    );
    if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
    else child.stdin!.end();
  });
}

function labCall(
  url: string,
  token: string,
  ca: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, reject) => {
    const req = request(
      `${url}/lab/v1/${path}`,
      { method, ca, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`lab ${method} ${path}: ${res.statusCode} ${text}`));
          else done(JSON.parse(text) as unknown);
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Keep advancing virtual time in `stepSeconds` steps while `pending` (a
 * kubectl that waits on the cluster, such as `rollout status`) has not
 * finished. Between steps it only waits for kubectl to react, up to
 * `settleMs` of wall time; virtual time never passes on its own.
 */
export async function advanceUntilDone<T>(
  lab: KubeLab,
  pending: Promise<T>,
  stepSeconds = 5,
  maxSteps = 60,
  settleMs = 150,
): Promise<T> {
  let finished = false;
  void pending.then(() => (finished = true));
  for (let i = 0; i < maxSteps && !finished; i++) {
    await Promise.race([pending, new Promise((r) => setTimeout(r, settleMs))]);
    if (!finished) await lab.advance(stepSeconds);
  }
  return pending;
}

/** The stdout of a kubectl run that must succeed quietly (exit 0, nothing on stderr). */
export function succeeded(r: KubectlResult): string {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** kubectl 1.27 validates against /openapi/v2 in protobuf, which the lab does not serve. */
export function validateFlags(version: KubectlVersion): string[] {
  return version === '1.27' ? ['--validate=false'] : [];
}
