/**
 * Entry of the Electron utility process that runs the core host (forked by
 * electron/main/host-process.ts with `utilityProcess.fork`). It owns the
 * cluster and the Kubernetes API, so a busy simulation never stalls the
 * window; the lab window reaches it through MessagePorts that main hands over
 * (one per page load), each carrying the lab protocol as JSON strings.
 *
 * Talks to main over `process.parentPort`: main sends `UtilityCommand`s, this
 * process answers with `UtilityReport`s. Bundled by scripts/build-electron.ts.
 */
import { parseArgs } from 'node:util';
import type { MessagePortMain, ParentPort } from 'electron';
import { startLabHost } from './protocol-host.ts';
import type { ProtocolHost } from './protocol-host.ts';

/** Main → utility. `connect` carries a MessagePortMain in `ports[0]`. */
export type UtilityCommand = { type: 'connect' } | { type: 'shutdown' };

/** Utility → main. */
export type UtilityReport =
  { type: 'ready'; apiUrl: string; kubeconfigPath?: string } | { type: 'failed'; message: string } | { type: 'closed' };

/** The command line main passes (`--user-data DIR --kubeconfig FILE`). */
export interface UtilityArgs {
  /** Electron's userData folder: the workspace is saved in `<userData>/workspace.json`. */
  userData: string;
  /** Where to write the kubeconfig for the learner's own kubectl. */
  kubeconfig: string;
}

export function parseUtilityArgs(argv: string[]): UtilityArgs {
  // strict: false because the runtime may add switches of its own.
  const { values } = parseArgs({
    args: argv,
    options: { 'user-data': { type: 'string' }, kubeconfig: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const userData = values['user-data'];
  const kubeconfig = values.kubeconfig;
  if (typeof userData !== 'string' || typeof kubeconfig !== 'string')
    throw new Error('the host process needs --user-data DIR and --kubeconfig FILE');
  return { userData, kubeconfig };
}

type Lab = Awaited<ReturnType<typeof startLabHost>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Serve the protocol on one port until either side closes it. */
function attach(protocol: ProtocolHost, port: MessagePortMain): void {
  const connection = protocol.connect((json) => port.postMessage(json));
  port.on('message', (event) => {
    // The transport carries JSON text; ProtocolHost parses and validates it (the page is untrusted).
    if (typeof event.data === 'string') connection.receive(event.data);
  });
  // Fires when the window reloads or closes: the renderer end of the channel is gone.
  port.on('close', () => connection.close());
  port.start();
}

function report(parent: ParentPort, message: UtilityReport): void {
  parent.postMessage(message);
}

async function shutdown(parent: ParentPort, lab: Promise<Lab>): Promise<void> {
  try {
    await (await lab).close();
  } catch (e) {
    console.error('kubelab: the host did not close cleanly', e);
  }
  report(parent, { type: 'closed' });
  process.exit(0);
}

function listen(parent: ParentPort, lab: Promise<Lab>): void {
  // Registered at once, before the host is up: a port that arrives early waits on the `lab`
  // promise rather than being lost.
  parent.on('message', (event) => {
    const command: unknown = event.data;
    if (!isRecord(command)) return;
    if (command.type === 'connect' && event.ports[0]) {
      const port = event.ports[0];
      lab.then(
        ({ protocol }) => attach(protocol, port),
        () => port.close(),
      );
    } else if (command.type === 'shutdown') {
      void shutdown(parent, lab);
    }
  });
}

async function main(): Promise<void> {
  const parent = process.parentPort;
  if (!parent) throw new Error('electron/host/utility.ts runs only as an Electron utility process');
  const args = parseUtilityArgs(process.argv.slice(2));
  const lab = startLabHost({
    kubeconfig: args.kubeconfig,
    workspaceDir: args.userData,
    clock: 'realtime',
  });
  listen(parent, lab);
  try {
    const { host } = await lab;
    console.log(`KubeLab API ready at ${host.url} (kubeconfig: ${host.kubeconfigPath ?? ''})`);
    report(parent, {
      type: 'ready',
      apiUrl: host.url,
      ...(host.kubeconfigPath ? { kubeconfigPath: host.kubeconfigPath } : {}),
    });
  } catch (e) {
    console.error('kubelab: the core host failed to start', e);
    report(parent, { type: 'failed', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  }
}

// Imported by tests for parseUtilityArgs; only run as the utility process.
if (process.parentPort) void main();
