// Every `berkas` subcommand, in the order `berkas --help` lists them. Each area adds its own
// commands here with one import and one spread.
import type { Command } from '../command.ts';
import { accountsCommands } from './accounts.ts';
import { archiveCommands } from './archive.ts';
import { auditCommands } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { diagnosticsCommand } from './diagnostics.ts';
import { portalCommands } from './portal.ts';
import { publicationCommands } from './publication.ts';
import { retentionCommands } from './retention.ts';
import { serverCommand, serverInitCommand } from './server.ts';
import { watchCommand } from './watch.ts';

export const commands: Command[] = [...archiveCommands, watchCommand, backupCommand, restoreCommand, diagnosticsCommand, ...retentionCommands, ...accountsCommands, ...publicationCommands, ...auditCommands, ...portalCommands, serverInitCommand, serverCommand];
