import { REPORT_SECTION_NAMES } from '../../../preload/contract/report-sections.js';
import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/** The report's analyst-written sections: the summary, each incident-response phase, and the review's narrative. */
export const REPORT_SECTIONS = REPORT_SECTION_NAMES;

export type ReportSectionName = (typeof REPORT_SECTIONS)[number];

/** One analyst-written section as stored. */
export interface StoredReportSection {
  section: ReportSectionName;
  text: string;
  author: string;
  /** ms UTC. */
  updatedAt: number;
}

export function isReportSection(name: string): name is ReportSectionName {
  return (REPORT_SECTIONS as readonly string[]).includes(name);
}

/** Every written section, by name. */
export function listReportSections(db: ReadonlyDb): StoredReportSection[] {
  return statement(db, `SELECT section, text, author, updated_at AS updatedAt FROM report_sections ORDER BY section`).all() as StoredReportSection[];
}

export function getReportSection(db: ReadonlyDb, section: ReportSectionName): StoredReportSection | null {
  return (
    (statement(db, `SELECT section, text, author, updated_at AS updatedAt FROM report_sections WHERE section = ?`).get(section) as
      | StoredReportSection
      | undefined) ?? null
  );
}

/** Writes (or with empty text, clears) a section. Call inside a transaction with its audit entry. */
export function putReportSection(db: WritableDb, section: ReportSectionName, text: string, author: string, now: number): void {
  if (text.trim() === '') {
    statement(db, `DELETE FROM report_sections WHERE section = ?`).run(section);
    return;
  }
  statement(
    db,
    `INSERT INTO report_sections(section, text, author, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(section) DO UPDATE SET text = excluded.text, author = excluded.author, updated_at = excluded.updated_at`,
  ).run(section, text, author, now);
}

/**
 * Distinct non-empty values of one detail-table column, sorted (the report's scope: accounts,
 * regions). `table` and `column` come from a source descriptor (checked plain names), never from users.
 */
export function distinctColumnValues(db: ReadonlyDb, table: string, column: string): string[] {
  const exists = statement(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table);
  if (!exists) return [];
  const rows = db
    .prepare(`SELECT DISTINCT ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND ${column} != '' ORDER BY 1`)
    .all() as { value: unknown }[];
  return rows.map((row) => String(row.value));
}
