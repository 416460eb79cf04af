// Small statistics and timing helpers for the benchmark: medians, percentiles, child processes
// timed from spawn to exit. Figures are only ever compared with a baseline measured in the same
// run; nothing here decides what is fast enough.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function nowMs(): number {
  return performance.now();
}

export interface ProcessResult {
  code: number | null;
  stdoutBytes: number;
  stderr: string;
}

/** Runs a program (no shell) and resolves when it exits; stdout is counted, not kept. */
export function run(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdoutBytes, stderr }));
  });
}

/** Like run(), but a non-zero exit is an error (for baselines that must succeed). */
export async function runOk(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}… exited with ${result.code}: ${result.stderr.trim()}`);
  return result;
}

export const MB = 1024 * 1024;
