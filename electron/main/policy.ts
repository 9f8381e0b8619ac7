/**
 * The lab window's security policy as pure functions (no Electron import, so
 * they are unit-tested in plain Node): the app's origin, its Content-Security-
 * Policy, which URL maps to which file of the built UI, and which links may
 * leave the app for the system browser. security.ts applies them.
 */
import { join, normalize, sep } from 'node:path';
import { CSP, contentType } from '../host/static.ts';

export { CSP, contentType };

/** The built UI (dist/renderer) is served on kubelab://app/, a privileged standard scheme. */
export const APP_SCHEME = 'kubelab';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The headers every response of the app scheme carries (workers take their CSP from their own response). */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentType(file),
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u?.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/**
 * The file under `root` that an app URL names, or undefined for anything outside it. Example:
 * kubelab://app/assets/index-3f2a.js → ROOT/assets/index-3f2a.js; kubelab://app/%2e%2e/secret → undefined.
 */
export function resolveAppFile(root: string, url: string): string | undefined {
  const u = parse(url);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path === '' || path === '/') path = '/index.html';
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const file = normalize(join(base, path));
  return file.startsWith(base) && file !== base ? file : undefined;
}

/** Links the learner may follow out of the app, into the system browser: the Kubernetes docs only. */
export function isExternalAllowed(url: string): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return u.hostname === 'kubernetes.io' || u.hostname.endsWith('.kubernetes.io');
}

/** Clipboard writes (copy buttons, the terminal) are the one permission the lab needs. */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
