/**
 * A small harness for the embedded kubectl's tests: a seeded cluster behind
 * an ApiServer, and `k('get pods -o wide')` returning what the terminal shows.
 * Arguments split on spaces unless quoted with single quotes.
 */
import { ApiServer } from '../apiserver/server.ts';
import { Cluster } from '../cluster/cluster.ts';
import { runKubectl } from './index.ts';
import type { KubectlContext, KubectlResult } from './types.ts';
import { NGINX_DEPLOYMENT } from '../manifest/examples.ts';
export { NGINX_DEPLOYMENT };

export interface Lab {
  cluster: Cluster;
  server: ApiServer;
  files: Record<string, string>;
  /** Run a command line; extra context (stdin, stream, namespace) optional. */
  k(line: string | string[], extra?: Partial<KubectlContext>): KubectlResult;
  advance(seconds: number): void;
}

export function lab(seed = 1): Lab {
  const cluster = new Cluster({ seed });
  const server = new ApiServer(cluster, {
    setClockMode: (mode, speed) => ({ mode, speed }),
    clockMode: () => ({ mode: 'manual', speed: 1 }),
  });
  const files: Record<string, string> = { 'nginx-deployment.yaml': NGINX_DEPLOYMENT };
  return {
    cluster,
    server,
    files,
    k: (line, extra = {}) => runKubectl(typeof line === 'string' ? split(line) : line, { server, files, ...extra }),
    advance: (seconds) => cluster.advance(seconds),
  };
}

/** Split a command line on spaces as a shell would, with 'single quotes' (also inside a word). */
export function split(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (const ch of line) {
    if (ch === "'") {
      quoted = !quoted;
      word ??= '';
    } else if (ch === ' ' && !quoted) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + ch;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** A lab with chapter 1's deployment applied and running for 30 seconds. */
export function chapterOne(): Lab {
  const l = lab();
  l.k('apply -f nginx-deployment.yaml');
  l.advance(30);
  return l;
}
