/**
 * The syntax tree of the shell subset. Words keep their quoting per part so
 * expansion can decide what is split into fields and what is globbed.
 */

/** `${name<op>arg}` operators; `length` is `${#name}`. */
export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | 'length';

/** One piece of a word. `quoted` parts are neither split nor globbed. */
export type WordPart =
  | { readonly kind: 'lit'; readonly text: string; readonly quoted: boolean }
  | {
      readonly kind: 'param';
      readonly name: string;
      readonly op?: ParamOp;
      readonly arg?: Word;
      readonly quoted: boolean;
    }
  | { readonly kind: 'cmdsub'; readonly body: List; readonly quoted: boolean }
  | { readonly kind: 'arith'; readonly expr: Word; readonly quoted: boolean };

/** A word: the parts in order. */
export interface Word {
  readonly parts: readonly WordPart[];
}

/** Redirection operators; `fd` is the left-hand file descriptor. */
export type RedirOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '<<-';

export interface Redir {
  readonly fd: number;
  readonly op: RedirOp;
  /** The file, fd number or here-document delimiter. */
  readonly target: Word;
  /** For `<<`: the body, filled when the lexer reaches the end of the line. */
  heredoc?: Word;
}

export interface Assign {
  readonly name: string;
  readonly value: Word;
}

export type Command =
  | {
      readonly kind: 'simple';
      readonly assigns: readonly Assign[];
      readonly words: readonly Word[];
      readonly redirs: readonly Redir[];
    }
  | {
      readonly kind: 'if';
      readonly clauses: readonly { cond: List; body: List }[];
      readonly elseBody?: List;
      readonly redirs: readonly Redir[];
    }
  | {
      readonly kind: 'loop';
      readonly until: boolean;
      readonly cond: List;
      readonly body: List;
      readonly redirs: readonly Redir[];
    }
  | {
      readonly kind: 'for';
      readonly name: string;
      readonly items?: readonly Word[];
      readonly body: List;
      readonly redirs: readonly Redir[];
    }
  | {
      readonly kind: 'case';
      readonly word: Word;
      readonly items: readonly CaseItem[];
      readonly redirs: readonly Redir[];
    }
  | { readonly kind: 'group'; readonly subshell: boolean; readonly body: List; readonly redirs: readonly Redir[] }
  | { readonly kind: 'func'; readonly name: string; readonly body: Command; readonly redirs: readonly Redir[] };

export interface CaseItem {
  readonly patterns: readonly Word[];
  readonly body: List;
}

/** `! a | b | c` */
export interface Pipeline {
  readonly negate: boolean;
  readonly commands: readonly Command[];
}

/** `a && b || c`, possibly run in the background with `&`. */
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
  readonly background: boolean;
}

/** A sequence of and-or lists separated by `;`, `&` or newlines. */
export type List = readonly AndOr[];
