/**
 * `kubelab` on the command line:
 *   kubelab serve [--port N] [--kubeconfig FILE] [--clock manual|realtime] [--speed X] [--seed N] [--verbose]
 *     runs the simulated cluster headless and prints one line once it can serve;
 *   kubelab start [same options] [--ui-port N] [--no-open]
 *     also serves the lab in the browser at http://127.0.0.1:UI_PORT/ (npm start's fallback).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { startHost } from '../host/host.ts';
import { startUiServer, uiUrl } from '../host/ui-server.ts';

/** Open the system browser where there is a desktop; stay quiet where there is none. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* the URL is printed above */
  }
}

const USAGE = `Usage: kubelab serve [--port N] [--kubeconfig FILE] [--clock manual|realtime] [--speed X] [--seed N] [--verbose]
       kubelab start [the same options] [--ui-port N] [--no-open]

Runs KubeLab's simulated Kubernetes cluster and serves its API on https://127.0.0.1:PORT.
Point your own kubectl at it with the kubeconfig it writes:
  KUBECONFIG=FILE kubectl get nodes`;

function fail(message: string): never {
  console.error(`kubelab: ${message}\n\n${USAGE}`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (command !== 'serve' && command !== 'start') fail(`unknown command "${command}"`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        clock: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        verbose: { type: 'boolean' },
        ...(command === 'start'
          ? { 'ui-port': { type: 'string' as const }, 'no-open': { type: 'boolean' as const } }
          : {}),
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    fail(`--port must be a port number, not "${values.port}"`);
  const clock = values.clock ?? 'realtime';
  if (clock !== 'manual' && clock !== 'realtime') fail(`--clock must be "manual" or "realtime", not "${clock}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0 && speed <= 3600)) fail(`--speed must be a number above 0 and at most 3600, not "${values.speed}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not "${values.seed}"`);
  const kubeconfig = resolve(values.kubeconfig ?? join(homedir(), '.kubelab', 'kubeconfig'));
  const host = await startHost({
    ...(port !== undefined ? { port } : {}),
    kubeconfig,
    clock,
    speed,
    seed,
    verbose: !!values.verbose,
  });
  console.log(`KubeLab API ready at ${host.url} (kubeconfig: ${kubeconfig})`);
  if (command === 'start') {
    const uiPort = Number((values as Record<string, unknown>)['ui-port'] ?? 0);
    const ui = await startUiServer(host, Number.isInteger(uiPort) ? uiPort : 0);
    const url = uiUrl(ui);
    console.log(`KubeLab UI at ${url}`);
    if (!(values as Record<string, unknown>)['no-open']) openBrowser(url);
  }
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
