// Every `berkas` subcommand, in the order `berkas --help` lists them. Each area adds its own
// commands here with one import and one spread.
import type { Command } from '../command.ts';

export const commands: Command[] = [];
