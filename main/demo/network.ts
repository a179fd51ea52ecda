import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Account } from './account.js';
import { ATTACKER_IP, DEMO_SEED } from './demo-incident.js';
import { Rng } from './prng.js';

/**
 * The network side of the demo: the production VPC's flow log in us-east-1 on the night of the
 * intrusion, and the network snapshot the responders pulled in the morning.
 *
 * - The public web server (one of the account's us-east-1 instances, behind its own ENI) serves
 *   HTTPS to the internet, talks to the database and to the SSM endpoint all night.
 * - 02:20: the intruder sweeps its ports 1–1,000 from the Tor exit: one vertical scan, 443 the
 *   only port let in (and its reply dropped, below).
 * - 02:24: SSH attempts from the same address, refused by the web security group (22 is open to
 *   the VPC only): `inbound-blocked`, layer `sg`.
 * - 02:26: HTTPS from the Tor exit is accepted, but its replies die on egress rule 80 of the
 *   subnet's NACL, which somebody once added to block that Tor range — outbound only:
 *   `return-blocked`, NACL rule 80, `egress`.
 * - 02:52: nothing more — `DeleteFlowLogs` (CloudTrail, 02:52) stopped the log; the gap is itself
 *   evidence.
 */
export const DEMO_NETWORK = {
  region: 'us-east-1',
  vpc: 'vpc-0c3f9a1d2e4b5a601',
  subnet: 'subnet-0c3f9a1d2e4b5a601',
  nacl: 'acl-0c3f9a1d2e4b5a601',
  webGroup: 'sg-0c3f9a1d2e4b5a601',
  dbGroup: 'sg-0c3f9a1d2e4b5a602',
  webEni: 'eni-0c3f9a1d2e4b5a601',
  dbEni: 'eni-0c3f9a1d2e4b5a602',
  flowLogId: 'fl-0c3f9a1d2e4b5a601',
  webPublicIp: '54.210.33.7',
  databaseIp: '10.20.40.5',
  endpointIp: '10.20.0.12',
  /** The egress NACL rule that blocks the Tor range on the way out only. */
  torRule: 80,
  torRange: '185.220.101.0/24',
  scanPorts: 1000,
  sshAttempts: 6,
  /** 12 March 2025 00:00 UTC, and where the log stops (DeleteFlowLogs at 02:52). */
  start: Date.UTC(2025, 2, 12) / 1000,
  stop: Date.UTC(2025, 2, 12, 2, 52) / 1000,
  scanAt: Date.UTC(2025, 2, 12, 2, 20) / 1000,
  sshAt: Date.UTC(2025, 2, 12, 2, 24) / 1000,
  httpsAt: Date.UTC(2025, 2, 12, 2, 26) / 1000,
} as const;

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const TCP = 6;

interface FlowLine {
  start: number;
  line: string;
}

/** The web server's private address: the first of the account's us-east-1 instances. */
export function webServerIp(account: Account): string {
  const instance = account.instances.find((candidate) => candidate.region === DEMO_NETWORK.region);
  if (!instance) throw new Error('the demo account has no instance in us-east-1');
  return instance.privateIp;
}

