/**
 * Applies the lab's security policy (policy.ts) to Electron: the privileged
 * `kubelab:` scheme that serves the built UI with a strict CSP, guards on
 * every web contents (no navigation, no new windows, no webviews; Kubernetes
 * docs links open in the system browser), and a session that denies every
 * permission request but clipboard writes. Follows Electron's security
 * checklist (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import { app, protocol, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, isExternalAllowed, isPermissionAllowed, resolveAppFile, responseHeaders } from './policy.ts';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins (relative URLs, storage,
 * 'self' in the CSP), `secure` makes it a secure context (workers, clipboard), `supportFetchAPI`
 * lets the page fetch its own static files (the editor's schema). No `corsEnabled`, no `bypassCSP`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serve the files of `root` (dist/renderer) on kubelab://app/ (after `app` is ready). */
export function serveApp(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const data = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(data), { headers: responseHeaders(file) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

function openIfAllowed(url: string): void {
  if (isExternalAllowed(url)) void shell.openExternal(url);
}

/** No navigation away from the app, no new windows, no webviews: links to the Kubernetes docs open outside. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    // A reload does not come through here; any other navigation would leave the app.
    event.preventDefault();
    openIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny every permission (camera, notifications, HID…) except clipboard writes. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);
}

/** Process-wide switches, before `app` is ready. */
export function hardenApp(): void {
  app.enableSandbox();
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
