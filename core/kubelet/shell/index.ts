/**
 * The container shell: a small POSIX-ish sh on virtual time, its in-memory
 * filesystem with mounts, and the program interface for image entrypoints.
 */

export { MemFs, strerror } from './fs.ts';
export { createRootFs } from './rootfs.ts';
export type { Errno, FileStat, FileSystem, FsResult } from './fs.ts';
export { startProcess, signalNumber } from './process.ts';
export type { CpuModel, Process, ProcessOptions, RunResult, Signal } from './process.ts';
export { InputStream, STEP, runProgram } from './program.ts';
export type { CommandHooks, Program, ProgramBody, ProgramContext, ProgramYield } from './program.ts';
export { parseScript } from './parser.ts';
export { ShellSyntaxError } from './errors.ts';
export { isShellName } from './script.ts';
export { commandExists } from './lookup.ts';
export { formatDate, DEFAULT_DATE_FORMAT } from './commands/date.ts';
export { resolvePath } from './path.ts';
