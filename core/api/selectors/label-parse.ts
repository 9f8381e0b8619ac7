/**
 * The label selector string parser, a port of the lexer and recursive-descent
 * parser in apimachinery pkg/labels/selector.go, with its error messages
 * (`unable to parse requirement: …`, `found 'x', expected: …`).
 */
import { invalidFieldError, isQualifiedName } from './label-validation.ts';
import { newRequirement, sortByKey } from './labels.ts';
import type { Operator, Requirement, Selector } from './labels.ts';

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Item {
  tok: Tok;
  lit: string;
}

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';
const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== '';
const literalToken = (s: string): Tok | undefined => (Object.hasOwn(LITERAL_TOKENS, s) ? LITERAL_TOKENS[s] : undefined);

/** Tokenizes the whole selector, as Parser.scan does. */
function scan(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s.charAt(pos))) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s.charAt(pos))) {
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s.charAt(pos))) {
        buffer += s.charAt(pos);
        const tok = literalToken(buffer);
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < s.length && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) pos++;
    const word = s.slice(start, pos);
    items.push({ tok: literalToken(word) ?? 'id', lit: word });
  }
}

class ParseError extends Error {}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In value context, `in` and `notin` are plain identifiers. */
  lookahead(values = true): Item {
    return this.asContext(this.items[this.position] ?? { tok: 'eos', lit: '' }, values);
  }

  consume(values = true): Item {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  private asContext(item: Item, values: boolean): Item {
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead();
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!')
        throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirementOrThrow());
      const next = this.consume();
      if (next.tok === 'eos') return reqs;
      if (next.tok !== ',') throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead();
      if (after.tok !== 'id' && after.tok !== '!')
        throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirementOrThrow(): Requirement {
    try {
      const r = this.requirement();
      if (typeof r === 'string') throw new ParseError(r);
      return r;
    } catch (err) {
      if (err instanceof ParseError) throw new ParseError(`unable to parse requirement: ${err.message}`);
      throw err;
    }
  }

  private requirement(): Requirement | string {
    let first = this.consume();
    let negated = false;
    if (first.tok === '!') {
      negated = true;
      first = this.consume();
    }
    if (first.tok !== 'id') throw new ParseError(`found '${first.lit}', expected: identifier`);
    const keyErrs = isQualifiedName(first.lit);
    if (keyErrs.length > 0) throw new ParseError(invalidFieldError('<nil>', first.lit, keyErrs.join('; ')));
    // `!key` is always DoesNotExist (an operator after it is then a syntax
    // error in parse()); a bare key is Exists.
    if (negated) return newRequirement(first.lit, '!', []);
    const next = this.lookahead().tok;
    if (next === 'eos' || next === ',') return newRequirement(first.lit, 'exists', []);
    return this.binary(first.lit);
  }

  private binary(key: string): Requirement | string {
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return newRequirement(key, op, [...new Set(values)].sort());
  }

  private operator(): Operator {
    const { tok, lit } = this.consume(false);
    const ops: Partial<Record<Tok, Operator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const op = ops[tok];
    if (!op) throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  private setValues(): string[] {
    const open = this.consume();
    if (open.tok !== '(') throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead();
    if (tok === ')') {
      this.consume();
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.consume().tok !== ')') throw new ParseError(`found '${lit}', expected: ')'`);
    return values;
  }

  /** parseIdentifiersList: empty entries (`(a,,b)`, `(,a)`) are the empty string. */
  private identifiers(): string[] {
    const values: string[] = [];
    for (;;) {
      const { tok, lit } = this.consume();
      if (tok === 'id') {
        values.push(lit);
        const next = this.lookahead();
        if (next.tok === ',') continue;
        if (next.tok === ')') return values;
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      if (values.length === 0) values.push('');
      const next = this.lookahead().tok;
      if (next === ')') {
        values.push('');
        return values;
      }
      if (next === ',') values.push('');
    }
  }

  private exactValue(): string[] {
    const next = this.lookahead().tok;
    if (next === 'eos' || next === ',') return [''];
    const { tok, lit } = this.consume();
    if (tok === 'id') return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: the selector, or upstream's error message. */
export function parseLabelSelector(input: string): { ok: true; selector: Selector } | { ok: false; error: string } {
  try {
    const reqs = new Parser(scan(input)).parse();
    return { ok: true, selector: { nothing: false, requirements: sortByKey(reqs) } };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message };
    throw err;
  }
}
