import { describe, expect, it } from 'vitest';
import { tabbed } from './tabwriter.ts';

describe('TabWriter (Go text/tabwriter, padding 2)', () => {
  it('aligns a column block to its widest cell plus two', () => {
    expect(tabbed('Name:\tweb\nNamespace:\tdefault\n')).toBe('Name:       web\nNamespace:  default\n');
  });

  it('a line without tabs ends the block, so the next block aligns on its own', () => {
    expect(tabbed('Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nLonger label:\tx\n')).toBe(
      'Name:  web\nIPs:\n  IP:          10.0.0.1\nLonger label:  x\n',
    );
  });

  it('the text after the last tab is not a column; empty cells still pad', () => {
    expect(tabbed('a\tbb\tc\nccc\t\tddd\n')).toBe('a    bb  c\nccc      ddd\n');
  });

  it('nested columns only span the lines that have them', () => {
    expect(tabbed('k\tv\nkey\tvalue\tx\nk2\ty\n')).toBe('k    v\nkey  value  x\nk2   y\n');
  });
});
