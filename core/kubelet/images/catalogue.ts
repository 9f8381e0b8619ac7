/**
 * The lab's image registry: what the images the course uses do when they
 * run — default entrypoint and command, ports they listen on, what they log,
 * how they exit — so manifests behave as on a real node. Images not listed
 * pull fine and run their `command` (or idle, listening on nothing), since
 * the lab cannot know an unknown image's program; names that say they do
 * not exist fail to pull, as a registry would answer.
 */
import type { Entry, ImageInfo } from './entry.ts';
import { MI, base, flag, forever, logThenExit, logThenForever } from './entry.ts';
import { httpdLogs, mysqlMissingPassword, nginxEntrypointLogs, postgresMissingPassword, redisLogs } from './logs.ts';
import { SAMPLE_IMAGES, UNPULLABLE } from './samples.ts';
import { wget } from './tools.ts';
import { initDataDir, mysqlClient } from './mysql.ts';

/** http-echo's `-listen=:5678`. */
function listenPort(argv: readonly string[], fallback: number): number {
  return Number(/:(\d+)$/.exec(flag(argv, 'listen') ?? '')?.[1] ?? fallback);
}

/** Go's log package timestamp: `2026/11/22 09:00:00`. */
function goLogTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
}

export type { ImageInfo } from './entry.ts';

/** Split an image reference into repository and tag, defaulting like containerd. */
export function parseImage(image: string): { repo: string; tag: string; ref: string; name: string } {
  const at = image.indexOf('@');
  const base = at >= 0 ? image.slice(0, at) : image;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const hasTag = colon > slash;
  const repoPart = hasTag ? base.slice(0, colon) : base;
  const tag = at >= 0 ? image.slice(at + 1) : hasTag ? base.slice(colon + 1) : 'latest';
  const first = repoPart.split('/')[0] ?? '';
  const hasRegistry = repoPart.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hasRegistry ? repoPart : `docker.io/${repoPart.includes('/') ? repoPart : `library/${repoPart}`}`;
  const name = path.split('/').pop() ?? path;
  return { repo: path, tag, ref: `${path}${at >= 0 ? '@' : ':'}${tag}`, name };
}

/** Tags and names a learner uses to make a pull fail on purpose. */
export function imageExists(image: string): boolean {
  if (UNPULLABLE.some((re) => re.test(image))) return false;
  return !/doesnotexist|does-not-exist|non-?exist(ent|ing)|notexist/i.test(image) && !/:.*typo/.test(image);
}

const NGINX_INDEX = `<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n`;
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

