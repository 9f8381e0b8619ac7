/**
 * Serves the lab window to a browser on http://127.0.0.1:UI_PORT/: the built
 * renderer (dist/renderer) with a strict Content-Security-Policy, and the lab
 * protocol on a WebSocket at /ui/v1/protocol. Only pages served from this
 * origin may open the WebSocket (another site in the same browser cannot
 * drive the cluster).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../core/protocol/index.ts';
import type { ProtocolHost } from './protocol-host.ts';
import { CSP, contentType } from './static.ts';

export const RENDERER_DIST = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** True when the built UI exists (`npm run build:ui`). */
export function rendererBuilt(): boolean {
  return existsSync(join(RENDERER_DIST, 'index.html'));
}

function serveFile(path: string, res: ServerResponse): void {
  const file = normalize(join(RENDERER_DIST, path === '/' ? 'index.html' : decodeURIComponent(path)));
  if (!file.startsWith(RENDERER_DIST.endsWith(sep) ? RENDERER_DIST : RENDERER_DIST + sep)) {
    res.writeHead(404).end();
    return;
  }
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const hashed = path.startsWith('/assets/');
  res
    .writeHead(200, {
      'Content-Type': contentType(file),
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    .end(data);
}

export function startUiServer(protocol: ProtocolHost, port: number): Promise<Server> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!rendererBuilt()) {
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('The KubeLab UI is not built yet: run `npm run build:ui` (npm install does it).\n');
      return;
    }
    serveFile(new URL(req.url ?? '/', 'http://127.0.0.1').pathname, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // The Host check stops DNS rebinding (evil.example resolving to 127.0.0.1); the Origin check, other sites.
    const hostHeader = req.headers.host ?? '';
    const local = /^(127\.0\.0\.1|localhost):\d+$/.test(hostHeader);
    if (path !== '/ui/v1/protocol' || !local || req.headers.origin !== `http://${hostHeader}`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = protocol.connect((json) => ws.readyState === ws.OPEN && ws.send(json));
      ws.on('message', (data, isBinary) => {
        if (!isBinary) conn.receive(data.toString());
      });
      ws.on('close', () => conn.close());
      ws.on('error', () => conn.close());
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function uiUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
