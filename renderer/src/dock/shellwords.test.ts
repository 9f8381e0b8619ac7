import { describe, expect, it } from 'vitest';
import { splitShell } from './shellwords.ts';

const argv = (line: string) => {
  const r = splitShell(line);
  return r.ok ? r.argv : r.error;
};

describe('splitShell', () => {
  it('splits on runs of whitespace', () => {
    expect(argv('  kubectl   get\tpods  ')).toEqual(['kubectl', 'get', 'pods']);
    expect(argv('')).toEqual([]);
  });

  it('keeps quoted text as one word, joined to what touches it', () => {
    expect(argv(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual([
      'kubectl',
      'get',
      'pods',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]);
    expect(argv('k label pod web "note=hello world"')).toEqual(['k', 'label', 'pod', 'web', 'note=hello world']);
    expect(argv(`echo ''`)).toEqual(['echo', '']);
    expect(argv(`a"b c"d`)).toEqual(['ab cd']);
  });

  it('reads backslash escapes outside quotes and the few kept inside double quotes', () => {
    expect(argv('a\\ b c')).toEqual(['a b', 'c']);
    expect(argv('"say \\"hi\\" \\n"')).toEqual(['say "hi" \\n']);
    expect(argv("'no \\escape'")).toEqual(['no \\escape']);
    expect(argv('a\\|b')).toEqual(['a|b']);
  });

  it('reports what a shell would do but this terminal cannot', () => {
    expect(argv('kubectl get pods | grep web')).toBe('pipe');
    expect(argv('kubectl get pods > pods.txt')).toBe('redirect');
    expect(argv('kubectl get pods; kubectl get svc')).toBe('list');
    expect(argv('kubectl get pods && echo ok')).toBe('list');
    expect(argv("kubectl get 'pods")).toBe('quote');
    expect(argv('kubectl get "pods')).toBe('quote');
    expect(argv("kubectl get pods -o 'jsonpath={.a|b}'")).toEqual(['kubectl', 'get', 'pods', '-o', 'jsonpath={.a|b}']);
  });
});