const CATALOGUE: Record<string, Entry> = {
  nginx: base({
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [{ port: 80, body: NGINX_INDEX, docroot: '/usr/share/nginx/html' }],
    stopExitCode: 0,
    sizeBytes: 72_195_292,
    programs: {
      '/docker-entrypoint.sh': function* (ctx) {
        for (const l of nginxEntrypointLogs(ctx)) ctx.stdout(l + '\n');
        yield { sleepMs: Infinity };
        return 0;
      },
      nginx: forever,
    },
    files: {
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n',
    },
    env: { NGINX_VERSION: '1.27.3' },
  }),
  httpd: base({
    cmd: ['httpd-foreground'],
    ports: [{ port: 80, body: HTTPD_INDEX, docroot: '/usr/local/apache2/htdocs' }],
    stopExitCode: 0,
    sizeBytes: 58_012_345,
    programs: { 'httpd-foreground': logThenForever(httpdLogs) },
    files: { '/usr/local/apache2/htdocs/index.html': HTTPD_INDEX },
    env: { HTTPD_VERSION: '2.4.62' },
  }),
  busybox: base({ cmd: ['sh'], sizeBytes: 2_155_784, programs: { wget } }),
  alpine: base({ cmd: ['/bin/sh'], sizeBytes: 3_653_068, programs: { wget } }),
  ubuntu: base({ cmd: ['/bin/bash'], sizeBytes: 29_754_290 }),
  debian: base({ cmd: ['bash'], sizeBytes: 48_494_140 }),
  centos: base({ cmd: ['/bin/bash'], sizeBytes: 75_150_215 }),
  redis: base({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    ports: [{ port: 6379 }],
    stopExitCode: 0,
    sizeBytes: 45_920_118,
    programs: {
      'docker-entrypoint.sh': function* (ctx) {
        for (const l of redisLogs(ctx)) ctx.stdout(l + '\n');
        yield { sleepMs: Infinity };
        return 0;
      },
      'redis-server': logThenForever(redisLogs),
    },
  }),
  mysql: base({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    ports: [{ port: 3306 }],
    stopExitCode: 0,
    usage: () => ({ cpuMillis: 18, memBytes: 380 * MI }),
    sizeBytes: 170_232_343,
    programs: {
      'docker-entrypoint.sh': (ctx) => {
        if (!ctx.env.MYSQL_ROOT_PASSWORD && !ctx.env.MYSQL_ALLOW_EMPTY_PASSWORD && !ctx.env.MYSQL_RANDOM_ROOT_PASSWORD)
          return logThenExit(1, mysqlMissingPassword)(ctx);
        // Databases are files in /var/lib/mysql (mysql.ts): a volume there keeps them.
        initDataDir(ctx);
        return logThenForever((c) => [
          `${new Date(c.now()).toISOString()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.40'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
        ])(ctx);
      },
      mysql: mysqlClient,
    },
  }),
  postgres: base({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    ports: [{ port: 5432 }],
    stopExitCode: 0,
    usage: () => ({ cpuMillis: 12, memBytes: 40 * MI }),
    sizeBytes: 158_321_004,
    programs: {
      'docker-entrypoint.sh': (ctx) => {
        if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust')
          return logThenExit(1, postgresMissingPassword)(ctx);
        return logThenForever(() => ['LOG:  database system is ready to accept connections'])(ctx);
      },
    },
  }),
  pause: base({ cmd: ['/pause'], sizeBytes: 320_368, programs: { '/pause': forever } }),
  'kubernetes-bootcamp': base({
    cmd: ['/bin/sh', '-c', 'node server.js'],
    ports: [{ port: 8080, body: 'Hello Kubernetes bootcamp! | Running on: HOSTNAME | v=1\n' }],
    sizeBytes: 84_012_000,
    programs: {
      node: logThenForever((c) => [
        `Kubernetes Bootcamp App Started At: ${new Date(c.now()).toISOString()} | Running On:  ${c.hostname} \n`,
      ]),
    },
  }),
  'http-echo': base({
    entrypoint: ['/http-echo'],
    cmd: [],
    ports: [{ port: 5678 }],
    portsFor: (argv) => [{ port: listenPort(argv, 5678), body: `${flag(argv, 'text') ?? ''}\n` }],
    sizeBytes: 3_300_000,
    programs: {
      '/http-echo': logThenForever((c) => [
        `${goLogTime(c.now())} [INFO] server is listening on :${listenPort(c.argv, 5678)}`,
      ]),
    },
  }),
  'hpa-example': base({
    cmd: ['apache2-foreground'],
    ports: [{ port: 80, body: 'OK!' }],
    stopExitCode: 0,
    sizeBytes: 175_000_000,
    programs: {
      'apache2-foreground': logThenForever((c) => [
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${c.env.LAB_POD_IP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`,
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${c.env.LAB_POD_IP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`,
        `[${new Date(c.now()).toUTCString()}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.40 configured -- resuming normal operations`,
        `[${new Date(c.now()).toUTCString()}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`,
      ]),
    },
  }),
  echoserver: base({
    cmd: ['/usr/local/bin/run.sh'],
    ports: [{ port: 8080 }],
    programs: { '/usr/local/bin/run.sh': forever },
  }),
  ...SAMPLE_IMAGES,
  'hello-app': base({
    cmd: ['./hello-app'],
    ports: [{ port: 8080, body: 'Hello, world!\nVersion: 1.0.0\nHostname: HOSTNAME\n' }],
    programs: { './hello-app': logThenForever(() => ['2026/11/22 09:00:00 Server listening on port 8080']) },
  }),
};
// registry.k8s.io/nginx-slim is nginx built small: same server, same page.
CATALOGUE['nginx-slim'] = { ...(CATALOGUE['nginx'] as Entry) };

/** `docker.io/vish/stress` → `vish/stress`, `docker.io/library/mongo` → `mongo`. */
function repoKey(repo: string): string {
  return repo.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

/** What the lab knows of an image; unknown images idle unless given a command. */
export function lookupImage(image: string): ImageInfo {
  const { ref, name, repo } = parseImage(image);
  const known = [repoKey(repo), name].find((k) => Object.hasOwn(CATALOGUE, k));
  const entry =
    (known ? CATALOGUE[known] : undefined) ??
    base({ cmd: ['/lab-unknown-image'], programs: { '/lab-unknown-image': forever } });
  return { ref, ...entry };
}

/** The container's command line: `command` replaces the image's entrypoint and drops its cmd; `args` replace the cmd. */
export function commandLine(info: ImageInfo, c: { command?: readonly string[]; args?: readonly string[] }): string[] {
  return [...(c.command ?? info.entrypoint), ...(c.args ?? (c.command ? [] : info.cmd))];
}

/** Whether `argv` runs a program the image itself provides (by name or path), not a shell utility. */
export function runsOwnProgram(info: ImageInfo, argv: readonly string[]): boolean {
  const first = argv[0];
  return !!(first && (info.programs[first] ?? info.programs[first.split('/').pop() ?? '']));
}
