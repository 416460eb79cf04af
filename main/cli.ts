// `berkas`: the command line for IT and for bulk work. Global options: --archive DIR (or
// BERKAS_ARCHIVE), --json (one JSON document on stdout), --user NAME (or BERKAS_USER; the password
// comes from BERKAS_PASSWORD or a prompt). Exit 0 on success, 1 on failure, 2 on usage errors.
import { pathToFileURL } from 'node:url';
import type { Role, SessionUser } from '../preload/contract.ts';
import { authenticateCli } from './accounts/cli-auth.ts';
import { requireRole } from './accounts/roles.ts';
import { openArchive } from './archive/open.ts';
import { UsageError, type CliContext, type Command } from './cli/command.ts';
import { commands } from './cli/commands/index.ts';
import { AppError } from './errors.ts';
import { resolveArchiveDir } from './host/location.ts';
import { appVersion } from './kernel/version.ts';
import { ownerOnlyUmask } from './kernel/private-files.ts';

interface Globals {
  archive?: string;
  json: boolean;
  user?: string;
  help: boolean;
  rest: string[];
}

/** Global options may stand anywhere; everything else is the command's. */
export function splitGlobals(argv: string[]): Globals {
  const out: Globals = { json: false, help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (name: string) => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (arg === '--json') out.json = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--archive' || arg.startsWith('--archive=')) out.archive = value('--archive');
    else if (arg === '--user' || arg.startsWith('--user=')) out.user = value('--user');
    else out.rest.push(arg);
  }
  return out;
}

/** Longest matching command name ('hold add' before 'hold'). */
export function findCommand(list: Command[], words: string[]): { command: Command; argv: string[] } | null {
  let best: { command: Command; argv: string[] } | null = null;
  for (const command of list) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => words[i] === p) && (!best || parts.length > best.command.name.split(' ').length)) {
      best = { command, argv: words.slice(parts.length) };
    }
  }
  return best;
}

function usageText(command: Command): string {
  return typeof command.usage === 'string' ? command.usage : command.usage.join('\n       ');
}

function helpText(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    `berkas ${appVersion()} — the Berkas archive from the command line`,
    '',
    'usage: berkas [--archive DIR] [--json] [--user NAME] COMMAND [options]',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'berkas COMMAND --help shows the options of one command.',
  ].join('\n');
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  // Whatever the CLI writes (archive, exports, backups, keys) is owner-only.
  ownerOnlyUmask();
  let globals: Globals;
  try {
    globals = splitGlobals(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const found = findCommand(commands, globals.rest);
  if (!found) {
    if (globals.rest.length === 0 || globals.help) {
      io.stdout.write(`${helpText(commands)}\n`);
      return globals.rest.length === 0 && !globals.help ? 2 : 0;
    }
    io.stderr.write(`unknown command: ${globals.rest.join(' ')}\n\n${helpText(commands)}\n`);
    return 2;
  }
  if (globals.help) {
    io.stdout.write(`${found.command.summary}\n\nusage: ${usageText(found.command)}\n`);
    return 0;
  }
  const archiveDir = resolveArchiveDir({ argv: globals.archive ? ['--archive', globals.archive] : [], env: process.env, platform: process.platform });
  let user: SessionUser | null = null;
  const ctx: CliContext = {
    archiveDir,
    json: globals.json,
    get actor() {
      return user?.name ?? 'cli';
    },
    async authenticate(role: Role | 'any') {
      if (!user) {
        const archive = openArchive(archiveDir);
        try {
          user = await authenticateCli(archive.db, { user: globals.user });
        } finally {
          archive.close();
        }
      }
      if (role !== 'any') requireRole(user, role);
      return user;
    },
    report(human, data) {
      if (globals.json) io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else io.stdout.write(`${Array.isArray(human) ? human.join('\n') : human}\n`);
    },
    note(message) {
      io.stderr.write(`${message}\n`);
    },
  };
  try {
    return await found.command.run(found.argv, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nusage: ${usageText(found.command)}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      if (globals.json) io.stdout.write(`${JSON.stringify({ error: error.toValue() }, null, 2)}\n`);
      io.stderr.write(`${error.messages.en}\n${error.messages.id}\n`);
      return 1;
    }
    io.stderr.write(`berkas: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
