/** `?labelSelector=` and `?fieldSelector=` of list, watch and deletecollection, compiled to one matcher. */
import type { Matcher } from '../api/api.ts';
import type { ResourceType } from '../api/registry.ts';
import { compileFieldSelector, compileLabelSelector } from '../api/selectors/index.ts';
import type { KubeObject, Result } from '../api/types.ts';
import { ok } from '../api/types.ts';

export { selectorToString } from '../api/selectors/index.ts';

export function selectorMatcher(
  rt: ResourceType,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): Result<Matcher | undefined> {
  const labels = labelSelector ? compileLabelSelector(labelSelector) : undefined;
  if (labels && !labels.ok) return labels;
  const fields = fieldSelector ? compileFieldSelector(fieldSelector, rt.kind) : undefined;
  if (fields && !fields.ok) return fields;
  if (!labels && !fields) return ok(undefined);
  const l = labels?.value;
  const f = fields?.value;
  return ok((o: KubeObject) => (!l || l(o.metadata.labels)) && (!f || f(o)));
}
