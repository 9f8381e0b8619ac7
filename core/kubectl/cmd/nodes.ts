/**
 * Node maintenance: `cordon`, `uncordon` (a strategic merge patch of
 * `spec.unschedulable`), `drain` (drain.ts: cordon, then evict the pods through
 * `pods/eviction`, honouring PodDisruptionBudgets) and `taint`
 * (`key=value:Effect`, `key:Effect`, `key-`).
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command, Env } from '../env.ts';
import { getObject, listObjects, must, resolveType } from '../env.ts';
import { usageError } from '../types.ts';
import { drainNode } from './drain.ts';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

const nodeFlags = [
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'dry-run', type: 'string' as const },
];

function nodes(env: Env): KubeObject[] {
  const r = resolveType(env, 'nodes');
  const names = env.flags.args;
  if (names.length === 0 && !env.flags.has('selector'))
    throw usageError(
      `USAGE: ${env.commandPath.replace('kubectl ', '')} NODE [flags]\nSee '${env.commandPath} -h' for help and examples`,
    );
  if (names.length) return names.map((n) => must(getObject(env, r, n)));
  return must(listObjects(env, r, { labelSelector: env.flags.str('selector') }));
}

function setUnschedulable(env: Env, node: KubeObject, on: boolean): boolean {
  const current = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
  if (current === on) return false;
  must(
    env.client.request('PATCH', resourcePath(resolveType(env, 'nodes'), undefined, node.metadata.name), {
      body: { spec: { unschedulable: on ? true : null } },
      contentType: 'application/strategic-merge-patch+json',
    }),
  );
  return true;
}

export const cordonCommand: Command = {
  name: 'cordon',
  flags: nodeFlags,
  run(env) {
    for (const n of nodes(env))
      env.out.out(
        `node/${n.metadata.name ?? ''} ${setUnschedulable(env, n, true) ? 'cordoned' : 'already cordoned'}\n`,
      );
  },
};

export const uncordonCommand: Command = {
  name: 'uncordon',
  flags: nodeFlags,
  run(env) {
    for (const n of nodes(env))
      env.out.out(
        `node/${n.metadata.name ?? ''} ${setUnschedulable(env, n, false) ? 'uncordoned' : 'already uncordoned'}\n`,
      );
  },
};

export const drainCommand: Command = {
  name: 'drain',
  flags: [
    ...nodeFlags,
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
  ],
  run(env) {
    for (const node of nodes(env)) drainNode(env, node, (n) => setUnschedulable(env, n, true));
  },
};

export const taintCommand: Command = {
  name: 'taint',
  flags: [...nodeFlags, { name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }],
  run(env) {
    const [type, ...rest] = env.flags.args;
    if (!type || !['nodes', 'node', 'no'].includes(type.split('/')[0] ?? ''))
      throw usageError(`invalid resource type ${type ?? ''}, only node types are supported`);
    const names = type.includes('/') ? [type.split('/')[1] ?? ''] : rest.filter((a) => !/[=:]|-$/.test(a));
    const specs = type.includes('/') ? rest : rest.slice(names.length);
    const r = resolveType(env, 'nodes');
    for (const name of names) {
      const node = must(getObject(env, r, name));
      const { taints, operation } = applyTaints(env, node, specs);
      must(
        env.client.request('PATCH', resourcePath(r, undefined, name), {
          body: { spec: { taints } },
          contentType: 'application/strategic-merge-patch+json',
        }),
      );
      env.out.out(`node/${name} ${operation}\n`);
    }
  },
};

function parseTaint(spec: string): { taint: Taint; remove: boolean } {
  const remove = spec.endsWith('-');
  const body = remove ? spec.slice(0, -1) : spec;
  const [kv = '', effect = ''] = body.split(':');
  const [key = '', value] = kv.split('=');
  if (!remove && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
    throw usageError(
      effect ? `invalid taint effect: ${effect}, unsupported taint effect` : `invalid taint spec: ${spec}`,
    );
  }
  return { taint: { key, ...(value !== undefined ? { value } : {}), effect }, remove };
}

function applyTaints(env: Env, node: KubeObject, specs: string[]): { taints: Taint[]; operation: string } {
  let taints = [...((node.spec as { taints?: Taint[] } | undefined)?.taints ?? [])];
  let removed = false;
  let added = false;
  for (const spec of specs) {
    const { taint, remove } = parseTaint(spec);
    if (remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === taint.key && (!taint.effect || t.effect === taint.effect)));
      if (taints.length === before) throw usageError(`taint "${spec.slice(0, -1)}" not found`);
      removed = true;
      continue;
    }
    const same = taints.findIndex((t) => t.key === taint.key && t.effect === taint.effect);
    if (same >= 0 && !env.flags.bool('overwrite'))
      throw usageError(
        `node ${node.metadata.name ?? ''} already has ${taint.key} taint(s) with same effect(s) and --overwrite is false`,
      );
    if (same >= 0) taints[same] = taint;
    else taints.push(taint);
    added = true;
  }
  return { taints, operation: added && !removed ? 'tainted' : removed && !added ? 'untainted' : 'modified' };
}
