/**
 * Label selectors: requirements, matching and printing, and the string
 * syntax parser (apimachinery pkg/labels/selector.go): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma-separated,
 * whitespace-insensitive. Requirements are sorted by key as upstream does.
 */
import { aggregate, goStringSlice, invalidFieldError, isQualifiedName, isValidLabelValue } from './label-validation.ts';

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;
export type LabelMatcher = (labels: Labels) => boolean;

/**
 * A compiled selector. `nothing` (from a null LabelSelector) matches no
 * object; an empty requirement list matches everything.
 */
export type Selector =
  { readonly nothing: true } | { readonly nothing: false; readonly requirements: readonly Requirement[] };

export const everything = (): Selector => ({ nothing: false, requirements: [] });
export const nothing = (): Selector => ({ nothing: true });

/** labels.NewRequirement validation; returns the error text or the requirement. */
export function newRequirement(
  key: string,
  operator: Operator,
  values: readonly string[] | undefined,
): Requirement | string {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalidFieldError('key', key, keyErrs.join('; ')));
  const vals = values ?? [];
  const list = goStringSlice(values);
  if ((operator === 'in' || operator === 'notin') && vals.length === 0) {
    errs.push(invalidFieldError('values', list, "for 'in', 'notin' operators, values set can't be empty", true));
  } else if ((operator === '=' || operator === '==' || operator === '!=') && vals.length !== 1) {
    errs.push(invalidFieldError('values', list, 'exact-match compatibility requires one single value', true));
  } else if ((operator === 'exists' || operator === '!') && vals.length !== 0) {
    errs.push(invalidFieldError('values', list, 'values set must be empty for exists and does not exist', true));
  } else if (operator === 'gt' || operator === 'lt') {
    if (vals.length !== 1)
      errs.push(invalidFieldError('values', list, "for 'Gt', 'Lt' operators, exactly one value is required", true));
    vals.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v))
        errs.push(invalidFieldError(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  vals.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(invalidFieldError(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  return errs.length > 0 ? aggregate(errs) : { key, operator, values: [...vals] };
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value ?? '');
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt':
      return has && compareInt(r.operator, value ?? '', r.values[0] ?? '');
  }
}

function compareInt(op: 'gt' | 'lt', actual: string, wanted: string): boolean {
  if (!/^[+-]?\d+$/.test(actual) || !/^[+-]?\d+$/.test(wanted)) return false;
  const a = BigInt(actual);
  const w = BigInt(wanted);
  return op === 'gt' ? a > w : a < w;
}

/** Compiles a selector to a matcher over an object's labels. */
export function compile(selector: Selector): LabelMatcher {
  if (selector.nothing) return () => false;
  const reqs = selector.requirements;
  return (labels) => reqs.every((r) => requirementMatches(r, labels));
}

const OP_TEXT: Record<Operator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  exists: '',
  '!': '',
  gt: '>',
  lt: '<',
};

/** Requirement.String(): values of in/notin sorted, in parentheses. */
export function requirementToString(r: Requirement): string {
  const head = `${r.operator === '!' ? '!' : ''}${r.key}${OP_TEXT[r.operator]}`;
  if (r.operator === 'exists' || r.operator === '!') return head;
  const values = r.values.length === 1 ? (r.values[0] ?? '') : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${head}(${values})` : `${head}${values}`;
}

/** internalSelector.String(): requirements joined by ","; `nothing` prints as "". */
export function selectorString(selector: Selector): string {
  return selector.nothing ? '' : selector.requirements.map(requirementToString).join(',');
}

/** Sorts requirements by key (labels.ByKey), stable for equal keys. */
export function sortByKey(reqs: Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
