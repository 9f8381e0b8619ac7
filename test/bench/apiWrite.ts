/**
 * api-write-p99-ms (and p50): single-object writes against a child
 * `kubelab serve --clock manual` on loopback HTTPS. 4 clients, each with its
 * own keep-alive agent (one socket) trusting the cluster CA, paced open-loop
 * at 200 requests/s in total (each client every 20 ms, offset by 5 ms), for a
 * 2 s warm-up (excluded) then 10 s measured. Each client alternates a create
 * (POST a ConfigMap) and a JSON merge patch of the ConfigMap it just created.
 * Latency: from handing the request to the agent to the last byte of the
 * response (queueing behind a slow previous request on the socket counts).
 * Set BENCH_SERVER_PROFILE=DIR to write the server's CPU profile there.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { percentile, round } from './stats.ts';
import type { Figure } from './types.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CLIENTS = 4;
const RATE = 200;
const WARMUP_MS = 2_000;
const MEASURE_MS = 10_000;
const READY = /KubeLab API ready at (https:\/\/\S+)/;

interface Server {
  url: string;
  token: string;
  ca: string;
  child: ChildProcess;
}

interface Sample {
  at: number;
  ms: number;
  lateMs: number;
  kind: 'create' | 'patch';
}

async function startServer(dir: string): Promise<Server> {
  const kubeconfig = join(dir, 'kubeconfig');
  const profile = process.env.BENCH_SERVER_PROFILE;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(REPO, 'bin/kubelab.js'),
      'serve',
      '--port',
      '0',
      '--clock',
      'manual',
      '--kubeconfig',
      kubeconfig,
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('apiWrite: kubelab serve not ready in 60 s')), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`apiWrite: kubelab serve exited (${code})`)));
  });
  const cfg = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const ca = Buffer.from(cfg.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
  return { url, token: cfg.users[0]!.user.token, ca, child };
}

function send(
  server: Server,
  agent: Agent,
  method: string,
  path: string,
  contentType: string,
  body: unknown,
): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = request(
      `${server.url}${path}`,
      {
        method,
        agent,
        ca: server.ca,
        headers: {
          Authorization: `Bearer ${server.token}`,
          'Content-Type': contentType,
          Accept: 'application/json',
          'Content-Length': Buffer.byteLength(data),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** One client: a create then a patch of it, every 20 ms, until `endAt`. */
async function client(server: Server, c: number, t0: number, endAt: number, samples: Sample[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: server.ca });
  const interval = (1000 * CLIENTS) / RATE;
  const pending: Promise<void>[] = [];
  const path = '/api/v1/namespaces/default/configmaps';
  for (let i = 0; ; i++) {
    const due = t0 + i * interval + (c * interval) / CLIENTS;
    if (due >= endAt) break;
    await sleep(due - performance.now());
    const start = performance.now();
    const name = `bench-${c}-${i >> 1}`;
    const kind = i % 2 === 0 ? 'create' : 'patch';
    const sent =
      kind === 'create'
        ? send(server, agent, 'POST', path, 'application/json', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name },
            data: { n: String(i) },
          })
        : send(server, agent, 'PATCH', `${path}/${name}`, 'application/merge-patch+json', {
            data: { n: String(i), patched: 'true' },
          });
    pending.push(
      sent.then((code) => {
        if (code !== (kind === 'create' ? 201 : 200)) throw new Error(`apiWrite: ${kind} ${name} answered ${code}`);
        samples.push({ at: start - t0, ms: performance.now() - start, lateMs: start - due, kind });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const server = await startServer(dir);
  try {
    const samples: Sample[] = [];
    const t0 = performance.now() + 50;
    const end = t0 + WARMUP_MS + MEASURE_MS;
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(server, c, t0, end, samples)));
    const measured = samples.filter((s) => s.at >= WARMUP_MS);
    const ms = measured.map((s) => s.ms);
    const p50 = percentile(ms, 50);
    const p99 = percentile(ms, 99);
    const late = percentile(
      measured.map((s) => s.lateMs),
      99,
    );
    const by = (k: Sample['kind']) =>
      round(
        percentile(
          measured.filter((s) => s.kind === k).map((s) => s.ms),
          99,
        ),
        2,
      );
    log(
      `apiWrite: ${measured.length} measured requests, p50 ${round(p50, 2)} ms, p99 ${round(p99, 2)} ms, max ${round(Math.max(...ms), 1)} ms`,
    );
    const note = `${measured.length} requests in ${MEASURE_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; p99 create ${by('create')} ms, patch ${by('patch')} ms; max ${round(Math.max(...ms), 1)} ms; client timer lag p99 ${round(late, 1)} ms`;
    return [
      { name: 'api-write-p99-ms', value: round(p99, 2), unit: 'ms', note },
      { name: 'api-write-p50-ms', value: round(p50, 2), unit: 'ms' },
    ];
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}
