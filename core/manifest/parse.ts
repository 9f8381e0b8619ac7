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

function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export function parseManifest(text: string): ParsedManifest {
  const docs: ManifestDoc[] = [];
  const errors: ManifestError[] = [];
  const all = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(all) ? all : [all];
  list.forEach((doc, index) => {
    const start = lineOf(text, doc.range?.[0] ?? 0).line;
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const lp = e.linePos?.[0];
        const pos = lp ? { line: lp.line, column: lp.col } : lineOf(text, e.pos[0]);
        errors.push({ index, line: pos.line, column: pos.column, message: `error converting YAML to JSON: yaml: line ${pos.line}: ${e.message.split('\n')[0]}` });
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
      errors.push({ index, line: start, column: 1, message: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}` });
      return;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) if (isObject(item)) docs.push({ index, line: start, object: item as KubeObject });
      return;
    }
    const obj = value as KubeObject;
    if (!obj.apiVersion || !obj.kind) {
      const missing = [!obj.apiVersion ? 'apiVersion not set' : '', !obj.kind ? 'kind not set' : ''].filter(Boolean);
      errors.push({ index, line: start, column: 1, message: `error validating data: ${missing.length > 1 ? `[${missing.join(', ')}]` : missing[0]}` });
      return;
    }
    docs.push({ index, line: start, object: obj });
  });
  return { docs, errors };
}
