/**
 * Label selectors and node selector terms, matched as apimachinery's
 * labels.Selector and component-helpers' nodeaffinity do. Selectors are
 * compiled once per pod (PodInfo) and matched many times per cycle.
 */
import { isObject } from '../api/types.ts';

export type Labels = Readonly<Record<string, string>>;
export type SelectorOp = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** One requirement; Gt/Lt carry the parsed integer in `bound`. */
export interface Requirement {
  readonly key: string;
  readonly op: SelectorOp;
  readonly values: readonly string[];
  readonly bound: number;
}

/** A compiled selector: matches nothing, everything, or all of its requirements. */
export interface Selector {
  readonly kind: 'nothing' | 'everything' | 'requirements';
  readonly reqs: readonly Requirement[];
  /** A canonical text, equal for equal selectors (used as an index key). */
  readonly key: string;
}

export const NOTHING: Selector = { kind: 'nothing', reqs: [], key: '<nothing>' };
export const EVERYTHING: Selector = { kind: 'everything', reqs: [], key: '' };

function requirementText(r: Requirement): string {
  return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
}

/** Builds a selector from requirements (sorted by key, like labels.NewSelector().Add). */
export function selectorOf(reqs: readonly Requirement[]): Selector {
  if (reqs.length === 0) return EVERYTHING;
  const sorted = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { kind: 'requirements', reqs: sorted, key: sorted.map(requirementText).join('; ') };
}

/** labels.SelectorFromSet: key=value for every entry. */
export function selectorFromSet(set: Labels): Selector {
  return selectorOf(Object.entries(set).map(([key, v]) => ({ key, op: 'In' as const, values: [v], bound: 0 })));
}

/** Adds requirements to a selector (labels.Selector.Add). */
export function addRequirements(sel: Selector, reqs: readonly Requirement[]): Selector {
  if (sel.kind === 'nothing') return sel;
  return selectorOf([...sel.reqs, ...reqs]);
}

const INTEGER = /^[+-]?\d+$/;

/** Makes a requirement as labels.NewRequirement validates it; undefined when invalid. */
export function makeRequirement(key: string, op: string, values: readonly string[]): Requirement | undefined {
  switch (op) {
    case 'In':
    case 'NotIn':
      return values.length > 0 ? { key, op, values: [...values], bound: 0 } : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0 ? { key, op, values: [], bound: 0 } : undefined;
    case 'Gt':
    case 'Lt': {
      const v = values[0];
      return values.length === 1 && v !== undefined && INTEGER.test(v)
        ? { key, op, values: [v], bound: Number(v) }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Does one requirement hold for a label set? */
export function requirementMatches(r: Requirement, labels: Labels | undefined): boolean {
  const value = labels?.[r.key];
  switch (r.op) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !INTEGER.test(value)) return false;
      const n = Number(value);
      return r.op === 'Gt' ? n > r.bound : n < r.bound;
    }
  }
}

/** Does a selector select a label set? */
export function selectorMatches(sel: Selector, labels: Labels | undefined): boolean {
  if (sel.kind === 'nothing') return false;
  for (const r of sel.reqs) if (!requirementMatches(r, labels)) return false;
  return true;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/**
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing, an empty
 * one everything. An invalid operator makes the whole selector select nothing
 * (upstream returns an error and the term never matches).
 */
export function compileLabelSelector(raw: unknown): Selector {
  if (!isObject(raw)) return NOTHING;
  const reqs: Requirement[] = [];
  const matchLabels = isObject(raw.matchLabels) ? raw.matchLabels : {};
  for (const [key, v] of Object.entries(matchLabels)) reqs.push({ key, op: 'In', values: [String(v)], bound: 0 });
  for (const expr of Array.isArray(raw.matchExpressions) ? raw.matchExpressions : []) {
    if (!isObject(expr)) return NOTHING;
    const op = String(expr.operator);
    if (op === 'Gt' || op === 'Lt') return NOTHING;
    const r = makeRequirement(String(expr.key), op, stringArray(expr.values));
    if (!r) return NOTHING;
    reqs.push(r);
  }
  return selectorOf(reqs);
}

/** A parsed NodeSelectorTerm: label requirements and metadata.name field requirements. */
export interface NodeSelectorTerm {
  readonly labels: Selector | null;
  readonly fields: readonly Requirement[] | null;
  /** A term with a parse error never matches (nodeaffinity.LazyErrorNodeSelector). */
  readonly valid: boolean;
}

function compileFieldRequirements(raw: unknown[]): Requirement[] | undefined {
  const out: Requirement[] = [];
  for (const expr of raw) {
    if (!isObject(expr)) return undefined;
    const values = stringArray(expr.values);
    const op = String(expr.operator);
    // Field selectors accept only In/NotIn with exactly one value.
    if ((op !== 'In' && op !== 'NotIn') || values.length !== 1) return undefined;
    out.push({ key: String(expr.key), op, values, bound: 0 });
  }
  return out;
}

function compileNodeSelectorTerm(raw: unknown): NodeSelectorTerm | null {
  if (!isObject(raw)) return null;
  const exprs = Array.isArray(raw.matchExpressions) ? raw.matchExpressions : [];
  const fieldExprs = Array.isArray(raw.matchFields) ? raw.matchFields : [];
  // An empty term selects no objects and is dropped.
  if (exprs.length === 0 && fieldExprs.length === 0) return null;
  let labels: Selector | null = null;
  let valid = true;
  if (exprs.length > 0) {
    const reqs: Requirement[] = [];
    for (const e of exprs) {
      const r = isObject(e) ? makeRequirement(String(e.key), String(e.operator), stringArray(e.values)) : undefined;
      if (r) reqs.push(r);
      else valid = false;
    }
    labels = selectorOf(reqs);
  }
  const fields = fieldExprs.length > 0 ? compileFieldRequirements(fieldExprs) : null;
  if (fields === undefined) valid = false;
  return { labels, fields: fields ?? null, valid };
}

/** Compiles nodeSelectorTerms (ORed); empty terms are dropped as upstream does. */
export function compileNodeSelectorTerms(raw: unknown): NodeSelectorTerm[] {
  if (!Array.isArray(raw)) return [];
  const out: NodeSelectorTerm[] = [];
  for (const t of raw) {
    const term = compileNodeSelectorTerm(t);
    if (term) out.push(term);
  }
  return out;
}

/** Does one term match a node (labels and its name as the only field)? */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  if (!term.valid) return false;
  if (term.labels && !selectorMatches(term.labels, labels)) return false;
  if (term.fields) {
    for (const f of term.fields) {
      const value = f.key === 'metadata.name' ? nodeName : undefined;
      const equal = value === f.values[0];
      if (f.op === 'In' ? !equal : equal) return false;
    }
  }
  return true;
}

/** ORed terms: true when any term matches. */
export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], labels: Labels, nodeName: string): boolean {
  for (const t of terms) if (nodeSelectorTermMatches(t, labels, nodeName)) return true;
  return false;
}
