/**
 * Field selectors (apimachinery pkg/fields/selector.go): `k=v`, `k==v`,
 * `k!=v`, comma-separated, with `\,` `\=` `\\` escapes in values; then the
 * per-kind label conversion the apiserver applies before listing (a 400
 * BadRequest for an unsupported label), compiled to an object matcher.
 */
import type { Result } from '../types.ts';
import { badRequest } from '../status.ts';
import { fieldLabelRules } from './field-labels.ts';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export type ObjectMatcher = (obj: unknown) => boolean;

/** Splits on commas not escaped by a backslash (fields.splitTerms). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** splitTerm: the first `!=`, `==` or `=` from the left. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** UnescapeValue, with upstream's messages (the rune prints as its number, as Go's %v does). */
function unescapeValue(s: string): string {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.ParseSelector: requirements sorted by term text, as upstream sorts the parts. */
export function parseFieldSelector(
  selector: string,
): { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string } {
  const parts = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const [field, op, raw] = split;
    try {
      requirements.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(raw) });
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }
  return { ok: true, requirements };
}

/** Escapes a value for printing a selector (fields.EscapeValue). */
export function escapeFieldValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/**
 * Parses and converts a field selector for listing `kind`, as the apiserver's
 * list handler does; every failure is a 400 BadRequest Status.
 */
export function compileFieldSelector(selector: string, kind: string): Result<ObjectMatcher> {
  const parsed = parseFieldSelector(selector);
  if (!parsed.ok) return { ok: false, status: badRequest(parsed.error) };
  const rules = fieldLabelRules(kind);
  const converted: FieldRequirement[] = [];
  for (const r of parsed.requirements) {
    const label = Object.hasOwn(rules.accepted, r.field) ? rules.accepted[r.field] : undefined;
    if (label === undefined) return { ok: false, status: badRequest(rules.reject(r.field)) };
    converted.push({ ...r, field: label });
  }
  const read = (obj: unknown, field: string): string => {
    const get = Object.hasOwn(rules.fields, field) ? rules.fields[field] : undefined;
    return get && typeof obj === 'object' && obj !== null ? get(obj as Record<string, unknown>) : '';
  };
  return {
    ok: true,
    value: (obj) => converted.every((r) => (read(obj, r.field) === r.value) === (r.operator === '=')),
  };
}

/** The selector's canonical text (terms sorted, values escaped). */
export function fieldSelectorString(requirements: readonly FieldRequirement[]): string {
  return requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}
