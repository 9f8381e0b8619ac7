/** The table of commands the embedded kubectl implements. */
import { getCommand } from './cmd/get.ts';
import type { Command } from './env.ts';

export const COMMANDS: Command[] = [getCommand];
