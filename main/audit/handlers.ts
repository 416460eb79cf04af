// Audit channels → queries. Read-only except that an export is itself audited.
import type { auditChannels } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import { exportAuditCsv, exportFilePath } from './export.ts';
import { verifyAnchoredChain, type AuditAnchor } from './anchor.ts';
import { auditFacets, listAudit } from './queries.ts';

export interface AuditDeps {
  db: Db;
  archiveDir: string;
  /** The head kept outside the database; verify compares the chain with it. */
  anchor: AuditAnchor | null;
}

export function auditHandlers({ db, archiveDir, anchor }: AuditDeps): HandlersFor<typeof auditChannels> {
  return {
    'audit.list': (input, ctx) => listAudit(db, input.filter, input, ctx.viewer),
    'audit.facets': () => auditFacets(db),
    'audit.verify': () => ({ ...verifyAnchoredChain(db, anchor), checkedAt: new Date().toISOString() }),
    'audit.export': (input, ctx) => exportAuditCsv(db, ctx.viewer, input.filter, exportFilePath(archiveDir, 'audit', 'csv')),
  };
}
