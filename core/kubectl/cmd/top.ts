/**
 * `kubectl top pods|nodes` from metrics.k8s.io (kubectl `pkg/cmd/top`,
 * `pkg/metricsutil`): CPU in millicores rounded up, memory in Mi rounded
 * down, node percentages of allocatable. Every cell is tab-terminated, so
 * lines carry trailing padding as kubectl's do.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Command, Env } from '../env.ts';
import { listObjects, must, resolveType } from '../env.ts';
import { alignTabs } from '../tabwriter.ts';
import { usageError } from '../types.ts';

export const topCommand: Command = {
  name: 'top',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(env) {
    const [sub, name] = env.flags.args;
    if (!env.discovery.hasGroup('metrics.k8s.io')) throw usageError('Metrics API not available');
    if (sub === 'pod' || sub === 'pods' || sub === 'po') return topPods(env, name);
    if (sub === 'node' || sub === 'nodes' || sub === 'no') return topNodes(env, name);
    throw usageError(
      sub === undefined ? 'Required resource not specified.' : `unknown command "${sub}" for "kubectl top"`,
    );
  },
};

interface Usage {
  cpu?: string;
  memory?: string;
}

/** Quantity → value in base units (cores or bytes). */
export function quantityValue(q: string | undefined): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q ?? '0');
  if (!m) return 0;
  const scale: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    '': 1,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return Number(m[1]) * (scale[m[2] ?? ''] ?? 1);
}

const milli = (q: string | undefined): number => Math.ceil(Math.round(quantityValue(q) * 1e9) / 1e6);
const mebi = (q: string | undefined): number => Math.floor(quantityValue(q) / 1024 ** 2);

function lines(env: Env, header: string[], rows: string[][]): void {
  const all = env.flags.bool('no-headers') ? rows : [header, ...rows];
  env.out.out(alignTabs(all.map((r) => r.map((c) => `${c}\t`).join('') + '\n').join('')));
}

function sortBy(env: Env, rows: { cpu: number; mem: number; cells: string[] }[]): string[][] {
  const key = env.flags.str('sort-by');
  if (key === 'cpu') rows.sort((a, b) => b.cpu - a.cpu);
  else if (key === 'memory') rows.sort((a, b) => b.mem - a.mem);
  return rows.map((r) => r.cells);
}

function topPods(env: Env, name: string | undefined): void {
  const all = env.flags.bool('all-namespaces');
  const path = `/apis/metrics.k8s.io/v1beta1${all ? '' : `/namespaces/${env.namespace}`}/pods${name ? `/${name}` : ''}`;
  const reply = must(
    env.client.get<{ items?: KubeObject[] } & KubeObject>(
      path,
      env.flags.str('selector') ? { labelSelector: env.flags.str('selector') } : undefined,
    ),
  );
  const items = name ? [reply] : (reply.items ?? []);
  if (items.length === 0) {
    env.out.err(all ? 'No resources found\n' : `No resources found in ${env.namespace} namespace.\n`);
    return;
  }
  const containersOf = (p: KubeObject) => (p.containers ?? []) as { name: string; usage: Usage }[];
  if (env.flags.bool('containers')) {
    const rows = items.flatMap((p) =>
      containersOf(p).map((c) => ({
        cpu: milli(c.usage.cpu),
        mem: mebi(c.usage.memory),
        cells: [
          ...(all ? [p.metadata.namespace ?? ''] : []),
          p.metadata.name ?? '',
          c.name,
          `${milli(c.usage.cpu)}m`,
          `${mebi(c.usage.memory)}Mi`,
        ],
      })),
    );
    return lines(env, [...(all ? ['NAMESPACE'] : []), 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], sortBy(env, rows));
  }
  const rows = items.map((p) => {
    const cs = containersOf(p);
    const cpu = cs.reduce((s, c) => s + milli(c.usage.cpu), 0);
    const mem = cs.reduce((s, c) => s + mebi(c.usage.memory), 0);
    return {
      cpu,
      mem,
      cells: [...(all ? [p.metadata.namespace ?? ''] : []), p.metadata.name ?? '', `${cpu}m`, `${mem}Mi`],
    };
  });
  lines(env, [...(all ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], sortBy(env, rows));
}

function topNodes(env: Env, name: string | undefined): void {
  const reply = must(
    env.client.get<{ items?: KubeObject[] } & KubeObject>(
      `/apis/metrics.k8s.io/v1beta1/nodes${name ? `/${name}` : ''}`,
      env.flags.str('selector') ? { labelSelector: env.flags.str('selector') } : undefined,
    ),
  );
  const metrics = name ? [reply] : (reply.items ?? []);
  const nodes = must(listObjects(env, resolveType(env, 'nodes'), { labelSelector: env.flags.str('selector') }));
  const rows = metrics.map((m) => {
    const usage = (m.usage ?? {}) as Usage;
    const node = nodes.find((n) => n.metadata.name === m.metadata.name);
    const alloc = ((node?.status as { allocatable?: Usage } | undefined)?.allocatable ?? {}) as Usage;
    const cpu = milli(usage.cpu);
    const mem = mebi(usage.memory);
    const cpuPct = Math.floor((cpu * 100) / (milli(alloc.cpu) || 1));
    const memPct = Math.floor((quantityValue(usage.memory) * 100) / (quantityValue(alloc.memory) || 1));
    return { cpu, mem, cells: [m.metadata.name ?? '', `${cpu}m`, `${cpuPct}%`, `${mem}Mi`, `${memPct}%`] };
  });
  lines(env, ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], sortBy(env, rows));
}
