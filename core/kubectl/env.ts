/**
 * What every command runs with: the client, discovery, parsed flags, the
 * effective namespace and the output buffers, plus the small helpers most
 * commands share (read an object, fail on a Status, name an object).
 */
import { resourceByKind } from '../api/registry.ts';
import type { KubeObject, Status } from '../api/types.ts';
import type { Client, Reply } from './client.ts';
import { resourcePath } from './client.ts';
import type { Discovery, Resource } from './discovery.ts';
import { kindRef } from './discovery.ts';
import { statusError } from './errors.ts';
import type { FlagSpec } from './flags.ts';
import { Flags } from './flags.ts';
import type { KubectlContext, Output } from './types.ts';
import { CommandError, usageError } from './types.ts';

export interface Env {
  ctx: KubectlContext;
  client: Client;
  discovery: Discovery;
  flags: Flags;
  out: Output;
  /** `-n`, or the context's namespace. */
  namespace: string;
  /** `kubectl get`: for help hints and errors. */
  commandPath: string;
  /** Set by `config set-context` to hand a new namespace back to the terminal. */
  newNamespace?: string;
  /** Set when output continues on the context's stream. */
  pending?: boolean;
}

export interface Command {
  name: string;
  flags: FlagSpec[];
  run(env: Env): void;
}

/** Unwrap a reply or stop with kubectl's error text. */
export function must<T>(reply: Reply<T>): T {
  if (!reply.ok) throw statusError(reply.status);
  return reply.value;
}

/** The server's resource type for an object's apiVersion and kind (any served version). */
export function resourceForObject(env: Env, apiVersion: string, kind: string): Resource | undefined {
  const found = env.discovery
    .resources()
    .find((r) => (r.group ? `${r.group}/${r.version}` : r.version) === apiVersion && r.kind === kind);
  return found ?? resourceByKind(apiVersion, kind);
}

/** Resolve a type word or stop with `the server doesn't have a resource type`. */
export function resolveType(env: Env, word: string): Resource {
  const r = env.discovery.resolve(word);
  if (!r) throw usageError(`the server doesn't have a resource type "${word}"`);
  return r;
}

/** GET one object as JSON. */
export function getObject(env: Env, r: Resource, name: string, namespace = env.namespace): Reply<KubeObject> {
  return env.client.get<KubeObject>(resourcePath(r, namespace, name));
}

/** LIST objects as JSON, items completed with apiVersion and kind as kubectl does. */
export function listObjects(
  env: Env,
  r: Resource,
  opts: { namespace?: string | undefined; labelSelector?: string; fieldSelector?: string } = {},
): Reply<KubeObject[]> {
  const reply = env.client.get<{ items?: KubeObject[] }>(resourcePath(r, opts.namespace), {
    labelSelector: opts.labelSelector || undefined,
    fieldSelector: opts.fieldSelector || undefined,
    limit: '500',
  });
  if (!reply.ok) return reply;
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  const items = (reply.value.items ?? []).map((o) => ({ ...o, apiVersion, kind: r.kind }));
  return { ok: true, value: items, text: reply.text, warnings: reply.warnings };
}

/** `deployment.apps/web` */
export function refName(r: Resource, name: string): string {
  return `${kindRef(r)}/${name}`;
}

/** Print server warnings as kubectl does. */
export function printWarnings(env: Env, warnings: string[]): void {
  for (const w of warnings) env.out.err(`Warning: ${w}\n`);
}

export function failStatus(s: Status): never {
  throw statusError(s);
}

export function requireArgs(env: Env, ok: boolean, message: string): void {
  if (!ok) throw new CommandError(`error: ${message}\nSee '${env.commandPath} -h' for help and examples`);
}

export function newFlags(parsed: Flags['parsed']): Flags {
  return new Flags(parsed);
}
