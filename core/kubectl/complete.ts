/**
 * Tab completion for the in-app terminal's kubectl, in the spirit of
 * kubectl's cobra `__complete`: command words, subcommands, resource types
 * (plural, singular and short names from discovery), object names of the
 * chosen type in the effective namespace (listed through the API server, like
 * any client), flags of the command, and the values of a few flags (-n, -o,
 * --dry-run). Simplified: no file names for -f, no `explain` field paths.
 */
import type { ApiServer } from '../apiserver/server.ts';
import type { KubeObject } from '../api/types.ts';
import { Client, resourcePath } from './client.ts';
import { COMMANDS } from './commands.ts';
import type { Resource } from './discovery.ts';
import { Discovery } from './discovery.ts';
import type { FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS } from './flags.ts';

export interface CompleteContext {
  server: ApiServer;
  /** The terminal's namespace, used unless the line says `-n` or `-A`. */
  namespace: string;
}

export interface Completion {
  /** Whole words that may replace `prefix` (each starts with it), sorted. */
  completions: string[];
  /** The partial word under the cursor, as typed (empty after a space). */
  prefix: string;
}

/** What the first argument after these commands (and subcommands) names. */
const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['image'],
  create: ['configmap', 'cronjob', 'deployment', 'job', 'namespace', 'secret', 'service'],
  config: ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'],
  top: ['node', 'pod'],
};
const NESTED: Record<string, string[]> = {
  'create secret': ['generic'],
  'create service': ['clusterip', 'loadbalancer', 'nodeport'],
  'config use-context': ['kubelab'],
};
/** Commands whose arguments are `TYPE [NAME…]` or `TYPE/NAME…`. */
const TYPED = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'patch', 'scale', 'expose', 'explain']);
const ROLLOUT_TYPES = ['daemonset', 'deployment', 'statefulset'];
const FLAG_VALUES: Record<string, string[]> = {
  output: ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'],
  'dry-run': ['client', 'none', 'server'],
};

/** Complete the word under the cursor; `line` is what precedes the cursor, with or without `kubectl`/`k`. */
export function completeKubectl(line: string, ctx: CompleteContext): Completion {
  const { words, prefix } = splitLine(line);
  if (words[0] === 'kubectl' || words[0] === 'k') words.shift();
  // Global flags may come before the command (`kubectl -n web get pods`): find the command first.
  const command = readArgs(words, GLOBAL_FLAGS).positional[0];
  const cmd = COMMANDS.find((c) => c.name === command);
  const specs = [...(cmd?.flags ?? []), ...GLOBAL_FLAGS];
  const { positional, flags } = readArgs(words, specs);
  const api = new Lister(ctx, flags);
  const candidates = candidatesFor(prefix, words, positional, specs, api);
  const completions = [...new Set(candidates.filter((c) => c.startsWith(prefix)))].sort();
  return { completions, prefix };
}

function candidatesFor(
  prefix: string,
  words: string[],
  positional: string[],
  specs: FlagSpec[],
  api: Lister,
): string[] {
  const last = words[words.length - 1];
  const valueOf = last !== undefined ? flagNeedingValue(last, specs) : undefined;
  if (valueOf) return flagValues(valueOf, api);
  const eq = prefix.indexOf('=');
  if (prefix.startsWith('--') && eq > 0) {
    const spec = specs.find((s) => s.name === prefix.slice(2, eq));
    return spec ? flagValues(spec, api).map((v) => prefix.slice(0, eq + 1) + v) : [];
  }
  if (prefix.startsWith('-')) return flagWords(prefix, specs);
  return argumentWords(prefix, positional, api);
}

/** Positional words: the command, its subcommands, then types and names. */
function argumentWords(prefix: string, positional: string[], api: Lister): string[] {
  const [command, ...args] = positional;
  if (command === undefined) return [...COMMANDS.map((c) => c.name), 'help'];
  const sub = SUBCOMMANDS[command];
  if (sub) {
    if (args.length === 0) return sub;
    const nested = NESTED[`${command} ${args[0] ?? ''}`];
    if (nested) return args.length === 1 ? nested : [];
    if (command === 'rollout') return typedWords(prefix, args.slice(1), api, ROLLOUT_TYPES);
    if (command === 'set') return typedWords(prefix, args.slice(1), api);
    if (command === 'top' && args.length === 1) return api.names(args[0] === 'node' ? 'nodes' : 'pods');
    return [];
  }
  if (TYPED.has(command)) {
    if (command === 'explain') return args.length === 0 ? api.typeWords() : [];
    return typedWords(prefix, args, api);
  }
  switch (command) {
    case 'logs':
    case 'exec':
      if (args.length === 0) return prefix.includes('/') ? typedWords(prefix, args, api) : api.names('pods');
      return args.length === 1 && command === 'logs' ? api.containers(args[0] ?? '') : [];
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return api.names('nodes');
    case 'taint':
      return args.length === 0 ? ['nodes'] : args.length === 1 ? api.names('nodes') : [];
    default:
      return [];
  }
}

