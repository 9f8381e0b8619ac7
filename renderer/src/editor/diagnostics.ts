/**
 * Apply results as editor markers: YAML syntax errors at their line and column, and API errors at
 * the field they name, in the API server's words. A Status names fields three ways, all handled:
 * - Invalid: `details.causes[].field`, e.g. `spec.template.spec.containers[0].image`, `data[bad key]`;
 * - strict decoding: `unknown field "spec.template.spec.containers[0].imagePullPolice"`;
 * - type errors: `Go struct field DeploymentSpec.spec.replicas of type int32` (no list indices).
 * Paths are found in the text with the `yaml` package's document ranges, in the document the result
 * is about (`index`, counted as the host counts, empty documents included). Pure; unit-tested.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { ApplyResponse } from '../../../core/protocol/index.ts';
import type { Status } from '../../../core/api/types.ts';

export interface EditorMarker {
  severity: 'error' | 'warning';
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type PathSegment = string | number;

/** `spec.containers[0].image` → spec, containers, 0, image; `data[bad key]` → data, "bad key". */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!);
  }
  return out;
}

export interface FieldError {
  path: PathSegment[];
  message: string;
  /** Mark the key rather than the value: the field name is what is wrong (unknown field, bad map key). */
  key?: boolean;
}

/** Field paths a Status points at, each with the words to show there. */
export function fieldErrors(status: Status): FieldError[] {
  const causes = status.details?.causes?.filter((c) => c.field) ?? [];
  if (causes.length) {
    return causes.map((c) => ({
      path: parseFieldPath(c.field!),
      message: `${c.field}: ${c.message ?? c.reason ?? ''}`,
      // `data[bad key]`: a map key the server refused (list indices are all digits).
      ...(/\[[^\]]*\D[^\]]*\]$/.test(c.field!) ? { key: true } : {}),
    }));
  }
  const message = status.message ?? '';
  const unknown = [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]!);
  if (unknown.length) {
    return unknown.map((f) => ({
      path: parseFieldPath(f),
      message: `strict decoding error: unknown field "${f}"`,
      key: true,
    }));
  }
  const goField = /Go struct field \w+\.(\S+) of type/.exec(message);
  if (goField) return [{ path: parseFieldPath(goField[1]!), message }];
  if (/no matches for kind/.test(message)) return [{ path: ['kind'], message }];
  if (/^namespaces "[^"]*" not found/.test(message)) return [{ path: ['metadata', 'namespace'], message }];
  return [{ path: [], message }];
}

type Range = Omit<EditorMarker, 'severity' | 'message'>;

/** Offsets → 1-based lines and columns, and line ends. */
class Positions {
  constructor(
    private readonly text: string,
    private readonly lines: LineCounter,
  ) {}

  range(start: number, end: number): Range {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(end, start + 1));
    return { startLineNumber: a.line, startColumn: a.col, endLineNumber: b.line, endColumn: b.col };
  }

  /** From `start` to the end of its line (a block map is marked on its first line, not all of it). */
  firstLine(start: number): Range {
    const nl = this.text.indexOf('\n', start);
    const end = nl < 0 ? this.text.length : nl;
    return this.range(start, end > start ? end : start + 1);
  }
}

/** The pair under `key` in a map, or for a list without an index, the first item that has it. */
function step(node: unknown, seg: PathSegment): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    return pair ? { node: pair.value, pair } : undefined;
  }
  if (isSeq(node)) {
    if (typeof seg === 'number') return seg < node.items.length ? { node: node.items[seg] } : undefined;
    for (const item of node.items) {
      const found = step(item, seg);
      if (found) return found;
    }
  }
  return undefined;
}

function nodeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}

/**
 * Where a field path is in document `index` of `text`: the value when it is a scalar (unless
 * `key`), else the key (or the first line of a list item); for a path only partly there, the
 * deepest part found; for none of it, the document's first line.
 */
export function locatePath(text: string, index: number, path: readonly PathSegment[], key = false): Range {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [docs];
  const pos = new Positions(text, lines);
  const doc = list[index];
  if (!doc) return pos.firstLine(0);
  let node: unknown = doc.contents;
  let mark = pos.firstLine(nodeStart(node) ?? doc.range[0]);
  for (const seg of path) {
    const next = step(node, seg);
    if (!next) break;
    node = next.node;
    const keyNode = next.pair?.key as YamlNode | undefined;
    const value = node as YamlNode | null;
    if (!key && isScalar(value) && value.range && value.range[1] > value.range[0]) {
      mark = pos.range(value.range[0], value.range[1]);
    } else if (keyNode?.range) {
      mark = pos.range(keyNode.range[0], keyNode.range[1]);
    } else if (value?.range) {
      mark = pos.firstLine(value.range[0]);
    }
  }
  return mark;
}

function syntaxMarker(text: string, e: ApplyResponse['parseErrors'][number]): EditorMarker {
  const line = text.split('\n')[e.line - 1] ?? '';
  const endColumn = Math.max(e.column + 1, line.length + 1);
  return {
    severity: 'error',
    message: e.message,
    startLineNumber: e.line,
    startColumn: e.column,
    endLineNumber: e.line,
    endColumn,
  };
}

/** Every marker an apply (or its dry run) calls for. */
export function markersForApply(text: string, res: ApplyResponse): EditorMarker[] {
  const out = res.parseErrors.map((e) => syntaxMarker(text, e));
  for (const r of res.results) {
    if (!r.error) continue;
    for (const f of fieldErrors(r.error)) {
      const at =
        f.path.length === 0 && r.errorAt
          ? {
              startLineNumber: r.errorAt.line,
              startColumn: r.errorAt.column,
              endLineNumber: r.errorAt.line,
              endColumn: r.errorAt.column + 1,
            }
          : locatePath(text, r.index, f.path, f.key);
      out.push({ severity: 'error', message: f.message, ...at });
    }
  }
  return out;
}
