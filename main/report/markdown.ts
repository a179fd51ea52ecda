import { escapeMarkdown, escapeMarkdownBlock } from './escape.js';
import { shellLine } from './containment.js';
import { formatDuration, type ReportModel, type ReportText, type ReviewEntry } from './model.js';

/**
 * The report as Markdown (the same content as the HTML). Evidence text only ever appears escaped
 * or inside a code fence longer than any backtick run it contains: no raw HTML, no links.
 */

const m = escapeMarkdown;

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : m(String(value));
}

function table(headers: readonly string[], rows: readonly (string | number | null | undefined)[][], empty: string): string[] {
  if (rows.length === 0) return [`*${m(empty)}*`, ''];
  return [`| ${headers.map(m).join(' | ')} |`, `|${headers.map(() => ' --- |').join('')}`, ...rows.map((row) => `| ${row.map(cellText).join(' | ')} |`), ''];
}

/** A fenced code block whose fence no line of `text` can close. */
export function codeFence(text: string, info = ''): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, text, fence, ''];
}

function analystText(text: ReportText, missing = 'Not written yet.'): string[] {
  if (text.text === null) return [`*${m(missing)}*`, ''];
  return [escapeMarkdownBlock(text.text), '', ...(text.author ? [`— ${m(text.author)}${text.updatedAt ? `, ${m(text.updatedAt)}` : ''}`, ''] : [])];
}

function reviewList(items: readonly ReviewEntry[], empty: string): string[] {
  if (items.length === 0) return [`*${m(empty)}*`, ''];
  return [...items.map((item) => `- ${m(item.text)}${item.eventRowId !== null ? ` (event row ${item.eventRowId})` : ''} — ${m(item.author)}`), ''];
}

