import { escapeAttribute, escapeHtml } from './escape.js';
import { blastGraphSvg } from './svg-graph.js';
import { shellLine } from './containment.js';
import { formatDuration, type ReportModel, type ReportText, type ReviewEntry, type TimelineEntry } from './model.js';

/**
 * The report as one self-contained HTML file: no script at all, a CSP that forbids everything but
 * inline style and data: images, inline SVG, CSS that prints. Every string is escaped (evidence is
 * hostile); nothing from evidence becomes a link, an attribute name or a URL.
 */

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The report's whole stylesheet (fixed text: the renderer's CSP allows exactly its hash, for the live preview). */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; } h3 { margin-top: 1.3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: 12.5px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td, pre, .mono { overflow-wrap: anywhere; word-break: break-word; }
.mono, code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .6rem; white-space: pre-wrap; }
.muted { color: #57606a; } .empty { color: #8c959f; font-style: italic; }
.event { border: 1px solid #d0d7de; border-left: 4px solid #0969da; margin: .6rem 0; padding: .4rem .7rem; break-inside: avoid; }
.event h3 { margin: .1rem 0 .3rem; font-size: 1rem; }
.event dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: .3rem 0; font-size: 12px; }
.event dt { color: #57606a; } .event dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.tag { display: inline-block; background: #ddf4ff; border-radius: 8px; padding: 0 6px; margin-right: 3px; font-size: 11px; }
.note { border-left: 3px solid #bf8700; padding-left: .5rem; margin: .3rem 0; white-space: pre-wrap; }
.text { white-space: pre-wrap; }
svg.graph { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
svg.graph .kind { font: bold 11px system-ui, sans-serif; fill: #57606a; }
svg.graph .node rect { fill: #ddf4ff; stroke: #0969da; } svg.graph .node.potential rect { fill: #fff8c5; stroke: #bf8700; stroke-dasharray: 4 2; }
svg.graph .node text { font: 11px ui-monospace, Menlo, monospace; fill: #1b1f24; }
svg.graph .edge { stroke: #57606a; stroke-width: 1; } svg.graph .edge.potential { stroke-dasharray: 4 3; stroke: #bf8700; }
footer { margin-top: 3rem; font-size: 12px; color: #57606a; border-top: 1px solid #d0d7de; padding-top: .5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; } table, pre { break-inside: auto; } tr, .event { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 14mm; }
`;

const h = escapeHtml;

function cell(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '<td class="empty">—</td>' : `<td>${h(String(value))}</td>`;
}

function table(headers: readonly string[], rows: readonly (string | number | null | undefined)[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${h(empty)}</p>`;
  const head = headers.some((header) => header !== '') ? `<thead><tr>${headers.map((header) => `<th>${h(header)}</th>`).join('')}</tr></thead>` : '';
  return `<table>${head}<tbody>${rows
    .map((row) => `<tr>${row.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function analystText(text: ReportText, missing = 'Not written yet.'): string {
  if (text.text === null) return `<p class="empty">${h(missing)}</p>`;
  const by = text.author ? `<p class="muted">— ${h(text.author)}${text.updatedAt ? `, ${h(text.updatedAt)}` : ''}</p>` : '';
  return `<div class="text">${h(text.text)}</div>${by}`;
}

function timelineEvent(entry: TimelineEntry, index: number): string {
  const tags = entry.tags.map((tag) => `<span class="tag">${h(tag)}</span>`).join('');
  const fields = [
    ['Actor', entry.actor],
    ['Target', entry.target],
    ['Outcome', entry.outcome],
    ['Event id', entry.eventId],
    ['Case row', String(entry.id)],
  ] as const;
  const dl = [...fields.filter(([, value]) => value !== null).map(([label, value]) => [label, value as string]), ...entry.fields.map((field) => [field.label, field.value])]
    .map(([label, value]) => `<dt>${h(label ?? '')}</dt><dd>${h(value ?? '')}</dd>`)
    .join('');
  const notes = entry.notes
    .map((note) => `<div class="note"><span class="muted">${h(note.author)}, ${h(note.at)}:</span> ${h(note.text)}</div>`)
    .join('');
  return `<article class="event" id="event-${entry.id}"><h3>${index + 1}. <span class="mono">${h(entry.time)}</span> · ${h(entry.source)} · ${h(entry.message)}</h3>${
    tags ? `<div>${tags}</div>` : ''
  }<dl>${dl}</dl>${notes}</article>`;
}

function reviewList(items: readonly ReviewEntry[], empty: string): string {
  if (items.length === 0) return `<p class="empty">${h(empty)}</p>`;
  return `<ul>${items
    .map((item) => `<li><span class="text">${h(item.text)}</span>${item.eventRowId !== null ? ` <span class="muted">(event row ${item.eventRowId})</span>` : ''} <span class="muted">— ${h(item.author)}</span></li>`)
    .join('')}</ul>`;
}

/** The model as one HTML document (deterministic: the same model gives the same bytes). */
export function renderHtml(model: ReportModel): string {
  const out: string[] = [];
  const title = `Incident report — case ${model.case.caseId}`;
  out.push(
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${escapeAttribute(REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title><style>${REPORT_STYLE}</style></head><body>`,
    `<header><h1>${h(title)}</h1><p class="muted">Generated ${h(model.generatedAt)} by Cairn · case file SHA-256 <span class="mono">${h(model.case.sha256 ?? 'unavailable')}</span> (${h(model.case.sha256Basis)}) · audit head <span class="mono">${h(model.case.auditHead ?? 'none')}</span></p></header>`,
  );

  out.push('<section id="summary"><h2>Incident summary</h2>', analystText(model.summary, 'No summary written yet (cairn report --section summary=TEXT).'), '</section>');

  const { scope } = model;
  out.push(
    '<section id="scope"><h2>Scope</h2>',
    table(
      ['', ''],
      [
        ['Accounts', scope.accounts.join(', ') || null],
        ['Regions', scope.regions.join(', ') || null],
        ['Time range (UTC)', scope.timeRange ? `${scope.timeRange.from} — ${scope.timeRange.to}` : null],
      ],
      '',
    ),
    table(['Source', 'Rows'], scope.sources.map((source) => [source.label, source.rows]), 'No events in the case.'),
    '</section>',
  );

  out.push(
    '<section id="custody"><h2>Chain of custody</h2>',
    table(
      ['Path', 'SHA-256', 'Bytes', 'Format', 'Status', 'Records', 'Imported (UTC)', 'Importer'],
      model.custody.map((file) => [file.path, file.sha256, file.bytes, file.format, file.status, file.records, file.importedAt, file.importedBy]),
      'No evidence files.',
    ),
    '</section>',
  );

  out.push('<section id="timeline"><h2>Incident timeline</h2>');
  out.push(model.timeline.length ? model.timeline.map(timelineEvent).join('') : '<p class="empty">No starred events: star the key events (cairn annotate CASE ID --star).</p>');
  out.push('</section>');

  const { findings } = model;
  out.push('<section id="findings"><h2>Findings</h2>', '<h3>Detections</h3>', `<p class="empty">${h(findings.detections.note)}</p>`);
  out.push('<h3>Network flows</h3>', `<p class="muted">${h(findings.flows.note)}</p>`);
  if (findings.flows.available) {
    out.push(
      table(
        ['First (UTC)', 'ENI', 'Client', 'Server', 'Port', 'Proto', 'Verdict', 'Records', 'Bytes', 'Why'],
        findings.flows.pairs.map((p) => [p.first, p.eni, p.client, p.server, p.serverPort, p.protocol, p.verdict, p.records, p.bytes, p.explanation]),
        'No blocked or one-way conversations.',
      ),
      table(
        ['First (UTC)', 'Last (UTC)', 'Source', 'Kind', 'Targets', 'Ports', 'Accepted', 'Rejected'],
        findings.flows.scans.map((s) => [s.first, s.last, s.source, s.kind, s.targets.join(', '), s.distinctPorts, s.accepted, s.rejected]),
        'No scans detected.',
      ),
    );
  }
  out.push('<h3>Credential lineage and blast radius</h3>', `<p class="muted">${h(findings.identity.note)}</p>`);
  for (const blast of findings.identity.blast) {
    out.push(
      `<h4>Seed <span class="mono">${h(blast.seed)}</span>${blast.adminEquivalent ? ' — ADMIN-EQUIVALENT' : ''}</h4>`,
      `<p class="muted">${blast.iamSnapshot ? 'Observed and potential (IAM snapshot present)' : 'Observed only: no IAM snapshot in the case'}${blast.principals.length ? ` · principals: ${h(blast.principals.join(', '))}` : ''}</p>`,
      ...blast.notes.map((note) => `<p class="muted">${h(note)}</p>`),
      blast.nodes.length ? blastGraphSvg(blast) : '',
      table(
        ['From', 'Edge', 'To', 'Seen as', 'Actions'],
        blast.edges.map((e) => [e.from, e.kind, e.to, e.observed && e.potential ? 'both' : e.observed ? 'observed' : 'potential', e.actions.join(', ')]),
        'No edges.',
      ),
    );
  }
  out.push('</section>');

  out.push('<section id="phases"><h2>Response by phase</h2>');
  for (const phase of model.phases) out.push(`<h3 id="phase-${phase.section}">${h(phase.title)}</h3>`, analystText(phase));
  out.push('</section>');

  const { review } = model;
  out.push(
    '<section id="review"><h2>Lessons learned</h2>',
    `<h3>What happened${review.whatHappened.drafted ? ' <span class="muted">(auto-drafted from the starred timeline)</span>' : ''}</h3>`,
    analystText(review.whatHappened, 'Nothing written and no starred events to draft from.'),
    '<h3>What went well</h3>',
    reviewList(review.wentWell, 'None recorded.'),
    '<h3>What went badly</h3>',
    reviewList(review.wentBadly, 'None recorded.'),
    '<h3>Gaps</h3>',
    reviewList(review.gaps, 'None recorded by the analyst.'),
    '<h4>Suggested by Cairn</h4>',
    review.suggestedGaps.length ? `<ul>${review.suggestedGaps.map((gap) => `<li>${h(gap.text)}</li>`).join('')}</ul>` : '<p class="empty">None.</p>',
    `<p>Time to detect: ${review.timeToDetectMs === null ? '<span class="empty">unknown (tag the first containment event “containment”)</span>' : h(formatDuration(review.timeToDetectMs))}</p>`,
    '<h3>Action items</h3>',
    table(
      ['#', 'Action', 'Owner', 'Due (UTC)', 'Status', 'Evidence (row)'],
      review.actions.map((item) => [item.id, item.text, item.owner, item.due, item.status ?? 'open', item.eventRowId]),
      'No action items.',
    ),
    '</section>',
  );

  const { containment } = model;
  out.push(
    '<section id="containment-artifacts"><h2>Containment artifacts</h2>',
    '<p><strong>Generated for review: Cairn never runs these.</strong> Check every id against the live account first.</p>',
  );
  if (containment.notes.length) out.push(`<ul>${containment.notes.map((note) => `<li>${h(note)}</li>`).join('')}</ul>`);
  if (containment.refused.length) {
    out.push(table(['Refused value', 'Why'], containment.refused.map((item) => [item.value, item.reason]), ''));
  }
  for (const policy of containment.policies) {
    out.push(`<h3>${h(policy.name)}</h3><p class="muted">${h(policy.purpose)}</p><pre>${h(JSON.stringify(policy.document, null, 2))}</pre>`);
  }
  out.push(
    containment.commands.length
      ? `<h3>Commands</h3><pre>${h(containment.commands.map((command) => `# ${command.description}\n${shellLine(command)}`).join('\n\n'))}</pre>`
      : '<p class="empty">Nothing to contain: no compromised principals, keys or resources identified from the starred events.</p>',
    '</section>',
  );

  out.push(
    `<footer>Case ${h(model.case.caseId)} · schema v${model.case.schemaVersion} · ${model.case.auditEntries} audit entries, chain ${model.case.auditChainIntact ? 'intact' : 'BROKEN'} · audit head <span class="mono">${h(model.case.auditHead ?? 'none')}</span> · case file SHA-256 <span class="mono">${h(model.case.sha256 ?? 'unavailable')}</span> · generated ${h(model.generatedAt)}</footer>`,
    '</body></html>',
    '',
  );
  return out.join('\n');
}
