/**
 * Helpers over the embedded kubectl's Lab (`core/kubectl/testkit`): start one
 * with a manifest applied, and read kubectl's tables back as rows keyed by
 * column header (parseTable serves the real binaries' tests too).
 */
import { expect } from 'vitest';
import { R } from '../../core/controllers/resources.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';

export type Row = Record<string, string>;

/** Rows of a kubectl table as objects keyed by header (a column starts where its header does). */
export function parseTable(text: string): Row[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0];
  if (!header) return [];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.slice(1).map((line) => {
    const row: Row = {};
    starts.forEach((col, i) => {
      const end = starts[i + 1]?.at ?? line.length;
      row[col.name] = line.slice(col.at, end).trim();
    });
    return row;
  });
}

/** `kubectl get …` on the embedded kubectl, as rows; fails the test if kubectl wrote to stderr. */
export function table(l: Lab, line: string): Row[] {
  const r = l.k(line);
  expect(r.stderr ?? '', line).toBe('');
  return parseTable(r.stdout);
}

/** A fresh lab with `manifest` written to `file` and applied by `kubectl apply -f`, which must succeed. */
export function startLab(manifest: string, file = 'pod.yaml'): Lab {
  const l = lab();
  l.files[file] = manifest;
  expect(l.k(`apply -f ${file}`).exitCode).toBe(0);
  return l;
}

/** `kubectl exec POD [-c CONTAINER] -- sh -c SCRIPT` on the embedded kubectl. */
export function shIn(
  l: Lab,
  pod: string,
  script: string,
  container?: string,
): { out: string; err: string; code: number } {
  const r = l.k(['exec', pod, ...(container ? ['-c', container] : []), '--', 'sh', '-c', script]);
  return { out: r.stdout, err: r.stderr ?? '', code: r.exitCode };
}

/** "Reason: message" of the events about a pod (matched by uid), as the API lists them. */
export function podEvents(l: Lab, name: string, namespace = 'default'): string[] {
  const uid = l.cluster.api.peek(R.pods, namespace, name)?.metadata.uid;
  return l.cluster.api
    .list(R.events, namespace)
    .items.filter((e) => (e.involvedObject as { uid?: string }).uid === uid)
    .map((e) => `${String(e.reason)}: ${String(e.message)}`);
}
