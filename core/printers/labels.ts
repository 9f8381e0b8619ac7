/**
 * Label and selector text as apimachinery prints it: `labels.FormatLabels`
 * (sorted `k=v` pairs) and `metav1.LabelSelectorAsSelector(...).String()`.
 */
import { isRecord, objs, str, strMap, strs } from './json.ts';

/** `app=web,tier=fe` with keys sorted, or `<none>` for an empty map. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k] ?? ''}`).join(',');
}

/**
 * A LabelSelector as `selector.String()` renders it: requirements sorted by
 * key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. A nil or empty
 * selector renders as '' (Nothing / Everything).
 */
export function selectorString(selector: unknown): string {
  if (!isRecord(selector)) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(strMap(selector, 'matchLabels'))) {
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const expr of objs(selector, 'matchExpressions')) {
    const key = str(expr, 'key');
    reqs.push({ key, text: requirementText(key, str(expr, 'operator'), strs(expr, 'values')) });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

function requirementText(key: string, op: string, values: string[]): string {
  const set = `(${[...values].sort().join(',')})`;
  switch (op) {
    case 'In':
      return `${key} in ${set}`;
    case 'NotIn':
      return `${key} notin ${set}`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    default:
      return `${key} ${op.toLowerCase()} ${set}`;
  }
}

/** metav1.FormatLabelSelector: the selector string, or `<none>` when it is empty. */
export function formatLabelSelector(selector: unknown): string {
  const s = selectorString(selector);
  return s === '' ? '<none>' : s;
}
