/** Reading and writing the learner's files: limits, binary files, BOMs, atomic writes, names. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic as writeFileAtomic } from '../host/atomic.ts';
import { readTextFile, withExtension } from './textfile.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubelab-files-'));

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a BOM', async () => {
    const file = join(dir, 'web.yaml');
    writeFileSync(file, '\uFEFFkind: Pod # 部署\n');
    expect(await readTextFile(file, 1024)).toEqual({
      ok: true,
      name: 'web.yaml',
      path: file,
      text: 'kind: Pod # 部署\n',
    });
  });

  it('refuses large, binary and missing files with a reason', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'x'.repeat(2048));
    expect(await readTextFile(big, 1024)).toMatchObject({ ok: false, error: 'tooLarge', name: 'big.yaml' });
    const bin = join(dir, 'logo.png');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]));
    expect(await readTextFile(bin, 1024)).toMatchObject({ ok: false, error: 'notText' });
    const missing = await readTextFile(join(dir, 'nope.yaml'), 1024);
    expect(missing).toMatchObject({ ok: false, error: 'cannotRead', name: 'nope.yaml' });
    expect(missing.ok ? '' : missing.reason).toMatch(/ENOENT/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const sub = join(dir, 'out');
    const file = join(sub, 'lab.kubelab');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(sub)).toEqual(['lab.kubelab']);
  });
});

describe('withExtension', () => {
  it('adds the extension a save dialog should offer', () => {
    expect(withExtension('web', 'manifest')).toBe('web.yaml');
    expect(withExtension('web.yml', 'manifest')).toBe('web.yml');
    expect(withExtension('web.JSON', 'manifest')).toBe('web.JSON');
    expect(withExtension('web.txt', 'manifest')).toBe('web.txt.yaml');
    expect(withExtension('lab', 'lab')).toBe('lab.kubelab');
    expect(withExtension('lab.kubelab', 'lab')).toBe('lab.kubelab');
  });
});