/** The flow log records, oldest first (one line each, without the header). */
export function demoFlowLines(account: Account): string[] {
  const rng = new Rng(DEMO_SEED ^ 0x5eed);
  const web = webServerIp(account);
  const records: FlowLine[] = [];
  const flow = (
    eni: string,
    src: string,
    dst: string,
    srcPort: number,
    dstPort: number,
    start: number,
    action: 'ACCEPT' | 'REJECT',
    packets: number,
    bytes: number,
  ) =>
    records.push({
      start,
      line: [
        '2',
        account.accountId,
        eni,
        src,
        dst,
        srcPort,
        dstPort,
        TCP,
        packets,
        bytes,
        start,
        start + 60,
        action,
        'OK',
      ].join(' '),
    });
  const { start, stop } = DEMO_NETWORK;
  // An ordinary night: customers on HTTPS, the database, the SSM endpoint (one aggregation window a minute).
  for (let minute = start; minute < stop; minute += 60) {
    const customers = rng.int(1, 3);
    for (let n = 0; n < customers; n++) {
      const client = `${rng.pick(['73', '98', '24', '67', '108'])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
      const port = rng.int(32768, 60999);
      const at = minute + rng.int(0, 50);
      flow(DEMO_NETWORK.webEni, client, web, port, 443, at, 'ACCEPT', rng.int(8, 40), rng.int(2_000, 60_000));
      flow(DEMO_NETWORK.webEni, web, client, 443, port, at, 'ACCEPT', rng.int(10, 60), rng.int(20_000, 900_000));
    }
    // The application's connection pool keeps four connections open: four client ports all night.
    const dbPort = 48_210 + (Math.floor((minute - start) / 60) % 4);
    flow(
      DEMO_NETWORK.webEni,
      web,
      DEMO_NETWORK.databaseIp,
      dbPort,
      5432,
      minute + 5,
      'ACCEPT',
      rng.int(4, 20),
      rng.int(800, 9_000),
    );
    flow(
      DEMO_NETWORK.webEni,
      DEMO_NETWORK.databaseIp,
      web,
      5432,
      dbPort,
      minute + 5,
      'ACCEPT',
      rng.int(4, 20),
      rng.int(2_000, 40_000),
    );
    if ((minute - start) % 300 === 0) {
      const ssmPort = rng.int(32768, 60999);
      flow(DEMO_NETWORK.webEni, web, DEMO_NETWORK.endpointIp, ssmPort, 443, minute + 10, 'ACCEPT', 6, 2_400);
      flow(DEMO_NETWORK.webEni, DEMO_NETWORK.endpointIp, web, 443, ssmPort, minute + 10, 'ACCEPT', 5, 1_900);
    }
  }
  // The sweep: one port a second, SYNs only; 443 answers, the rest are refused.
  for (let port = 1; port <= DEMO_NETWORK.scanPorts; port++) {
    const at = DEMO_NETWORK.scanAt + Math.floor(port / 8);
    flow(DEMO_NETWORK.webEni, ATTACKER_IP, web, 41_337, port, at, port === 443 ? 'ACCEPT' : 'REJECT', 1, 44);
    // The SYN-ACK to the Tor range dies on the NACL's egress rule, as every reply to it does.
    if (port === 443) flow(DEMO_NETWORK.webEni, web, ATTACKER_IP, 443, 41_337, at, 'REJECT', 1, 44);
  }
  // SSH from the Tor exit: no security-group rule lets it in.
  for (let attempt = 0; attempt < DEMO_NETWORK.sshAttempts; attempt++) {
    flow(
      DEMO_NETWORK.webEni,
      ATTACKER_IP,
      web,
      52_110 + attempt,
      22,
      DEMO_NETWORK.sshAt + attempt * 20,
      'REJECT',
      3,
      180,
    );
  }
  // HTTPS from the Tor exit: in through the security group and the NACL, replies dropped by NACL egress rule 80.
  for (const offset of [0, 70, 140]) {
    const port = 52_400 + offset;
    flow(DEMO_NETWORK.webEni, ATTACKER_IP, web, port, 443, DEMO_NETWORK.httpsAt + offset, 'ACCEPT', 6, 900);
    flow(DEMO_NETWORK.webEni, web, ATTACKER_IP, 443, port, DEMO_NETWORK.httpsAt + offset, 'REJECT', 5, 4_200);
  }
  return records.sort((a, b) => a.start - b.start).map((record) => record.line);
}

/** The responders' snapshot: `describe-network-acls`, `-security-groups` and `-network-interfaces`. */
export function demoNetworkSnapshot(account: Account): { acls: unknown; groups: unknown; interfaces: unknown } {
  const web = webServerIp(account);
  const webInstance = account.instances.find((candidate) => candidate.region === DEMO_NETWORK.region)!;
  const acls = {
    NetworkAcls: [
      {
        NetworkAclId: DEMO_NETWORK.nacl,
        VpcId: DEMO_NETWORK.vpc,
        IsDefault: false,
        OwnerId: account.accountId,
        Associations: [
          {
            NetworkAclAssociationId: 'aclassoc-0c3f9a1d2e4b5a601',
            NetworkAclId: DEMO_NETWORK.nacl,
            SubnetId: DEMO_NETWORK.subnet,
          },
        ],
        Entries: [
          { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
          // A block of the Tor range someone added on the way out only: replies die, requests still arrive.
          {
            RuleNumber: DEMO_NETWORK.torRule,
            Egress: true,
            Protocol: '-1',
            RuleAction: 'deny',
            CidrBlock: DEMO_NETWORK.torRange,
          },
          { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 32767, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
        ],
      },
    ],
  };
  const groups = {
    SecurityGroups: [
      {
        GroupId: DEMO_NETWORK.webGroup,
        GroupName: 'web-public',
        Description: 'Public web tier',
        OwnerId: account.accountId,
        VpcId: DEMO_NETWORK.vpc,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }] },
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '10.20.0.0/16', Description: 'SSH from the VPC' }],
          },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
      {
        GroupId: DEMO_NETWORK.dbGroup,
        GroupName: 'db',
        Description: 'Database tier',
        OwnerId: account.accountId,
        VpcId: DEMO_NETWORK.vpc,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: DEMO_NETWORK.webGroup }] },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
    ],
  };
  const interfaces = {
    NetworkInterfaces: [
      {
        NetworkInterfaceId: DEMO_NETWORK.webEni,
        SubnetId: DEMO_NETWORK.subnet,
        VpcId: DEMO_NETWORK.vpc,
        PrivateIpAddress: web,
        PrivateIpAddresses: [
          { PrivateIpAddress: web, Primary: true, Association: { PublicIp: DEMO_NETWORK.webPublicIp } },
        ],
        Association: { PublicIp: DEMO_NETWORK.webPublicIp },
        Groups: [{ GroupId: DEMO_NETWORK.webGroup, GroupName: 'web-public' }],
        Attachment: { InstanceId: webInstance.id },
        OwnerId: account.accountId,
      },
      {
        NetworkInterfaceId: DEMO_NETWORK.dbEni,
        SubnetId: DEMO_NETWORK.subnet,
        VpcId: DEMO_NETWORK.vpc,
        PrivateIpAddress: DEMO_NETWORK.databaseIp,
        PrivateIpAddresses: [{ PrivateIpAddress: DEMO_NETWORK.databaseIp, Primary: true }],
        Groups: [{ GroupId: DEMO_NETWORK.dbGroup, GroupName: 'db' }],
        Description: 'RDS network interface',
        OwnerId: account.accountId,
      },
    ],
  };
  return { acls, groups, interfaces };
}

/**
 * Writes the flow log (S3 delivery layout, one gzipped file per hour, header first) and the
 * snapshot under `dir`; returns the folders to import.
 */
export async function writeDemoNetwork(dir: string, account: Account): Promise<string[]> {
  const flows = join(dir, 'AWSLogs', account.accountId, 'vpcflowlogs', DEMO_NETWORK.region, '2025', '03', '12');
  await mkdir(flows, { recursive: true });
  const byHour = new Map<number, string[]>();
  for (const line of demoFlowLines(account)) {
    const hour = Math.floor(Number(line.split(' ')[10]) / 3600);
    const lines = byHour.get(hour) ?? [];
    lines.push(line);
    byHour.set(hour, lines);
  }
  for (const [hour, lines] of byHour) {
    const stamp = new Date(hour * 3_600_000).toISOString().replace(/[-:]/g, '').slice(0, 13);
    const name = `${account.accountId}_vpcflowlogs_${DEMO_NETWORK.region}_${DEMO_NETWORK.flowLogId}_${stamp}00Z_${hour.toString(16)}.log.gz`;
    await writeFile(join(flows, name), gzipSync(`${[HEADER, ...lines].join('\n')}\n`));
  }
  const network = join(dir, 'network');
  await mkdir(network, { recursive: true });
  const snapshot = demoNetworkSnapshot(account);
  await writeFile(join(network, 'describe-network-acls.json'), JSON.stringify(snapshot.acls, null, 2));
  await writeFile(join(network, 'describe-security-groups.json'), JSON.stringify(snapshot.groups, null, 2));
  await writeFile(join(network, 'describe-network-interfaces.json'), JSON.stringify(snapshot.interfaces, null, 2));
  return [join(dir, 'AWSLogs', account.accountId, 'vpcflowlogs'), network];
}
