/** The bridge's message checks: what crosses between main and the lab window, in both directions. */
import { describe, expect, it } from 'vitest';
import {
  MAX_LAB_BYTES,
  MAX_MANIFEST_BYTES,
  fileKind,
  isFileName,
  parseMenuEvent,
  parseSaveFile,
  parseSaveResult,
  utf8Length,
} from './api.ts';

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const text of ['', 'apiVersion: v1', 'é', '部署', '🚀 ok', 'a\u{10348}b'])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('file names and kinds', () => {
  it('accepts plain names and refuses paths and control characters', () => {
    expect(isFileName('web.yaml')).toBe(true);
    expect(isFileName('部署.yaml')).toBe(true);
    for (const bad of ['', '.', '..', '../etc/passwd', 'a/b.yaml', 'a\\b.yaml', 'a\u0000.yaml', 'x'.repeat(256), 42])
      expect(isFileName(bad)).toBe(false);
  });

  it('tells labs from manifests by their extension', () => {
    expect(fileKind('my-lab.kubelab')).toBe('lab');
    expect(fileKind('my-lab.KUBELAB.json')).toBe('lab');
    expect(fileKind('web.yaml')).toBe('manifest');
    expect(fileKind('web')).toBe('manifest');
  });
});

describe('parseMenuEvent (preload side)', () => {
  it('passes well-formed events through, keeping only known fields', () => {
    expect(parseMenuEvent({ type: 'save-manifest', extra: 1 })).toEqual({ type: 'save-manifest' });
    expect(
      parseMenuEvent({ type: 'open-manifest', name: 'web.yaml', path: '/tmp/web.yaml', text: 'kind: Pod' }),
    ).toEqual({ type: 'open-manifest', name: 'web.yaml', path: '/tmp/web.yaml', text: 'kind: Pod' });
    expect(parseMenuEvent({ type: 'open-lab', name: 'a.kubelab', text: '{}' })).toEqual({
      type: 'open-lab',
      name: 'a.kubelab',
      text: '{}',
    });
  });

  it('drops unknown types, missing fields and oversized text', () => {
    expect(parseMenuEvent(undefined)).toBeUndefined();
    expect(parseMenuEvent(['save-lab'])).toBeUndefined();
    expect(parseMenuEvent({ type: 'run-shell' })).toBeUndefined();
    expect(parseMenuEvent({ type: 'open-manifest', name: 'web.yaml', text: 'x' })).toBeUndefined();
    expect(parseMenuEvent({ type: 'open-lab', name: '../a', text: '{}' })).toBeUndefined();
    const big = 'x'.repeat(MAX_MANIFEST_BYTES + 1);
    expect(parseMenuEvent({ type: 'open-manifest', name: 'a.yaml', path: '/a.yaml', text: big })).toBeUndefined();
  });
});

describe('parseSaveFile (both sides)', () => {
  it('returns the checked arguments with the file kind', () => {
    expect(parseSaveFile('web.yaml', 'kind: Pod')).toEqual({ name: 'web.yaml', text: 'kind: Pod', kind: 'manifest' });
    expect(parseSaveFile('lab.kubelab', '{}')).toEqual({ name: 'lab.kubelab', text: '{}', kind: 'lab' });
  });

  it('explains what is wrong', () => {
    expect(parseSaveFile('../x', 'a')).toMatch(/file name/);
    expect(parseSaveFile('x.yaml', 7)).toMatch(/text/);
    expect(parseSaveFile('x.yaml', 'x'.repeat(MAX_MANIFEST_BYTES + 1))).toMatch(/larger than 4 MiB/);
    // A lab may be larger than a manifest.
    expect(typeof parseSaveFile('x.kubelab', 'x'.repeat(MAX_MANIFEST_BYTES + 1))).toBe('object');
    expect(parseSaveFile('x.kubelab', 'x'.repeat(MAX_LAB_BYTES + 1))).toMatch(/larger than 32 MiB/);
  });
});

describe('parseSaveResult (preload side)', () => {
  it('accepts the two answers main gives and nothing else', () => {
    expect(parseSaveResult({ saved: true, name: 'a.yaml', path: '/home/me/a.yaml' })).toEqual({
      saved: true,
      name: 'a.yaml',
      path: '/home/me/a.yaml',
    });
    expect(parseSaveResult({ saved: false })).toEqual({ saved: false });
    expect(parseSaveResult({ saved: false, error: 'disk full' })).toEqual({ saved: false, error: 'disk full' });
    expect(parseSaveResult('yes')).toEqual({ saved: false, error: 'unexpected answer from the main process' });
  });
});
