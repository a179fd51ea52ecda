import { accessKeyId, ec2Id, uniqueId } from './aws-ids.js';
import type { RoleRef } from './cloudtrail-factory.js';
import { Rng } from './prng.js';
import { CHROME_MAC, EDGE_WINDOWS, FIREFOX_LINUX, cliOnLinux, cliOnMac } from './user-agents.js';

/**
 * The fictional company "Acme" and its AWS account: who works there, which roles, buckets,
 * functions and instances exist. Background activity and the demo incident both draw on it.
 * Built from a fixed seed: the same account every time, whatever the activity seed.
 */

export const DEMO_ACCOUNT_ID = '111122223333';

/** The CI user's long-term key: used daily by CI, and leaked in the demo incident. */
export const CI_DEPLOY_ACCESS_KEY = 'AKIA5QKZ7XJ2MG4TCDPL';
export const CI_DEPLOY_USER = 'ci-deploy';

/** Regions the company works in, with their share of the activity. */
export const HOME_REGIONS: readonly (readonly [string, number])[] = [
  ['us-east-1', 60],
  ['eu-west-1', 30],
  ['us-west-2', 10],
];

export interface Developer {
  name: string;
  principalId: string;
  accessKey: string;
  homeIp: string;
  /** CLI user agent for a "service.operation" command. */
  cli: (command: string) => string;
  browser: string;
  mfa: boolean;
}

export interface LambdaFunction {
  name: string;
  region: string;
  role: RoleRef;
  bucket: string;
  keyPrefix: string;
  /** Source addresses Lambda calls out from in that region. */
  ips: readonly string[];
}

export interface Instance {
  id: string;
  region: string;
  privateIp: string;
  vpcEndpointId: string;
}

export interface Account {
  accountId: string;
  /** The company's office egress address (console and CLI from the office). */
  officeIp: string;
  developers: readonly Developer[];
  ciUser: { name: string; principalId: string; accessKey: string };
  ciRunnerIps: readonly string[];
  roles: {
    deploy: RoleRef;
    terraform: RoleRef;
    appServer: RoleRef;
    monitoring: RoleRef;
    incidentResponse: RoleRef;
  };
  monitoringVendorAccount: string;
  functions: readonly LambdaFunction[];
  instances: readonly Instance[];
  buckets: readonly string[];
  kmsKeys: Readonly<Record<string, string>>;
  /** Trail feeding the SIEM (the intruder stops it) and the archive trail the evidence comes from. */
  trails: { siem: string; archive: string };
  flowLogIds: readonly string[];
}

function role(rng: Rng, accountId: string, name: string): RoleRef {
  return { name, roleId: uniqueId(rng, 'AROA'), accountId };
}

/** Builds the account (deterministic). */
export function buildAccount(accountId: string = DEMO_ACCOUNT_ID): Account {
  const rng = new Rng(0xacc0 ^ Number(accountId.slice(-6)));
  const developer = (name: string, homeIp: string, cli: (c: string) => string, browser: string, mfa: boolean) => ({
    name,
    principalId: uniqueId(rng, 'AIDA'),
    accessKey: accessKeyId(rng, 'AKIA'),
    homeIp,
    cli,
    browser,
    mfa,
  });
  const developers: Developer[] = [
    developer('alice.martin', '198.51.100.34', cliOnMac, CHROME_MAC, true),
    developer('bob.okafor', '203.0.113.77', cliOnLinux, FIREFOX_LINUX, true),
    developer('carol.chen', '198.51.100.150', (c) => cliOnMac(c, '2.13.37'), CHROME_MAC, true),
    developer('dan.kowalski', '203.0.113.201', cliOnLinux, FIREFOX_LINUX, false),
    developer('erin.silva', '192.0.2.88', (c) => cliOnMac(c, '2.15.30'), EDGE_WINDOWS, true),
    developer('farid.haddad', '198.51.100.9', cliOnMac, CHROME_MAC, true),
  ];
  const fnRole = (name: string) => role(rng, accountId, name);
  const functions: LambdaFunction[] = [
    {
      name: 'orders-api',
      region: 'us-east-1',
      role: fnRole('orders-api-role'),
      bucket: 'acme-app-uploads',
      keyPrefix: 'orders/',
      ips: ['3.88.41.17', '54.91.12.203', '34.229.77.140'],
    },
    {
      name: 'invoice-renderer',
      region: 'us-east-1',
      role: fnRole('invoice-renderer-role'),
      bucket: 'acme-invoices',
      keyPrefix: 'invoices/',
      ips: ['44.201.9.66', '3.85.120.4'],
    },
    {
      name: 'thumbnailer',
      region: 'eu-west-1',
      role: fnRole('thumbnailer-role'),
      bucket: 'acme-web-assets',
      keyPrefix: 'images/',
      ips: ['34.245.19.201', '52.49.88.12'],
    },
    {
      name: 'customer-export',
      region: 'eu-west-1',
      role: fnRole('customer-export-role'),
      bucket: 'acme-customer-exports',
      keyPrefix: 'exports/',
      ips: ['54.170.3.98'],
    },
    {
      name: 'search-indexer',
      region: 'us-west-2',
      role: fnRole('search-indexer-role'),
      bucket: 'acme-app-uploads',
      keyPrefix: 'search/',
      ips: ['35.88.14.201', '44.234.7.19'],
    },
  ];
  const instances: Instance[] = [];
  for (const [region, count, net] of [
    ['us-east-1', 6, '10.20'],
    ['eu-west-1', 3, '10.30'],
    ['us-west-2', 2, '10.40'],
  ] as const) {
    const vpce = ec2Id(rng, 'vpce');
    for (let i = 0; i < count; i += 1) {
      instances.push({
        id: ec2Id(rng, 'i'),
        region,
        privateIp: `${net}.${rng.int(1, 30)}.${rng.int(4, 250)}`,
        vpcEndpointId: vpce,
      });
    }
  }
  return {
    accountId,
    officeIp: '198.51.100.23',
    developers,
    ciUser: { name: CI_DEPLOY_USER, principalId: uniqueId(rng, 'AIDA'), accessKey: CI_DEPLOY_ACCESS_KEY },
    ciRunnerIps: ['20.57.44.131', '4.227.148.72', '20.169.3.19', '52.184.201.40', '20.84.33.156'],
    roles: {
      deploy: role(rng, accountId, 'deploy-role'),
      terraform: role(rng, accountId, 'terraform-apply'),
      appServer: role(rng, accountId, 'app-server-role'),
      monitoring: role(rng, accountId, 'MonitoringReadOnly'),
      incidentResponse: role(rng, accountId, 'SecurityIncidentResponse'),
    },
    monitoringVendorAccount: '444455556666',
    functions,
    instances,
    buckets: [
      'acme-app-uploads',
      'acme-invoices',
      'acme-web-assets',
      'acme-customer-exports',
      'acme-ci-artifacts',
      'acme-terraform-state',
      'acme-cloudtrail-archive',
    ],
    kmsKeys: {
      'us-east-1': `arn:aws:kms:us-east-1:${accountId}:key/${rng.uuid()}`,
      'eu-west-1': `arn:aws:kms:eu-west-1:${accountId}:key/${rng.uuid()}`,
      'us-west-2': `arn:aws:kms:us-west-2:${accountId}:key/${rng.uuid()}`,
    },
    trails: { siem: 'acme-security-siem', archive: 'acme-org-archive' },
    flowLogIds: [ec2Id(rng, 'fl'), ec2Id(rng, 'fl')],
  };
}
