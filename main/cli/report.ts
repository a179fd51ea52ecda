import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { noExtraWords, runVerb, VerbFailure } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import { isReportSection, REPORT_SECTIONS, type ReportSectionName } from '../store/queries/report-sections.js';
import { setReportSection } from '../store/report-actions.js';
import { CASE_ANALYSES, reportModelFor } from '../services/report.js';
import type { ReportAnalyses, ReportModel, ReportOptions } from '../report/model.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { PdfUnavailableError, printPdf } from '../report/pdf.js';

export const reportUsage = [
  'cairn report CASE --format html|md|json|pdf [--out FILE] [--section NAME=TEXT]... [--generated-at ISO]',
  '    [--blast-seed SEED]... [--management-cidr CIDR] [--management-port N] [--break-glass-role ARN]',
  '    [--volume-id VOL]... [--instance-id ID]... [--author NAME]',
  `    sections: ${REPORT_SECTIONS.join(', ')} (saved in the case, audited; empty TEXT clears)`,
  '    without --out the report goes to stdout (pdf needs --out and Chromium)',
].join('\n');

/** Options every report-building verb (report, review, export --bundle) shares. */
export const REPORT_OPTIONS = {
  'generated-at': { type: 'string' },
  'blast-seed': { type: 'string', multiple: true },
  'management-cidr': { type: 'string' },
  'management-port': { type: 'string' },
  'break-glass-role': { type: 'string' },
  'volume-id': { type: 'string', multiple: true },
  'instance-id': { type: 'string', multiple: true },
} as const;

type ReportOptionValues = {
  'generated-at'?: string | undefined;
  'blast-seed'?: string[] | undefined;
  'management-cidr'?: string | undefined;
  'management-port'?: string | undefined;
  'break-glass-role'?: string | undefined;
  'volume-id'?: string[] | undefined;
  'instance-id'?: string[] | undefined;
};


/** Builds the report model of a case file from the shared options (hashes the file first). */
export async function caseReportModel(casePath: string, values: ReportOptionValues, analyses: ReportAnalyses = CASE_ANALYSES): Promise<ReportModel> {
  const generatedAt = parseTimeOption('generated-at', values['generated-at']) ?? Date.now();
  const port = parsePositiveInt('management-port', values['management-port']);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError('--management-port: 1 to 65535');
  const containment: NonNullable<ReportOptions['containment']> = {
    ...(values['management-cidr'] !== undefined ? { managementCidr: values['management-cidr'] } : {}),
    ...(port !== undefined ? { managementPort: port } : {}),
    ...(values['break-glass-role'] !== undefined ? { breakGlassRole: values['break-glass-role'] } : {}),
    ...(values['volume-id'] ? { volumes: values['volume-id'] } : {}),
    ...(values['instance-id'] ? { instances: values['instance-id'] } : {}),
  };
  const db = openCase(casePath, { readonly: true });
  try {
    return await reportModelFor(db, casePath, { generatedAt, analyses, blastSeeds: values['blast-seed'], containment });
  } finally {
    db.close();
  }
}

/** The model as JSON text (the JSON format is the model). */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

function parseSections(raw: readonly string[]): [ReportSectionName, string][] {
  return raw.map((entry) => {
    const equals = entry.indexOf('=');
    const name = equals === -1 ? entry : entry.slice(0, equals);
    if (equals === -1 || !isReportSection(name)) throw new UsageError(`--section: expected NAME=TEXT with NAME one of ${REPORT_SECTIONS.join(', ')}; got ${entry.slice(0, 40)}`);
    return [name, entry.slice(equals + 1)];
  });
}

/** `cairn report`: the post-mortem report as self-contained HTML, Markdown, JSON or PDF. */
export function reportCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('report', argv, io, () => report(argv, io));
}

async function report(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    section: { type: 'string', multiple: true },
    author: { type: 'string' },
    ...REPORT_OPTIONS,
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${reportUsage}`);
  noExtraWords(extra, reportUsage);
  const format = values.format ?? 'html';
  if (!['html', 'md', 'json', 'pdf'].includes(format)) throw new UsageError(`--format: html, md, json or pdf; got ${format}`);
  if (format === 'pdf' && !values.out) throw new UsageError('--format pdf needs --out FILE');
  const sections = parseSections(values.section ?? []);

  if (sections.length > 0) {
    const db = openCase(casePath);
    try {
      for (const [name, text] of sections) setReportSection(db, name, text, values.author?.trim() || 'cli');
    } finally {
      db.close();
    }
  }
  const model = await caseReportModel(casePath, values);
  if (format === 'pdf') {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-report-'));
    try {
      const html = join(dir, 'report.html');
      writeFileSync(html, renderHtml(model));
      await printPdf(html, values.out as string);
    } catch (error) {
      if (error instanceof PdfUnavailableError) throw new VerbFailure('pdf-unavailable', error.message);
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    io.err(`cairn report: wrote ${terminalSafe(values.out as string)}`);
    return EXIT.ok;
  }
  const text = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
  if (values.out) {
    writeFileSync(values.out, text);
    io.err(`cairn report: wrote ${terminalSafe(values.out)}`);
  } else io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  return EXIT.ok;
}
