/**
 * kubectl's JSONPath templates (client-go `util/jsonpath`), the subset
 * learners use: text and `{…}` actions, `.field`, `['key']`, `[n]`, `[*]`,
 * `[a:b]`, `..field`, `.*`, filters `[?(@.a=="x")]` (==, !=, <, <=, >, >=, or
 * existence), `{range …}{end}` and string literals. Missing keys print
 * nothing (kubectl's `--allow-missing-template-keys=true`). Several results
 * of one action are joined by spaces; objects print as compact JSON.
 */

type Step =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wild' }
  | { t: 'index'; start?: number; end?: number; single: boolean }
  | { t: 'filter'; path: Step[]; op?: string; value?: unknown };

type Node = { t: 'text'; text: string } | { t: 'expr'; steps: Step[] } | { t: 'range'; steps: Step[]; body: Node[] };

export class JsonPathError extends Error {}

/** Evaluate a template against a JSON value. Throws JsonPathError on a malformed template. */
export function executeJsonPath(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  return render(nodes, data, data);
}

/** Values an expression selects (custom-columns and --sort-by use this). */
export function selectValues(expression: string, data: unknown): unknown[] {
  const nodes = parseTemplate(relaxed(expression));
  const out: unknown[] = [];
  for (const n of nodes) if (n.t === 'expr') out.push(...evaluate(n.steps, data, data));
  return out;
}

/** kubectl's RelaxedJSONPathExpression: `.a.b` or `{.a.b}` → `{.a.b}`. */
export function relaxed(expression: string): string {
  const e = expression.trim();
  if (e.startsWith('{') && e.endsWith('}')) return e;
  return `{${e.startsWith('.') || e.startsWith('$') ? e : `.${e}`}}`;
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { body: Node[] }[] = [{ body: root }];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.body.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top.body.push({ t: 'text', text: template.slice(i, open) });
    const close = findClose(template, open);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parsePath(action.slice(6).trim()), body: [] };
      top.body.push(node);
      stack.push(node);
    } else if (/^["']/.test(action)) {
      top.body.push({ t: 'text', text: unquote(action) });
    } else {
      top.body.push({ t: 'expr', steps: parsePath(action) });
    }
  }
  if (stack.length > 1) throw new JsonPathError('unclosed action');
  return root;
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  throw new JsonPathError('unclosed action');
}

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function parsePath(expr: string): Step[] {
  const steps: Step[] = [];
  let i = expr.startsWith('$') || expr.startsWith('@') ? 1 : 0;
  while (i < expr.length) {
    if (expr.startsWith('..', i)) {
      const m = readName(expr, i + 2);
      steps.push({ t: 'recursive', name: m.name });
      i = m.next;
    } else if (expr[i] === '.') {
      if (expr[i + 1] === '*') {
        steps.push({ t: 'wild' });
        i += 2;
        continue;
      }
      const m = readName(expr, i + 1);
      if (m.name) steps.push({ t: 'field', name: m.name });
      i = m.next;
    } else if (expr[i] === '[') {
      const close = bracketEnd(expr, i);
      steps.push(parseBracket(expr.slice(i + 1, close)));
      i = close + 1;
    } else {
      const m = readName(expr, i);
      if (!m.name) throw new JsonPathError(`unrecognized character in action: ${expr[i] ?? ''}`);
      steps.push({ t: 'field', name: m.name });
      i = m.next;
    }
  }
  return steps;
}

function readName(expr: string, from: number): { name: string; next: number } {
  let name = '';
  let i = from;
  for (; i < expr.length; i++) {
    const c = expr[i] ?? '';
    if (c === '\\' && i + 1 < expr.length) {
      name += expr[++i];
      continue;
    }
    if (c === '.' || c === '[') break;
    name += c;
  }
  return { name, next: i };
}

function bracketEnd(expr: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < expr.length; j++) {
    const c = expr[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new JsonPathError('unterminated array');
}

function parseBracket(inner: string): Step {
  const s = inner.trim();
  if (s === '*') return { t: 'wild' };
  if (/^["'].*["']$/.test(s)) return { t: 'field', name: s.slice(1, -1) };
  if (s.startsWith('?(') && s.endsWith(')')) return parseFilter(s.slice(2, -1).trim());
  const m = /^(-?\d*)(?::(-?\d*))?$/.exec(s);
  if (!m) throw new JsonPathError(`invalid array index ${s}`);
  const start = m[1] ? Number(m[1]) : undefined;
  if (m[2] === undefined) return { t: 'index', start: start ?? 0, single: true };
  return {
    t: 'index',
    ...(start !== undefined ? { start } : {}),
    ...(m[2] ? { end: Number(m[2]) } : {}),
    single: false,
  };
}

function parseFilter(cond: string): Step {
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(cond);
  if (!m) return { t: 'filter', path: parsePath(cond) };
  return { t: 'filter', path: parsePath(m[1] ?? '@'), op: m[2] ?? '==', value: literal((m[3] ?? '').trim()) };
}

function literal(text: string): unknown {
  if (/^["'].*["']$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function evaluate(steps: Step[], current: unknown, root: unknown): unknown[] {
  let values: unknown[] = [current];
  void root;
  for (const step of steps) values = values.flatMap((v) => applyStep(step, v));
  return values;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function applyStep(step: Step, v: unknown): unknown[] {
  switch (step.t) {
    case 'field':
      return isRecord(v) && step.name in v && v[step.name] !== undefined ? [v[step.name]] : [];
    case 'wild':
      return Array.isArray(v)
        ? v
        : isRecord(v)
          ? Object.keys(v)
              .sort()
              .map((k) => v[k])
          : [];
    case 'recursive':
      return recurse(v, step.name);
    case 'index': {
      if (!Array.isArray(v)) return [];
      const n = v.length;
      const norm = (x: number) => (x < 0 ? x + n : x);
      if (step.single) {
        const at = norm(step.start ?? 0);
        return at >= 0 && at < n ? [v[at]] : [];
      }
      return v.slice(Math.max(0, norm(step.start ?? 0)), Math.min(n, norm(step.end ?? n)));
    }
    case 'filter':
      return Array.isArray(v) ? v.filter((el) => matches(step, el)) : [];
  }
}

function recurse(v: unknown, name: string): unknown[] {
  const out: unknown[] = [];
  if (isRecord(v)) {
    if (name === '' || name === '*') out.push(...Object.values(v));
    else if (name in v) out.push(v[name]);
    for (const k of Object.keys(v).sort()) out.push(...recurse(v[k], name));
  } else if (Array.isArray(v)) {
    for (const el of v) out.push(...recurse(el, name));
  }
  return out;
}

function matches(step: Extract<Step, { t: 'filter' }>, el: unknown): boolean {
  const found = evaluate(step.path, el, el);
  if (!step.op) return found.length > 0;
  return found.some((x) => compare(x, step.op ?? '==', step.value));
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

function render(nodes: Node[], current: unknown, root: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'expr') out += evaluate(n.steps, current, root).map(printValue).join(' ');
    else
      for (const item of evaluate(n.steps, current, root).flatMap((v) => (Array.isArray(v) ? v : [v])))
        out += render(n.body, item, root);
  }
  return out;
}

/** How jsonpath prints one value: strings raw, others as Go's json.Marshal would. */
export function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return goJson(v);
}

/** Compact JSON with sorted keys and Go's HTML escaping. */
export function goJson(v: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(v)));
}

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

export function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
