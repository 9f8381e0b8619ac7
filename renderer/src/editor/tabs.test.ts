import { describe, expect, it } from 'vitest';
import { cleanTitle, closeTab, neighbour, newTabId, restoredActive, tabWithTitle, uniqueTitle } from './tabs.ts';

const tab = (id: string, title = `${id}.yaml`) => ({ id, title, text: '' });

describe('editor tabs', () => {
  it('makes ids unique and URI-safe', () => {
    expect(newTabId([])).toBe('tab-1');
    expect(newTabId([tab('tab-1'), tab('tab-7'), tab('x')])).toBe('tab-8');
  });

  it('turns typed titles into file names', () => {
    expect(cleanTitle('  web ', 'untitled.yaml')).toBe('web.yaml');
    expect(cleanTitle('svc.yml', 'untitled.yaml')).toBe('svc.yml');
    expect(cleanTitle('a/b\\c', 'untitled.yaml')).toBe('a-b-c.yaml');
    expect(cleanTitle('   ', 'untitled.yaml')).toBe('untitled.yaml');
  });

  it('numbers a title another tab already has', () => {
    const tabs = [tab('1', 'untitled.yaml'), tab('2', 'untitled-2.yaml')];
    expect(uniqueTitle('untitled.yaml', tabs)).toBe('untitled-3.yaml');
    expect(uniqueTitle('web.yaml', tabs)).toBe('web.yaml');
    expect(uniqueTitle('Makefile', [tab('1', 'Makefile')])).toBe('Makefile-2');
  });

  it('shows the right neighbour after closing the active tab, and keeps another active one', () => {
    const tabs = [tab('a'), tab('b'), tab('c')];
    expect(closeTab(tabs, 'b', 'b')).toEqual({ tabs: [tab('a'), tab('c')], active: 'c' });
    expect(closeTab(tabs, 'c', 'c').active).toBe('b');
    expect(closeTab(tabs, 'a', 'c').active).toBe('c');
    expect(closeTab([tab('a')], 'a', 'a')).toEqual({ tabs: [], active: undefined });
    expect(closeTab(tabs, 'zz', 'a').tabs).toHaveLength(3);
  });

  it('restores the saved active tab only if it still exists', () => {
    expect(restoredActive([tab('a'), tab('b')], 'b')).toBe('b');
    expect(restoredActive([tab('a'), tab('b')], 'gone')).toBe('a');
    expect(restoredActive([], 'gone')).toBeUndefined();
  });

  it('finds a tab by title and moves between tabs with wrap-around', () => {
    const tabs = [tab('a'), tab('b'), tab('c')];
    expect(tabWithTitle(tabs, 'b.yaml')?.id).toBe('b');
    expect(neighbour(tabs, 'c', 1)).toBe('a');
    expect(neighbour(tabs, 'a', -1)).toBe('c');
  });
});
