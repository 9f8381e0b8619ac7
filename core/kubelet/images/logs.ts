/** What well-known images print when they start, so `kubectl logs` looks like the real thing. */
import type { ProgramContext } from '../shell/program.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function nginxEntrypointLogs(ctx: ProgramContext): string[] {
  const t = new Date(ctx.now()).toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/');
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/1.27.3`,
    `${t} [notice] 1#1: OS: Linux 6.1.0-27-amd64`,
    `${t} [notice] 1#1: start worker processes`,
    `${t} [notice] 1#1: start worker process 29`,
  ];
}

export function httpdLogs(ctx: ProgramContext): string[] {
  const d = new Date(ctx.now());
  const stamp = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
  const ip = ctx.env.LAB_POD_IP ?? '127.0.0.1';
  return [
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
    `[${stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
    `[${stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ];
}

export function redisLogs(ctx: ProgramContext): string[] {
  const d = new Date(ctx.now());
  const t = `${d.getUTCDate()} ${d.toUTCString().slice(8, 11)} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
  return [
    `1:C ${t} # WARNING Memory overcommit must be enabled!`,
    `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:M ${t} * Running mode=standalone, port=6379.`,
    `1:M ${t} * Server initialized`,
    `1:M ${t} * Ready to accept connections tcp`,
  ];
}

export function mysqlMissingPassword(ctx: ProgramContext): string[] {
  const t = iso(ctx.now()).replace(/\.\d+Z$/, '+00:00');
  return [
    `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.40-1.el9 started.`,
    `${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
    `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.40-1.el9 started.`,
    `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
    '    You need to specify one of the following as an environment variable:',
    '    - MYSQL_ROOT_PASSWORD',
    '    - MYSQL_ALLOW_EMPTY_PASSWORD',
    '    - MYSQL_RANDOM_ROOT_PASSWORD',
  ];
}

export function postgresMissingPassword(): string[] {
  return [
    'Error: Database is uninitialized and superuser password is not specified.',
    '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
    '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
    '',
    '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
    '       connections without a password. This is *not* recommended.',
    '',
    '       See PostgreSQL documentation about "trust":',
    '       https://www.postgresql.org/docs/current/auth-trust.html',
  ];
}
