/**
 * Language-server shapes (what yaml-language-server in the YAML worker answers) converted to
 * Monaco's. Pure, without importing Monaco: enum values are named (`'Property'`, `'Error'`) and
 * the caller looks them up on the Monaco namespace, so these conversions are unit-tested.
 * LSP positions are 0-based; Monaco's are 1-based.
 */

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface LspMarkup {
  kind: 'markdown' | 'plaintext';
  value: string;
}
/** A MarkedString of the old protocol: plain markdown, or a code block in a language. */
export type LspMarkedString = string | { language: string; value: string };
export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: number | string;
  source?: string;
  message: string;
}
export interface LspTextEdit {
  range: LspRange;
  newText: string;
}
export interface LspCompletionItem {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: string | LspMarkup;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  /** 1 plain text, 2 snippet. */
  insertTextFormat?: number;
  textEdit?: LspTextEdit | { newText: string; insert: LspRange; replace: LspRange };
  additionalTextEdits?: LspTextEdit[];
  command?: { title: string; command: string; arguments?: unknown[] };
}
export interface LspCompletionList {
  isIncomplete: boolean;
  items: LspCompletionItem[];
}
export interface LspHover {
  contents: LspMarkup | LspMarkedString | LspMarkedString[];
  range?: LspRange;
}
export interface LspFoldingRange {
  startLine: number;
  endLine: number;
  kind?: string;
}

/** Monaco's IRange. */
export interface MonacoRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type SeverityName = 'Error' | 'Warning' | 'Info' | 'Hint';

/** LSP CompletionItemKind (1-based) → the name of Monaco's languages.CompletionItemKind member. */
const COMPLETION_KINDS = [
  'Text',
  'Text',
  'Method',
  'Function',
  'Constructor',
  'Field',
  'Variable',
  'Class',
  'Interface',
  'Module',
  'Property',
  'Unit',
  'Value',
  'Enum',
  'Keyword',
  'Snippet',
  'Color',
  'File',
  'Reference',
  'Folder',
  'EnumMember',
  'Constant',
  'Struct',
  'Event',
  'Operator',
  'TypeParameter',
] as const;
export type CompletionKindName = (typeof COMPLETION_KINDS)[number];

export function toRange(r: LspRange): MonacoRange {
  return {
    startLineNumber: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLineNumber: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

export function fromPosition(p: { lineNumber: number; column: number }): LspPosition {
  return { line: p.lineNumber - 1, character: p.column - 1 };
}

export function completionKind(kind: number | undefined): CompletionKindName {
  return COMPLETION_KINDS[kind ?? 1] ?? 'Text';
}

export function severityName(severity: number | undefined): SeverityName {
  return severity === 2 ? 'Warning' : severity === 3 ? 'Info' : severity === 4 ? 'Hint' : 'Error';
}

/** A diagnostic as Monaco marker data (severity still named). */
export function toMarker(d: LspDiagnostic): MonacoRange & {
  severity: SeverityName;
  message: string;
  source?: string;
  code?: string;
} {
  return {
    ...toRange(d.range),
    severity: severityName(d.severity),
    message: d.message,
    ...(d.source ? { source: d.source } : {}),
    ...(d.code !== undefined ? { code: String(d.code) } : {}),
  };
}

function markdownOf(m: LspMarkup | LspMarkedString): string {
  if (typeof m === 'string') return m;
  if ('kind' in m) return m.kind === 'markdown' ? m.value : escapeMarkdown(m.value);
  return '```' + m.language + '\n' + m.value + '\n```';
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

export function toHover(h: LspHover): { contents: { value: string }[]; range?: MonacoRange } {
  const list = Array.isArray(h.contents) ? h.contents : [h.contents];
  return {
    contents: list.map((c) => ({ value: markdownOf(c) })).filter((c) => c.value !== ''),
    ...(h.range ? { range: toRange(h.range) } : {}),
  };
}

export interface ConvertedCompletion {
  label: string;
  kind: CompletionKindName;
  detail?: string;
  documentation?: { value: string };
  sortText?: string;
  filterText?: string;
  insertText: string;
  snippet: boolean;
  range: MonacoRange | { insert: MonacoRange; replace: MonacoRange };
  additionalTextEdits?: { range: MonacoRange; text: string }[];
  command?: { id: string; title: string; arguments?: unknown[] };
}

/** A completion item; `word` is the range to replace when the server gives no edit. */
export function toCompletion(item: LspCompletionItem, word: MonacoRange): ConvertedCompletion {
  const edit = item.textEdit;
  const range = !edit
    ? word
    : 'range' in edit
      ? toRange(edit.range)
      : { insert: toRange(edit.insert), replace: toRange(edit.replace) };
  const doc = item.documentation;
  return {
    label: item.label,
    kind: completionKind(item.kind),
    ...(item.detail ? { detail: item.detail } : {}),
    ...(doc ? { documentation: { value: markdownOf(doc) } } : {}),
    ...(item.sortText ? { sortText: item.sortText } : {}),
    ...(item.filterText ? { filterText: item.filterText } : {}),
    insertText: edit?.newText ?? item.insertText ?? item.label,
    snippet: item.insertTextFormat === 2,
    range,
    ...(item.additionalTextEdits?.length
      ? { additionalTextEdits: item.additionalTextEdits.map((e) => ({ range: toRange(e.range), text: e.newText })) }
      : {}),
    ...(item.command
      ? {
          command: {
            id: item.command.command,
            title: item.command.title,
            ...(item.command.arguments ? { arguments: item.command.arguments } : {}),
          },
        }
      : {}),
  };
}

export function toFolding(r: LspFoldingRange): { start: number; end: number; kind?: string } {
  return { start: r.startLine + 1, end: r.endLine + 1, ...(r.kind ? { kind: r.kind } : {}) };
}
