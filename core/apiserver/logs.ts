/**
 * pods/log: what a container printed, from its kubelet, with the options
 * kubectl sends (container, previous, tailLines, timestamps, sinceSeconds,
 * limitBytes, follow). Errors are worded as the real server's.
 */
import * as status from '../api/status.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { R } from '../controllers/resources.ts';
import type { ContainerRun, LogLine } from '../kubelet/containers.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q, text } from './types.ts';

function nanoStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function render(lines: LogLine[], req: ApiRequest, nowMs: number): string {
  let out = lines;
  const since = q(req, 'sinceSeconds');
  if (since) out = out.filter((l) => l.timeMs >= nowMs - Number(since) * 1000);
  const tail = q(req, 'tailLines');
  if (tail !== undefined && Number(tail) >= 0) out = out.slice(Math.max(0, out.length - Number(tail)));
  const stamps = q(req, 'timestamps') === 'true';
  let body = out.map((l) => `${stamps ? nanoStamp(l.timeMs) + ' ' : ''}${l.text}\n`).join('');
  const limit = q(req, 'limitBytes');
  if (limit) body = body.slice(0, Number(limit));
  return body;
}

export function findContainer(
  cluster: Cluster,
  ns: string,
  name: string,
  container: string | undefined,
): { run?: ContainerRun; error?: ApiResponse } {
  const pod = cluster.api.peek(R.pods, ns, name);
  if (!pod) return { error: json(404, status.notFound('pods', '', name)) };
  const spec = pod.spec as { containers?: { name: string }[]; initContainers?: { name: string }[]; nodeName?: string };
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
  const wanted =
    container ??
    (names.length === 1 ? names[0] : pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']);
  if (!wanted)
    return {
      error: json(
        400,
        status.badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`),
      ),
    };
  if (!all.includes(wanted))
    return { error: json(400, status.badRequest(`container ${wanted} is not valid for pod ${name}`)) };
  const worker = spec.nodeName ? cluster.kubelets.get(spec.nodeName)?.worker(pod.metadata.uid ?? '') : undefined;
  const run = worker?.containers.find((c) => c.spec.name === wanted);
  if (!run || (!run.containerID && run.state === 'waiting')) {
    const reason = run?.waitingReason ?? 'ContainerCreating';
    return {
      error: json(400, status.badRequest(`container "${wanted}" in pod "${name}" is waiting to start: ${reason}`)),
    };
  }
  return { run };
}

export function podLogs(cluster: Cluster, req: ApiRequest, ns: string, name: string): ApiResponse {
  const found = findContainer(cluster, ns, name, q(req, 'container'));
  if (found.error) return found.error;
  const run = found.run!;
  const previous = q(req, 'previous') === 'true';
  if (previous && !run.lastTerminated) {
    return json(400, status.badRequest(`previous terminated container "${run.spec.name}" in pod "${name}" not found`));
  }
  const lines = previous ? run.previousLogs : run.logs;
  const now = cluster.clock.now();
  if (q(req, 'follow') !== 'true' || previous) return text(200, render(lines, req, now));
  return {
    kind: 'stream',
    status: 200,
    headers: { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' },
    start(write, end) {
      write(render(lines, req, now));
      let seen = run.logs.length;
      let current = run.logs;
      // Look again after every settle of the cluster: new lines are appended to the container's log.
      const unsubscribe = cluster.onSettled(() => {
        if (run.logs !== current) {
          current = run.logs;
          seen = 0;
        }
        if (run.logs.length > seen) {
          write(
            run.logs
              .slice(seen)
              .map((l) => `${q(req, 'timestamps') === 'true' ? nanoStamp(l.timeMs) + ' ' : ''}${l.text}\n`)
              .join(''),
          );
          seen = run.logs.length;
        }
        if (run.state === 'terminated' || !cluster.api.peek(R.pods, ns, name)) {
          unsubscribe();
          end();
        }
      });
      return unsubscribe;
    },
  };
}
