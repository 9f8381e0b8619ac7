/**
 * Images the Kubernetes documentation's examples run (kubernetes.io,
 * content/en/examples), with what their real programs do at start-up:
 * the port they listen on, the first lines they log, the flags that matter.
 * Keys are either the last path segment (`mongo`) or, where two images
 * share it (`vish/stress`, `polinux/stress`), the repository without
 * `docker.io/` and `library/`.
 */
import type { Program, ProgramContext } from '../shell/program.ts';
import type { Entry, ServedPort } from './entry.ts';
import { MI, base, flag, forever, klog, logThenForever } from './entry.ts';
import { perl } from './tools.ts';

const isoMs = (ctx: ProgramContext) => new Date(ctx.now()).toISOString();

/** mongod 4.2: logs in its own format, then waits for connections on 27017. */
const mongod = logThenForever((ctx) => [
  `${isoMs(ctx).replace('Z', '+0000')} I  CONTROL  [main] Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'`,
  `${isoMs(ctx).replace('Z', '+0000')} I  CONTROL  [initandlisten] MongoDB starting : pid=1 port=27017 dbpath=/data/db 64-bit host=${ctx.hostname}`,
  `${isoMs(ctx).replace('Z', '+0000')} I  NETWORK  [listener] Listening on ${flag(ctx.argv, 'bind_ip') ?? '127.0.0.1'}`,
  `${isoMs(ctx).replace('Z', '+0000')} I  NETWORK  [listener] waiting for connections on port 27017`,
]);

/** The mongo image's entrypoint: flags alone (`--bind_ip 0.0.0.0`) are handed to mongod. */
const mongoEntrypoint: Program = (ctx) =>
  mongod({ ...ctx, argv: ['mongod', ...ctx.argv.slice(1).filter((a) => a !== 'mongod')] });

/** etcd: structured logs, then serves clients on 2379 (and gRPC health there, for grpc probes). */
const etcd = logThenForever(
  (ctx) => [
    `{"level":"info","ts":"${isoMs(ctx)}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(ctx.argv)}}`,
    `{"level":"info","ts":"${isoMs(ctx)}","caller":"embed/serve.go:98","msg":"ready to serve client requests"}`,
    `{"level":"info","ts":"${isoMs(ctx)}","caller":"embed/serve.go:140","msg":"serving client traffic insecurely; this is strongly discouraged!","address":"[::]:2379"}`,
  ],
  'stderr',
);

/** vish/stress: `-cpus N` threads burning CPU, `-mem-total` bytes allocated (klog on stderr). */
const vishStress: Program = function* (ctx) {
  const total = flag(ctx.argv, 'mem-total') ?? '0';
  ctx.stderr(
    klog(
      ctx,
      'I',
      'main.go:26',
      `Allocating "${total}" memory, in "4Ki" chunks, with a 1ms sleep between allocations`,
    ) + '\n',
  );
  ctx.stderr(klog(ctx, 'I', 'main.go:29', `Allocated "${total}" memory`) + '\n');
  const cpus = Number(flag(ctx.argv, 'cpus') ?? '0') || 0;
  for (let i = 0; i < cpus; i++) ctx.stderr(klog(ctx, 'I', 'main.go:39', 'Spawning a thread to consume CPU') + '\n');
  yield { sleepMs: Infinity };
  return 0;
};

/** polinux/stress: `stress --vm 1 --vm-bytes 150M --vm-hang 1` reports its hogs and keeps them. */
const polinuxStress: Program = function* (ctx) {
  const n = (f: string) => Number(flag(ctx.argv, f) ?? '0') || 0;
  ctx.stdout(`stress: info: [1] dispatching hogs: ${n('cpu')} cpu, ${n('io')} io, ${n('vm')} vm, ${n('hdd')} hdd\n`);
  const timeout = flag(ctx.argv, 'timeout');
  const seconds = timeout ? Number(timeout.replace(/s$/, '')) : NaN;
  if (!Number.isFinite(seconds)) {
    yield { sleepMs: Infinity };
    return 0;
  }
  yield { sleepMs: seconds * 1000 };
  ctx.stdout(`stress: info: [1] successful run completed in ${seconds}s\n`);
  return 0;
};

/** agnhost's subcommands the docs use; `liveness` serves /healthz on 8080, the rest idle as servers. */
const agnhost: Program = function* (ctx) {
  const sub = ctx.argv[1] ?? '';
  if (sub === 'liveness') ctx.stderr(klog(ctx, 'I', 'liveness.go:38', 'Started serving on :8080') + '\n');
  if (sub === 'netexec') ctx.stderr(klog(ctx, 'I', 'log.go:198', 'Started HTTP server on port 8080') + '\n');
  if (sub === 'serve-hostname') ctx.stderr(klog(ctx, 'I', 'servehostname.go:70', 'Serving on port 9376.') + '\n');
  yield { sleepMs: Infinity };
  return 0;
};

