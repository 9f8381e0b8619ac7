/**
 * Node maintenance: `cordon`, `uncordon` (a strategic merge patch of
 * `spec.unschedulable`), `drain` (cordon, check the pods, evict them through
 * `pods/eviction`) and `taint` (`key=value:Effect`, `key:Effect`, `key-`).
 * drain does not wait for the evicted pods to terminate.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command, Env } from '../env.ts';
import { getObject, listObjects, must, resolveType } from '../env.ts';
import { statusMessage } from '../errors.ts';
import { CommandError, usageError } from '../types.ts';

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
    for (const node of nodes(env)) drainNode(env, node);
  },
};

function drainNode(env: Env, node: KubeObject): void {
  const name = node.metadata.name ?? '';
  env.out.out(`node/${name} ${setUnschedulable(env, node, true) ? 'cordoned' : 'already cordoned'}\n`);
  const podType = resolveType(env, 'pods');
  const pods = must(
    listObjects(env, podType, { fieldSelector: `spec.nodeName=${name}`, labelSelector: env.flags.str('pod-selector') }),
  );
  const { evict, problems, warnings } = classify(env, pods);
  if (problems.length) {
    const why = problems.join(', ');
    throw new CommandError(
      `error: unable to drain node "${name}" due to error: cannot delete ${why}, continuing command...\nThere are pending nodes to be drained:\n ${name}\ncannot delete ${why}`,
    );
  }
  if (warnings.length) env.out.err(`Warning: ${warnings.join('; ')}\n`);
  for (const p of evict) {
    const ref = `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    env.out.err(`evicting pod ${ref}\n`);
    const reply = env.client.request('POST', resourcePath(podType, p.metadata.namespace, p.metadata.name, 'eviction'), {
      body: {
        kind: 'Eviction',
        apiVersion: 'policy/v1',
        metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
        deleteOptions: {},
      },
    });
    if (!reply.ok)
      throw new CommandError(
        `error when evicting pods/"${p.metadata.name ?? ''}" -n "${p.metadata.namespace ?? ''}": ${statusMessage(reply.status)}`,
      );
    env.out.out(`pod/${p.metadata.name ?? ''} evicted\n`);
  }
  env.out.out(`node/${name} drained\n`);
}

/** kubectl drain's filters: finished pods are skipped; DaemonSet, unmanaged and emptyDir pods need flags. */
function classify(env: Env, pods: KubeObject[]): { evict: KubeObject[]; problems: string[]; warnings: string[] } {
  const evict: KubeObject[] = [];
  const daemon: string[] = [];
  const unmanaged: string[] = [];
  const local: string[] = [];
  for (const p of pods) {
    const ref = `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const owner = p.metadata.ownerReferences?.find((o) => o.controller);
    if (phase === 'Succeeded' || phase === 'Failed') {
      evict.push(p);
      continue;
    }
    if (owner?.kind === 'DaemonSet') {
      daemon.push(ref);
      continue;
    }
    if (!owner && !env.flags.bool('force')) unmanaged.push(ref);
    const volumes = ((p.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []).filter(
      (v) => v.emptyDir,
    );
    if (volumes.length && !env.flags.bool('delete-emptydir-data')) local.push(ref);
    evict.push(p);
  }
  const problems: string[] = [];
  const warnings: string[] = [];
  if (daemon.length && !env.flags.bool('ignore-daemonsets'))
    problems.push(`DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`);
  else if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
  if (unmanaged.length)
    problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  if (local.length)
    problems.push(
      `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`,
    );
  const forced = evict
    .filter((p) => !p.metadata.ownerReferences?.some((o) => o.controller))
    .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
  if (env.flags.bool('force') && forced.length)
    warnings.push(`deleting Pods that declare no controller: ${forced.join(', ')}`);
  return { evict, problems, warnings };
}

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
