/** The window's security policy: which URLs map to files, which links may leave, and the CSP. */
import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  CSP,
  contentType,
  isAppUrl,
  isExternalAllowed,
  isPermissionAllowed,
  resolveAppFile,
  responseHeaders,
} from './policy.ts';

const ROOT = '/opt/kubelab/dist/renderer';

describe('resolveAppFile', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppFile(ROOT, APP_URL)).toBe(`${ROOT}/index.html`);
    expect(resolveAppFile(ROOT, 'kubelab://app/')).toBe(`${ROOT}/index.html`);
    expect(resolveAppFile(ROOT, 'kubelab://app/assets/index-3f2a.js?v=1#x')).toBe(`${ROOT}/assets/index-3f2a.js`);
    expect(resolveAppFile(`${ROOT}/`, 'kubelab://app/schema/k8s%20all.json')).toBe(`${ROOT}/schema/k8s all.json`);
  });

  it('refuses anything outside the root or another origin', () => {
    // The URL parser already folds literal dot segments into the root.
    expect(resolveAppFile(ROOT, 'kubelab://app/../../etc/passwd')).toBe(`${ROOT}/etc/passwd`);
    expect(resolveAppFile(ROOT, 'kubelab://app/%2e%2e/%2e%2e/etc/passwd')).toBe(`${ROOT}/etc/passwd`);
    // Encoded slashes survive the parser and are decoded here, so the path check must catch them.
    for (const url of [
      'kubelab://app/assets/..%2f..%2f..%2fetc/passwd',
      'kubelab://app/a%00.js',
      'kubelab://app/%E0%A4%A',
      'kubelab://other/index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'not a url',
    ])
      expect(resolveAppFile(ROOT, url), url).toBeUndefined();
  });
});

describe('links and origins', () => {
  it('knows its own origin', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('kubelab://evil/index.html')).toBe(false);
    expect(isAppUrl('https://kubernetes.io/')).toBe(false);
  });

  it('lets only https links to the Kubernetes docs out', () => {
    expect(isExternalAllowed('https://kubernetes.io/docs/concepts/')).toBe(true);
    expect(isExternalAllowed('https://v1-33.docs.kubernetes.io/docs/')).toBe(true);
    for (const url of [
      'http://kubernetes.io/',
      'https://kubernetes.io.evil.com/',
      'https://evilkubernetes.io/',
      'https://user:pw@kubernetes.io/',
      'https://kubernetes.io:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ])
      expect(isExternalAllowed(url), url).toBe(false);
  });

  it('grants clipboard writes only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal'])
      expect(isPermissionAllowed(p)).toBe(false);
  });
});

describe('responses', () => {
  it('carries a CSP without eval or remote sources', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self';");
    expect(CSP).toContain("worker-src 'self' blob:");
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(responseHeaders('/x/index.html')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('names module scripts and fonts so Chromium accepts them', () => {
    expect(contentType('/a/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/a/codicon.TTF')).toBe('font/ttf');
    expect(contentType('/a/unknown.bin')).toBe('application/octet-stream');
  });
});
