import type { Migration } from './migration.js';

/**
 * Analyst annotations (star, tags, note per event) and a per-minute event count rollup that
 * answers unfiltered counts and histograms without scanning millions of rows.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'annotations-and-rollup',
  up(db) {
    db.exec(`
      CREATE TABLE annotations (
        event_id   INTEGER PRIMARY KEY REFERENCES events(id),
        starred    INTEGER NOT NULL DEFAULT 0,
        note       TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_starred ON annotations(starred) WHERE starred = 1;

      CREATE TABLE event_tags (
        event_id INTEGER NOT NULL REFERENCES events(id),
        tag      TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (event_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_tags_by_tag ON event_tags(tag, event_id);

      -- minute = floor(time / 60000); kept in step with events by the ingest writer.
      CREATE TABLE event_minutes (
        minute INTEGER PRIMARY KEY,
        count  INTEGER NOT NULL
      ) STRICT;
      INSERT INTO event_minutes(minute, count)
        SELECT time / 60000 - (time % 60000 < 0), count(*) FROM events GROUP BY 1;
    `);
  },
};
