import { parseAthenaValue } from './athena-struct.js';
import { parsePythonLiteral } from './python-literal.js';

/**
 * What a CSV column holds, by header. CloudTrail CSVs come from several tools that spell the same
 * field differently: console Event history ("Event time", "AWS access key"), Athena ("eventtime",
 * "useridentity" as a struct), CloudTrail Lake ("eventTime", "userIdentity.arn"), alert exports
 * ("Event DateTime", "User ID" as a Python dict). Headers are compared case-insensitively with
 * spaces, dots, underscores and dashes removed.
 */
export type ColumnRole =
  /** The whole CloudTrail event as JSON (Event history's "CloudTrail event"). */
  | { readonly kind: 'fullEvent' }
  /** A field of the CloudTrail record, at `path`; `structured` cells may hold JSON/struct/dict text. */
  | { readonly kind: 'field'; readonly path: readonly string[]; readonly structured: boolean }
  /** Event history's "Resource name": the names of the resources, when there is no ARN. */
  | { readonly kind: 'resourceName' };

const field = (path: string, structured = false): ColumnRole => ({ kind: 'field', path: path.split('.'), structured });

const ROLES: ReadonlyMap<string, ColumnRole> = new Map<string, ColumnRole>([
  ['cloudtrailevent', { kind: 'fullEvent' }],
  ['eventtime', field('eventTime')],
  ['eventdatetime', field('eventTime')],
  ['eventname', field('eventName')],
  ['eventsource', field('eventSource')],
  ['eventversion', field('eventVersion')],
  ['awsregion', field('awsRegion')],
  ['region', field('awsRegion')],
  ['sourceipaddress', field('sourceIPAddress')],
  ['sourceip', field('sourceIPAddress')],
  ['useragent', field('userAgent')],
  ['requestuseragent', field('userAgent')],
  ['errorcode', field('errorCode')],
  ['errormessage', field('errorMessage')],
  ['requestparameters', field('requestParameters', true)],
  ['responseelements', field('responseElements', true)],
  ['additionaleventdata', field('additionalEventData', true)],
  ['serviceeventdetails', field('serviceEventDetails', true)],
  ['requestid', field('requestID')],
  ['eventid', field('eventID')],
  ['eventtype', field('eventType')],
  ['eventcategory', field('eventCategory')],
  ['readonly', field('readOnly')],
  ['managementevent', field('managementEvent')],
  ['recipientaccountid', field('recipientAccountId')],
  ['sharedeventid', field('sharedEventID')],
  ['vpcendpointid', field('vpcEndpointId')],
  ['apiversion', field('apiVersion')],
  ['resources', field('resources', true)],
  ['tlsdetails', field('tlsDetails', true)],
  ['useridentity', field('userIdentity', true)],
  ['userid', field('userIdentity', true)],
  ['useridentitytype', field('userIdentity.type')],
  ['useridentityprincipalid', field('userIdentity.principalId')],
  ['useridentityarn', field('userIdentity.arn')],
  ['useridentityaccountid', field('userIdentity.accountId')],
  ['useridentityaccesskeyid', field('userIdentity.accessKeyId')],
  ['useridentityusername', field('userIdentity.userName')],
  ['useridentityinvokedby', field('userIdentity.invokedBy')],
  ['useridentitysessioncontext', field('userIdentity.sessionContext', true)],
  ['useridentitysessioncontextsessionissuer', field('userIdentity.sessionContext.sessionIssuer', true)],
  ['useridentitysessioncontextsessionissuerarn', field('userIdentity.sessionContext.sessionIssuer.arn')],
  ['useridentitysessioncontextsessionissuerusername', field('userIdentity.sessionContext.sessionIssuer.userName')],
  ['username', field('userIdentity.userName')],
  ['awsaccesskey', field('userIdentity.accessKeyId')],
  ['accesskeyid', field('userIdentity.accessKeyId')],
  ['resourcename', { kind: 'resourceName' }],
]);

/** The comparable form of a header: lower case without spaces, dots, underscores or dashes. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s._-]+/g, '');
}

/** The role of the column with this header, or null if it is not used. */
export function columnRole(header: string): ColumnRole | null {
  return ROLES.get(headerKey(header)) ?? null;
}

/** Whether a header row names an event time and an event name (the CSV sniffing rule). */
export function isCloudTrailHeader(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(headerKey));
  return (keys.has('eventtime') || keys.has('eventdatetime')) && keys.has('eventname');
}

/**
 * The value of a structured cell: JSON (Athena's requestparameters, Lake), Athena ROW/ARRAY text,
 * or a Python dict/list repr; plain text when it is none of these.
 */
export function structuredCellValue(cell: string): unknown {
  const text = cell.trim();
  const first = text.charAt(0);
  if (first !== '{' && first !== '[') return cell;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // not JSON: try the other notations
  }
  const python = parsePythonLiteral(text);
  if (python !== undefined) return python;
  const athena = parseAthenaValue(text);
  return athena !== undefined ? athena : cell;
}
