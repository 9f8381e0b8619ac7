/**
 * Element equality for the mapping's reuse and the diff: same classes and the
 * same data, field by field (one level into `ref`). Cheap by design: it runs
 * for every element of every live update.
 */
import type { GraphElement } from './types.ts';

export function sameElement(a: GraphElement, b: GraphElement): boolean {
  if (a === b) return true;
  if (a.group !== b.group || a.classes !== b.classes) return false;
  return sameData(a.data as unknown as Record<string, unknown>, b.data as unknown as Record<string, unknown>);
}

export function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in a) {
    n++;
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (k !== 'ref' || typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (!sameData(x as Record<string, unknown>, y as Record<string, unknown>)) return false;
  }
  for (const _ in b) n--;
  return n === 0;
}
