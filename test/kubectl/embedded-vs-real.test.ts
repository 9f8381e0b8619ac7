/**
 * The embedded kubectl against real kubectl 1.33, on course chapter 1.
 * Real kubectl talks to `kubelab serve --clock manual` over HTTPS; the
 * embedded one runs in-process against a second Cluster with the same seed,
 * driven by the same operations at the same virtual times, so names match.
 * Dates, ages and the wall-clock parts of describe are masked: the served
 * cluster starts at the real time and real kubectl ages events by the wall
 * clock. Skipped, with a message, when the kubectl binary is absent.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from '../../core/apiserver/server.ts';
import { Cluster } from '../../core/cluster/cluster.ts';
import { runKubectl } from '../../core/kubectl/index.ts';

const NGINX = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

/** The course's chapter 1, as kubectl argv lines and clock steps. */
const STEPS: (string[] | number)[] = [
  ['apply', '-f', 'nginx-deployment.yaml'],
  30,
  ['get', 'pods', '-o', 'wide'],
  ['get', 'deploy'],
  ['describe', 'deployment', 'nginx-deployment'],
  ['scale', 'deployment', 'nginx-deployment', '--replicas=5'],
  30,
  ['get', 'pods'],
  ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'],
  60,
  ['rollout', 'history', 'deployment/nginx-deployment'],
  ['rollout', 'undo', 'deployment/nginx-deployment'],
  60,
  ['get', 'rs'],
  ['get', 'pod', 'nope'],
  ['get', 'deploy', 'nginx-deployment', '-o', 'yaml'],
];

function findKubectl(): string | undefined {
  try {
    const onPath = execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim();
    const candidate = join(dirname(realpathSync(onPath)), 'kubectl.1.33');
    return existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hide what legitimately differs: dates (the served cluster starts at the real time) and, in
 * describe, event ages and the column widths they change (real kubectl ages events by the wall clock).
 */
function mask(text: string, describe: boolean): string {
  const dated = text
    .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<date>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, '<date>');
  if (!describe) return dated;
  return dated.replace(/(?<=\s)(\d+[smhdy])+(?=\s|$)/gm, '<age>').replace(/ {2,}/g, ' ');
}

const KUBECTL = findKubectl();
if (!KUBECTL) console.warn('embedded-vs-real: skipped, no kubectl.1.33 binary next to `kubectl` on the PATH');

describe.skipIf(!KUBECTL)('embedded kubectl vs real kubectl 1.33 (chapter 1)', () => {
  let child: ChildProcess;
  let dir: string;
  let port = 0;
  let token = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-h8-'));
    writeFileSync(join(dir, 'nginx-deployment.yaml'), NGINX);
    const kubeconfig = join(dir, 'kc');
    child = spawn('node', ['bin/kubelab.js', 'serve', '--port', '0', '--kubeconfig', kubeconfig, '--clock', 'manual', '--seed', '1'], { cwd: join(import.meta.dirname, '../..') });
    port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`kubelab serve exited with ${code}`)));
    });
    token = /token: (\S+)/.exec(readFileSync(kubeconfig, 'utf8'))?.[1] ?? '';
  });

  afterAll(() => {
    child?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function advanceServed(seconds: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/lab/v1/clock/advance', method: 'POST', rejectUnauthorized: false, headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ seconds }));
    });
  }

  function real(argv: string[]): { out: string; code: number } {
    try {
      const out = execFileSync(KUBECTL!, argv, { cwd: dir, env: { ...process.env, KUBECONFIG: join(dir, 'kc'), KUBECACHEDIR: join(dir, 'cache') }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { out, code: 0 };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; status?: number };
      return { out: `${err.stdout ?? ''}${err.stderr ?? ''}`, code: err.status ?? -1 };
    }
  }

  it('prints the same text for the same operations', async () => {
    expect(real(['version', '--client']).out).toContain('Client Version: v1.33');
    const cluster = new Cluster({ seed: 1 });
    const server = new ApiServer(cluster, { setClockMode: (mode, speed) => ({ mode, speed }), clockMode: () => ({ mode: 'manual', speed: 1 }) });
    const files = { 'nginx-deployment.yaml': NGINX };
    for (const step of STEPS) {
      if (typeof step === 'number') {
        await advanceServed(step);
        cluster.advance(step);
        continue;
      }
      const theirs = real(step);
      const ours = runKubectl(step, { server, files });
      const isDescribe = step[0] === 'describe';
      expect({ cmd: step.join(' '), out: mask(ours.stdout + ours.stderr, isDescribe), code: ours.exitCode }).toEqual({
        cmd: step.join(' '),
        out: mask(theirs.out, isDescribe),
        code: theirs.code,
      });
    }
  });
});
