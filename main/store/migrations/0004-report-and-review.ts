import type { Migration } from './migration.js';

/**
 * The analyst's report text and the lessons-learned review, kept in the case (audited like every
 * analyst action): one text per report section (the summary and each incident-response phase), and
 * review items (what went well or badly, detection and logging gaps, action items).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'report-and-review',
  up(db) {
    db.exec(`
      CREATE TABLE report_sections (
        section    TEXT PRIMARY KEY,             -- summary | preparation | identification | containment | investigation | eradication | recovery | follow-up | what-happened
        text       TEXT NOT NULL,
        author     TEXT NOT NULL,
        updated_at INTEGER NOT NULL              -- ms UTC
      ) STRICT;

      CREATE TABLE review_items (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,               -- went-well | went-badly | gap | action
        text        TEXT NOT NULL,
        owner       TEXT,                        -- action items
        due_at      INTEGER,                     -- ms UTC, action items
        status      TEXT,                        -- open | in-progress | done (action items)
        event_id    INTEGER REFERENCES timeline(id), -- the evidence that motivated it
        author      TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX review_items_by_kind ON review_items(kind, id);
    `);
  },
};
