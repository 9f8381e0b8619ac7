/**
 * exec and attach over WebSocket, subprotocol v5.channel.k8s.io (kubectl ≥
 * 1.30): channel 0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 close.
 * stdin is collected until the client closes it (v5 sends [255, 0]), then the
 * command runs in the container's shell; the exit code goes out on channel 3.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ApiServer } from '../../core/apiserver/server.ts';
import type { ApiRequest } from '../../core/apiserver/types.ts';
import { exec } from '../../core/cluster/exec.ts';
import { findContainer } from '../../core/apiserver/logs.ts';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

export function handleUpgrade(
  server: ApiServer,
  run: <T>(fn: () => T) => T,
  req: ApiRequest,
  raw: IncomingMessage,
  socket: Socket,
  head: Buffer,
): void {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach)$/.exec(req.path);
  if (!m) {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    return;
  }
  wss.handleUpgrade(raw, socket, head, (ws) =>
    session(server, run, req, ws, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), m[3] as 'exec' | 'attach'),
  );
}

function frame(channel: number, data: string | Buffer): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

function session(
  server: ApiServer,
  run: <T>(fn: () => T) => T,
  req: ApiRequest,
  ws: WebSocket,
  namespace: string,
  pod: string,
  mode: 'exec' | 'attach',
): void {
  const wantsStdin = req.query.stdin?.[0] === 'true';
  const container = req.query.container?.[0];
  if (mode === 'attach') return attach(server, run, ws, namespace, pod, container);
  const command = req.query.command ?? [];
  let stdin = '';
  let started = false;
  let cancel = () => {};
  const finish = (code: number) => {
    const st =
      code === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
          };
    ws.send(frame(3, JSON.stringify(st)), () => ws.close(1000));
  };
  const start = () => {
    if (started) return;
    started = true;
    const r = run(() =>
      exec(
        server.cluster,
        { namespace, pod, command, ...(container ? { container } : {}), ...(wantsStdin ? { stdin } : {}) },
        {
          stdout: (t) => ws.send(frame(1, t)),
          stderr: (t) => ws.send(frame(2, t)),
          exit: finish,
        },
      ),
    );
    if (!r.ok) {
      ws.send(
        frame(
          3,
          JSON.stringify({
            metadata: {},
            status: 'Failure',
            message: r.status.message,
            reason: r.status.reason,
            code: r.status.code,
          }),
        ),
        () => ws.close(1000),
      );
      return;
    }
    cancel = r.cancel;
  };
  ws.on('message', (data: Buffer) => {
    const channel = data[0];
    if (channel === 0) stdin += data.subarray(1).toString();
    if (channel === 255 && data[1] === 0) start();
  });
  ws.on('close', () => run(() => cancel()));
  if (!wantsStdin) start();
}

/** attach: stream what the container prints until it stops (kubectl run -i waits on this). */
function attach(
  server: ApiServer,
  run: <T>(fn: () => T) => T,
  ws: WebSocket,
  namespace: string,
  pod: string,
  container: string | undefined,
): void {
  const found = run(() => findContainer(server.cluster, namespace, pod, container));
  if (found.error || !found.run) {
    ws.send(
      frame(
        3,
        JSON.stringify({
          metadata: {},
          status: 'Failure',
          message:
            found.error?.kind === 'plain'
              ? (JSON.parse(found.error.body) as { message?: string }).message
              : 'container not found',
        }),
      ),
      () => ws.close(1000),
    );
    return;
  }
  const c = found.run;
  let logs = c.logs;
  let sent = 0;
  const pump = () => {
    if (c.logs !== logs) {
      logs = c.logs;
      sent = 0;
    }
    for (; sent < logs.length; sent++) ws.send(frame(logs[sent]!.stream === 'stderr' ? 2 : 1, logs[sent]!.text + '\n'));
    if (c.state !== 'running') {
      dispose();
      ws.send(frame(3, JSON.stringify({ metadata: {}, status: 'Success' })), () => ws.close(1000));
    }
  };
  const dispose = run(() => server.cluster.onSettled(pump));
  ws.on('close', dispose);
  run(pump);
}
