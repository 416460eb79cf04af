// What every `berkas` subcommand looks like. A command parses its own arguments (node:util
// parseArgs), does its work through the services, and reports through ctx.report so `--json`
// prints exactly one JSON document on stdout and the human form stays readable.
// Exit codes: 0 success, 1 failure, 2 usage error (throw UsageError).
import type { Role, SessionUser } from '../../preload/contract.ts';

export interface CliContext {
  /** The archive folder (--archive DIR, BERKAS_ARCHIVE, or the per-user default). */
  readonly archiveDir: string;
  readonly json: boolean;
  /** The acting user's name, for the audit log (see `--user`; 'cli' until authenticate() ran). */
  readonly actor: string;
  /** Logs in as --user (password from BERKAS_PASSWORD or a prompt) and checks the role; every
   *  command that reads or writes archive content calls this first. Returns the user. */
  authenticate(role: Role | 'any'): Promise<SessionUser>;
  /** Prints the result: `human` lines normally, `data` as one JSON document with --json. */
  report(human: string | string[], data: unknown): void;
  /** Progress or warnings: stderr, never mixed into --json output. */
  note(message: string): void;
}

export interface Command {
  /** e.g. 'backup' or 'hold add' (words separated by one space). */
  readonly name: string;
  readonly summary: string;
  readonly usage: string | readonly string[];
  run(argv: string[], ctx: CliContext): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
