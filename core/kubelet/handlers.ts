/**
 * The actions behind probes and lifecycle hooks (pkg/probe/{exec,http,tcp,grpc},
 * pkg/kubelet/lifecycle/handlers.go): exec runs the command in the container's
 * shell with its filesystem and environment; httpGet, tcpSocket and grpc reach
 * what the container's image serves on that port (`ContainerRun.served`).
 * Probes run an action at one instant with a timeout; hooks run on the clock.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerRun, Handler } from './containers.ts';
import type { KubeletHost } from './host.ts';
import type { ServedPort } from './images/entry.ts';
import type { ProcessHandle } from './process.ts';
import type { ImageInfo } from './images/entry.ts';
import { networkTools, toolsOf } from './images/tools.ts';
import type { CommandHooks } from './shell/index.ts';
import { resolvePath, strerror } from './shell/index.ts';

export interface ActionResult {
  ok: boolean;
  message: string;
}

const OK: ActionResult = { ok: true, message: '' };

/** A probe's action, decided at `nowMs` (pkg/kubelet/prober/prober.go runProbe). */
export function runAction(
  host: KubeletHost,
  pod: KubeObject,
  podIP: string,
  c: ContainerRun,
  h: Handler,
  nowMs: number,
  timeoutMs: number,
): ActionResult {
  if (h.exec) {
    const argv = h.exec.command ?? [];
    return readOnlyCommand(c, argv) ?? execProbe(host, pod, c, argv, nowMs, timeoutMs);
  }
  const target = targetOf(c, h, podIP);
  if (h.httpGet) return httpResult(c, target, nowMs);
  if (h.grpc) {
    if (!target.served)
      return {
        ok: false,
        message: `timeout: failed to connect service "${target.host}:${target.port}" within ${timeoutMs / 1000}s: context deadline exceeded`,
      };
    return target.served.grpc
      ? OK
      : {
          ok: false,
          message:
            'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health',
        };
  }
  if (h.tcpSocket && !target.served)
    return { ok: false, message: `dial tcp ${target.host}:${target.port}: connect: connection refused` };
  return OK;
}

/** The HTTP status a container answers for `GET path` at `nowMs`. */
function httpStatus(c: ContainerRun, served: ServedPort, path: string, nowMs: number): number {
  const clean = path.split('?')[0] || '/';
  if (served.status) return served.status(clean, nowMs - (c.startedAtMs ?? nowMs));
  if (!served.docroot) return 200;
  const r = c.fs?.read(`${served.docroot}${clean.endsWith('/') ? `${clean}index.html` : clean}`);
  return r?.ok ? 200 : r?.errno === 'EISDIR' ? 301 : 404;
}

interface Target {
  host: string;
  port: number;
  served: ServedPort | undefined;
  scheme: string;
  path: string;
}

function targetOf(c: ContainerRun, h: Handler, podIP: string): Target {
  const port = resolvePort(h.httpGet?.port ?? h.tcpSocket?.port ?? h.grpc?.port ?? 0, c);
  const host = h.httpGet?.host || h.tcpSocket?.host || podIP;
  const raw = h.httpGet?.path ?? '';
  const path = raw.startsWith('/') ? raw : `/${raw}`;
  return { host, port, served: c.served.find((p) => p.port === port), scheme: h.httpGet?.scheme ?? 'HTTP', path };
}

/** The URL an httpGet handler asks for; only failure messages show it. */
function urlOf(t: Target): string {
  return `${t.scheme.toLowerCase()}://${t.host}:${t.port}${t.path}`;
}

function httpResult(c: ContainerRun, t: Target, nowMs: number): ActionResult {
  if (!t.served)
    return { ok: false, message: `Get "${urlOf(t)}": dial tcp ${t.host}:${t.port}: connect: connection refused` };
  const code = httpStatus(c, t.served, t.path, nowMs);
  return code >= 200 && code < 400 ? OK : { ok: false, message: `HTTP probe failed with statuscode: ${code}` };
}

/**
 * The probe commands that only look at a file (`cat FILE`, `test -f FILE`, `[ -e FILE ]`),
 * answered straight from the container's filesystem with the words busybox prints, so a
 * probe every few seconds on a thousand pods does not start a shell each time
 * (handlers.test.ts checks the answers against the shell). Undefined: run it for real.
 */
