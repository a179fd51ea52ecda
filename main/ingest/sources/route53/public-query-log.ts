import { normalizeDnsName } from './dns-name.js';
import { parseQueryTime } from './query-time.js';

/** A Route 53 public hosted-zone query log line. Time in milliseconds since epoch UTC. */
export interface PublicQuery {
  readonly version: string;
  readonly time: number;
  readonly hostedZoneId: string;
  /** The query name without the trailing dot, lowercase. */
  readonly query: string;
  /** The query name as logged. */
  readonly queryOriginal: string;
  readonly queryType: string;
  readonly rcode: string;
  readonly protocol: string;
  readonly edgeLocation: string;
  readonly resolverIp: string;
  /** The EDNS client subnet, null when logged as "-". */
  readonly ednsClientSubnet: string | null;
}

/** A public query log line parsed, or why it could not be. */
export type PublicQueryResult = { readonly query: PublicQuery } | { readonly error: string };

/** Parses one space-separated line of a Route 53 public DNS query log (format version 1.0). */
export function parsePublicQueryLog(line: string): PublicQueryResult {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length !== 10) return { error: `expected 10 space-separated fields, found ${tokens.length}` };
  const [version, timestamp, hostedZoneId, queryName, queryType, rcode, protocol, edgeLocation, resolverIp, ecs] =
    tokens as [string, string, string, string, string, string, string, string, string, string];
  const time = parseQueryTime(timestamp);
  if (time === null) return { error: `timestamp ${JSON.stringify(timestamp)} is not a date` };
  return {
    query: {
      version,
      time,
      hostedZoneId,
      query: normalizeDnsName(queryName),
      queryOriginal: queryName,
      queryType,
      rcode,
      protocol,
      edgeLocation,
      resolverIp,
      ednsClientSubnet: ecs === '-' ? null : ecs,
    },
  };
}
