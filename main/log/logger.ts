// The log file every host writes: <archive>/logs/berkas.log, one line per event, rotated at about
// 5 MB into berkas.1.log … berkas.5.log. Everything passes through redact() on the way in, so a
// token or password handed to the logger by mistake never reaches the disk. Logging must never
// break the work being logged: write errors are swallowed after one note on stderr.
// Own code rather than electron-log: its Node entry keeps one old file only and is a process-wide
// singleton, while the CLI, the backend worker and the tests each need their own file.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact, redactText } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Same file, lines tagged with `scope` (e.g. 'backup', 'updater'). */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** The folder to write in, normally archiveLayout(dir).logs. */
  dir: string;
  file?: string;
  level?: LogLevel;
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  scope?: string;
  now?: () => Date;
  /** Also print warn/error lines on stderr (the CLI and dev runs). */
  echo?: boolean;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEEP = 5;

export function logFiles(dir: string, file = 'berkas.log', keep = DEFAULT_KEEP): string[] {
  const stem = file.replace(/\.log$/, '');
  return [join(dir, file), ...Array.from({ length: keep }, (_, i) => join(dir, `${stem}.${i + 1}.log`))];
}

export function createLogger(options: LoggerOptions): Logger {
  const file = options.file ?? 'berkas.log';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const threshold = RANK[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const files = logFiles(options.dir, file, keep);
  const current = files[0]!;
  let warned = false;
  let ready = false;

  const rotate = () => {
    rmSync(files[files.length - 1]!, { force: true });
    for (let i = files.length - 2; i >= 0; i--) {
      try {
        renameSync(files[i]!, files[i + 1]!);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };

  const write = (level: LogLevel, scope: string | undefined, message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ' ' + JSON.stringify(redact(fields)) : '';
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${scope ? `[${scope}] ` : ''}${redactText(message).replace(/\r?\n/g, '\n    ')}${extra}\n`;
    try {
      if (!ready) {
        mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        ready = true;
      }
      let size: number;
      try {
        size = statSync(current).size;
      } catch {
        size = 0;
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(current, line, { mode: 0o600 });
    } catch (error) {
      if (!warned) {
        warned = true;
        console.error(`berkas: cannot write the log file ${current}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (options.echo && RANK[level] >= RANK.warn) process.stderr.write(line);
  };

  const make = (scope: string | undefined): Logger => ({
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
    child: (inner) => make(scope ? `${scope}.${inner}` : inner),
  });
  return make(options.scope);
}

/** Adapts a Logger to electron-updater's { info, warn, error } logger shape. */
export function updaterLogger(logger: Logger): { info(m?: unknown): void; warn(m?: unknown): void; error(m?: unknown): void; debug(m: string): void } {
  const text = (m: unknown) => (typeof m === 'string' ? m : m instanceof Error ? (m.stack ?? m.message) : JSON.stringify(redact(m)));
  return {
    info: (m) => logger.info(text(m)),
    warn: (m) => logger.warn(text(m)),
    error: (m) => logger.error(text(m)),
    debug: (m) => logger.debug(m),
  };
}
