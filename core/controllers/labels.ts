/**
 * Label helpers for controllers. LabelSelector matching is core/api/selectors'
 * labelSelectorMatcher; Service-style map selectors differ (empty selects
 * nothing), so they live here.
 */
import type { KubeObject } from '../api/types.ts';

/** A map selector (Service.spec.selector): empty or absent selects nothing. */
export function mapSelectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

export function labelsOf(obj: KubeObject): Record<string, string> {
  return obj.metadata.labels ?? {};
}
