import type { Migration } from './migration.js';
import { ipKey } from '../../core/ip-key.js';

/**
 * One timeline over many sources. The CloudTrail-shaped `events` table splits into a thin spine
 * (`timeline`: id, time, source, evidence file, locator, dedupe key) that annotations, tags,
 * full text and the rollup point at, and a detail table per source (`cloudtrail_events`, same id).
 * Notes become a list of comments; saved searches, resource snapshots and the per-source row
 * counts get their tables. Every row keeps its id, so annotations and references survive.
 *
 * The detail table's definition is written out here (not derived from today's descriptor) so that
 * this migration never changes; later descriptor changes arrive as added columns.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'timeline-spine',
  up(db) {
    db.function('cairn_ip_key', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? ipKey(text) : null,
    );
    db.exec(`
      CREATE TABLE timeline (
        id         INTEGER PRIMARY KEY,
        time       INTEGER NOT NULL,             -- ms UTC
        source     TEXT NOT NULL,                -- source descriptor id
        file_id    INTEGER NOT NULL REFERENCES evidence_files(id),
        locator    TEXT NOT NULL,                -- where in the file: line N / record N
        dedupe_key TEXT NOT NULL
      ) STRICT;
      INSERT INTO timeline(id, time, source, file_id, locator, dedupe_key)
        SELECT id, time, source, file_id, locator, dedupe_key FROM events;

      CREATE TABLE cloudtrail_events (
        id                 INTEGER PRIMARY KEY REFERENCES timeline(id),
        time               INTEGER NOT NULL,
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
        source_ip_key      BLOB,
        user_agent         TEXT COLLATE NOCASE,
        error_code         TEXT COLLATE NOCASE,
        error_message      TEXT COLLATE NOCASE,
        read_only          INTEGER,
        resources          TEXT,
        request_parameters TEXT,
        response_elements  TEXT,
        event_id           TEXT COLLATE NOCASE,
        event_type         TEXT COLLATE NOCASE
      ) STRICT;
      INSERT INTO cloudtrail_events
        SELECT id, time, event_name, event_source, region, account_id, principal_arn, principal_type, user_name,
               access_key_id, session_issuer_arn, source_ip, cairn_ip_key(source_ip), user_agent, error_code,
               error_message, read_only, resources, request_parameters, response_elements, event_id, event_type
        FROM events;

      CREATE INDEX cloudtrail_events_by_time ON cloudtrail_events(time);
      CREATE INDEX cloudtrail_events_by_event_name_time ON cloudtrail_events(event_name, time);
      CREATE INDEX cloudtrail_events_by_event_source_time ON cloudtrail_events(event_source, time);
      CREATE INDEX cloudtrail_events_by_region_time ON cloudtrail_events(region, time);
      CREATE INDEX cloudtrail_events_by_principal_arn_time ON cloudtrail_events(principal_arn, time);
      CREATE INDEX cloudtrail_events_by_user_name_time ON cloudtrail_events(user_name, time);
      CREATE INDEX cloudtrail_events_by_access_key_id_time ON cloudtrail_events(access_key_id, time);
      CREATE INDEX cloudtrail_events_by_source_ip_time ON cloudtrail_events(source_ip, time);
      CREATE INDEX cloudtrail_events_by_error_code_time ON cloudtrail_events(error_code, time);
      CREATE INDEX cloudtrail_events_by_event_id_time ON cloudtrail_events(event_id, time);

      CREATE TABLE timeline_raw (
        id  INTEGER PRIMARY KEY REFERENCES timeline(id),
        raw TEXT NOT NULL                         -- the record exactly as read
      ) STRICT;
      INSERT INTO timeline_raw(id, raw) SELECT id, raw FROM event_raw;
      DROP TABLE event_raw;

      CREATE TABLE marks (
        event_id   INTEGER PRIMARY KEY REFERENCES timeline(id),
        starred    INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX marks_by_starred ON marks(starred) WHERE starred = 1;
      INSERT INTO marks(event_id, starred, updated_at) SELECT event_id, starred, updated_at FROM annotations;

      CREATE TABLE notes (
        id       INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES timeline(id),
        author   TEXT NOT NULL,
        at       INTEGER NOT NULL,               -- ms UTC
        text     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notes_by_event_id ON notes(event_id);
      INSERT INTO notes(event_id, author, at, text)
        SELECT event_id, 'analyst', updated_at, note FROM annotations WHERE note <> '' ORDER BY event_id;
      DROP TABLE annotations;

      CREATE TABLE timeline_tags (
        event_id INTEGER NOT NULL REFERENCES timeline(id),
        tag      TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (event_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX timeline_tags_by_tag ON timeline_tags(tag, event_id);
      INSERT INTO timeline_tags(event_id, tag) SELECT event_id, tag FROM event_tags;
      DROP TABLE event_tags;

      DROP TABLE events;
      CREATE UNIQUE INDEX timeline_by_time_dedupe_key ON timeline(time, dedupe_key);
      CREATE INDEX timeline_by_time ON timeline(time);
      CREATE INDEX timeline_by_source_time ON timeline(source, time);
      CREATE INDEX timeline_by_file_id ON timeline(file_id);
      ALTER TABLE events_fts RENAME TO timeline_fts;

      -- How many rows each source has: which detail tables a query must look at.
      CREATE TABLE timeline_sources (
        source TEXT PRIMARY KEY,
        rows   INTEGER NOT NULL
      ) STRICT;
      INSERT INTO timeline_sources(source, rows) SELECT source, count(*) FROM timeline GROUP BY source;

      CREATE TABLE saved_searches (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        query       TEXT NOT NULL,
        from_ms     INTEGER,
        to_ms       INTEGER,
        created_at  INTEGER NOT NULL
      ) STRICT;

      -- State, not events: versioned snapshots of resources (security groups, NACLs, IAM roles, …),
      -- one row per resource per capture, linked to the evidence file it came from.
      CREATE TABLE resource_states (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,               -- e.g. ec2-security-group, iam-role
        resource_id TEXT NOT NULL,               -- ARN or AWS id
        account_id  TEXT,
        region      TEXT,
        captured_at INTEGER NOT NULL,            -- ms UTC
        file_id     INTEGER NOT NULL REFERENCES evidence_files(id),
        locator     TEXT NOT NULL,
        document    TEXT NOT NULL,               -- JSON
        digest      TEXT NOT NULL                -- SHA-256 of document: one row per distinct state
      ) STRICT;
      CREATE UNIQUE INDEX resource_states_by_kind_resource_id_captured_at_digest
        ON resource_states(kind, resource_id, captured_at, digest);

      ALTER TABLE imports ADD COLUMN actor TEXT;
      ALTER TABLE imports ADD COLUMN pid INTEGER;       -- the importing process, to tell a live import from a killed one
    `);
  },
};
