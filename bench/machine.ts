// The facts about the machine and software a benchmark figure depends on, recorded next to every
// result so figures from different machines are never compared blindly.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem } from 'node:os';
import type { Db } from '../main/db/connection.ts';
import { LATEST_VERSION } from '../main/db/migrate.ts';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  pdfjs: string;
  pdftotext: string;
  schemaVersion: number;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

function pdftotextVersion(): string {
  // pdftotext prints its version on stderr.
  const result = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (result.error) return 'not installed';
  return /version\s+(\S+)/.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown';
}

export function machineFacts(db: Db): MachineFacts {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: osName(),
    kernel: release(),
    node: process.version,
    sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    betterSqlite3: packageVersion('better-sqlite3'),
    pdfjs: packageVersion('pdfjs-dist'),
    pdftotext: pdftotextVersion(),
    schemaVersion: LATEST_VERSION,
  };
}
