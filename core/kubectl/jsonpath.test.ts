import { describe, expect, it } from 'vitest';
import { executeJsonPath, selectValues } from './jsonpath.ts';

const list = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { app: 'web' } },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      spec: { containers: [{ image: 'nginx' }, { image: 'redis' }] },
    },
    {
      metadata: { name: 'b' },
      status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
      spec: { containers: [{ image: 'busybox' }] },
    },
  ],
};

describe('jsonpath', () => {
  it('joins several results with spaces and prints objects as sorted compact JSON', () => {
    expect(executeJsonPath('{.items[*].metadata.name}', list)).toBe('a b');
    expect(executeJsonPath('{.items[0].metadata.labels}', list)).toBe('{"app":"web"}');
    expect(executeJsonPath('{.items[0].spec.containers[*].image}', list)).toBe('nginx redis');
  });

  it('ranges with literals, and filters', () => {
    expect(executeJsonPath('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', list)).toBe(
      'a\tRunning\nb\tPending\n',
    );
    expect(executeJsonPath('{.items[?(@.status.phase=="Running")].metadata.name}', list)).toBe('a');
    expect(executeJsonPath("{.items[0].status.conditions[?(@.type=='Ready')].status}", list)).toBe('True');
  });

  it('prints nothing for missing keys, slices and recursive descent', () => {
    expect(executeJsonPath('x{.items[1].metadata.labels.app}y', list)).toBe('xy');
    expect(executeJsonPath('{.items[-1:].metadata.name}', list)).toBe('b');
    expect(selectValues('..image', list)).toEqual(['nginx', 'redis', 'busybox']);
  });
});
