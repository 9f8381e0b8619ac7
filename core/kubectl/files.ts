/**
 * `-f` inputs: files the terminal provides by name (a directory name takes
 * its .yaml, .yml and .json files), or stdin for `-f -`, parsed into objects
 * with core/manifest. Errors read as kubectl's.
 */
import type { KubeObject } from '../api/types.ts';
import { parseManifest } from '../manifest/parse.ts';
import type { Env } from './env.ts';
import { usageError } from './types.ts';

export interface SourcedObject {
  object: KubeObject;
  /** The file name kubectl names in errors ("STDIN" for `-f -`). */
  source: string;
}

/** Read and parse every `-f` argument, in order. */
export function readFiles(env: Env, names: string[]): SourcedObject[] {
  const out: SourcedObject[] = [];
  for (const name of names) {
    for (const [source, text] of expand(env, name)) {
      const parsed = parseManifest(text);
      const first = parsed.errors[0];
      if (first) throw usageError(`error parsing ${source}: ${first.message}`);
      for (const d of parsed.docs) out.push({ object: d.object, source });
    }
  }
  return out;
}

function expand(env: Env, name: string): [string, string][] {
  if (name === '-') return [['STDIN', env.ctx.stdin ?? '']];
  const files = env.ctx.files ?? {};
  const exact = files[name];
  if (exact !== undefined) return [[name, exact]];
  const dir = name.endsWith('/') ? name : `${name}/`;
  const inDir = Object.keys(files)
    .filter((f) => f.startsWith(dir) && /\.(ya?ml|json)$/.test(f))
    .sort();
  if (inDir.length) return inDir.map((f) => [f, files[f] ?? '']);
  throw usageError(`the path "${name}" does not exist`);
}
