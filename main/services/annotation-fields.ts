import type { VirtualField } from '../analysis/query/index.js';

/**
 * Query fields over analyst annotations: `starred:true|false`, `tag:NAME` (wildcards allowed),
 * `note:TEXT` (wildcards; plain text means "contains").
 */
export const ANNOTATION_FIELDS: Readonly<Record<string, VirtualField>> = {
  starred(value, op) {
    if (op === 'present') return { sql: 'events.id IN (SELECT event_id FROM marks WHERE starred = 1)', params: [] };
    const wanted = value.toLowerCase();
    if (op !== '=' || (wanted !== 'true' && wanted !== 'false')) throw new Error('starred takes true or false');
    return {
      sql: `events.id ${wanted === 'true' ? '' : 'NOT '}IN (SELECT event_id FROM marks WHERE starred = 1)`,
      params: [],
    };
  },
  tag(value, op) {
    if (op === 'present') return { sql: 'events.id IN (SELECT event_id FROM timeline_tags)', params: [] };
    if (op === '=') return { sql: 'events.id IN (SELECT event_id FROM timeline_tags WHERE tag = ?)', params: [value] };
    if (op === 'like') {
      return { sql: "events.id IN (SELECT event_id FROM timeline_tags WHERE tag LIKE ? ESCAPE '\\')", params: [value] };
    }
    throw new Error('tag takes a name (wildcards allowed), not a range');
  },
  note(value, op) {
    if (op === 'present') return { sql: 'events.id IN (SELECT event_id FROM notes)', params: [] };
    if (op === '=' || op === 'like') {
      const pattern = op === 'like' ? value : `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return { sql: "events.id IN (SELECT event_id FROM notes WHERE text LIKE ? ESCAPE '\\')", params: [pattern] };
    }
    throw new Error('note takes text, not a range');
  },
};