/** The model as Markdown (deterministic). */
export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  out.push(
    `# Incident report — case ${m(model.case.caseId)}`,
    '',
    `Generated ${m(model.generatedAt)} by Cairn · case file SHA-256 \`${model.case.sha256 ?? 'unavailable'}\` (${model.case.sha256Basis}) · audit head \`${model.case.auditHead ?? 'none'}\``,
    '',
    '## Incident summary',
    '',
    ...analystText(model.summary, 'No summary written yet (cairn report --section summary=TEXT).'),
  );

  const { scope } = model;
  out.push(
    '## Scope',
    '',
    `- Accounts: ${scope.accounts.map(m).join(', ') || '—'}`,
    `- Regions: ${scope.regions.map(m).join(', ') || '—'}`,
    `- Time range (UTC): ${scope.timeRange ? `${m(scope.timeRange.from)} — ${m(scope.timeRange.to)}` : '—'}`,
    '',
    ...table(['Source', 'Rows'], scope.sources.map((source) => [source.label, source.rows]), 'No events in the case.'),
    '## Chain of custody',
    '',
    ...table(
      ['Path', 'SHA-256', 'Bytes', 'Format', 'Status', 'Records', 'Imported (UTC)', 'Importer'],
      model.custody.map((file) => [file.path, file.sha256, file.bytes, file.format, file.status, file.records, file.importedAt, file.importedBy]),
      'No evidence files.',
    ),
    '## Incident timeline',
    '',
  );
  if (model.timeline.length === 0) out.push('*No starred events: star the key events (cairn annotate CASE ID \\-\\-star).*', '');
  model.timeline.forEach((entry, index) => {
    out.push(`### ${index + 1}. ${m(entry.time)} · ${m(entry.source)} · ${m(entry.message)}`, '');
    if (entry.tags.length) out.push(`Tags: ${entry.tags.map(m).join(', ')}`, '');
    const rows: [string, string][] = [];
    if (entry.actor !== null) rows.push(['Actor', entry.actor]);
    if (entry.target !== null) rows.push(['Target', entry.target]);
    if (entry.outcome !== null) rows.push(['Outcome', entry.outcome]);
    if (entry.eventId !== null) rows.push(['Event id', entry.eventId]);
    rows.push(['Case row', String(entry.id)]);
    for (const field of entry.fields) rows.push([field.label, field.value]);
    out.push(...table(['Field', 'Value'], rows, ''));
    for (const note of entry.notes) out.push(`> **${m(note.author)}, ${m(note.at)}:** ${m(note.text)}`, '');
  });

  const { findings } = model;
  out.push('## Findings', '', '### Detections', '', `*${m(findings.detections.note)}*`, '', '### Network flows', '', m(findings.flows.note), '');
  if (findings.flows.available) {
    out.push(
      ...table(
        ['First (UTC)', 'ENI', 'Client', 'Server', 'Port', 'Proto', 'Verdict', 'Records', 'Bytes', 'Why'],
        findings.flows.pairs.map((p) => [p.first, p.eni, p.client, p.server, p.serverPort, p.protocol, p.verdict, p.records, p.bytes, p.explanation]),
        'No blocked or one-way conversations.',
      ),
      ...table(
        ['First (UTC)', 'Last (UTC)', 'Source', 'Kind', 'Targets', 'Ports', 'Accepted', 'Rejected'],
        findings.flows.scans.map((s) => [s.first, s.last, s.source, s.kind, s.targets.join(', '), s.distinctPorts, s.accepted, s.rejected]),
        'No scans detected.',
      ),
    );
  }
  out.push('### Credential lineage and blast radius', '', m(findings.identity.note), '');
  for (const blast of findings.identity.blast) {
    out.push(
      `#### Seed ${m(blast.seed)}${blast.adminEquivalent ? ' — ADMIN\\-EQUIVALENT' : ''}`,
      '',
      `${blast.iamSnapshot ? 'Observed and potential (IAM snapshot present)' : 'Observed only: no IAM snapshot in the case'}${blast.principals.length ? ` · principals: ${blast.principals.map(m).join(', ')}` : ''}`,
      '',
      ...blast.notes.flatMap((note) => [m(note), '']),
      ...table(['Node', 'Kind', 'Seen as'], blast.nodes.map((n) => [n.id, n.kind, n.observed && n.potential ? 'both' : n.observed ? 'observed' : 'potential']), 'No nodes.'),
      ...table(
        ['From', 'Edge', 'To', 'Seen as', 'Actions'],
        blast.edges.map((e) => [e.from, e.kind, e.to, e.observed && e.potential ? 'both' : e.observed ? 'observed' : 'potential', e.actions.join(', ')]),
        'No edges.',
      ),
    );
  }

  out.push('## Response by phase', '');
  for (const phase of model.phases) out.push(`### ${m(phase.title)}`, '', ...analystText(phase));

  out.push(...reviewMarkdown(model, 2));

  const { containment } = model;
  out.push('## Containment artifacts', '', '**Generated for review: Cairn never runs these.** Check every id against the live account first.', '');
  for (const note of containment.notes) out.push(`- ${m(note)}`);
  if (containment.notes.length) out.push('');
  if (containment.refused.length) out.push(...table(['Refused value', 'Why'], containment.refused.map((item) => [item.value, item.reason]), ''));
  for (const policy of containment.policies) {
    out.push(`### ${m(policy.name)}`, '', m(policy.purpose), '', ...codeFence(JSON.stringify(policy.document, null, 2), 'json'));
  }
  if (containment.commands.length) {
    out.push('### Commands', '', ...codeFence(containment.commands.map((command) => `# ${command.description}\n${shellLine(command)}`).join('\n\n'), 'sh'));
  } else out.push('*Nothing to contain: no compromised principals, keys or resources identified from the starred events.*', '');

  out.push(
    '---',
    '',
    `Case ${m(model.case.caseId)} · schema v${model.case.schemaVersion} · ${model.case.auditEntries} audit entries, chain ${model.case.auditChainIntact ? 'intact' : 'BROKEN'} · audit head \`${model.case.auditHead ?? 'none'}\` · case file SHA-256 \`${model.case.sha256 ?? 'unavailable'}\` · generated ${m(model.generatedAt)}`,
    '',
  );
  return out.join('\n');
}

/** The lessons-learned review alone (`cairn review --format md`), headings from `level`. */
export function reviewMarkdown(model: Pick<ReportModel, 'review'>, level = 1): string[] {
  const hh = '#'.repeat(level);
  const sub = '#'.repeat(level + 1);
  const { review } = model;
  return [
    `${hh} Lessons learned`,
    '',
    `${sub} What happened${review.whatHappened.drafted ? ' (auto\\-drafted from the starred timeline)' : ''}`,
    '',
    ...analystText(review.whatHappened, 'Nothing written and no starred events to draft from.'),
    `${sub} What went well`,
    '',
    ...reviewList(review.wentWell, 'None recorded.'),
    `${sub} What went badly`,
    '',
    ...reviewList(review.wentBadly, 'None recorded.'),
    `${sub} Gaps`,
    '',
    ...reviewList(review.gaps, 'None recorded by the analyst.'),
    `${sub}# Suggested by Cairn`,
    '',
    ...(review.suggestedGaps.length ? [...review.suggestedGaps.map((gap) => `- ${m(gap.text)}`), ''] : ['*None.*', '']),
    `Time to detect: ${review.timeToDetectMs === null ? '*unknown (tag the first containment event “containment”)*' : m(formatDuration(review.timeToDetectMs))}`,
    '',
    `${sub} Action items`,
    '',
    ...table(
      ['#', 'Action', 'Owner', 'Due (UTC)', 'Status', 'Evidence (row)'],
      review.actions.map((item) => [item.id, item.text, item.owner, item.due, item.status ?? 'open', item.eventRowId]),
      'No action items.',
    ),
  ];
}
