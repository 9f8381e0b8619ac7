/**
 * Command-line flags the way cobra/pflag read them: `--name=value`,
 * `--name value`, `-n value`, `-nvalue`, grouped boolean shorthands (`-it`),
 * interspersed positional arguments, and `--` ending flag parsing. Errors use
 * pflag's words.
 */
import { CommandError } from './types.ts';

export type FlagType = 'bool' | 'string' | 'strings' | 'int';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Comma-separated values accumulate (`-L a,b`, `--from-literal` does not split). */
  split?: boolean;
}

export interface ParsedFlags {
  args: string[];
  /** Arguments after `--`. */
  dashArgs: string[];
  /** Whether `--` was given. */
  dash: boolean;
  values: Map<string, string[]>;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

const flagError = (command: string, message: string): CommandError =>
  new CommandError(`error: ${message}\nSee '${command} --help' for usage.`);

/** Parse argv (after the command words) against the command's flags plus the global ones. */
export function parseFlags(argv: string[], specs: FlagSpec[], command: string): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS];
  const out: ParsedFlags = { args: [], dashArgs: [], dash: false, values: new Map() };
  const set = (spec: FlagSpec, value: string) => {
    const list = out.values.get(spec.name) ?? [];
    list.push(...(spec.split ? value.split(',').filter((v) => v !== '') : [value]));
    out.values.set(spec.name, spec.type === 'strings' ? list : [list[list.length - 1] ?? value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      out.dash = true;
      out.dashArgs = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      i = longFlag(argv, i, all, command, set);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i = shortFlags(argv, i, all, command, set);
    } else {
      out.args.push(arg);
    }
  }
  return out;
}

type Setter = (spec: FlagSpec, value: string) => void;

function longFlag(argv: string[], i: number, all: FlagSpec[], command: string, set: Setter): number {
  const arg = argv[i] ?? '';
  const eq = arg.indexOf('=');
  const name = arg.slice(2, eq < 0 ? undefined : eq);
  const spec = all.find((f) => f.name === name);
  if (!spec) throw flagError(command, `unknown flag: --${name}`);
  if (eq >= 0) {
    set(spec, checked(spec, arg.slice(eq + 1), `--${name}`, command));
    return i;
  }
  if (spec.type === 'bool') {
    set(spec, 'true');
    return i;
  }
  if (i + 1 >= argv.length) throw flagError(command, `flag needs an argument: --${name}`);
  set(spec, checked(spec, argv[i + 1] ?? '', `--${name}`, command));
  return i + 1;
}

function shortFlags(argv: string[], i: number, all: FlagSpec[], command: string, set: Setter): number {
  const arg = argv[i] ?? '';
  for (let j = 1; j < arg.length; j++) {
    const c = arg[j] ?? '';
    const spec = all.find((f) => f.short === c);
    if (!spec) throw flagError(command, `unknown shorthand flag: '${c}' in ${arg}`);
    if (spec.type === 'bool') {
      const rest = arg.slice(j + 1);
      if (rest.startsWith('=')) {
        set(spec, checked(spec, rest.slice(1), `-${c}`, command));
        return i;
      }
      set(spec, 'true');
      continue;
    }
    const rest = arg.slice(j + 1);
    if (rest !== '') {
      set(spec, checked(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${c}`, command));
      return i;
    }
    if (i + 1 >= argv.length) throw flagError(command, `flag needs an argument: '${c}' in -${c}`);
    set(spec, checked(spec, argv[i + 1] ?? '', `-${c}`, command));
    return i + 1;
  }
  return i;
}

function checked(spec: FlagSpec, value: string, shown: string, command: string): string {
  const flag = spec.short && shown.length === 2 ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
  if (spec.type === 'int' && !/^[+-]?\d+$/.test(value)) {
    throw flagError(
      command,
      `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
    );
  }
  if (
    spec.type === 'bool' &&
    !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)
  ) {
    throw flagError(
      command,
      `invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
    );
  }
  return value;
}

/** Typed reads of parsed flags. */
export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  get args(): string[] {
    return this.parsed.args;
  }
  has(name: string): boolean {
    return this.parsed.values.has(name);
  }
  str(name: string, fallback = ''): string {
    return this.parsed.values.get(name)?.[0] ?? fallback;
  }
  strs(name: string): string[] {
    return this.parsed.values.get(name) ?? [];
  }
  bool(name: string): boolean {
    const v = this.parsed.values.get(name)?.[0];
    return v !== undefined && ['true', '1', 't', 'TRUE', 'True'].includes(v);
  }
  int(name: string, fallback: number): number {
    const v = this.parsed.values.get(name)?.[0];
    return v === undefined ? fallback : Number(v);
  }
}
