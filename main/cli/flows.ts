import { isIP } from 'node:net';
import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatBytes, formatCount, renderTable, terminalSafe, type Output } from './output.js';
import { iso, noExtraWords, runVerb } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import { protocolName, protocolNumber } from '../ingest/sources/vpcflow/protocol.js';
import type { Verdict } from '../analysis/flows/conversation.js';
import { VERDICTS, explainCaseFlow, flowPairs, flowScans, flowTalkers } from '../services/flows.js';

export const flowsUsage = [
  'cairn flows CASE (--pairs [--verdict V] | --scans | --talkers [--limit N]) [--from ISO] [--to ISO] [--json]',
  '       cairn flows CASE --explain --src IP --dst IP --port N [--src-port N] [--protocol tcp] [--json]',
  '    --pairs    request/reply conversations per ENI and 5-tuple with a verdict',
  `               (${VERDICTS.join(', ')}), explained against the newest network snapshot`,
  '    --scans    vertical (many ports, one target) and horizontal (one port, many targets) scans',
  '    --talkers  remote addresses by bytes, with Route 53 Resolver names (--limit, default 20)',
  '    --explain  would src → dst:port pass the NACLs and security groups of the newest snapshot?',
  '    --from/--to select flow records by their start time (from inclusive, to exclusive).',
  '    JSON times (first, last) are milliseconds since the epoch, UTC; tables show ISO 8601 UTC.',
  '    example: cairn flows case.cairn --pairs --verdict return-blocked --json',
].join('\n');

const DEFAULT_TALKERS = 20;

/** `cairn flows`: VPC flow log analyses (pairs, scans, talkers) and flow explanations. */
export function flowsCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('flows', argv, io, () => flows(argv, io));
}

