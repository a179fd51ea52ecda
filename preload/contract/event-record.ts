/**
 * One row of the timeline as the UI sees it, whatever source it came from. The source's own fields
 * travel in `fields` under their query names (see `sources:catalog`); times are milliseconds since
 * the epoch, UTC.
 */
export interface EventRecord {
  /** Case-local row id on the timeline spine: stable within this case file, used to annotate and to page. */
  id: number;
  /** Milliseconds since the epoch, UTC. */
  time: number;
  /** Source id from the catalogue, e.g. "cloudtrail", "vpcflow". */
  source: string;
  /** The row projected onto the common timeline: a one-line message, who, on what, with what result. */
  message: string;
  actor: string | null;
  target: string | null;
  outcome: string | null;
  /**
   * The source's own fields by query name. `json` fields carry JSON text (never parsed here: a
   * planted record may be nested too deep to cross a thread), `list` fields arrays of strings.
   */
  fields: Record<string, FieldValue>;
  /**
   * The record exactly as read from the evidence. Timeline pages (`events:page`) leave it empty to
   * stay light; `events:get` and `cairn events --json` carry it.
   */
  raw: string;
  /** Evidence file the row was first read from (see `cairn files`) and where in it ("line 12"). */
  fileId: number;
  locator: string;
  /** Analyst marks, shown on the grid. */
  starred: boolean;
  tags: string[];
  /** How many notes (comments) the row has. */
  notes: number;
}

/** A field's value on the wire. */
export type FieldValue = string | number | boolean | string[] | null;

/** Keyset-pagination position: the last row of the previous page. */
export interface EventCursor {
  /** Milliseconds since the epoch, UTC. */
  time: number;
  id: number;
}

/** How a field is compared and shown. `ip` fields accept CIDR queries; `json` holds JSON text. */
export type CatalogFieldType = 'text' | 'time' | 'int' | 'bool' | 'ip' | 'json' | 'list';

/** One queryable field, as the catalogue describes it. */
export interface CatalogField {
  /** Query name (camelCase), e.g. "eventName", "srcIp". */
  name: string;
  /** Column header. */
  label: string;
  type: CatalogFieldType;
  /** Cheap to filter, count and sort by. */
  indexed: boolean;
  /** Its words are in the full-text index. */
  fullText: boolean;
  /** Other spellings the query language accepts (the source's native names, ECS habits). */
  aliases: string[];
  description: string;
}

/** One kind of evidence on the timeline. */
export interface CatalogSource {
  id: string;
  label: string;
  description: string;
  fields: CatalogField[];
  /** Fields the grid shows by default for this source. */
  defaultColumns: string[];
}

/** Every source the case file knows (`sources:catalog`), from their descriptors. */
export interface SourceCatalog {
  /** Fields every row has: time, source, message, actor, target, outcome, and the analyst marks. */
  common: CatalogField[];
  sources: CatalogSource[];
}
