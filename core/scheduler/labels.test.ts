import { describe, expect, it } from 'vitest';
import { compileLabelSelector, compileNodeSelectorTerms, nodeSelectorTermsMatch, selectorMatches } from './labels.ts';

describe('label selectors', () => {
  it('treats a missing selector as nothing and an empty one as everything', () => {
    expect(selectorMatches(compileLabelSelector(undefined), { a: '1' })).toBe(false);
    expect(selectorMatches(compileLabelSelector({}), { a: '1' })).toBe(true);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const sel = compileLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
    expect(selectorMatches(sel, { app: 'web' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(sel, { app: 'api' })).toBe(false);
  });
});

describe('node selector terms', () => {
  const terms = (exprs: unknown[]) => compileNodeSelectorTerms([{ matchExpressions: exprs }]);
  const labels = { disktype: 'ssd', cores: '8' };
  const cases: [string, unknown, boolean][] = [
    ['In', { key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }, true],
    ['NotIn', { key: 'disktype', operator: 'NotIn', values: ['ssd'] }, false],
    ['NotIn on a missing label', { key: 'gpu', operator: 'NotIn', values: ['a'] }, true],
    ['Exists', { key: 'disktype', operator: 'Exists' }, true],
    ['DoesNotExist', { key: 'disktype', operator: 'DoesNotExist' }, false],
    ['Gt', { key: 'cores', operator: 'Gt', values: ['4'] }, true],
    ['Lt', { key: 'cores', operator: 'Lt', values: ['4'] }, false],
    ['Gt on a non-integer label', { key: 'disktype', operator: 'Gt', values: ['1'] }, false],
    ['Gt with two values is invalid', { key: 'cores', operator: 'Gt', values: ['1', '2'] }, false],
  ];
  it.each(cases)('%s', (_name, expr, want) => {
    expect(nodeSelectorTermsMatch(terms([expr]), labels, 'n1')).toBe(want);
  });

  it('ORs terms, drops empty ones and matches metadata.name fields', () => {
    const t = compileNodeSelectorTerms([
      {},
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
    ]);
    expect(t).toHaveLength(1);
    expect(nodeSelectorTermsMatch(t, {}, 'n2')).toBe(true);
    expect(nodeSelectorTermsMatch(t, {}, 'n1')).toBe(false);
  });
});