export function readOnlyCommand(c: ContainerRun, argv: readonly string[]): ActionResult | undefined {
  const [cmd = '', ...ops] = argv;
  if (!c.fs || c.image?.programs[cmd]) return undefined;
  const at = (p: string) => resolvePath(c.spec.workingDir ?? '/', p);
  if (cmd === 'cat' && ops.length === 1 && !ops[0]!.startsWith('-')) {
    const r = c.fs.read(at(ops[0]!));
    if (r.ok) return { ok: true, message: r.value.trimEnd() };
    const why = r.errno === 'EISDIR' ? 'read error: Is a directory' : `can't open '${ops[0]}': ${strerror(r.errno)}`;
    return { ok: false, message: `cat: ${why}` };
  }
  const test = cmd === 'test' ? ops : cmd === '[' && ops.at(-1) === ']' ? ops.slice(0, -1) : undefined;
  const [flag, file] = test ?? [];
  if (test?.length !== 2 || !file || !['-e', '-f', '-d'].includes(flag ?? '')) return undefined;
  const path = at(file);
  const ok =
    flag === '-e' ? c.fs.exists(path) : flag === '-d' ? c.fs.isDir(path) : c.fs.exists(path) && !c.fs.isDir(path);
  return { ok, message: '' };
}

function execProbe(
  host: KubeletHost,
  pod: KubeObject,
  c: ContainerRun,
  argv: string[],
  nowMs: number,
  timeoutMs: number,
): ActionResult {
  let out = '';
  const proc = startIn(
    host,
    pod,
    c,
    argv,
    nowMs,
    (t) => (out += t),
    (t) => (out += t),
  );
  let r = proc.run(nowMs);
  // Short sleeps inside a probe command finish within its timeout.
  while (r.state === 'sleeping' && r.wakeAtMs - nowMs < timeoutMs) r = proc.run(r.wakeAtMs);
  if (r.state === 'sleeping') {
    proc.kill('SIGKILL', nowMs);
    return { ok: false, message: `command timed out: "${argv.join(' ')}" timed out after ${timeoutMs / 1000}s` };
  }
  return { ok: r.exitCode === 0, message: out.trimEnd() };
}

function startIn(
  host: KubeletHost,
  pod: KubeObject,
  c: ContainerRun,
  argv: string[],
  nowMs: number,
  stdout: (t: string) => void,
  stderr: (t: string) => void,
): ProcessHandle {
  return host.startProcess({
    argv,
    env: c.env ?? {},
    cwd: c.spec.workingDir ?? '/',
    fs: c.fs!,
    hostname: pod.metadata.name ?? '',
    nowMs,
    commands: containerCommands(host, pod, c.image),
    ignoreSigterm: false,
    onStdout: stdout,
    onStderr: stderr,
  });
}

/**
 * Run a lifecycle hook on the clock; `done` gets undefined on success or the
 * kubelet's FailedPostStartHook / FailedPreStopHook message. Returns a cancel.
 */
export function runHook(
  host: KubeletHost,
  pod: KubeObject,
  podIP: string,
  c: ContainerRun,
  h: Handler,
  done: (error?: string) => void,
): () => void {
  const who = `for Container "${c.spec.name}" in Pod "${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})"`;
  if (h.sleep) {
    const t = host.clock.after(h.sleep.seconds * 1000, () => done());
    return () => t.cancel();
  }
  if (h.httpGet) {
    const t = targetOf(c, h, podIP);
    // A hook's HTTP answer is not checked: only a failed connection is an error.
    done(
      t.served
        ? undefined
        : `HTTP lifecycle hook (${h.httpGet.path ?? ''}) ${who} failed - error: Get "${urlOf(t)}": dial tcp ${t.host}:${t.port}: connect: connection refused`,
    );
    return () => {};
  }
  if (!h.exec) {
    done();
    return () => {};
  }
  const argv = h.exec.command ?? [];
  let out = '';
  let err = '';
  const proc = startIn(
    host,
    pod,
    c,
    argv,
    host.now(),
    (t) => (out += t),
    (t) => {
      out += t;
      err += t;
    },
  );
  let wake: Timer | undefined;
  const step = () => {
    const r = proc.run(host.now());
    if (r.state === 'sleeping') {
      if (r.wakeAtMs !== Infinity) wake = host.clock.after(r.wakeAtMs - host.now(), step);
      return;
    }
    if (r.exitCode === 0) return done();
    done(
      `Exec lifecycle hook ([${argv.join(' ')}]) ${who} failed - error: command '${argv.join(' ')}' exited with ${r.exitCode}: ${err}, message: ${JSON.stringify(out)}`,
    );
  };
  step();
  return () => {
    wake?.cancel();
    proc.kill('SIGKILL', host.now());
  };
}

/**
 * The commands a container's processes find besides the shell's own: the image's programs,
 * and the network tools the image carries bound to the pod's network (curl, wget, nslookup…).
 */
export function containerCommands(host: KubeletHost, pod: KubeObject, image: ImageInfo | undefined): CommandHooks {
  const programs = image?.programs ?? {};
  // Most server images carry no tools: they get no network closures at all (10,000 pods add up).
  if (!image || !host.network || toolsOf(image.ref).length === 0) return programs;
  const network = host.network;
  return { ...programs, ...networkTools(image.ref, () => network(pod)) };
}

function resolvePort(port: number | string, c: ContainerRun): number {
  if (typeof port === 'number') return port;
  return c.spec.ports?.find((p) => p.name === port)?.containerPort ?? (Number(port) || 0);
}
