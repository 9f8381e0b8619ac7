/**
 * Label selectors as the graph needs them: a Service's plain map selector and
 * a NetworkPolicy's LabelSelector (matchLabels + matchExpressions), matched
 * against labels and written out the way kubectl prints them (app=web,tier in (a,b)).
 */
import { objs, str, strMap } from './json.ts';

export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** An empty selector matches everything (a NetworkPolicy's `podSelector: {}`). */
export interface Selector {
  requirements: Requirement[];
  text: string;
}

/** From a plain map (`Service.spec.selector`). */
export function fromMap(map: Record<string, string>): Selector {
  const requirements = Object.entries(map)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]): Requirement => ({ key, op: 'In', values: [v] }));
  return { requirements, text: format(requirements) };
}

/** From a metav1.LabelSelector (`NetworkPolicy.spec.podSelector`). */
export function fromLabelSelector(sel: unknown): Selector {
  const requirements = fromMap(strMap(sel, 'matchLabels') ?? {}).requirements;
  for (const e of objs(sel, 'matchExpressions')) {
    const op = str(e, 'operator');
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') continue;
    const values = Array.isArray(e['values']) ? e['values'].filter((v): v is string => typeof v === 'string') : [];
    requirements.push({ key: str(e, 'key'), op, values });
  }
  return { requirements, text: format(requirements) };
}

export function matches(sel: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of sel.requirements) {
    const v = labels?.[r.key];
    switch (r.op) {
      case 'In':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
    }
  }
  return true;
}

function format(reqs: readonly Requirement[]): string {
  return reqs
    .map((r) => {
      if (r.op === 'Exists') return r.key;
      if (r.op === 'DoesNotExist') return `!${r.key}`;
      if (r.op === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.op === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`;
    })
    .join(',');
}

/** The first plain `key=value` of a selector, to look up candidates in a label index. */
export function indexTerm(sel: Selector): string | undefined {
  const r = sel.requirements.find((x) => x.op === 'In' && x.values.length === 1);
  return r ? `${r.key}=${r.values[0]}` : undefined;
}
