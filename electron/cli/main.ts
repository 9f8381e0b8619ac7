/**
 * `kubelab` on the command line:
 *   kubelab serve [--port N] [--kubeconfig FILE] [--workspace DIR] [--clock manual|realtime] [--speed X] [--seed N]
 *                 [--ui-port N] [--verbose]
 *     runs the simulated cluster, serves its Kubernetes API and the lab UI at
 *     http://127.0.0.1:UI_PORT/, and prints one line for each once it can serve;
 *   kubelab start [same options] [--no-open]
 *     the same, and opens the UI in the browser (npm start's fallback).
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { startLabHost } from '../host/protocol-host.ts';
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

const USAGE = `Usage: kubelab serve [--port N] [--ui-port N] [--kubeconfig FILE] [--workspace DIR]
                     [--clock manual|realtime] [--speed X] [--seed N] [--verbose]
       kubelab start [the same options] [--no-open]

Runs KubeLab's simulated Kubernetes cluster, serves its API on https://127.0.0.1:PORT
and the lab at http://127.0.0.1:UI_PORT/ (start also opens it in your browser).
The workspace (open manifests, lesson progress, the cluster) is saved in DIR
(default: the kubeconfig's folder, ~/.kubelab).
Point your own kubectl at the cluster with the kubeconfig it writes:
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
        workspace: { type: 'string' },
        'ui-port': { type: 'string' },
        ...(command === 'start' ? { 'no-open': { type: 'boolean' as const } } : {}),
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
  const uiPort = values['ui-port'] === undefined ? 0 : Number(values['ui-port']);
  if (!Number.isInteger(uiPort) || uiPort < 0 || uiPort > 65535)
    fail(`--ui-port must be a port number, not "${values['ui-port']}"`);
  const lab = await startLabHost({
    ...(port !== undefined ? { port } : {}),
    kubeconfig,
    workspaceDir: resolve(values.workspace ?? dirname(kubeconfig)),
    clock,
    speed,
    seed,
    verbose: !!values.verbose,
  });
  console.log(`KubeLab API ready at ${lab.host.url} (kubeconfig: ${kubeconfig})`);
  const ui = await startUiServer(lab.protocol, uiPort);
  const url = uiUrl(ui);
  console.log(`KubeLab UI at ${url}`);
  if (command === 'start' && !(values as Record<string, unknown>)['no-open']) openBrowser(url);
  const stop = () => void lab.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
