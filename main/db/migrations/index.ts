// The ordered list of schema migrations. Versions go up in steps of 10 so a fix can slot in.
// A migration never changes once it has shipped: add a new one instead.
import type { Db } from '../connection.ts';
import { m0010Settings } from './0010-settings.ts';
import { m0020Archive } from './0020-archive.ts';
import { m0030SavedSearches } from './0030-saved-searches.ts';
import { m0040Retention } from './0040-retention.ts';
import { m0050AccountsPublication } from './0050-accounts-publication.ts';
import { m0060Portal } from './0060-portal.ts';
import { m0100FilingRules } from './0100-filing-rules.ts';
import { m0120OutboxCancelled } from './0120-outbox-cancelled.ts';
import { m0130Ocr } from './0130-ocr.ts';
import { m0150Clearance } from './0150-clearance.ts';
import { m0160SearchEngine } from './0160-search-engine.ts';
import { m0170ExemptionStatute } from './0170-exemption-statute.ts';
import { m0171BerkalaRefreshes } from './0171-berkala-refreshes.ts';
import { m0180DropFolder } from './0180-drop-folder.ts';
import { m0320UserOffice } from './0320-user-office.ts';
import { m0330DropFolderReasonId } from './0330-drop-folder-reason-id.ts';
import { m0340RecordsSecurityIndex } from './0340-records-security-index.ts';
import { m0350RecordVersion } from './0350-record-version.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [
  m0010Settings,
  m0020Archive,
  m0030SavedSearches,
  m0040Retention,
  m0050AccountsPublication,
  m0060Portal,
  m0100FilingRules,
  m0120OutboxCancelled,
  m0130Ocr,
  m0150Clearance,
  m0160SearchEngine,
  m0170ExemptionStatute,
  m0171BerkalaRefreshes,
  m0180DropFolder,
  m0320UserOffice,
  m0330DropFolderReasonId,
  m0340RecordsSecurityIndex,
  m0350RecordVersion,
];
