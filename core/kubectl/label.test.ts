import { describe, expect, it } from 'vitest';
import { chapterOne } from './testkit.ts';

describe('kubectl label and annotate', () => {
  it('labels, refuses to overwrite without --overwrite, and removes', () => {
    const l = chapterOne();
    const d = 'deploy nginx-deployment';
    expect(l.k(`label ${d} tier=fe`).stdout).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(l.k(`label ${d} tier=be`)).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n",
      exitCode: 1,
    });
    expect(l.k(`label ${d} tier=be --overwrite`).stdout).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(l.k("get deploy nginx-deployment -o jsonpath='{.metadata.labels.tier}'").stdout).toBe('be');
    expect(l.k(`label ${d} tier-`).stdout).toBe('deployment.apps/nginx-deployment unlabeled\n');
    expect(l.k(`label ${d} tier-`).stdout).toBe(
      'label "tier" not found.\ndeployment.apps/nginx-deployment not labeled\n',
    );
  });

  it('annotates and removes annotations', () => {
    const l = chapterOne();
    expect(l.k('annotate deploy/nginx-deployment note=hi').stdout).toBe('deployment.apps/nginx-deployment annotated\n');
    expect(l.k('annotate deploy/nginx-deployment note=ho').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
    );
    expect(l.k('annotate deploy/nginx-deployment note-').stdout).toBe('deployment.apps/nginx-deployment annotated\n');
    expect(l.k("get deploy nginx-deployment -o jsonpath='{.metadata.annotations.note}'").stdout).toBe('');
  });

  it('labels every object a selector matches', () => {
    const l = chapterOne();
    expect(l.k('label pods -l app=nginx tier=web').stdout.trim().split('\n')).toHaveLength(3);
    expect(l.k('get pods -l tier=web -o name').stdout.trim().split('\n')).toHaveLength(3);
  });
});
