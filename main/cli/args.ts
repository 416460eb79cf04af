// What every subcommand does the same way: parse its own arguments (a bad flag is a usage error,
// exit 2) and open the archive for the length of one command.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { Archive } from '../archive/open.ts';
import { openComposedArchive } from '../host/compose.ts';
import { UsageError, type CliContext } from './command.ts';

export function parse<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function withArchive<T>(ctx: CliContext, fn: (archive: Archive) => Promise<T> | T): Promise<T> {
  const archive = openComposedArchive(ctx.archiveDir);
  try {
    return await fn(archive);
  } finally {
    archive.close();
  }
}
