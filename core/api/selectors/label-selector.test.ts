import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, labelSelectorMatcher, selectorToString, validateLabelSelector } from './index.ts';

describe('metav1.LabelSelector', () => {
  it('null selects nothing, {} selects everything', () => {
    expect(labelSelectorMatcher(null)({ a: 'b' })).toBe(false);
    expect(labelSelectorMatcher(undefined)(undefined)).toBe(false);
    expect(labelSelectorMatcher({})({ a: 'b' })).toBe(true);
    expect(labelSelectorMatcher({ matchLabels: {}, matchExpressions: [] })(undefined)).toBe(true);
  });

  it('matches matchLabels and matchExpressions together', () => {
    const m = labelSelectorMatcher({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['fe', 'be'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(m({ app: 'web', tier: 'fe' })).toBe(true);
    expect(m({ app: 'web', tier: 'db' })).toBe(false);
    expect(m({ app: 'web', tier: 'fe', legacy: 'y' })).toBe(false);
  });

  it('prints as kubectl shows it', () => {
    expect(
      selectorToString({
        matchLabels: { tier: 'x', app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['b', 'a'] },
          { key: 'gpu', operator: 'Exists' },
        ],
      }),
    ).toBe('app=web,env notin (a,b),gpu,tier=x');
  });

  it('conversion errors use upstream wording', () => {
    const bad = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] });
    expect(bad.ok ? undefined : bad.error).toBe('"Foo" is not a valid label selector operator');
    const empty = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] });
    expect(empty.ok ? undefined : empty.error).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it('validates as the apiserver does for spec.selector', () => {
    const causes = validateLabelSelector(
      {
        matchLabels: { 'bad key!': 'v' },
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Near', values: ['ok'] },
        ],
      },
      'spec.selector',
    );
    expect(causes.map((c) => [c.field, c.reason])).toEqual([
      ['spec.selector.matchLabels', 'FieldValueInvalid'],
      ['spec.selector.matchExpressions[0].values', 'FieldValueRequired'],
      ['spec.selector.matchExpressions[1].values', 'FieldValueForbidden'],
      ['spec.selector.matchExpressions[2].operator', 'FieldValueInvalid'],
    ]);
    expect(causes[1]?.message).toBe("Required value: must be specified when `operator` is 'In' or 'NotIn'");
    expect(causes[3]?.message).toBe('Invalid value: "Near": not a valid selector operator');
    expect(validateLabelSelector({ matchLabels: { app: 'web' } }, 'spec.selector')).toEqual([]);
  });
});