/**
 * What each agnhost subcommand listens on. `liveness` answers /healthz with 200 for its first
 * 10 seconds, then 500 (agnhost liveness/server.go: `if duration.Seconds() > 10`).
 */
function agnhostPorts(argv: readonly string[]): ServedPort[] {
  const sub = argv[1] ?? '';
  if (sub === 'liveness')
    return [
      {
        port: 8080,
        status: (path, uptimeMs) =>
          path === '/healthz' ? (uptimeMs > 10_000 ? 500 : 200) : path === '/redirect' ? 302 : 404,
      },
    ];
  if (sub === 'netexec') return [{ port: Number(flag(argv, 'http-port') ?? 8080), body: 'NOW: ' }];
  if (sub === 'serve-hostname') return [{ port: 9376 }];
  if (sub === 'test-webserver') return [{ port: 80 }];
  return [];
}

/** Bytes of a stress size: `250M`, `150Mi`, `1G`, `4096` (stress and vish/stress read K/M/G as powers of 1024). */
function sizeBytes(v: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG])?i?[bB]?$/.exec(v ?? '');
  if (!m) return 0;
  const unit = { k: 1024, m: MI, g: 1024 * MI }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * unit);
}

export const SAMPLE_IMAGES: Record<string, Entry> = {
  mongo: base({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    ports: [{ port: 27017 }],
    stopExitCode: 0,
    sizeBytes: 145_000_000,
    programs: { 'docker-entrypoint.sh': mongoEntrypoint, mongod },
  }),
  etcd: base({
    cmd: ['/usr/local/bin/etcd'],
    ports: [{ port: 2379, grpc: true }, { port: 2380 }],
    sizeBytes: 98_000_000,
    programs: { etcd },
  }),
  goproxy: base({
    cmd: ['/goproxy'],
    ports: [{ port: 8080 }],
    sizeBytes: 2_600_000,
    programs: { '/goproxy': forever },
  }),
  'event-exporter': base({
    cmd: ['/event-exporter'],
    sizeBytes: 12_000_000,
    programs: {
      '/event-exporter': logThenForever((ctx) => [klog(ctx, 'I', 'main.go:68', 'Starting event exporter')], 'stderr'),
    },
  }),
  socat: base({ entrypoint: ['socat'], cmd: [], sizeBytes: 4_100_000, programs: { socat: forever } }),
  // -cpus N burns N cores (the kernel throttles it at the limit); -mem-total is held.
  'vish/stress': base({
    entrypoint: ['/stress'],
    cmd: [],
    sizeBytes: 1_400_000,
    programs: { '/stress': vishStress },
    usage: (argv) => ({
      cpuMillis: 1000 * (Number(flag(argv, 'cpus') ?? '0') || 0),
      memBytes: sizeBytes(flag(argv, 'mem-total')) + 2 * MI,
    }),
  }),
  // --cpu N spins N workers; --vm N workers each hold --vm-bytes (default 256M).
  'polinux/stress': base({
    cmd: ['stress'],
    sizeBytes: 4_300_000,
    programs: { stress: polinuxStress },
    usage: (argv) => {
      const n = (f: string) => Number(flag(argv, f) ?? '0') || 0;
      const vmBytes = flag(argv, 'vm-bytes') === undefined ? 256 * MI : sizeBytes(flag(argv, 'vm-bytes'));
      return {
        cpuMillis: 1000 * n('cpu') + (n('vm') && flag(argv, 'vm-hang') === undefined ? 1000 * n('vm') : 0),
        memBytes: n('vm') * vmBytes + MI,
      };
    },
  }),
  agnhost: base({
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    ports: [],
    portsFor: agnhostPorts,
    sizeBytes: 49_000_000,
    programs: { '/agnhost': agnhost },
  }),
  'node-hello': base({
    cmd: ['node', 'server.js'],
    ports: [{ port: 8080, body: 'Hello Kubernetes!' }],
    sizeBytes: 253_000_000,
    programs: { node: forever },
  }),
  perl: base({ cmd: ['perl', '-de0'], sizeBytes: 336_000_000, programs: { perl } }),
};

/**
 * Images that cannot run on the lab's Linux nodes or do not exist in any
 * registry: Windows images, and the docs' placeholders for an image the
 * reader builds and pushes to their own project.
 */
export const UNPULLABLE = [
  /^(docker\.io\/)?microsoft\/(iis|windowsservercore|nanoserver)/,
  /^mcr\.microsoft\.com\/windows\//,
  /:[^/]*nanoserver/,
  /^gcr\.io\/(my-gcp-project|myproject|<project>)\//,
  /^<.*>$/,
];
