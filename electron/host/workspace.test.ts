import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceFile, emptyWorkspace } from './workspace.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'kubelab-ws-'));

describe('WorkspaceFile', () => {
  it('saves atomically and restores what was saved', () => {
    const d = dir();
    const f = new WorkspaceFile(d);
    const ws = {
      ...emptyWorkspace(),
      ui: { tabs: [{ id: 't1', title: 'web.yaml', text: 'kind: Pod\n' }], activeTab: 't1' },
    };
    f.save(ws);
    expect(readdirSync(d)).toEqual(['workspace.json']);
    expect(new WorkspaceFile(d).load()).toEqual({ workspace: ws });
  });

  it('starts empty when nothing was saved', () => {
    expect(new WorkspaceFile(dir()).load()).toEqual({ workspace: emptyWorkspace() });
  });

  it.each([
    ['{"version":1,"ui":{"tabs":[', 'it is not valid JSON'],
    ['{"version":7}', 'it is not a KubeLab workspace'],
    ['{"version":1,"ui":{"tabs":[{"id":1}]},"passed":{}}', 'its open manifests or settings are malformed'],
    ['{"version":1,"ui":{"tabs":[]},"passed":{},"cluster":{"version":1}}', 'its cluster snapshot is malformed'],
  ])('sets a corrupt file aside with a message instead of crashing (%s)', (text, message) => {
    const d = dir();
    writeFileSync(join(d, 'workspace.json'), text);
    const r = new WorkspaceFile(d).load();
    expect(r.workspace).toEqual(emptyWorkspace());
    expect(r.notice).toContain(message);
    const aside = readdirSync(d).filter((n) => n.startsWith('workspace.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(d, aside[0]!), 'utf8')).toBe(text);
    expect(r.notice).toContain(aside[0]);
  });
});
