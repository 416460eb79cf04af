// Exports of the audit trail (CSV, UTF-8 with BOM for Excel, with the hashes so an auditor can
// re-check the chain) and the names of export files in the archive's export folder. Every export
// is itself written to the audit log.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditFilter } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { PRIVATE_FILE_MODE, privateDirSync } from '../kernel/private-files.ts';
import { csvCell } from '../reports/csv.ts';
import { auditExportRows } from './queries.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { auditExport } from './trail.ts';

/** Where exports made from the app land: <archive>/ekspor/<name>-<local timestamp>.<ext>. */
export function exportFilePath(archiveDir: string, name: string, ext: string, now = new Date()): string {
  const dir = join(archiveDir, 'ekspor');
  privateDirSync(dir);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return join(dir, `${name}-${stamp}.${ext}`);
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after', 'prev_hash', 'hash'] as const;

/** Streams the filtered trail (oldest first, the chain's order) to `path`; audits the export. */
export function exportAuditCsv(db: Db, viewer: Viewer, filter: AuditFilter, path: string): { path: string; rows: number; bytes: number } {
  const actor = viewer.name;
  const entries = auditExportRows(db, filter, viewer);
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  let rows = 0;
  let bytes = 0;
  try {
    const write = (text: string | Buffer) => {
      const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      writeSync(fd, buffer);
      bytes += buffer.length;
    };
    write(Buffer.from([0xef, 0xbb, 0xbf]));
    write(AUDIT_CSV_HEADER.join(',') + '\r\n');
    let chunk = '';
    for (const row of entries) {
      chunk += AUDIT_CSV_HEADER.map((k) => csvCell(row[k])).join(',') + '\r\n';
      rows++;
      if (chunk.length > 1 << 16) {
        write(chunk);
        chunk = '';
      }
    }
    write(chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  auditExport(db, actor, 'audit', { rows, path, filter });
  return { path, rows, bytes };
}
