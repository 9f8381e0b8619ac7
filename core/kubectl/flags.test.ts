import { describe, expect, it } from 'vitest';
import { Flags, parseFlags } from './flags.ts';
import type { FlagSpec } from './flags.ts';
import type { CommandError } from './types.ts';

const specs: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'replicas', type: 'int' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings', split: true },
];
const parse = (argv: string[]) => new Flags(parseFlags(argv, specs, 'kubectl get'));
const error = (argv: string[]) => {
  try {
    parse(argv);
  } catch (e) {
    return (e as CommandError).message;
  }
  return 'no error';
};

describe('flags', () => {
  it('reads long, short, attached and grouped forms with positional arguments interspersed', () => {
    const f = parse(['pods', '-o', 'wide', '--replicas=3', '-it', 'web', '-nkube-system', '-L', 'a,b', '-L=c']);
    expect(f.args).toEqual(['pods', 'web']);
    expect(f.str('output')).toBe('wide');
    expect(f.int('replicas', 0)).toBe(3);
    expect(f.bool('stdin') && f.bool('tty')).toBe(true);
    expect(f.str('namespace')).toBe('kube-system');
    expect(f.strs('label-columns')).toEqual(['a', 'b', 'c']);
  });

  it('stops at -- and keeps what follows', () => {
    const f = parse(['nginx', '--', 'sh', '-c', 'echo hi']);
    expect(f.args).toEqual(['nginx']);
    expect(f.parsed.dashArgs).toEqual(['sh', '-c', 'echo hi']);
  });

  it('words errors as pflag does', () => {
    expect(error(['--bogus'])).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.");
    expect(error(['-x'])).toBe("error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.");
    expect(error(['--output'])).toBe("error: flag needs an argument: --output\nSee 'kubectl get --help' for usage.");
    expect(error(['--replicas=x'])).toBe(
      'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.',
    );
  });
});
