// The PostgreSQL schema of a team-mode archive (issue 17), in order, each step once. It grows owner
// by owner as the services move; today it holds the audit log. The SQLite migrations
// (db/migrations/) stay the embedded archive's; both describe the same tables.
//
// The audit log is append-only in the database itself, not only in the code: the app's role gets
// SELECT and INSERT and nothing else; triggers refuse UPDATE, DELETE and TRUNCATE even to the
// owner; and every INSERT must continue the chain held in `audit_head` (next id, the previous
// entry's hash, and a hash the database recomputes with its own sha256), so a client cannot write
// a forged or out-of-order entry even with the app's credentials.
import type { PgClient } from './connection.ts';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 10,
    name: 'audit log, append-only and chained',
    sql: `
      CREATE TABLE audit_log (
        id        BIGINT PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT,
        before    TEXT,
        after     TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
      CREATE INDEX audit_log_actor ON audit_log (actor, id);

      -- The chain head: the last entry's id and hash. Moved only by the insert trigger.
      CREATE TABLE audit_head (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        last_id   BIGINT NOT NULL,
        last_hash TEXT NOT NULL
      );
      INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

      CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();

      -- Every entry continues the chain: the next id, the head's hash as prev_hash, and a hash
      -- over the same fields in the same order as audit/log.ts entryHash (unit separator U+001F).
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE head audit_head%ROWTYPE;
      DECLARE expected TEXT;
      BEGIN
        SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
        IF NEW.id <> head.last_id + 1 OR NEW.prev_hash <> head.last_hash THEN
          RAISE EXCEPTION 'audit entry % does not continue the chain (head %)', NEW.id, head.last_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        expected := encode(sha256(convert_to(concat_ws(chr(31), NEW.id::text, NEW.at, NEW.actor, NEW.action, NEW.entity,
          coalesce(NEW.entity_id, ''), coalesce(NEW.before, ''), coalesce(NEW.after, ''), NEW.prev_hash), 'UTF8')), 'hex');
        IF NEW.hash <> expected THEN
          RAISE EXCEPTION 'audit entry % carries a hash that is not its own', NEW.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        UPDATE audit_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

      -- Appenders read the head through this, which locks it until their transaction ends: two
      -- clients appending at once queue here instead of computing the same next id.
      CREATE FUNCTION audit_head_lock() RETURNS TABLE (last_id BIGINT, last_hash TEXT)
        LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE
      $$;
    `,
  },
];

/** Brings the schema up to date (as the schema's owner); returns the versions it applied. */
export async function migratePg(client: PgClient): Promise<number[]> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  // One migrator at a time: a second server starting at the same moment waits here.
  await client.query('SELECT pg_advisory_lock(hashtext($1))', ['berkas.migrate']);
  try {
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['berkas.migrate']);
  }
}

/**
 * What the app's own role may do: read and append the audit log, lock its head; never UPDATE,
 * DELETE or TRUNCATE it. `role` must exist (IT creates it with its password; `berkas server init`
 * will). Run as the schema's owner.
 */
export async function grantAppRole(client: PgClient, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`"${role}" is not a plain PostgreSQL role name.`);
  await client.query(`REVOKE ALL ON audit_log, audit_head FROM ${role}`);
  await client.query(`GRANT SELECT, INSERT ON audit_log TO ${role}`);
  await client.query(`GRANT SELECT ON audit_head TO ${role}`);
  await client.query(`GRANT EXECUTE ON FUNCTION audit_head_lock() TO ${role}`);
}
