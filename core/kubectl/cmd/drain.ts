/**
 * `kubectl drain` (kubectl/pkg/cmd/drain and kubectl/pkg/drain): cordon, pick
 * the node's pods with upstream's filters (DaemonSet, mirror, local storage,
 * unmanaged), then evict each through `pods/eviction`. A 429 from a
 * PodDisruptionBudget is retried every 5 s; an evicted pod is waited for until
 * it is gone (polled every second), then `pod/x evicted`; `--timeout` bounds
 * it all. Time is the cluster's virtual clock: with a context stream the
 * command keeps going as the clock moves; without one it makes one pass (the
 * evictions that succeed at once) and stops where real kubectl would wait.
 */
import type { KubeObject, Status } from '../../api/types.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import { formatDuration } from '../../util/duration.ts';
import { resourcePath } from '../client.ts';
import type { Env } from '../env.ts';
import { listObjects, must, resolveType } from '../env.ts';
import type { Resource } from '../discovery.ts';
import { CommandError, usageError } from '../types.ts';
import type { StreamSink } from '../types.ts';

const RETRY_MS = 5000;
const POLL_MS = 1000;

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

type Verdict = { delete: true; warning?: string } | { delete: false; fatal?: string };

/** makeFilters, in upstream's order; the first filter that does not say "delete" decides. */
function verdict(env: Env, pod: KubeObject): Verdict {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner?.kind === 'DaemonSet') {
    if (!env.flags.bool('ignore-daemonsets')) return { delete: false, fatal: DAEMONSET_FATAL };
    return { delete: false };
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return { delete: false };
  const emptyDir = ((pod.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []).some(
    (v) => v.emptyDir,
  );
  if (emptyDir && !finished && !env.flags.bool('delete-emptydir-data')) return { delete: false, fatal: LOCAL_FATAL };
  if (!owner && !finished && !env.flags.bool('force')) return { delete: false, fatal: UNMANAGED_FATAL };
  if (!owner && !finished) return { delete: true, warning: UNMANAGED_WARNING };
  if (emptyDir && !finished) return { delete: true, warning: LOCAL_WARNING };
  return { delete: true };
}

/** GetPodsForDeletion: the pods to evict, the refusals as errors, and the warnings. */
function podsForDeletion(env: Env, pods: KubeObject[]): { evict: KubeObject[]; errors: string[]; warnings: string } {
  const evict: KubeObject[] = [];
  const fatal = new Map<string, string[]>();
  const warn = new Map<string, string[]>();
  for (const p of pods) {
    const ref = `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    const v = verdict(env, p);
    if (v.delete) evict.push(p);
    const daemonSkip =
      !v.delete && !v.fatal && p.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'DaemonSet');
    const w = v.delete ? v.warning : daemonSkip ? DAEMONSET_WARNING : undefined;
    if (w) warn.set(w, [...(warn.get(w) ?? []), ref]);
    if (!v.delete && v.fatal) fatal.set(v.fatal, [...(fatal.get(v.fatal) ?? []), ref]);
  }
  const errors = [...fatal].map(([msg, refs]) => `cannot delete ${msg}: ${refs.join(', ')}`);
  const warnings = [...warn].map(([msg, refs]) => `${msg}: ${refs.join(', ')}`).join('; ');
  return { evict, errors, warnings };
}

/** Go's time.ParseDuration for what people type: 30s, 2m, 1m30s, 500ms, 0. */
function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let m: RegExpExecArray | null;
  let used = 0;
  while ((m = re.exec(text))) {
    ms += Number(m[1]) * (units[m[2] ?? ''] ?? 0);
    used = re.lastIndex;
  }
  return used === text.length && used > 0 ? ms : undefined;
}

/** Go's Duration.String of milliseconds: 10s, 2m0s, 1m30s, 1h0m0s. */
const durationString = (ms: number): string => formatDuration(BigInt(Math.round(ms * 1e6)));

/** Aggregate errors as kubectl prints them: the first line inline ([a, b] for several), then one per line. */
function drainFailure(node: string, errors: string[]): CommandError {
  const inline = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return new CommandError(
    `error: unable to drain node "${node}" due to error: ${inline}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errors.join('\n')}`,
  );
}

export function drainNode(env: Env, node: KubeObject, cordon: (n: KubeObject) => boolean): void {
  const name = node.metadata.name ?? '';
  const timeout = env.flags.has('timeout') ? parseDuration(env.flags.str('timeout') ?? '') : 0;
  if (timeout === undefined)
    throw usageError(
      `invalid argument "${env.flags.str('timeout') ?? ''}" for "--timeout" flag: time: invalid duration`,
    );
  env.out.out(`node/${name} ${cordon(node) ? 'cordoned' : 'already cordoned'}\n`);
  const podType = resolveType(env, 'pods');
  const pods = must(
    listObjects(env, podType, {
      namespace: '',
      fieldSelector: `spec.nodeName=${name}`,
      labelSelector: env.flags.str('pod-selector'),
    }),
  );
  const { evict, errors, warnings } = podsForDeletion(env, pods);
  if (errors.length) throw drainFailure(name, errors);
  if (warnings) env.out.err(`Warning: ${warnings}\n`);
  new Drain(env, podType, name, evict, timeout).start();
}

/** One drain in progress: each pod is evicted (retrying 429s), then waited for. */
class Drain {
  private readonly clock: VirtualClock;
  private readonly stream: StreamSink | undefined;
  private readonly deadline: number;
  private left: number;
  private readonly errors: string[] = [];
  private live = true;
  private lastRetry = '';
  private readonly eviction: boolean;

  constructor(
    private readonly env: Env,
    private readonly podType: Resource,
    private readonly node: string,
    private readonly pods: KubeObject[],
    private readonly timeoutMs: number,
  ) {
    this.clock = env.client.server.cluster.clock;
    this.stream = env.ctx.stream;
    this.deadline = timeoutMs > 0 ? this.clock.now() + timeoutMs : Infinity;
    this.left = pods.length;
    this.eviction = !env.flags.bool('disable-eviction');
  }

  start(): void {
    for (const p of this.pods) this.evict(p);
    if (this.left > 0 && this.stream) {
      this.env.pending = true;
      return;
    }
    // Finished at once, or no way to wait: report what was done, and stop.
    this.live = false;
    if (this.errors.length) throw drainFailure(this.node, this.errors);
    if (this.left === 0) return this.env.out.out(`node/${this.node} drained\n`);
    // Blocked by a budget without a terminal to keep going: end on the retry line, as an interrupted kubectl would.
    const out = this.env.out;
    const last = this.lastRetry;
    if (out.stderr.endsWith(last)) out.stderr = out.stderr.slice(0, -last.length);
    throw new CommandError(last, 1);
  }

  private out(text: string): void {
    if (this.env.pending && this.stream) this.stream.stdout(text);
    else this.env.out.out(text);
  }

  private err(text: string): void {
    if (this.env.pending && this.stream) this.stream.stderr(text);
    else this.env.out.err(text);
  }

  private ref(p: KubeObject): { ns: string; name: string } {
    return { ns: p.metadata.namespace ?? 'default', name: p.metadata.name ?? '' };
  }

  private evict(p: KubeObject): void {
    if (!this.live) return;
    const { ns, name } = this.ref(p);
    if (this.eviction) this.out(`evicting pod ${ns}/${name}\n`);
    if (this.clock.now() >= this.deadline)
      return this.done(
        `error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${durationString(this.timeoutMs)}`,
      );
    const grace = this.env.flags.int('grace-period', -1);
    const deleteOptions = grace >= 0 ? { gracePeriodSeconds: grace } : {};
    let reply;
    if (this.eviction) {
      reply = this.env.client.request('POST', resourcePath(this.podType, ns, name, 'eviction'), {
        body: { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name, namespace: ns }, deleteOptions },
      });
    } else reply = this.env.client.request('DELETE', resourcePath(this.podType, ns, name), { body: deleteOptions });
    if (reply.ok) return this.waitForDelete(p);
    const s: Status = reply.status;
    if (s.code === 404) return this.done();
    if (s.code === 429 && this.eviction) {
      this.lastRetry = `error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${s.message ?? ''}\n`;
      this.err(this.lastRetry);
      if (this.stream) this.clock.after(RETRY_MS, () => this.evict(p));
      return;
    }
    this.done(`error when evicting pods/"${name}" -n "${ns}": ${s.message ?? ''}`);
  }

  /** waitForDelete: gone, or replaced by a pod of the same name with another uid. */
  private waitForDelete(p: KubeObject): void {
    if (!this.live) return;
    const { ns, name } = this.ref(p);
    const now = this.env.client.request<KubeObject>('GET', resourcePath(this.podType, ns, name));
    const gone = !now.ok ? now.status.code === 404 : now.value.metadata.uid !== p.metadata.uid;
    if (gone || !this.stream) {
      this.out(`pod/${name} ${this.eviction ? 'evicted' : 'deleted'}\n`);
      return this.done();
    }
    if (this.clock.now() >= this.deadline)
      return this.done(
        `error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${durationString(this.timeoutMs)}`,
      );
    this.clock.after(POLL_MS, () => this.waitForDelete(p));
  }

  private done(error?: string): void {
    if (error) this.errors.push(error);
    this.left--;
    if (this.left > 0 || !this.env.pending || !this.stream) return;
    this.live = false;
    if (this.errors.length === 0) {
      this.stream.stdout(`node/${this.node} drained\n`);
      return this.stream.exit(0);
    }
    this.stream.stderr(`${drainFailure(this.node, this.errors).message}\n`);
    this.stream.exit(1);
  }
}
