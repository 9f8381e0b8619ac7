import { describe, expect, it } from 'vitest';
import { compileLabelSelector, parseLabelSelector, selectorString } from './index.ts';

function parse(s: string) {
  const r = parseLabelSelector(s);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
}

function error(s: string): string | undefined {
  const r = parseLabelSelector(s);
  return r.ok ? undefined : r.error;
}

function matches(s: string, labels: Record<string, string> | undefined): boolean {
  const r = compileLabelSelector(s);
  if (!r.ok) throw new Error(r.status.message);
  return r.value(labels);
}

describe('label selector parsing', () => {
  it('parses every operator and prints the canonical form sorted by key', () => {
    expect(selectorString(parse('x in (foo,,baz),y,z notin ()'))).toBe('x in (,baz,foo),y,z notin ()');
    expect(selectorString(parse(' tier!=db , app==web,!legacy, env=prod '))).toBe('app==web,env=prod,!legacy,tier!=db');
    expect(selectorString(parse('rank>5,age<10'))).toBe('age<10,rank>5');
    expect(selectorString(parse(''))).toBe('');
    expect(selectorString(parse('a='))).toBe('a=');
  });

  it('treats in/notin as values inside a value list', () => {
    expect(selectorString(parse('key in (in,notin)'))).toBe('key in (in,notin)');
  });

  it('matches like upstream', () => {
    expect(matches('app=web', { app: 'web' })).toBe(true);
    expect(matches('app=web', undefined)).toBe(false);
    expect(matches('app!=web', {})).toBe(true);
    expect(matches('tier notin (db)', {})).toBe(true);
    expect(matches('tier in (a,b)', { tier: 'b' })).toBe(true);
    expect(matches('tier in (a,b)', { tier: 'c' })).toBe(false);
    expect(matches('app', { app: '' })).toBe(true);
    expect(matches('!app', { app: '' })).toBe(false);
    expect(matches('n>5', { n: '7' })).toBe(true);
    expect(matches('n>5', { n: 'x' })).toBe(false);
    expect(matches('', undefined)).toBe(true);
    expect(matches('app=web,tier=fe', { app: 'web', tier: 'be' })).toBe(false);
  });

  it('reports errors in upstream words', () => {
    expect(error('app=web,')).toBe("found '', expected: identifier after ','");
    expect(error('a b')).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(error('x in a')).toBe("unable to parse requirement: found 'a' expected: '('");
    expect(error('x in (a')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(error('!a=b')).toBe("found '=', expected: ',' or 'end of string'");
    expect(error('=a')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(error('a=b$')).toBe(
      'unable to parse requirement: values[0][a]: Invalid value: "b$": a valid label must be an empty string or consist of ' +
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    expect(error('-bad=1')).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "-bad": name part must consist of/,
    );
    expect(error('n>x')).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  it('compileLabelSelector turns parse errors into 400 BadRequest', () => {
    const r = compileLabelSelector('a b');
    expect(r.ok ? undefined : r.status).toMatchObject({ code: 400, reason: 'BadRequest' });
  });
});