/** `TYPE`, `TYPE1,TYPE2`, `TYPE/NAME`, or a NAME of the TYPE given before. */
function typedWords(prefix: string, args: string[], api: Lister, types?: string[]): string[] {
  const slash = prefix.indexOf('/');
  if (slash >= 0) {
    const type = prefix.slice(0, slash);
    return api.names(type).map((n) => `${type}/${n}`);
  }
  if (args.length === 0 || args.every((a) => a.includes('/'))) {
    const comma = prefix.lastIndexOf(',');
    const head = prefix.slice(0, comma + 1);
    return (types ?? api.typeWords()).map((w) => head + w);
  }
  const type = args[0] ?? '';
  return type.includes(',') ? [] : api.names(type);
}

function flagWords(prefix: string, specs: FlagSpec[]): string[] {
  const long = specs.map((s) => `--${s.name}`);
  if (prefix.startsWith('--')) return long;
  return [...long, ...specs.flatMap((s) => (s.short ? [`-${s.short}`] : []))];
}

function flagValues(spec: FlagSpec, api: Lister): string[] {
  if (spec.name === 'namespace') return api.names('namespaces');
  return FLAG_VALUES[spec.name] ?? [];
}

/** The flag `word` names when it still waits for its value (`-n`, `--output`), else undefined. */
function flagNeedingValue(word: string, specs: FlagSpec[]): FlagSpec | undefined {
  let spec: FlagSpec | undefined;
  if (word.startsWith('--') && !word.includes('=')) spec = specs.find((s) => s.name === word.slice(2));
  else if (/^-[^-]$/.test(word)) spec = specs.find((s) => s.short === word[1]);
  return spec && spec.type !== 'bool' ? spec : undefined;
}

/** Split the completed words into positional arguments and flag values (namespace, -A). */
function readArgs(words: string[], specs: FlagSpec[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!w.startsWith('-') || w === '-') {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const long = w.startsWith('--');
    const name = long ? w.slice(2, eq < 0 ? undefined : eq) : specs.find((s) => s.short === w[1])?.name;
    const spec = specs.find((s) => s.name === name);
    if (!spec || !name) continue;
    if (spec.type === 'bool') flags.set(name, 'true');
    else if (long && eq >= 0) flags.set(name, w.slice(eq + 1));
    else if (!long && w.length > 2) flags.set(name, w.slice(w[2] === '=' ? 3 : 2));
    else flags.set(name, words[++i] ?? '');
  }
  return { positional, flags };
}

/** Words before the cursor, unquoted, and the raw partial word under it. */
export function splitLine(line: string): { words: string[]; prefix: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote) {
      if (ch === quote) quote = '';
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + ch;
  }
  const partial = word !== undefined;
  return { words, prefix: partial ? (line.match(/\S*$/)?.[0] ?? '') : '' };
}

/** Reads through the API server what completion needs, namespaced as the line says. */
class Lister {
  private readonly client: Client;
  private readonly discovery: Discovery;

  constructor(
    ctx: CompleteContext,
    private readonly flags: Map<string, string>,
  ) {
    this.client = new Client(ctx.server, 'kubectl __complete');
    this.discovery = new Discovery(this.client);
    this.namespace = flags.get('namespace') || ctx.namespace || 'default';
  }

  private readonly namespace: string;

  /** Every word that names a listable type: plural, singular, short names. */
  typeWords(): string[] {
    return this.listable().flatMap((r) => [r.plural, r.singular, ...r.shortNames]);
  }

  /** Names of objects of the type `word` names, in the line's namespace (all of them with -A). */
  names(word: string): string[] {
    return this.objects(word).map((o) => o.metadata.name ?? '');
  }

  /** Container names of a pod (for `logs POD <TAB>`). */
  containers(pod: string): string[] {
    const obj = this.objects('pods').find((o) => o.metadata.name === pod);
    const spec = (obj?.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
    return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name);
  }

  private objects(word: string): KubeObject[] {
    const r = this.discovery.resolve(word);
    if (!r || !r.verbs.includes('list')) return [];
    const all = this.flags.get('all-namespaces') === 'true';
    const reply = this.client.get<{ items?: KubeObject[] }>(resourcePath(r, all ? undefined : this.namespace));
    return reply.ok ? (reply.value.items ?? []) : [];
  }

  private listable(): Resource[] {
    return this.discovery.resources().filter((r) => r.verbs.includes('list') && r.group !== 'metrics.k8s.io');
  }
}
