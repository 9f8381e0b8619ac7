/**
 * The embedded kubectl against real kubectl 1.33: course chapter 1, then a
 * tour of the other commands. Real kubectl talks to `kubelab serve --clock
 * manual` over HTTPS; the embedded one runs in-process against a second
 * Cluster with the same seed and start time, driven by the same operations at
 * the same virtual times, so names, addresses and ages match. Only describe's
 * event ages are masked (real kubectl ages events by the wall clock), and the
 * server address. Skipped, with a message, when the kubectl binary is absent.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from '../../core/apiserver/server.ts';
import { Cluster } from '../../core/cluster/cluster.ts';
import { runKubectl } from '../../core/kubectl/index.ts';
import { NGINX_DEPLOYMENT as NGINX } from '../../core/manifest/examples.ts';

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

/** Commands beyond chapter 1 whose real runs do not wait on the (stopped) clock. */
const TOUR: (string[] | number)[] = [
  ['create', 'deployment', 'web', '--image=nginx', '--replicas=2'],
  ['create', 'deployment', 'web', '--image=nginx'],
  ['create', 'namespace', 'dev'],
  ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=2'],
  ['create', 'secret', 'generic', 's1', '--from-literal=pw=x'],
  ['create', 'service', 'nodeport', 'np', '--tcp=80:8080'],
  ['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'],
  ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '--', 'echo', 'hi'],
  ['run', 'x', '--image=nginx', '--dry-run=client', '-o', 'yaml'],
  ['run', 'nginx', '--image=nginx'],
  ['run', 'bb', '--image=busybox', '--restart=Never', '--', 'sleep', '10'],
  ['expose', 'deployment', 'web', '--port=80', '--target-port=8080'],
  20,
  ['get', 'all', '-A'],
  ['get', 'cm,secret'],
  ['get', 'jobs,cronjobs', '-o', 'wide'],
  ['get', 'pods', '--show-labels', '-L', 'run'],
  ['get', 'pods', '--sort-by=.metadata.name', '-o', 'custom-columns=NAME:.metadata.name,IMG:.spec.containers[*].image'],
  ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'],
  ['get', 'svc', 'web', '-o', 'yaml'],
  ['get', 'pod', 'nginx', '-o', 'json'],
  ['label', 'deploy', 'web', 'tier=fe'],
  ['label', 'deploy', 'web', 'tier=be'],
  ['label', 'deploy', 'web', 'tier-'],
  ['annotate', 'deploy', 'web', 'note=hi'],
  ['logs', 'nginx', '--tail=3'],
  ['logs', 'deploy/nginx-deployment', '--tail=1'],
  ['logs', 'nope'],
  ['exec', 'nginx', '--', 'ls', '/'],
  ['exec', 'nginx', '--', 'sh', '-c', 'echo oops >&2; exit 3'],
  ['exec', 'bb', '--', 'echo', 'hi'],
  ['top', 'pods'],
  ['top', 'nodes'],
  ['cordon', 'k8s-node2'],
  ['get', 'nodes', '-o', 'wide'],
  ['uncordon', 'k8s-node2'],
  ['taint', 'nodes', 'k8s-node1', 'key=value:NoSchedule'],
  ['taint', 'nodes', 'k8s-node1', 'key-'],
  ['explain', 'deployment.spec.strategy'],
  ['explain', 'pod.spec.containers.ports'],
  ['explain', 'deploy.spec.nope'],
  ['api-resources', '-o', 'wide'],
  ['version'],
  ['cluster-info'],
  ['rollout', 'pause', 'deploy/web'],
  ['rollout', 'restart', 'deploy/web'],
  ['rollout', 'resume', 'deploy/web'],
  ['scale', 'deploy', 'web', '--replicas=3', '--current-replicas=5'],
  ['delete', 'cm', 'cfg', '--grace-period=0', '--force'],
  ['delete', 'deploy', 'web'],
  ['delete', 'pods', '-l', 'app=none'],
  ['get', 'pods', '-n', 'nons'],
  ['foo'],
  ['get', 'pods', '--bogus'],
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

/** Hide what legitimately differs: the server address and describe's wall-clock event ages (and the widths they change). */
function mask(text: string, describe: boolean): string {
  const addressed = text.replace(/127\.0\.0\.1:\d+/g, '<server>');
  if (!describe) return addressed;
  return addressed.replace(/(?<=\s)(\d+[smhdy])+(?=\s|$)/gm, '<age>').replace(/ {2,}/g, ' ');
}

const KUBECTL = findKubectl();
if (!KUBECTL) console.warn('embedded-vs-real: skipped, no kubectl.1.33 binary next to `kubectl` on the PATH');

describe.skipIf(!KUBECTL)('embedded kubectl vs real kubectl 1.33', () => {
  let child: ChildProcess;
  let dir: string;
  let port = 0;
  let token = '';
  let cluster: Cluster;
  let server: ApiServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-h8-'));
    writeFileSync(join(dir, 'nginx-deployment.yaml'), NGINX);
    const kubeconfig = join(dir, 'kc');
    child = spawn(
      'node',
      ['bin/kubelab.js', 'serve', '--port', '0', '--kubeconfig', kubeconfig, '--clock', 'manual', '--seed', '1'],
      { cwd: join(import.meta.dirname, '../..') },
    );
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
    // Same seed and start time as the served cluster: the two then agree on names, times and ages.
    cluster = new Cluster({ seed: 1, startMs: await servedNow() });
    server = new ApiServer(cluster, {
      setClockMode: (mode, speed) => ({ mode, speed }),
      clockMode: () => ({ mode: 'manual', speed: 1 }),
    });
  });

  afterAll(() => {
    child?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function advanceServed(seconds: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/lab/v1/clock/advance',
          method: 'POST',
          rejectUnauthorized: false,
          headers: { Authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ seconds }));
    });
  }

  function servedNow(): Promise<number> {
    return new Promise((resolve, reject) => {
      get(
        {
          host: '127.0.0.1',
          port,
          path: '/lab/v1/clock',
          rejectUnauthorized: false,
          headers: { Authorization: `Bearer ${token}` },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve((JSON.parse(body) as { nowMs: number }).nowMs));
        },
      ).on('error', reject);
    });
  }

  function real(argv: string[]): { stdout: string; stderr: string; code: number } {
    const r = spawnSync(KUBECTL!, argv, {
      cwd: dir,
      env: { ...process.env, KUBECONFIG: join(dir, 'kc'), KUBECACHEDIR: join(dir, 'cache') },
      encoding: 'utf8',
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  }

  async function play(steps: (string[] | number)[]): Promise<void> {
    const files = { 'nginx-deployment.yaml': NGINX };
    for (const step of steps) {
      if (typeof step === 'number') {
        await advanceServed(step);
        cluster.advance(step);
        continue;
      }
      const theirs = real(step);
      const ours = runKubectl(step, { server, files });
      const isDescribe = step[0] === 'describe';
      const cmd = step.join(' ');
      expect({
        cmd,
        stdout: mask(ours.stdout, isDescribe),
        stderr: mask(ours.stderr, false),
        code: ours.exitCode,
      }).toEqual({
        cmd,
        stdout: mask(theirs.stdout, isDescribe),
        stderr: mask(theirs.stderr, false),
        code: theirs.code,
      });
    }
  }

  it('prints the same text for the same operations (chapter 1)', async () => {
    expect(real(['version', '--client']).stdout).toContain('Client Version: v1.33');
    await play(STEPS);
  });

  it('prints the same text for a tour of the other commands', async () => {
    await play(TOUR);
  });
});
