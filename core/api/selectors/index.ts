/**
 * Label and field selectors with Kubernetes semantics: parsing (with
 * upstream's error messages), matching, printing, and per-kind field labels.
 */
import type { Result } from '../types.ts';
import { badRequest } from '../status.ts';
import { parseLabelSelector } from './label-parse.ts';
import { compile } from './labels.ts';
import type { LabelMatcher } from './labels.ts';

export { parseLabelSelector } from './label-parse.ts';
export {
  compile as compileSelector,
  everything,
  nothing,
  newRequirement,
  requirementMatches,
  requirementToString,
  selectorString,
} from './labels.ts';
export type { Labels, LabelMatcher, Operator, Requirement, Selector } from './labels.ts';
export {
  labelSelectorAsSelector,
  labelSelectorMatcher,
  selectorToString,
  validateLabelSelector,
} from './label-selector.ts';
export type { LabelSelector, LabelSelectorRequirement } from './label-selector.ts';
export { compileFieldSelector, escapeFieldValue, fieldSelectorString, parseFieldSelector } from './fields.ts';
export type { FieldRequirement, ObjectMatcher } from './fields.ts';
export { fieldLabelRules } from './field-labels.ts';
export type { FieldLabelRules } from './field-labels.ts';
export { isQualifiedName, isValidLabelValue } from './label-validation.ts';

/** `?labelSelector=` as the list handler treats it: a matcher, or a 400 BadRequest. */
export function compileLabelSelector(selector: string): Result<LabelMatcher> {
  const parsed = parseLabelSelector(selector);
  return parsed.ok ? { ok: true, value: compile(parsed.selector) } : { ok: false, status: badRequest(parsed.error) };
}
