/**
 * `kubectl apply` inside the lab: create what is missing, patch what exists
 * with a three-way strategic merge (last-applied annotation, as kubectl's
 * client-side apply), report `created` / `configured` / `unchanged` per
 * document. All documents are validated with a dry run first, so a bad
 * document leaves nothing half-applied.
 */
import type { Api } from '../api/api.ts';
import { createThreeWayMergePatch, strategicMergePatch } from '../api/patch/index.ts';
import type { ResourceType } from '../api/registry.ts';
import { resourceByKind } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Status } from '../api/types.ts';
import type { Actor } from '../api/trace.ts';
import { deepClone } from '../util/json.ts';
import { parseManifest } from './parse.ts';
import type { ManifestError } from './parse.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyResult {
  index: number;
  line: number;
  /** `deployment.apps/nginx-deployment` */
  ref: string;
  outcome?: 'created' | 'configured' | 'unchanged';
  object?: KubeObject;
  error?: Status;
}

export interface ApplyReport {
  results: ApplyResult[];
  parseErrors: ManifestError[];
  ok: boolean;
}

export function refOf(rt: ResourceType, name: string): string {
  return `${rt.kind.toLowerCase()}${rt.group ? '.' + rt.group : ''}/${name}`;
}

interface Planned {
  index: number;
  line: number;
  rt: ResourceType;
  obj: KubeObject;
}

/** Apply a manifest. With `dryRun`, nothing is stored. */
export function applyManifest(
  api: Api,
  text: string,
  opts: { namespace?: string; actor: Actor; dryRun?: boolean },
): ApplyReport {
  const parsed = parseManifest(text);
  if (parsed.errors.length) return { results: [], parseErrors: parsed.errors, ok: false };
  const planned: Planned[] = [];
  const results: ApplyResult[] = [];
  for (const d of parsed.docs) {
    const rt = resourceByKind(d.object.apiVersion, d.object.kind);
    if (!rt) {
      results.push({
        index: d.index,
        line: d.line,
        ref: `${d.object.kind}/${d.object.metadata?.name ?? ''}`,
        error: status.badRequest(
          `resource mapping not found for name: "${d.object.metadata?.name ?? ''}" namespace: "${d.object.metadata?.namespace ?? ''}" from "manifest": no matches for kind "${d.object.kind}" in version "${d.object.apiVersion}"\nensure CRDs are installed first`,
        ),
      });
      continue;
    }
    const obj = deepClone(d.object);
    obj.metadata = obj.metadata ?? {};
    if (rt.namespaced) obj.metadata.namespace = obj.metadata.namespace || opts.namespace || 'default';
    planned.push({ index: d.index, line: d.line, rt, obj });
  }
  // First pass: admit everything (a server-side dry run), so an error leaves the cluster untouched.
  const checked = planned.map((p) => ({ p, r: applyOne(api, p, { ...opts, dryRun: true }) }));
  results.push(...checked.filter((c) => c.r.error).map((c) => c.r));
  if (results.length || opts.dryRun) {
    const all = results.length ? results : checked.map((c) => c.r);
    return { results: all.sort((a, b) => a.index - b.index), parseErrors: [], ok: results.length === 0 };
  }
  // Second pass: store the objects the first pass admitted (defaulted and validated already).
  const applied = checked.map(({ p, r }) => commit(api, p, r, opts.actor));
  return { results: applied, parseErrors: [], ok: applied.every((r) => !r.error) };
}

function commit(api: Api, p: Planned, checked: ApplyResult, actor: Actor): ApplyResult {
  if (checked.outcome === 'unchanged' || !checked.object) return checked;
  const write = { actor, trusted: true, fieldManager: 'kubectl-client-side-apply' };
  const r =
    checked.outcome === 'created' ? api.create(p.rt, checked.object, write) : api.update(p.rt, checked.object, write);
  return r.ok ? { ...checked, object: r.value.object } : { ...checked, outcome: undefined, error: r.status };
}

function applyOne(api: Api, p: Planned, opts: { actor: Actor; dryRun?: boolean }): ApplyResult {
  const { rt, obj } = p;
  const name = obj.metadata.name ?? '';
  const base = { index: p.index, line: p.line, ref: refOf(rt, name) };
  const intent = withLastApplied(obj);
  const live = name ? api.peek(rt, obj.metadata.namespace, name) : undefined;
  const write = {
    actor: opts.actor,
    fieldValidation: 'Strict' as const,
    fieldManager: 'kubectl-client-side-apply',
    ...(opts.dryRun ? { dryRun: true } : {}),
  };
  if (!live) {
    const r = api.create(rt, intent, write);
    return r.ok ? { ...base, outcome: 'created', object: r.value.object } : { ...base, error: r.status };
  }
  const last = live.metadata.annotations?.[LAST_APPLIED];
  const original = last ? (JSON.parse(last) as unknown) : {};
  const patch = createThreeWayMergePatch(original, intent, live, { apiVersion: rt.apiVersion, kind: rt.kind });
  if (!patch.ok) return { ...base, error: patch.status };
  if (Object.keys(patch.value).length === 0) return { ...base, outcome: 'unchanged', object: live };
  const merged = strategicMergePatch(live, patch.value, { apiVersion: rt.apiVersion, kind: rt.kind });
  if (!merged.ok) return { ...base, error: merged.status };
  const next = merged.value as KubeObject;
  next.metadata = { ...next.metadata, resourceVersion: live.metadata.resourceVersion };
  const r = api.update(rt, next, write);
  return r.ok ? { ...base, outcome: 'configured', object: r.value.object } : { ...base, error: r.status };
}

/** The manifest plus its own compact JSON in the last-applied annotation, as kubectl writes it. */
function withLastApplied(obj: KubeObject): KubeObject {
  const copy = deepClone(obj);
  // kubectl reads annotations as a map; anything else (a list written by mistake) is dropped.
  const given = copy.metadata.annotations as unknown;
  const annotations: Record<string, string> =
    given && typeof given === 'object' && !Array.isArray(given) ? { ...(given as Record<string, string>) } : {};
  delete annotations[LAST_APPLIED];
  const recorded = { ...copy, metadata: { ...copy.metadata, annotations } };
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: JSON.stringify(recorded) + '\n' };
  return copy;
}
