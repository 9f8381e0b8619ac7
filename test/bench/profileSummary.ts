/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per
 * function and per file, and inclusive ("total") time per function, as
 * percentages of the sampled time. Used to write BENCHMARKS.md's "where the
 * time goes"; run it as
 *   node --import tsx test/bench/profileSummary.ts FILE.cpuprofile [top] [only-under-function]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  readonly label: string;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly selfByFunction: Share[];
  readonly selfByFile: Share[];
  readonly totalByFunction: Share[];
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function fileOf(frame: CallFrame): string {
  if (!frame.url) return `(${frame.functionName || 'native'})`;
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  return path.startsWith(REPO) ? relative(REPO, path) : path.replace(/^.*node_modules\//, 'node_modules/');
}

function labelOf(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'} ${fileOf(frame)}`;
}

function top(map: Map<string, number>, total: number, n: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([label, t]) => ({ label, percent: (100 * t) / total }));
}

/** Self and inclusive time shares of the `n` heaviest functions and files (only under frames whose label contains `under`, if given). */
export function summarize(profile: CpuProfile, n = 20, under?: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const selfTime = new Map<number, number>();
  let total = 0;
  const inScope = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (labelOf(byId.get(cur)!.callFrame).includes(under!)) return true;
    }
    return false;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    if (under && !inScope(id)) return;
    selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
    total += dt;
  });
  const selfFn = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of selfTime) {
    const frame = byId.get(id)!.callFrame;
    selfFn.set(labelOf(frame), (selfFn.get(labelOf(frame)) ?? 0) + t);
    selfFile.set(fileOf(frame), (selfFile.get(fileOf(frame)) ?? 0) + t);
    // Inclusive time: credit each distinct function on the stack once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const label = labelOf(byId.get(cur)!.callFrame);
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + t);
    }
  }
  return {
    totalMs: total / 1000,
    selfByFunction: top(selfFn, total, n),
    selfByFile: top(selfFile, total, n),
    totalByFunction: top(inclusive, total, n),
  };
}

function print(title: string, shares: Share[]): void {
  console.log(`\n${title}`);
  for (const s of shares) console.log(`${s.percent.toFixed(1).padStart(6)}%  ${s.label}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.on('error', () => process.exit(0)); // piped into head
  const [file, n, under] = process.argv.slice(2);
  if (!file) throw new Error('usage: profileSummary.ts FILE.cpuprofile [top] [only-under-function]');
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(n ?? 25), under);
  console.log(`sampled ${s.totalMs.toFixed(0)} ms${under ? ` under "${under}"` : ''}`);
  print('self time by function', s.selfByFunction);
  print('self time by file', s.selfByFile);
  print('total (inclusive) time by function', s.totalByFunction);
}
