/**
 * `kubectl exec`: run a command in a running container's shell, with its
 * filesystem and environment, on the cluster's virtual clock. The session
 * reports output as it happens and the exit code at the end. The command finds
 * the image's programs and its network tools bound to the pod (wget, curl,
 * nslookup… through `cluster.network`: kubelet/handlers.ts containerCommands).
 */
import * as status from '../api/status.ts';
import type { Status } from '../api/types.ts';
import { R } from '../controllers/resources.ts';
import { containerEnv } from '../kubelet/environment.ts';
import { containerCommands } from '../kubelet/handlers.ts';
import { lookupImage } from '../kubelet/images/catalogue.ts';
import type { Cluster } from './cluster.ts';

export interface ExecRequest {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  stdin?: string;
}

export interface ExecCallbacks {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
}

/** Start a command; returns a Status error when the container cannot run it, or a function that cancels it. */
export function exec(
  cluster: Cluster,
  req: ExecRequest,
  cb: ExecCallbacks,
): { ok: true; cancel: () => void } | { ok: false; status: Status } {
  const pod = cluster.api.peek(R.pods, req.namespace, req.pod);
  if (!pod) return { ok: false, status: status.notFound('pods', '', req.pod) };
  const spec = pod.spec as { containers?: { name: string }[]; nodeName?: string };
  const names = (spec.containers ?? []).map((c) => c.name);
  const name = req.container ?? pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0];
  const worker = spec.nodeName ? cluster.kubelets.get(spec.nodeName)?.worker(pod.metadata.uid ?? '') : undefined;
  const run = worker?.containers.find((c) => c.spec.name === name);
  if (!name || !names.includes(name))
    return { ok: false, status: status.badRequest(`container ${name ?? ''} is not valid for pod ${req.pod}`) };
  if (!run || run.state !== 'running' || !run.fs) {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const why =
      phase === 'Succeeded' || phase === 'Failed'
        ? `cannot exec into a container in a completed pod; current phase is ${phase}`
        : `container ${name} is not running`;
    return { ok: false, status: status.badRequest(why) };
  }
  const kubelet = cluster.kubelets.get(spec.nodeName ?? '')!;
  const image = lookupImage(run.spec.image ?? '');
  const now = cluster.clock.now();
  const proc = kubelet.startProcess({
    argv: req.command,
    // The container's environment as it was built at its start (later ConfigMap/Secret edits don't reach it).
    env: run.env ?? containerEnv(kubelet, pod, run.spec, image, worker?.ip ?? ''),
    cwd: run.spec.workingDir ?? '/',
    fs: run.fs,
    hostname: pod.metadata.name ?? '',
    nowMs: now,
    commands: containerCommands(kubelet, pod, image),
    ignoreSigterm: false,
    onStdout: (t) => cb.stdout(t),
    onStderr: (t) => cb.stderr(t),
    ...(req.stdin !== undefined ? { stdin: req.stdin } : {}),
  });
  let cancelled = false;
  const step = () => {
    if (cancelled) return;
    const r = proc.run(cluster.clock.now());
    if (r.state === 'exited') return cb.exit(r.exitCode);
    if (r.wakeAtMs !== Infinity) cluster.clock.after(r.wakeAtMs - cluster.clock.now(), step);
  };
  step();
  return {
    ok: true,
    cancel: () => {
      cancelled = true;
      proc.kill('SIGKILL', cluster.clock.now());
    },
  };
}
