/**
 * The metav1.LabelSelector struct (`matchLabels` + `matchExpressions`):
 * conversion to a selector (metav1.LabelSelectorAsSelector: null selects
 * nothing, empty selects everything), its printed form, and object
 * validation (apimachinery meta/v1/validation ValidateLabelSelector) as
 * field causes in upstream words.
 */
import type { StatusCause } from '../types.ts';
import { cause } from '../status.ts';
import { isQualifiedName, isValidLabelValue } from './label-validation.ts';
import { compile, newRequirement, selectorString, sortByKey } from './labels.ts';
import type { LabelMatcher, Operator, Requirement, Selector } from './labels.ts';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const STRUCT_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** LabelSelectorAsSelector: the selector, or upstream's error text. */
export function labelSelectorAsSelector(
  ls: LabelSelector | null | undefined,
): { ok: true; selector: Selector } | { ok: false; error: string } {
  if (ls === null || ls === undefined) return { ok: true, selector: { nothing: true } };
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) {
    const r = newRequirement(k, '=', [v]);
    if (typeof r === 'string') return { ok: false, error: r };
    reqs.push(r);
  }
  for (const expr of ls.matchExpressions ?? []) {
    const op = Object.hasOwn(STRUCT_OPERATORS, expr.operator) ? STRUCT_OPERATORS[expr.operator] : undefined;
    if (!op) return { ok: false, error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
    const values = expr.values && expr.values.length > 0 ? expr.values : undefined;
    const r = newRequirement(expr.key, op, values);
    if (typeof r === 'string') return { ok: false, error: r };
    reqs.push(r);
  }
  return { ok: true, selector: { nothing: false, requirements: sortByKey(reqs) } };
}

/**
 * A matcher for a LabelSelector: null/undefined matches nothing, `{}`
 * matches everything; an invalid selector matches nothing (as controllers
 * treat a selector they cannot convert).
 */
export function labelSelectorMatcher(ls: LabelSelector | null | undefined): LabelMatcher {
  const r = labelSelectorAsSelector(ls);
  return r.ok ? compile(r.selector) : () => false;
}

/** How kubectl/upstream print a LabelSelector: `app=web,tier in (a,b)`; `<none>`-free, "" for empty. */
export function selectorToString(ls: LabelSelector | null | undefined): string {
  const r = labelSelectorAsSelector(ls);
  return r.ok ? selectorString(r.selector) : '';
}

/** ValidateLabelSelector: causes for `fieldPath` (e.g. "spec.selector"). */
export function validateLabelSelector(ls: LabelSelector | null | undefined, fieldPath: string): StatusCause[] {
  if (!ls) return [];
  const causes: StatusCause[] = [];
  const labelsPath = `${fieldPath}.matchLabels`;
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) {
    for (const msg of isQualifiedName(k)) causes.push(cause.invalid(labelsPath, k, msg));
    for (const msg of isValidLabelValue(v)) causes.push(cause.invalid(labelsPath, v, msg));
  }
  (ls.matchExpressions ?? []).forEach((expr, i) =>
    causes.push(...validateRequirement(expr, `${fieldPath}.matchExpressions[${i}]`)),
  );
  return causes;
}

function validateRequirement(expr: LabelSelectorRequirement, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const values = expr.values ?? [];
  switch (expr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        causes.push({
          reason: 'FieldValueRequired',
          message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
          field: `${path}.values`,
        });
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        causes.push(
          cause.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    default:
      causes.push(cause.invalid(`${path}.operator`, expr.operator, 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(expr.key)) causes.push(cause.invalid(`${path}.key`, expr.key, msg));
  values.forEach((v, j) => {
    for (const msg of isValidLabelValue(v)) causes.push(cause.invalid(`${path}.values[${j}]`, v, msg));
  });
  return causes;
}
