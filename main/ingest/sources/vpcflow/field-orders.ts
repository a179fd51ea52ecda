// Field orders from the AWS documentation ("Flow log records" → Available fields, and "Transit
// Gateway Flow Log records"). A header-less line can only be read if its field count is one of
// these documented orders; a custom format needs its header line.

const V2 = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol',
  'packets', 'bytes', 'start', 'end', 'action', 'log-status',
] as const;
const V3 = ['vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr'] as const;
const V4 = ['region', 'az-id', 'sublocation-type', 'sublocation-id'] as const;
const V5 = ['pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction', 'traffic-path'] as const;
const V7 = [
  'ecs-cluster-arn', 'ecs-cluster-name', 'ecs-container-instance-arn', 'ecs-container-instance-id',
  'ecs-container-id', 'ecs-second-container-id', 'ecs-service-name', 'ecs-task-definition-arn',
  'ecs-task-arn', 'ecs-task-id',
] as const;
const V8 = ['reject-reason'] as const;

/** Transit Gateway flow log fields in their documented default order (all fields, 36). */
export const TGW_FIELDS: readonly string[] = [
  'version', 'resource-type', 'account-id', 'tgw-id', 'tgw-attachment-id', 'tgw-src-vpc-account-id',
  'tgw-dst-vpc-account-id', 'tgw-src-vpc-id', 'tgw-dst-vpc-id', 'tgw-src-subnet-id', 'tgw-dst-subnet-id',
  'tgw-src-eni', 'tgw-dst-eni', 'tgw-src-az-id', 'tgw-dst-az-id', 'tgw-pair-attachment-id', 'srcaddr',
  'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'log-status', 'type',
  'packets-lost-no-route', 'packets-lost-blackhole', 'packets-lost-mtu-exceeded', 'packets-lost-ttl-expired',
  'tcp-flags', 'region', 'flow-direction', 'pkt-src-aws-service', 'pkt-dst-aws-service',
];

/** VPC flow log orders with every field up to a version, keyed by field count (14 = the v2 default). */
export const VPC_ORDERS_BY_COUNT: ReadonlyMap<number, readonly string[]> = new Map<number, readonly string[]>(
  [
    [...V2],
    [...V2, ...V3],
    [...V2, ...V3, ...V4],
    [...V2, ...V3, ...V4, ...V5],
    [...V2, ...V3, ...V4, ...V5, ...V7],
    [...V2, ...V3, ...V4, ...V5, ...V7, ...V8],
  ].map((order) => [order.length, order]),
);

/** Every field name a header line may contain. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set<string>([
  ...V2, ...V3, ...V4, ...V5, ...V7, ...V8, ...TGW_FIELDS,
]);
