/**
 * The shape of a catalogue entry and the small program builders entries
 * share (idle forever, log then idle, log then exit). Split from
 * catalogue.ts so the entry tables can live in several files.
 */
import type { Program, ProgramContext } from '../shell/program.ts';

/** A TCP port an image's server listens on, and how it answers. */
export interface ServedPort {
  port: number;
  /** What `GET /` answers (the Service demos print it). */
  body?: string;
  /** Files under this directory are served; other paths answer 404 (nginx, httpd). */
  docroot?: string;
  /** The HTTP status of `GET path`, `uptimeMs` after the server started (default 200). */
  status?: (path: string, uptimeMs: number) => number;
  /** Serves the gRPC health protocol (grpc probes). */
  grpc?: boolean;
}

/** Steady demand of a running program: CPU in millicores, memory in bytes. */
export interface Usage {
  cpuMillis: number;
  memBytes: number;
}

/** What an image is when it runs. */
export interface ImageInfo {
  /** Normalised reference, e.g. docker.io/library/nginx:1.14.2. */
  ref: string;
  entrypoint: string[];
  cmd: string[];
  /** TCP ports the image's own program listens on once started. */
  ports: ServedPort[];
  /** Ports that depend on the arguments (agnhost's subcommands); `ports` when absent. */
  portsFor?: (argv: readonly string[]) => ServedPort[];
  /** What the program uses while it runs, from its arguments (stress programs); a small idle load when absent. */
  usage?: (argv: readonly string[]) => Usage;
  /**
   * The exit code when the runtime stops it (the image's STOPSIGNAL and its handler): nginx (SIGQUIT),
   * httpd (SIGWINCH), redis, postgres and mysql shut down cleanly with 0. Absent: the signal kills it (143).
   */
  stopExitCode?: number;
  sizeBytes: number;
  /** Programs this image provides (looked up by command name). */
  programs: Record<string, Program>;
  /** Files present in the image. */
  files: Record<string, string>;
  env: Record<string, string>;
}

export type Entry = Omit<ImageInfo, 'ref'>;

/** An entry with the defaults of a small shell image. */
export const base = (over: Partial<Entry>): Entry => ({
  entrypoint: [],
  cmd: ['sh'],
  ports: [],
  sizeBytes: 2_000_000,
  programs: {},
  files: {},
  env: {},
  ...over,
});

export const MI = 1024 * 1024;

/** The value of `--name=value` / `--name value` / `-name value` in argv. */
export function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const bare = (argv[i] ?? '').replace(/^--?/, '');
    if (bare === name) return argv[i + 1];
    if (bare.startsWith(`${name}=`)) return bare.slice(name.length + 1);
  }
  return undefined;
}

/** A server that prints nothing and runs until killed. */
export const forever: Program = function* () {
  yield { sleepMs: Infinity };
  return 0;
};

/** A server that prints its start-up lines, then runs until killed. */
export function logThenForever(
  lines: (ctx: ProgramContext) => string[],
  stream: 'stdout' | 'stderr' = 'stdout',
): Program {
  return function* (ctx) {
    for (const l of lines(ctx)) (stream === 'stdout' ? ctx.stdout : ctx.stderr)(l + '\n');
    yield { sleepMs: Infinity };
    return 0;
  };
}

/** A program that prints to stderr and exits with `code`. */
export function logThenExit(code: number, lines: (ctx: ProgramContext) => string[]): Program {
  return (ctx) => {
    for (const l of lines(ctx)) ctx.stderr(l + '\n');
    return code;
  };
}

/** klog's line header (`I1122 09:00:00.000000       1 file.go:42] `) at the context's virtual time. */
export function klog(ctx: ProgramContext, level: 'I' | 'W' | 'E', where: string, text: string): string {
  const iso = new Date(ctx.now()).toISOString();
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000`;
  return `${level}${stamp}       1 ${where}] ${text}`;
}
