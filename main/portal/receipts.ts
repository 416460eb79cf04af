// Receipts: one row per record that reached the portal (or, with no portal configured, the local
// catalogue). A live receipt is the definition of "published" everywhere in Berkas: the catalogue
// export, the status screen and the fail-safe all count from here. Owns portal_receipts only.
import type { Db } from '../db/connection.ts';
import type { ResourceReceipt, WithdrawMode } from './adapter.ts';
import { sql } from '../db/statements.ts';

export interface Receipt {
  recordId: number;
  target: 'ckan' | 'catalogue';
  portalUrl: string | null;
  datasetId: string;
  datasetName: string;
  datasetUrl: string | null;
  private: boolean;
  resources: ResourceReceipt[];
  state: 'live' | 'withdrawn';
  withdrawMode: WithdrawMode | null;
  outboxId: number;
  pushedAt: string;
  withdrawnAt: string | null;
}

interface Row {
  record_id: number;
  target: 'ckan' | 'catalogue';
  portal_url: string | null;
  dataset_id: string;
  dataset_name: string;
  dataset_url: string | null;
  private: number;
  resources: string;
  state: 'live' | 'withdrawn';
  withdraw_mode: WithdrawMode | null;
  outbox_id: number;
  pushed_at: string;
  withdrawn_at: string | null;
}

function fromRow(row: Row): Receipt {
  return {
    recordId: row.record_id,
    target: row.target,
    portalUrl: row.portal_url,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    datasetUrl: row.dataset_url,
    private: row.private === 1,
    resources: JSON.parse(row.resources) as ResourceReceipt[],
    state: row.state,
    withdrawMode: row.withdraw_mode,
    outboxId: row.outbox_id,
    pushedAt: row.pushed_at,
    withdrawnAt: row.withdrawn_at,
  };
}

export function getReceipt(db: Db, recordId: number): Receipt | null {
  const row = sql(db, 'SELECT * FROM portal_receipts WHERE record_id = ?').get(recordId) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function liveReceipts(db: Db): Receipt[] {
  return (sql(db, "SELECT * FROM portal_receipts WHERE state = 'live' ORDER BY record_id").all() as Row[]).map(fromRow);
}

export function saveLiveReceipt(db: Db, r: Omit<Receipt, 'state' | 'withdrawMode' | 'withdrawnAt'>): void {
  sql(
    db,
    `INSERT INTO portal_receipts (record_id, target, portal_url, dataset_id, dataset_name, dataset_url, private, resources, state,
                                  withdraw_mode, outbox_id, pushed_at, withdrawn_at)
     VALUES (@recordId, @target, @portalUrl, @datasetId, @datasetName, @datasetUrl, @private, @resources, 'live', NULL, @outboxId, @pushedAt, NULL)
     ON CONFLICT (record_id) DO UPDATE SET
       target = excluded.target, portal_url = excluded.portal_url, dataset_id = excluded.dataset_id,
       dataset_name = excluded.dataset_name, dataset_url = excluded.dataset_url, private = excluded.private,
       resources = excluded.resources, state = 'live', withdraw_mode = NULL, outbox_id = excluded.outbox_id,
       pushed_at = excluded.pushed_at, withdrawn_at = NULL`,
  ).run({ ...r, private: r.private ? 1 : 0, resources: JSON.stringify(r.resources) });
}

export function markWithdrawn(db: Db, recordId: number, mode: WithdrawMode, at: string): boolean {
  return (
    sql(db, "UPDATE portal_receipts SET state = 'withdrawn', withdraw_mode = ?, withdrawn_at = ?, private = CASE WHEN ? = 'private' THEN 1 ELSE private END WHERE record_id = ?")
      .run(mode, at, mode, recordId).changes === 1
  );
}
