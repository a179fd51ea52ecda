import type { EvidenceRecognizer } from '../format.js';

/**
 * Evidence Cairn recognises by content but does not read yet: recorded as `unsupported` with the
 * format named, so an investigator sees what arrived (and a later version imports it on re-import).
 * Each test looks at the first lines only; the confidence says how distinctive the match is.
 */

const firstLines = (head: string, count: number) => head.split(/\r?\n/, count + 1).slice(0, count).filter((line) => line.trim() !== '');

const FLOW_V2 = /^2 (\d{12}|-|unknown) (eni-[0-9a-z]+|-) \S+ \S+ (\d+|-) (\d+|-) (\d+|-) (\d+|-) (\d+|-) \d{9,11} \d{9,11} (ACCEPT|REJECT|-) (OK|NODATA|SKIPDATA)\b/;
const FLOW_HEADER = /^version( [a-z-]+){5,}$/;
const RESOLVER_KEYS = /"query_name"\s*:/;
const PUBLIC_DNS = /^1\.0 \d{4}-\d\d-\d\dT\S+Z \S+ \S+ [A-Z0-9]+ [A-Z]+ (UDP|TCP) /;
const S3_ACCESS = /^[0-9a-f]{64} \S+ \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] \S+ \S+ \S+ [A-Z0-9._]+ /;
const ELB = /^(http|https|h2|grpcs|ws|wss|tls) \d{4}-\d\d-\d\dT\S+Z \S+ /;

const LINE_RECOGNIZERS: { format: string; test: (line: string) => boolean; confidence: number }[] = [
  { format: 'vpcflow', test: (line) => FLOW_V2.test(line) || FLOW_HEADER.test(line.trim()), confidence: 0.9 },
  { format: 'vpcflow', test: (line) => /^\{"message":\s*"2 \d{12} eni-/.test(line), confidence: 0.85 },
  { format: 'route53', test: (line) => PUBLIC_DNS.test(line), confidence: 0.9 },
  { format: 's3-access-log', test: (line) => S3_ACCESS.test(line), confidence: 0.9 },
  { format: 'elb-access-log', test: (line) => ELB.test(line), confidence: 0.85 },
  { format: 'route53resolver', test: (line) => line.trimStart().startsWith('{') && RESOLVER_KEYS.test(line) && /"srcaddr"/.test(line), confidence: 0.9 },
  { format: 'guardduty', test: (line) => /"schemaVersion"\s*:\s*"2\.0"/.test(line) && /"arn"\s*:\s*"arn:aws:guardduty:/.test(line), confidence: 0.9 },
];

/** Keys that name an AWS CLI / API JSON document, and the format id it is recorded as. */
const DOCUMENT_KEYS: { key: RegExp; format: string }[] = [
  { key: /"UserDetailList"\s*:|"RoleDetailList"\s*:/, format: 'iam-authorization-details' },
  { key: /"SecurityGroups"\s*:\s*\[\s*\{[^]*"GroupId"/, format: 'ec2-describe-security-groups' },
  { key: /"NetworkAcls"\s*:/, format: 'ec2-describe-network-acls' },
  { key: /"NetworkInterfaces"\s*:\s*\[\s*\{[^]*"NetworkInterfaceId"/, format: 'ec2-describe-network-interfaces' },
  { key: /"Reservations"\s*:/, format: 'ec2-describe-instances' },
  { key: /"Subnets"\s*:\s*\[/, format: 'ec2-describe-subnets' },
  { key: /"RouteTables"\s*:/, format: 'ec2-describe-route-tables' },
  { key: /"VpcPeeringConnections"\s*:/, format: 'ec2-describe-vpc-peering-connections' },
  { key: /"Vpcs"\s*:\s*\[/, format: 'ec2-describe-vpcs' },
  { key: /"FlowLogs"\s*:\s*\[/, format: 'ec2-describe-flow-logs' },
  { key: /"Findings"\s*:\s*\[[^]*"arn:aws:guardduty:/, format: 'guardduty' },
  { key: /"configurationItems"\s*:|"configurationItemCaptureTime"\s*:/, format: 'config-items' },
  { key: /"Policy"\s*:\s*"\{/, format: 'resource-policy' },
  { key: /^user,arn,user_creation_time,password_enabled/m, format: 'iam-credential-report' },
  { key: /"ReportFormat"\s*:\s*"text\/csv"/, format: 'iam-credential-report' },
];

/** Line-shaped logs and JSON documents of the kinds above. */
export const unsupportedEvidence: EvidenceRecognizer = {
  recognize(head) {
    const lines = firstLines(head, 5);
    for (const recognizer of LINE_RECOGNIZERS) {
      const matching = lines.filter(recognizer.test).length;
      if (matching > 0 && matching >= Math.min(lines.length, 2)) return { format: recognizer.format, confidence: recognizer.confidence };
    }
    for (const { key, format } of DOCUMENT_KEYS) if (key.test(head)) return { format, confidence: 0.8 };
    return null;
  },
};
