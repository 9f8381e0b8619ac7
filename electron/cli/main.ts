/**
 * `kubelab` on the command line:
 *   kubelab serve [--port N] [--kubeconfig FILE] [--clock manual|realtime] [--speed X] [--seed N] [--verbose]
 * runs the simulated cluster headless and prints one line once it can serve.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHost } from '../host/host.ts';

const USAGE = `Usage: kubelab serve [--port N] [--kubeconfig FILE] [--clock manual|realtime] [--speed X] [--seed N] [--verbose]

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
  if (command !== 'serve') fail(`unknown command "${command}"`);
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
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail(`--port must be a port number, not "${values.port}"`);
  const clock = values.clock ?? 'realtime';
  if (clock !== 'manual' && clock !== 'realtime') fail(`--clock must be "manual" or "realtime", not "${clock}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0 && speed <= 3600)) fail(`--speed must be a number above 0 and at most 3600, not "${values.speed}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not "${values.seed}"`);
  const kubeconfig = resolve(values.kubeconfig ?? join(homedir(), '.kubelab', 'kubeconfig'));
  const host = await startHost({ ...(port !== undefined ? { port } : {}), kubeconfig, clock, speed, seed, verbose: !!values.verbose });
  console.log(`KubeLab API ready at ${host.url} (kubeconfig: ${kubeconfig})`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
