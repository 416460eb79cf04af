// The portal's prepared statements come from the shared per-connection cache (db/sql.ts).
export { sql } from '../db/sql.ts';
