/**
 * Whether a container's argv[0] can be started at all, for the kubelet: a
 * real runtime fails with StartError ("exec: \"foo\": executable file not
 * found in $PATH") before any process exists, which the shell cannot report.
 */

import { BUILTINS } from './commands/index.ts';
import type { FileSystem } from './fs.ts';
import { basename, resolvePath } from './path.ts';
import type { CommandHooks } from './program.ts';
import { isShellName } from './script.ts';

/** True if `name` is a shell, a builtin utility, a hooked program, or a file on `fs`. */
export function commandExists(name: string, env: { fs: FileSystem; commands?: CommandHooks; cwd?: string }): boolean {
  if (isShellName(name)) return true;
  const hooks = env.commands ?? {};
  if (Object.hasOwn(hooks, name) || Object.hasOwn(hooks, basename(name))) return true;
  if (!name.includes('/')) return Object.hasOwn(BUILTINS, name);
  return env.fs.exists(resolvePath(env.cwd ?? '/', name)) || Object.hasOwn(BUILTINS, basename(name));
}