function flows(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    pairs: { type: 'boolean' },
    scans: { type: 'boolean' },
    talkers: { type: 'boolean' },
    explain: { type: 'boolean' },
    verdict: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    src: { type: 'string' },
    dst: { type: 'string' },
    port: { type: 'string' },
    'src-port': { type: 'string' },
    protocol: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${flowsUsage}`);
  noExtraWords(extra, flowsUsage);
  const modes = (['pairs', 'scans', 'talkers', 'explain'] as const).filter((mode) => values[mode] === true);
  if (modes.length !== 1) throw new UsageError(`give exactly one of --pairs, --scans, --talkers, --explain\nusage: ${flowsUsage}`);
  const mode = modes[0]!;
  const only = (option: string, allowed: readonly string[]) => {
    if ((values as Record<string, unknown>)[option] !== undefined && !allowed.includes(mode))
      throw new UsageError(`--${option} applies to ${allowed.map((m) => `--${m}`).join(', ')}, not --${mode}`);
  };
  only('verdict', ['pairs']);
  only('limit', ['talkers']);
  for (const option of ['src', 'dst', 'port', 'src-port', 'protocol']) only(option, ['explain']);
  only('from', ['pairs', 'scans', 'talkers']);
  only('to', ['pairs', 'scans', 'talkers']);

  const from = parseTimeOption('from', values.from);
  const to = parseTimeOption('to', values.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from (${values.from}) is later than --to (${values.to})`);
  const json = values.json === true;

  const db = openCase(casePath, { readonly: true });
  try {
    switch (mode) {
      case 'pairs': {
        let verdict: Verdict | undefined;
        if (values.verdict !== undefined) {
          if (!(VERDICTS as readonly string[]).includes(values.verdict))
            throw new UsageError(`--verdict: expected one of ${VERDICTS.join(', ')}, got ${values.verdict}`);
          verdict = values.verdict as Verdict;
        }
        const pairs = flowPairs(db, { from, to, verdict });
        if (json) {
          io.out(JSON.stringify(pairs));
          return EXIT.ok;
        }
        const rows = pairs.map((p) => [
          iso(p.first),
          p.eni,
          p.client,
          p.server,
          `${protocolName(p.protocol)}/${p.serverPort}`,
          p.forward ?? '-',
          p.reverse ?? '-',
          p.verdict,
          formatCount(p.records),
          formatBytes(p.bytes),
          p.explanation.text,
        ]);
        for (const line of renderTable(['first (UTC)', 'eni', 'client', 'server', 'service', 'fwd', 'rev', 'verdict', 'records', 'bytes', 'why'], rows, 120)) io.out(line);
        io.err(`${formatCount(pairs.length)} conversation${pairs.length === 1 ? '' : 's'}`);
        return EXIT.ok;
      }
      case 'scans': {
        const scans = flowScans(db, { from, to });
        if (json) {
          io.out(JSON.stringify(scans));
          return EXIT.ok;
        }
        const rows = scans.map((s) => [
          iso(s.first),
          iso(s.last),
          s.source,
          s.kind,
          s.kind === 'vertical' ? (s.targets[0] ?? '') : `${formatCount(s.targets.length)} targets`,
          formatCount(s.distinctPorts),
          formatCount(s.accepted),
          formatCount(s.rejected),
        ]);
        for (const line of renderTable(['first (UTC)', 'last (UTC)', 'source', 'kind', 'target(s)', 'ports', 'accepted', 'rejected'], rows)) io.out(line);
        io.err(`${formatCount(scans.length)} scan${scans.length === 1 ? '' : 's'}`);
        return EXIT.ok;
      }
      case 'talkers': {
        const limit = parsePositiveInt('limit', values.limit) ?? DEFAULT_TALKERS;
        if (limit === 0) throw new UsageError('--limit: must be at least 1');
        const talkers = flowTalkers(db, { from, to, limit });
        if (json) {
          io.out(JSON.stringify(talkers));
          return EXIT.ok;
        }
        const rows = talkers.map((t) => [
          t.address,
          t.direction,
          formatBytes(t.bytes),
          formatCount(t.packets),
          formatCount(t.records),
          t.ports.join(','),
          t.names.join(','),
          t.enis.join(','),
          iso(t.first),
          iso(t.last),
        ]);
        for (const line of renderTable(['address', 'direction', 'bytes', 'packets', 'records', 'ports', 'names', 'enis', 'first (UTC)', 'last (UTC)'], rows)) io.out(line);
        return EXIT.ok;
      }
      case 'explain': {
        const src = requireAddress('src', values.src);
        const dst = requireAddress('dst', values.dst);
        const port = requirePort('port', values.port);
        const srcPort = values['src-port'] === undefined ? undefined : requirePort('src-port', values['src-port']);
        const protocol = protocolNumber(values.protocol ?? 'tcp');
        if (protocol === null) throw new UsageError(`--protocol: not a protocol name or number: ${values.protocol}`);
        const { explanation, snapshot } = explainCaseFlow(db, { src, dst, dstPort: port, protocol, srcPort });
        if (!snapshot) io.err('cairn flows: the case has no network snapshot (describe-* or AWS Config): nothing to evaluate');
        if (json) {
          io.out(JSON.stringify(explanation));
          return EXIT.ok;
        }
        io.out(terminalSafe(explanation.text));
        for (const decision of [explanation.egress, explanation.ingress]) {
          const verdict = decision.allowed === null ? 'UNKNOWN' : decision.allowed ? 'ALLOW' : 'DENY';
          const rule = decision.naclId ? ` ${decision.naclId}${decision.ruleNumber === null ? '' : ` rule ${decision.ruleNumber}`}` : '';
          io.out(`  ${decision.direction.padEnd(7)} ${verdict.padEnd(7)} ${decision.layer}${rule}: ${terminalSafe(decision.text)}`);
        }
        return EXIT.ok;
      }
    }
  } finally {
    db.close();
  }
}

function requireAddress(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--explain needs --${name} IP\nusage: ${flowsUsage}`);
  if (isIP(value) === 0) throw new UsageError(`--${name}: not an IP address: ${value}`);
  return value;
}

function requirePort(name: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`--explain needs --${name} N\nusage: ${flowsUsage}`);
  const port = parsePositiveInt(name, value);
  if (port === undefined || port > 65535) throw new UsageError(`--${name}: expected a port 0-65535, got ${value}`);
  return port;
}
