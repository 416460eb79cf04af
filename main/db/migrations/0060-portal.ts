// The central-portal tables: where to push (settings, one row), the pusher's shared state (one
// row: withdrawal confirmations, pause, lock) and one receipt per record that reached the portal
// (or the local catalogue when no portal is configured). The API token is NEVER a column here:
// it lives in the OS keychain, an environment variable or an owner-only file.
import type { Migration } from './index.ts';

export const m0060Portal: Migration = {
  version: 60,
  name: 'portal',
  up(db) {
    db.exec(`
      CREATE TABLE portal_settings (
        id                         INTEGER PRIMARY KEY CHECK (id = 1),
        target                     TEXT NOT NULL DEFAULT 'none' CHECK (target IN ('none','ckan')), -- none = catalogue export only
        url                        TEXT,                 -- portal base URL, e.g. https://data.kaltimprov.go.id
        organization               TEXT,                 -- CKAN organization name (slug) that owns the datasets
        interval_minutes           INTEGER NOT NULL DEFAULT 15 CHECK (interval_minutes BETWEEN 1 AND 1440),
        private_on_arrival         INTEGER NOT NULL DEFAULT 1 CHECK (private_on_arrival IN (0,1)), -- walidata reviews first
        withdraw_mode              TEXT NOT NULL DEFAULT 'private' CHECK (withdraw_mode IN ('private','delete')),
        withdraw_fail_safe_percent INTEGER NOT NULL DEFAULT 20 CHECK (withdraw_fail_safe_percent BETWEEN 0 AND 100),
        withdraw_fail_safe_min     INTEGER NOT NULL DEFAULT 5 CHECK (withdraw_fail_safe_min >= 1),
        max_resource_mb            INTEGER NOT NULL DEFAULT 10 CHECK (max_resource_mb >= 1), -- ckan.max_resource_size
        token_header               TEXT NOT NULL DEFAULT 'Authorization',
        token_file                 TEXT,                 -- a path to an owner-only file; never the token itself
        archive_key                TEXT NOT NULL,        -- part of every dataset name, so two archives never collide
        updated_at                 TEXT NOT NULL
      ) STRICT;
      INSERT INTO portal_settings (id, archive_key, updated_at)
        VALUES (1, lower(hex(randomblob(4))), strftime('%Y-%m-%dT%H:%M:%fZ'));

      CREATE TABLE portal_state (
        id                         INTEGER PRIMARY KEY CHECK (id = 1),
        withdraw_confirmed_through INTEGER NOT NULL DEFAULT 0, -- outbox ids up to here were confirmed by a person
        paused_until               TEXT,                 -- the whole queue waits (Retry-After or outage backoff)
        pause_reason               TEXT CHECK (pause_reason IN ('retry-after','backoff','portal')),
        queue_failures             INTEGER NOT NULL DEFAULT 0, -- consecutive failed runs, drives the queue backoff
        problem                    TEXT CHECK (problem IS NULL OR json_valid(problem)), -- portal-wide trouble, bilingual
        lock_owner                 TEXT,                 -- host:pid:nonce of the process draining the queue
        lock_expires_at            TEXT,
        last_run_at                TEXT,
        last_run                   TEXT CHECK (last_run IS NULL OR json_valid(last_run))
      ) STRICT;
      INSERT INTO portal_state (id) VALUES (1);

      CREATE TABLE portal_receipts (
        record_id     INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE RESTRICT,
        target        TEXT NOT NULL CHECK (target IN ('ckan','catalogue')),
        portal_url    TEXT,
        dataset_id    TEXT NOT NULL,                     -- every later call addresses the dataset by this id
        dataset_name  TEXT NOT NULL,
        dataset_url   TEXT,
        private       INTEGER NOT NULL CHECK (private IN (0,1)),
        resources     TEXT NOT NULL CHECK (json_valid(resources)), -- [{id, sha256, name, url, size}]
        state         TEXT NOT NULL CHECK (state IN ('live','withdrawn')),
        withdraw_mode TEXT CHECK (withdraw_mode IN ('private','delete')),
        outbox_id     INTEGER NOT NULL REFERENCES outbox(id), -- the publish item whose payload is what went out
        pushed_at     TEXT NOT NULL,
        withdrawn_at  TEXT
      ) STRICT;
      CREATE INDEX portal_receipts_state ON portal_receipts (state, record_id);

      -- Per-record ordering (a withdrawal never overtakes a publish of the same record) and the
      -- status screen both look up a record's outbox rows in id order.
      CREATE INDEX outbox_record ON outbox (record_id, id);
      -- The pusher picks the oldest waiting item many times per run; done rows pile up for ever,
      -- so the pick must not walk past them.
      CREATE INDEX outbox_waiting ON outbox (id) WHERE state = 'waiting';
    `);
  },
};
