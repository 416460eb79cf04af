// A throwaway PostgreSQL cluster for the team-mode tests (issue 17): Debian's server binaries,
// initdb on a fresh folder and pg_ctl on a free port, run as the unprivileged `postgres` user when
// the tests run as root (PostgreSQL refuses root). Nothing depends on a cluster left running: each
// caller starts its own and stops it, and the folder goes with it.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface TestCluster {
  host: string;
  port: number;
  /** The superuser the cluster was made with (no password; local trust). */
  superuser: string;
  stop(): void;
}

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => b - a) : [];
  for (const major of majors) {
    const bin = join(root, String(major), 'bin');
    if (existsSync(join(bin, 'initdb'))) {
      if (major < 15) throw new Error(`PostgreSQL ${major} is installed; team mode needs 15 or later.`);
      return bin;
    }
  }
  throw new Error('PostgreSQL server binaries not found: install Debian\'s postgresql package (apt-get install postgresql); .ci/run does.');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startTestCluster(): Promise<TestCluster> {
  const bin = serverBin();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'berkas-pg-'));
  const data = join(dir, 'data');
  const superuser = asRoot ? 'postgres' : userInfo().username;
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  const port = await freePort();
  run('initdb', ['-D', data, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  // Sockets in the cluster's own folder: never /var/run/postgresql, which a root-less setup cannot write.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  return { host: '127.0.0.1', port, superuser, stop };
}
