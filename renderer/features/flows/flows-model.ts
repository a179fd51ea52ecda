import { scaleBand, scaleLinear } from 'd3';
import type { FlowConversation, FlowTalker, RuleExplanation } from '../../../preload/contract/analysis';

/** The verdicts flowPairs can filter by, in the order the filter lists them. */
export const VERDICTS = ['ok', 'return-blocked', 'inbound-blocked', 'outbound-blocked', 'one-way'] as const;
export type Verdict = (typeof VERDICTS)[number];

const VERDICT_LABELS: Record<Verdict, string> = {
  ok: 'ok',
  'return-blocked': 'return blocked',
  'inbound-blocked': 'inbound blocked',
  'outbound-blocked': 'outbound blocked',
  'one-way': 'one-way',
};

export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABELS[verdict];
}

/** The badge's tone: fine, blocked, or worth a look. */
export function verdictTone(verdict: Verdict): 'ok' | 'blocked' | 'warn' {
  if (verdict === 'ok') return 'ok';
  if (verdict === 'one-way') return 'warn';
  return 'blocked';
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

/** An IANA protocol number as its name (tcp, udp, icmp), else the number. */
export function protocolName(protocol: number): string {
  return PROTOCOLS[protocol] ?? String(protocol);
}

/** Stable row id of a conversation (ENI, client, server, port, protocol). */
export function conversationId(pair: FlowConversation): string {
  return `${pair.eni}|${pair.client}|${pair.server}|${pair.serverPort}|${pair.protocol}`;
}

/** The facts of the rule that decided a flow, as label/value pairs, the deciding rule marked. */
export interface RuleFact {
  label: string;
  value: string;
  /** The rule that decided (NACL entry or the security groups): highlighted. */
  deciding: boolean;
}

export function ruleFacts(rule: RuleExplanation): RuleFact[] {
  const facts: RuleFact[] = [{ label: 'Layer', value: layerLabel(rule.layer), deciding: false }];
  if (rule.layer === 'nacl') {
    if (rule.naclId !== null) facts.push({ label: 'NACL', value: rule.naclId, deciding: false });
    if (rule.ruleNumber !== null) facts.push({ label: 'Rule', value: `#${rule.ruleNumber}`, deciding: true });
  }
  if (rule.direction !== null) facts.push({ label: 'Direction', value: rule.direction, deciding: rule.layer === 'nacl' });
  if (rule.groupIds.length > 0) {
    facts.push({ label: 'Security groups', value: rule.groupIds.join(', '), deciding: rule.layer === 'sg' });
  }
  return facts;
}

export function layerLabel(layer: RuleExplanation['layer']): string {
  switch (layer) {
    case 'nacl':
      return 'network ACL';
    case 'sg':
      return 'security group';
    case 'none':
      return 'nothing blocks it';
    case 'unknown':
      return 'unknown (no snapshot)';
  }
}

/**
 * The explanation text split around the deciding rule's mention ("rule 90", "#90", the NACL or group
 * id), so the view can highlight it as text. Pieces with `mark` are the highlighted ones.
 */
export function highlightRule(text: string, rule: RuleExplanation): { text: string; mark: boolean }[] {
  const needles: string[] = [];
  if (rule.ruleNumber !== null) needles.push(`rule ${rule.ruleNumber}`, `#${rule.ruleNumber}`);
  if (rule.layer === 'nacl' && rule.naclId) needles.push(rule.naclId);
  if (rule.layer === 'sg') needles.push(...rule.groupIds);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    if (needle === '') continue;
    let at = text.indexOf(needle);
    while (at >= 0) {
      ranges.push([at, at + needle.length]);
      at = text.indexOf(needle, at + needle.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const pieces: { text: string; mark: boolean }[] = [];
  let position = 0;
  for (const [start, end] of ranges) {
    if (start < position) continue;
    if (start > position) pieces.push({ text: text.slice(position, start), mark: false });
    pieces.push({ text: text.slice(start, end), mark: true });
    position = end;
  }
  if (position < text.length) pieces.push({ text: text.slice(position), mark: false });
  return pieces;
}

/** The explain-a-flow form's fields as typed. */
export interface ExplainInput {
  src: string;
  dst: string;
  port: string;
  protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6';
}

/** The explainFlow request for the form, or the reason it cannot be sent. */
export function explainRequest(
  input: ExplainInput,
): { ok: true; request: { src: string; dst: string; dstPort: number; protocol: ExplainInput['protocol'] } } | { ok: false; error: string } {
  const src = input.src.trim();
  const dst = input.dst.trim();
  if (src === '' || dst === '') return { ok: false, error: 'Give a source and a destination address.' };
  if (src.length > 64 || dst.length > 64) return { ok: false, error: 'An address is at most 64 characters.' };
  const port = input.port.trim() === '' && input.protocol.startsWith('icmp') ? 0 : Number(input.port.trim());
  if (!/^\d{1,5}$/.test(input.port.trim()) && !(input.protocol.startsWith('icmp') && input.port.trim() === '')) {
    return { ok: false, error: 'The port is a number from 0 to 65535.' };
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: 'The port is a number from 0 to 65535.' };
  return { ok: true, request: { src, dst, dstPort: port, protocol: input.protocol } };
}

/** Approximate width of a label in the chart's 11 px sans-serif (for layout, so labels never clip). */
export function labelWidth(text: string, charWidth = 6.6): number {
  return Math.ceil(text.length * charWidth);
}

/** Longest label drawn in full; longer ones are cut with "…" (the tooltip keeps the whole). */
export const TALKER_LABEL_CHARS = 48;

/** A talker's label: the address and its DNS names. */
export function talkerLabel(talker: FlowTalker): string {
  const names = talker.names.length > 0 ? ` (${talker.names.slice(0, 2).join(', ')}${talker.names.length > 2 ? ', …' : ''})` : '';
  const label = `${talker.address}${names}`;
  return label.length > TALKER_LABEL_CHARS ? `${label.slice(0, TALKER_LABEL_CHARS - 1)}…` : label;
}

export interface TalkerBar {
  talker: FlowTalker;
  label: string;
  y: number;
  height: number;
  width: number;
  /** Where the value text goes (right of the bar). */
  valueX: number;
}

export interface TalkerLayout {
  width: number;
  height: number;
  /** Left margin: the widest label fits in it. */
  left: number;
  bars: TalkerBar[];
  ticks: { x: number; label: string }[];
  axisY: number;
}

/**
 * The top-talkers bar chart's geometry (d3 scales only; React draws it): horizontal bars by bytes,
 * the left margin as wide as the widest label and the right margin as wide as the widest value, so
 * no text is clipped at any width.
 */
export function talkerLayout(
  talkers: readonly FlowTalker[],
  width: number,
  formatValue: (bytes: number) => string,
  rowHeight = 24,
): TalkerLayout {
  const labels = talkers.map(talkerLabel);
  const left = Math.max(60, ...labels.map((label) => labelWidth(label))) + 12;
  const right = Math.max(40, ...talkers.map((talker) => labelWidth(formatValue(talker.bytes)))) + 12;
  const top = 4;
  const axis = 22;
  const height = top + talkers.length * rowHeight + axis;
  const plotWidth = Math.max(40, width - left - right);
  const max = Math.max(1, ...talkers.map((talker) => talker.bytes));
  const x = scaleLinear().domain([0, max]).range([0, plotWidth]).nice();
  const y = scaleBand<number>()
    .domain(talkers.map((_, index) => index))
    .range([top, top + talkers.length * rowHeight])
    .padding(0.2);
  const bars = talkers.map((talker, index) => {
    const barWidth = Math.max(1, x(talker.bytes));
    return {
      talker,
      label: labels[index] ?? talker.address,
      y: y(index) ?? 0,
      height: y.bandwidth(),
      width: barWidth,
      valueX: left + barWidth + 4,
    };
  });
  const ticks = x.ticks(Math.max(2, Math.floor(plotWidth / 90))).map((value) => ({
    x: left + x(value),
    label: formatValue(value),
  }));
  return { width: Math.max(width, left + right + 40), height, left, bars, ticks, axisY: top + talkers.length * rowHeight };
}
