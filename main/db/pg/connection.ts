// PostgreSQL for team mode (issue 17): a pool of clients and the one way to run a unit of work on
// it. The services' SQLite path takes a `Db` and opens `db.transaction(() => …)`; the PostgreSQL
// path takes a `PgClient` inside `withPgTransaction(pool, async (tx) => …)`, and the owner modules
// offer the same functions over it, awaited (docs/architecture.md, "The database seam").
import pg from 'pg';

export type PgPool = pg.Pool;
/** A client checked out of the pool, inside a transaction the caller opened. */
export type PgClient = pg.PoolClient;

export interface PgConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Clients kept open at most (the server's own pool). */
  max?: number;
}

export function openPgPool(config: PgConfig): PgPool {
  return new pg.Pool({ host: config.host, port: config.port, database: config.database, user: config.user, password: config.password, max: config.max ?? 10 });
}

/**
 * Runs `work` in one transaction on one client: COMMIT when it resolves, ROLLBACK when it throws.
 * READ COMMITTED with explicit row locks by default: a rule of law is checked and acted on in one
 * transaction by locking the row being decided first (`SELECT … FOR UPDATE`, as the audit head
 * is locked by every append). Not SERIALIZABLE: every write transaction appends to the one audit
 * chain, and under SERIALIZABLE a transaction that waited for the head's lock fails when the
 * holder commits (measured: twenty clients, five retries each, still failed), where READ
 * COMMITTED re-reads the head and goes on. A serialization failure or deadlock (a caller asked for
 * SERIALIZABLE, or two locks taken in different orders) is retried, since another client's
 * transaction won, not ours was wrong.
 */
export async function withPgTransaction<T>(pool: PgPool, work: (tx: PgClient) => Promise<T>, options: { isolation?: 'serializable' | 'read committed'; retries?: number } = {}): Promise<T> {
  const isolation = options.isolation ?? 'read committed';
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation === 'serializable' ? 'SERIALIZABLE' : 'READ COMMITTED'}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // 40001 serialization_failure, 40P01 deadlock_detected: the other transaction won; try again.
      const code = (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < retries) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}
