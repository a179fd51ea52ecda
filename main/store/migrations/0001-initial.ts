import type { Migration } from './migration.js';

/**
 * The case file's first shape: chain of custody (evidence files, imports, audit log) and the
 * normalized event timeline with its raw records and full-text index.
 * Times are integer milliseconds since the epoch, UTC.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE case_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        paths       TEXT NOT NULL,              -- JSON array of the paths given
        status      TEXT NOT NULL,              -- running | done | cancelled | failed
        files       INTEGER NOT NULL DEFAULT 0,
        inserted    INTEGER NOT NULL DEFAULT 0,
        duplicates  INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Chain of custody: one row per file received (archive members too, linked to their archive).
      CREATE TABLE evidence_files (
        id          INTEGER PRIMARY KEY,
        parent_id   INTEGER REFERENCES evidence_files(id),
        path        TEXT NOT NULL,              -- as given; archive members: <archive>!/<member>
        name        TEXT NOT NULL,
        bytes       INTEGER NOT NULL,           -- size as received (compressed, if it was)
        sha256      TEXT NOT NULL,              -- of the bytes as received
        format      TEXT,                       -- detected by content; NULL when unrecognized
        imported_at INTEGER NOT NULL,
        import_id   INTEGER REFERENCES imports(id),
        status      TEXT NOT NULL,              -- ingested | partial | failed | recorded
        records     INTEGER NOT NULL DEFAULT 0, -- records read from the file
        inserted    INTEGER NOT NULL DEFAULT 0,
        duplicates  INTEGER NOT NULL DEFAULT 0,
        errors      TEXT NOT NULL DEFAULT '[]'  -- JSON [{location, message}]
      ) STRICT;
      CREATE UNIQUE INDEX evidence_files_by_path_sha256 ON evidence_files(path, sha256);
      CREATE INDEX evidence_files_by_sha256 ON evidence_files(sha256);
      CREATE INDEX evidence_files_by_parent_id ON evidence_files(parent_id);

      -- Tamper-evident log of every import and analyst action: each row hashes the one before.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        detail    TEXT NOT NULL,                -- JSON
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;

      -- The timeline: one row per record from every event-shaped source. Kept narrow (the raw
      -- record lives in event_raw) so scans and counts stay fast.
      CREATE TABLE events (
        id                 INTEGER PRIMARY KEY,
        time               INTEGER NOT NULL,
        source             TEXT NOT NULL,
        event_name         TEXT COLLATE NOCASE,
        event_source       TEXT COLLATE NOCASE,
        region             TEXT COLLATE NOCASE,
        account_id         TEXT COLLATE NOCASE,
        principal_arn      TEXT COLLATE NOCASE,
        principal_type     TEXT COLLATE NOCASE,
        user_name          TEXT COLLATE NOCASE,
        access_key_id      TEXT COLLATE NOCASE,
        session_issuer_arn TEXT COLLATE NOCASE,
        source_ip          TEXT COLLATE NOCASE,
        user_agent         TEXT COLLATE NOCASE,
        error_code         TEXT COLLATE NOCASE,
        error_message      TEXT COLLATE NOCASE,
        read_only          INTEGER,             -- 1, 0 or NULL when the record does not say
        resources          TEXT,                -- JSON array of ARNs, NULL when none
        request_parameters TEXT,                -- JSON
        response_elements  TEXT,                -- JSON
        event_id           TEXT COLLATE NOCASE,
        event_type         TEXT COLLATE NOCASE,
        file_id            INTEGER NOT NULL REFERENCES evidence_files(id),
        locator            TEXT NOT NULL,       -- where in the file: line N / record N
        dedupe_key         TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX events_by_dedupe_key ON events(dedupe_key);
      CREATE INDEX events_by_time ON events(time);
      CREATE INDEX events_by_event_name_time ON events(event_name, time);
      CREATE INDEX events_by_event_source_time ON events(event_source, time);
      CREATE INDEX events_by_principal_arn_time ON events(principal_arn, time);
      CREATE INDEX events_by_user_name_time ON events(user_name, time);
      CREATE INDEX events_by_access_key_id_time ON events(access_key_id, time);
      CREATE INDEX events_by_source_ip_time ON events(source_ip, time);
      CREATE INDEX events_by_error_code_time ON events(error_code, time);
      CREATE INDEX events_by_event_id ON events(event_id);

      CREATE TABLE event_raw (
        id  INTEGER PRIMARY KEY REFERENCES events(id),
        raw TEXT NOT NULL                       -- the record exactly as read
      ) STRICT;

      -- Full text over the fields an investigator searches by words; rowid = events.id.
      CREATE VIRTUAL TABLE events_fts USING fts5(
        doc, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
      );
    `);
  },
};
