import { parse } from 'csv-parse/sync';
import type { CredentialReportRow } from '../../../analysis/iam/model.js';
import { IamParseError, isObject, parseJsonText } from './parse-error.js';

/**
 * Parses an IAM credential report: the CSV itself, or the GetCredentialReport JSON
 * `{"Content": …, "ReportFormat": "text/csv"}` whose Content is base64 (the real API) or already
 * CSV text (some collectors, e.g. cloudmapper, store it decoded).
 */
export function parseCredentialReport(text: string): CredentialReportRow[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  const csv = body.startsWith('{') ? contentOf(parseJsonText(body, 'the credential report')) : body;
  let records: string[][];
  try {
    records = parse(csv, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new IamParseError(
      'Content',
      `credential report CSV is malformed (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const header = records[0];
  if (!header || header[0] !== 'user' || header[1] !== 'arn')
    throw new IamParseError('Content', 'credential report CSV must start with the header "user,arn,…"');
  return records.slice(1).map((cells) => {
    const fields: Record<string, string> = {};
    header.forEach((name, i) => (fields[name] = cells[i] ?? ''));
    return { user: cells[0] ?? '', arn: cells[1] ?? '', fields };
  });
}

function contentOf(doc: unknown): string {
  if (!isObject(doc) || typeof doc.Content !== 'string')
    throw new IamParseError('Content', 'expected GetCredentialReport output with a Content string');
  const content = doc.Content.trim();
  if (content.startsWith('user,')) return content;
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new IamParseError('Content', 'Content is neither CSV nor base64');
  return Buffer.from(compact, 'base64').toString('utf8');
}
