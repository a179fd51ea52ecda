import { readFileSync } from 'node:fs';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { renderTable, terminalSafe, type Output } from './output.js';
import { VerbFailure, noExtraWords, runVerb } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import type { IamSnapshot, RequestContext } from '../analysis/iam/index.js';
import { caseIamSnapshot, canPerform, whoCanPerform, type CanAnswer, type CanRequest } from '../services/identity.js';

export const iamUsage = [
  'cairn iam can CASE (--principal ARN --action A --resource R | --batch FILE) [--context KEY=VALUE]... [--context-complete] [--json]',
  '       cairn iam who-can CASE --action A --resource R [--context KEY=VALUE]... [--context-complete] [--json]',
  '    Evaluates policies of the newest IAM snapshot in the case (authorization details, resource',
  '    policies, SCPs). decision: allow, deny, or conditional (depends on request context not given;',
  '    --context-complete treats keys not given as absent). --batch FILE answers a JSONL file of',
  '    {"principal","action","resource"[,"context"]} lines, one answer per line, in order.',
  '    example: cairn iam can case.cairn --principal arn:aws:iam::111122223333:user/dev --action s3:GetObject \\',
  '               --resource arn:aws:s3:::acme-data/report.csv --context aws:SourceIp=203.0.113.7 --json',
].join('\n');

/** `cairn iam`: policy questions against the case's IAM snapshot. */
export function iamCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('iam', argv, io, () => iam(argv, io));
}

function iam(argv: string[], io: Output): number {
  const [sub, ...rest] = argv;
  if (sub !== 'can' && sub !== 'who-can') throw new UsageError(`expected "can" or "who-can"${sub ? `, got "${sub}"` : ''}\nusage: ${iamUsage}`);
  const { values, positionals } = parseVerbArgs(rest, {
    principal: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    context: { type: 'string', multiple: true },
    'context-complete': { type: 'boolean' },
    batch: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${iamUsage}`);
  noExtraWords(extra, iamUsage);
  const context = parseContext(values.context ?? []);
  const contextComplete = values['context-complete'] === true ? true : undefined;
  const json = values.json === true;

  if (sub === 'who-can') {
    if (values.principal !== undefined || values.batch !== undefined) throw new UsageError('who-can takes --action and --resource (no --principal or --batch)');
    const action = required('action', values.action);
    const resource = required('resource', values.resource);
    const snapshot = loadSnapshot(casePath);
    const entries = whoCanPerform(snapshot, { action, resource, context, contextComplete });
    if (json) {
      io.out(JSON.stringify(entries));
      return EXIT.ok;
    }
    const rows = entries.map((e) => [e.principal, e.decision, e.reasons.map((r) => `${r.policy}#${r.statement}`).join(', '), e.conditions.join('; ')]);
    for (const line of renderTable(['principal', 'decision', 'because', 'conditions'], rows, 100)) io.out(line);
    return EXIT.ok;
  }

  if (values.batch !== undefined) {
    if (values.principal !== undefined || values.action !== undefined || values.resource !== undefined)
      throw new UsageError('--batch FILE takes the requests from the file (no --principal, --action or --resource)');
    let lines: string[];
    try {
      lines = readFileSync(values.batch, 'utf8').split(/\r?\n/);
    } catch (error) {
      throw new VerbFailure('not-found', `cannot read ${values.batch}: ${(error as Error).message}`);
    }
    const snapshot = loadSnapshot(casePath);
    return answerBatch(snapshot, lines, { context, contextComplete }, json, io);
  }

  const request: CanRequest = {
    principal: required('principal', values.principal),
    action: required('action', values.action),
    resource: required('resource', values.resource),
    context,
    contextComplete,
  };
  const snapshot = loadSnapshot(casePath);
  const answer = canPerform(snapshot, request);
  if (json) io.out(JSON.stringify(answer));
  else printAnswer(answer, io);
  return EXIT.ok;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required\nusage: ${iamUsage}`);
  return value.trim();
}

/** `--context k=v` options as a request context; a repeated key gives a list. */
function parseContext(items: readonly string[]): RequestContext | undefined {
  if (items.length === 0) return undefined;
  const context: Record<string, string[]> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--context: expected KEY=VALUE, got ${item}`);
    const key = item.slice(0, eq).trim();
    (context[key] ??= []).push(item.slice(eq + 1));
  }
  return Object.fromEntries(Object.entries(context).map(([key, list]) => [key, list.length === 1 ? list[0]! : list]));
}

function loadSnapshot(casePath: string): IamSnapshot {
  const db = openCase(casePath, { readonly: true });
  try {
    const { snapshot, notes } = caseIamSnapshot(db);
    if (snapshot === null)
      throw new VerbFailure('no-iam-snapshot', `the case has no IAM snapshot (ingest authorization details, resource policies or SCPs)${notes.length ? `: ${notes.join('; ')}` : ''}`);
    return snapshot;
  } finally {
    db.close();
  }
}

function printAnswer(answer: CanAnswer, io: Output): void {
  io.out(`${answer.decision.toUpperCase()}${answer.explicitDeny ? ' (explicit deny)' : ''}`);
  for (const reason of answer.reasons) io.out(`  ${reason.effect.padEnd(5)} ${terminalSafe(reason.policy)} statement ${terminalSafe(reason.statement)}`);
  for (const condition of answer.conditions) io.out(`  if: ${terminalSafe(condition)}`);
  for (const missing of answer.missingPolicies) io.out(`  not in the snapshot: ${terminalSafe(missing)}`);
}

/** One answer per non-blank line, in order; an unreadable line gets an error object and exit 3. */
function answerBatch(
  snapshot: IamSnapshot,
  lines: readonly string[],
  defaults: Pick<CanRequest, 'context' | 'contextComplete'>,
  json: boolean,
  io: Output,
): number {
  let failed = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let request: CanRequest;
    try {
      request = batchRequest(line, defaults);
    } catch (error) {
      failed += 1;
      const message = `line ${index + 1}: ${(error as Error).message}`;
      if (json) io.out(JSON.stringify({ error: message, code: 'invalid-request', line: index + 1 }));
      else io.err(`cairn iam: ${message}`);
      return;
    }
    const answer = canPerform(snapshot, request);
    if (json) {
      io.out(JSON.stringify({ ...answer, principal: request.principal, action: request.action, resource: request.resource, ...(request.context ? { context: request.context } : {}) }));
    } else {
      io.out(`${answer.decision.padEnd(11)} ${terminalSafe(request.principal)} ${terminalSafe(request.action)} ${terminalSafe(request.resource)}`);
    }
  });
  return failed > 0 ? EXIT.partial : EXIT.ok;
}

function batchRequest(line: string, defaults: Pick<CanRequest, 'context' | 'contextComplete'>): CanRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error('not a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  const record = parsed as Record<string, unknown>;
  const field = (name: string): string => {
    const value = record[name];
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`"${name}" must be a non-empty string`);
    return value.trim();
  };
  let context = defaults.context;
  if (record.context !== undefined) {
    if (typeof record.context !== 'object' || record.context === null || Array.isArray(record.context)) throw new Error('"context" must be an object');
    const own: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(record.context as Record<string, unknown>)) {
      if (typeof value === 'string') own[key] = value;
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) own[key] = value as string[];
      else throw new Error(`context "${key}" must be a string or a list of strings`);
    }
    context = { ...(defaults.context ?? {}), ...own };
  }
  return { principal: field('principal'), action: field('action'), resource: field('resource'), context, contextComplete: defaults.contextComplete };
}
