/**
 * Serves the lab's window to a browser on http://127.0.0.1:UI_PORT/ (the
 * fallback where Electron cannot run, and what the Electron window loads).
 * Until the full lab window lands (issue 3), it serves the status page in
 * renderer/status/, with a small read-only JSON view of the cluster.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import { resourceByKind } from '../../core/api/registry.ts';
import { tableFor } from '../../core/printers/index.ts';
import type { Host } from './host.ts';

const ROOT = fileURLToPath(new URL('../../renderer/status/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const KINDS: Record<string, [string, string]> = {
  nodes: ['v1', 'Node'],
  pods: ['v1', 'Pod'],
  deployments: ['apps/v1', 'Deployment'],
  replicasets: ['apps/v1', 'ReplicaSet'],
  services: ['v1', 'Service'],
  events: ['v1', 'Event'],
};

export function startUiServer(host: Host, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/ui/v1/summary') {
      const tables = Object.fromEntries(
        Object.entries(KINDS).map(([name, [apiVersion, kind]]) => {
          const rt = resourceByKind(apiVersion, kind)!;
          return [
            name,
            tableFor(rt, host.cluster.api.list(rt).items, host.cluster.clock.now(), { includeObject: 'None' }),
          ];
        }),
      );
      const body = JSON.stringify({
        now: host.cluster.clock.nowIso(),
        apiUrl: host.url,
        kubeconfig: host.kubeconfigPath ?? null,
        tables,
      });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    const file = normalize(join(ROOT, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(ROOT)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const data = readFileSync(file);
      const ext = file.slice(file.lastIndexOf('.'));
      res
        .writeHead(200, {
          'Content-Type': TYPES[ext] ?? 'application/octet-stream',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
        })
        .end(data);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function uiUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
