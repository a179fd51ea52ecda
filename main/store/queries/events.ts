import type { EventCursor, EventRecord } from '../../../preload/contract/event-record.js';
import type { ReadonlyDb } from '../open-case.js';

/** A parameterised boolean SQL expression over the `events` table (from the query language). */
export interface SqlFilter {
  where: string;
  params: (string | number)[];
}

export const MATCH_ALL: SqlFilter = { where: '1', params: [] };

/** Combines filters with AND. */
export function allOf(...filters: SqlFilter[]): SqlFilter {
  const used = filters.filter((filter) => filter.where !== '1');
  if (used.length === 0) return MATCH_ALL;
  return { where: used.map((filter) => `(${filter.where})`).join(' AND '), params: used.flatMap((f) => f.params) };
}

export interface EventPageRequest {
  filter: SqlFilter;
  /** Oldest first (`asc`, the timeline's order) or newest first. */
  order: 'asc' | 'desc';
  limit: number;
  /** Continue after this row (keyset pagination; never OFFSET). */
  after?: EventCursor | undefined;
  /** Include the raw record (costs a join per row). */
  withRaw?: boolean;
}

const EVENT_COLUMNS = `events.id, events.time, events.source, events.event_name, events.event_source, events.region,
  events.account_id, events.principal_arn, events.principal_type, events.user_name, events.access_key_id,
  events.session_issuer_arn, events.source_ip, events.user_agent, events.error_code, events.error_message,
  events.read_only, events.resources, events.request_parameters, events.response_elements, events.event_id,
  events.event_type, events.file_id, events.locator`;

interface EventRow {
  id: number;
  time: number;
  source: string;
  event_name: string | null;
  event_source: string | null;
  region: string | null;
  account_id: string | null;
  principal_arn: string | null;
  principal_type: string | null;
  user_name: string | null;
  access_key_id: string | null;
  session_issuer_arn: string | null;
  source_ip: string | null;
  user_agent: string | null;
  error_code: string | null;
  error_message: string | null;
  read_only: number | null;
  resources: string | null;
  request_parameters: string | null;
  response_elements: string | null;
  event_id: string | null;
  event_type: string | null;
  file_id: number;
  locator: string;
  raw?: string;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Maps a stored row to the contract's shape. */
export function toEventRecord(row: EventRow): EventRecord {
  return {
    time: new Date(row.time).toISOString(),
    source: row.source,
    eventName: row.event_name,
    eventSource: row.event_source,
    region: row.region,
    accountId: row.account_id,
    principalArn: row.principal_arn,
    principalType: row.principal_type,
    userName: row.user_name,
    accessKeyId: row.access_key_id,
    sessionIssuerArn: row.session_issuer_arn,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    readOnly: row.read_only === null ? null : row.read_only === 1,
    resources: row.resources ? (JSON.parse(row.resources) as string[]) : [],
    requestParameters: parseJson(row.request_parameters),
    responseElements: parseJson(row.response_elements),
    eventId: row.event_id,
    eventType: row.event_type,
    raw: row.raw ?? '',
    id: row.id,
    fileId: row.file_id,
    locator: row.locator,
  };
}

function pageSql(request: EventPageRequest): { sql: string; params: (string | number)[] } {
  const direction = request.order === 'asc' ? 'ASC' : 'DESC';
  const comparator = request.order === 'asc' ? '>' : '<';
  const params = [...request.filter.params];
  let where = request.filter.where;
  if (request.after) {
    where = `(${where}) AND (events.time, events.id) ${comparator} (?, ?)`;
    params.push(request.after.time, request.after.id);
  }
  const raw = request.withRaw ? ', event_raw.raw' : '';
  const join = request.withRaw ? ' LEFT JOIN event_raw ON event_raw.id = events.id' : '';
  return {
    sql: `SELECT ${EVENT_COLUMNS}${raw} FROM events${join} WHERE ${where}
          ORDER BY events.time ${direction}, events.id ${direction} LIMIT ?`,
    params: [...params, request.limit],
  };
}

/** One page of matching events in time order. */
export function queryEvents(db: ReadonlyDb, request: EventPageRequest): EventRecord[] {
  const { sql, params } = pageSql(request);
  return (db.prepare(sql).all(...params) as EventRow[]).map(toEventRecord);
}

/** Every matching event, streamed in time order (for exports and --json). */
export function* iterateEvents(
  db: ReadonlyDb,
  filter: SqlFilter,
  options: { withRaw: boolean; limit?: number },
): Generator<EventRecord> {
  const { sql, params } = pageSql({
    filter,
    order: 'asc',
    limit: options.limit ?? -1,
    withRaw: options.withRaw,
  });
  for (const row of db.prepare(sql).iterate(...params) as Iterable<EventRow>) yield toEventRecord(row);
}

/** How many events match. */
export function countEvents(db: ReadonlyDb, filter: SqlFilter): number {
  const row = db.prepare(`SELECT count(*) AS n FROM events WHERE ${filter.where}`).get(...filter.params) as {
    n: number;
  };
  return row.n;
}

/** One event with its raw record, or null. */
export function getEvent(db: ReadonlyDb, id: number): EventRecord | null {
  const row = db
    .prepare(`SELECT ${EVENT_COLUMNS}, event_raw.raw FROM events LEFT JOIN event_raw ON event_raw.id = events.id WHERE events.id = ?`)
    .get(id) as EventRow | undefined;
  return row ? toEventRecord(row) : null;
}

/**
 * Milliseconds UTC of the first and last matching event, or null when none match. Two index seeks:
 * SQLite's min/max shortcut does not apply when one query asks for both.
 */
export function eventTimeRange(db: ReadonlyDb, filter: SqlFilter = MATCH_ALL): { min: number; max: number } | null {
  const edge = (direction: 'ASC' | 'DESC'): number | undefined =>
    (
      db.prepare(`SELECT time FROM events WHERE ${filter.where} ORDER BY time ${direction} LIMIT 1`).get(...filter.params) as
        | { time: number }
        | undefined
    )?.time;
  const min = edge('ASC');
  const max = edge('DESC');
  return min === undefined || max === undefined ? null : { min, max };
}
