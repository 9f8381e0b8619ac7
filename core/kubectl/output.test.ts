import { describe, expect, it } from 'vitest';
import { toJson, toYaml } from './output.ts';
import { alignTabs, HISTORY_TABS } from './tabwriter.ts';

describe('output formats', () => {
  it('writes YAML as go-yaml v2 does: sorted keys, unindented lists, YAML 1.1 quoting', () => {
    expect(
      toYaml({
        b: { z: 'True', a: 'y' },
        a: [{ port: '80', empty: '', cron: '*/1 * * * *', text: 'a: b' }],
        t: '2026-11-22T09:00:00Z',
        n: null,
        e: {},
      }),
    ).toBe(
      'a:\n- cron: \'*/1 * * * *\'\n  empty: ""\n  port: "80"\n  text: \'a: b\'\nb:\n  a: "y"\n  z: "True"\ne: {}\n"n": null\nt: "2026-11-22T09:00:00Z"\n',
    );
    expect(toYaml({ s: 'line1\nline2\n' })).toBe('s: |\n  line1\n  line2\n');
  });

  it('writes JSON with four-space indent, sorted keys and Go HTML escaping', () => {
    expect(toJson({ b: 1, a: '<&>' })).toBe('{\n    "a": "\\u003c\\u0026\\u003e",\n    "b": 1\n}\n');
  });

  it('aligns columns like Go tabwriter: padding, minimum width, unpadded last cell', () => {
    expect(alignTabs('A\tBB\tC\nlonger\tx\ty\n')).toBe('A        BB    C\nlonger   x     y\n');
    expect(alignTabs('REVISION\tCHANGE-CAUSE\n1\t<none>\n', HISTORY_TABS)).toBe(
      'REVISION  CHANGE-CAUSE\n1         <none>\n',
    );
  });
});
