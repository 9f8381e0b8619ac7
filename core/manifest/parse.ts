/**
 * Manifests as a learner writes them: one or more YAML documents. Errors
 * carry the line and column; YAML bombs (alias expansion) are refused;
 * empty documents are skipped as kubectl does.
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import { isObject } from '../api/types.ts';

export interface ManifestDoc {
  /** 0-based index among the documents in the text. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  object: KubeObject;
}

export interface ManifestError {
  index: number;
  line: number;
  column: number;
  message: string;
}

export interface ParsedManifest {
  docs: ManifestDoc[];
  errors: ManifestError[];
}

/** Aliases a document may expand; beyond this it is treated as a YAML bomb. */
const MAX_ALIAS_COUNT = 100;

/** Offsets of every line start, computed once per text (a 1,000-document manifest asks many times). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

export function parseManifest(text: string): ParsedManifest {
  const docs: ManifestDoc[] = [];
  const errors: ManifestError[] = [];
  const all = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const starts = lineStarts(text);
  const list = Array.isArray(all) ? all : [all];
  list.forEach((doc, index) => {
    const start = lineOf(starts, doc.range?.[0] ?? 0).line;
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const lp = e.linePos?.[0];
        const pos = lp ? { line: lp.line, column: lp.col } : lineOf(starts, e.pos[0]);
        errors.push({
          index,
          line: pos.line,
          column: pos.column,
          message: `error converting YAML to JSON: yaml: line ${pos.line}: ${e.message.split('\n')[0]}`,
        });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ index, line: start, column: 1, message: `error converting YAML to JSON: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return;
    if (!isObject(value)) {
      errors.push({
        index,
        line: start,
        column: 1,
        message: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`,
      });
      return;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) if (isObject(item)) docs.push({ index, line: start, object: item as KubeObject });
      return;
    }
    const obj = value as KubeObject;
    if (!obj.apiVersion || !obj.kind) {
      const missing = [!obj.apiVersion ? 'apiVersion not set' : '', !obj.kind ? 'kind not set' : ''].filter(Boolean);
      errors.push({
        index,
        line: start,
        column: 1,
        message: `error validating data: ${missing.length > 1 ? `[${missing.join(', ')}]` : missing[0]}`,
      });
      return;
    }
    docs.push({ index, line: start, object: obj });
  });
  return { docs, errors };
}
