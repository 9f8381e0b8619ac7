/**
 * Scheduling fields of a PodSpec: tolerations and node affinity (upstream
 * ValidateTolerations, ValidateNodeSelector, ValidatePreferredSchedulingTerms).
 */
import type { StatusCause } from '../types.ts';
import { child, fe, index } from './field.ts';
import { list, map, mapOr, num, str } from './json.ts';
import { validateLabelName } from './meta.ts';
import { isValidLabelValue } from './names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: unknown, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  list(tolerations).forEach((raw, i) => {
    const t = mapOr(raw);
    const at = index(path, i);
    const key = str(t['key']);
    const op = str(t['operator']);
    const effect = str(t['effect']);
    const value = str(t['value']);
    if (key) errs.push(...validateLabelName(key, child(at, 'key')));
    if (!key && op !== 'Exists') {
      errs.push(
        fe.invalid(
          child(at, 'operator'),
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t['tolerationSeconds'] !== undefined && t['tolerationSeconds'] !== null && effect !== 'NoExecute') {
      errs.push(fe.invalid(child(at, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(fe.invalid(child(at, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(fe.invalid(child(at, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else if (op !== 'Gt' && op !== 'Lt') {
      // Gt/Lt (numeric comparison, a newer feature) are accepted because the docs use them.
      errs.push(fe.notSupported(child(at, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect))
      errs.push(fe.notSupported(child(at, 'effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorTerm(term: unknown, path: string, allowInvalidValues: boolean): StatusCause[] {
  const errs: StatusCause[] = [];
  list(mapOr(term)['matchExpressions']).forEach((raw, j) => {
    const r = mapOr(raw);
    const at = index(child(path, 'matchExpressions'), j);
    const op = str(r['operator']);
    const values = list(r['values']).map(String);
    if (op === 'In' || op === 'NotIn') {
      if (!values.length)
        errs.push(fe.required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length)
        errs.push(
          fe.forbidden(child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
    } else if (op === 'Gt' || op === 'Lt') {
      if (values.length !== 1)
        errs.push(fe.required(child(at, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else {
      errs.push(fe.invalid(child(at, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(r['key']), child(at, 'key')));
    if (!allowInvalidValues) {
      values.forEach((v, k) =>
        errs.push(...isValidLabelValue(v).map((m) => fe.invalid(index(child(at, 'values'), k), v, m))),
      );
    }
  });
  return errs;
}

export function validateNodeAffinity(affinity: unknown, path: string): StatusCause[] {
  const na = map(mapOr(affinity)['nodeAffinity']);
  if (!na) return [];
  const errs: StatusCause[] = [];
  const naPath = child(path, 'nodeAffinity');
  const required = map(na['requiredDuringSchedulingIgnoredDuringExecution']);
  if (required) {
    const termsPath = child(naPath, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms = list(required['nodeSelectorTerms']);
    if (!terms.length) errs.push(fe.required(termsPath, 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(termsPath, i), false)));
  }
  list(na['preferredDuringSchedulingIgnoredDuringExecution']).forEach((raw, i) => {
    const term = mapOr(raw);
    const at = index(child(naPath, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    const weight = num(term['weight']) ?? 0;
    if (weight <= 0 || weight > 100) errs.push(fe.invalid(child(at, 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(term['preference'], child(at, 'preference'), true));
  });
  return errs;
}
