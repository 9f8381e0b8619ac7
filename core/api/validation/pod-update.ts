/**
 * ValidatePodUpdate: a pod's spec is immutable except container images,
 * activeDeadlineSeconds (only lowered), added tolerations (seconds may
 * change), removed scheduling gates, and terminationGracePeriodSeconds 1
 * after a negative one. The forbidden message ends with a diff; upstream
 * prints Go's cmp.Diff of the internal structs, here a diff of the changed
 * top-level fields in the same layout.
 */
import type { StatusCause } from '../types.ts';
import { child, fe, index } from './field.ts';
import { deepEqual, list, mapOr, num, str } from './json.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import { validatePodSpec } from './pod.ts';
import { inclusiveRangeError } from './names.ts';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** The detail of the Forbidden error on `spec` (without the diff). */
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`;

function containerUpdates(
  newList: unknown[],
  oldList: unknown[],
  path: string,
): { errs: StatusCause[]; stop: boolean } {
  if (newList.length !== oldList.length)
    return { errs: [fe.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: StatusCause[] = [];
  newList.forEach((raw, i) => {
    const image = str(mapOr(raw)['image']);
    if (!image) errs.push(fe.required(child(index(path, i), 'image')));
    if (image.trim() !== image)
      errs.push(fe.invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function deadlineUpdate(spec: Record<string, unknown>, old: Record<string, unknown>): StatusCause[] {
  const path = 'spec.activeDeadlineSeconds';
  const next = num(spec['activeDeadlineSeconds']);
  const prev = num(old['activeDeadlineSeconds']);
  if (next !== undefined) {
    if (next < 0 || next > 2147483647) return [fe.invalid(path, next, inclusiveRangeError(0, 2147483647))];
    if (prev !== undefined && prev < next)
      return [fe.invalid(path, next, 'must be less than or equal to previous value')];
  } else if (prev !== undefined) {
    return [fe.invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds aside). */
function tolerationUpdates(next: unknown[], prev: unknown[]): StatusCause[] {
  for (const o of prev) {
    const found = next.some((n) => deepEqual({ ...mapOr(o), tolerationSeconds: mapOr(n)['tolerationSeconds'] }, n));
    if (!found)
      return [fe.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

function schedulingGateUpdates(next: unknown[], prev: unknown[]): StatusCause[] {
  const old = new Set(prev.map((g) => str(mapOr(g)['name'])));
  const errs: StatusCause[] = [];
  next.forEach((g, i) => {
    const name = str(mapOr(g)['name']);
    if (!old.has(name))
      errs.push(
        fe.forbidden(
          child(index('spec.schedulingGates', i), 'name'),
          `only deletion is allowed, but found new scheduling gate '${name}'`,
        ),
      );
  });
  return errs;
}

/** The new spec with every updatable field set back to its old value. */
function munge(spec: Record<string, unknown>, old: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec };
  for (const kind of ['containers', 'initContainers']) {
    if (spec[kind] === undefined) continue;
    out[kind] = list(spec[kind]).map((c, i) => ({ ...mapOr(c), image: mapOr(list(old[kind])[i])['image'] }));
  }
  for (const f of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (old[f] === undefined) delete out[f];
    else out[f] = old[f];
  }
  const oldGrace = num(old['terminationGracePeriodSeconds']);
  if (oldGrace !== undefined && oldGrace < 0 && out['terminationGracePeriodSeconds'] === 1)
    out['terminationGracePeriodSeconds'] = oldGrace;
  return out;
}

function goFieldName(f: string): string {
  return f.charAt(0).toUpperCase() + f.slice(1);
}

/** A cmp.Diff-shaped listing of the changed top-level PodSpec fields. */
export function specDiff(old: Record<string, unknown>, next: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (deepEqual(old[k], next[k])) continue;
    if (old[k] !== undefined) lines.push(`- \t${goFieldName(k)}: ${JSON.stringify(old[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${goFieldName(k)}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate. */
export function validatePodUpdate(pod: Record<string, unknown>, oldPod: Record<string, unknown>): StatusCause[] {
  const spec = mapOr(pod['spec']);
  const old = mapOr(oldPod['spec']);
  const errs = validateObjectMetaUpdate(pod['metadata'], oldPod['metadata']);
  errs.push(...validatePodSpec(spec, 'spec'));
  for (const kind of ['containers', 'initContainers']) {
    const r = containerUpdates(list(spec[kind]), list(old[kind]), child('spec', kind));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  errs.push(...deadlineUpdate(spec, old));
  errs.push(...tolerationUpdates(list(spec['tolerations']), list(old['tolerations'])));
  errs.push(...schedulingGateUpdates(list(spec['schedulingGates']), list(old['schedulingGates'])));
  if (deepEqual(spec, old)) return errs;
  const munged = munge(spec, old);
  if (!deepEqual(munged, old)) {
    errs.push(fe.forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${specDiff(old, munged)}`));
  }
  return errs;
}
