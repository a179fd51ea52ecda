import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, CI_DEPLOY_ACCESS_KEY } from '../../../main/demo/account.js';
import { DEMO_NETWORK, demoFlowLines, webServerIp } from '../../../main/demo/network.js';
import { flowPairs, flowScans } from '../../../main/services/flows.js';
import {
  ATTACKER_IP,
  BACKDOOR_ACCESS_KEY,
  DEMO_END,
  DEMO_START,
  HOSTILE_USER_AGENT,
  createDemoCase,
  demoRecords,
} from '../../../main/demo/demo-incident.js';
import { demoCommand } from '../../../main/cli/demo.js';
import type { Output } from '../../../main/cli/output.js';
import { openCase, type ReadonlyDb } from '../../../main/store/open-case.js';
import { countMatches, firstMatches } from '../../helpers/timeline-queries.js';
import { expectCloudTrailShape } from './record-shape.js';

describe('the demo incident records', () => {
  const records = demoRecords();

  it('are the same on every run, in time order, over three days, with the real shape', () => {
    expect(JSON.stringify(demoRecords())).toBe(JSON.stringify(records));
    expect(records.length).toBeGreaterThan(4000);
    const times = records.map((record) => Date.parse(record.eventTime));
    expect(
      times.every((time, i) => time >= DEMO_START && time < DEMO_END && (i === 0 || time >= (times[i - 1] as number))),
    ).toBe(true);
    for (const record of records) expectCloudTrailShape(record);
    expect(new Set(records.map((record) => record.eventID)).size).toBe(records.length);
  });
});

describe('createDemoCase', () => {
  let dir: string;
  let db: ReadonlyDb;
  let created: { events: number; files: number };
  const count = (query: string) => countMatches(db, query);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-demo-test-'));
    created = await createDemoCase(join(dir, 'demo.cairn'));
    db = openCase(join(dir, 'demo.cairn'), { readonly: true });
  });
  afterAll(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports every generated record through the pipeline', () => {
    const flowLines = demoFlowLines(buildAccount()).length;
    expect(created.events).toBe(demoRecords().length + flowLines);
    expect(count('')).toBe(created.events);
    expect(count('source:vpcflow')).toBe(flowLines);
    const formats = Object.fromEntries(
      (
        db
          .prepare(`SELECT format, count(*) AS n FROM evidence_files WHERE status = 'ingested' GROUP BY format`)
          .all() as {
          format: string;
          n: number;
        }[]
      ).map((row) => [row.format, row.n]),
    );
    expect(formats).toEqual({
      'cloudtrail-s3': expect.any(Number),
      vpcflow: 3,
      'iam-authorization-details': 1,
      'ec2-describe-network-acls': 1,
      'ec2-describe-security-groups': 1,
      'ec2-describe-network-interfaces': 1,
    });
    expect(Object.values(formats).reduce((sum, n) => sum + n, 0)).toBe(created.files);
    expect(db.prepare(`SELECT value FROM case_meta WHERE key = 'demo'`).get()).toEqual({ value: 'true' });
  });

  it('shows the network side: the sweep, SSH refused by the security group, replies dropped by the NACL, then silence', () => {
    const web = webServerIp(buildAccount());
    expect(flowScans(db)).toEqual([
      expect.objectContaining({
        source: ATTACKER_IP,
        kind: 'vertical',
        targets: [web],
        distinctPorts: 1000,
        accepted: 4,
        rejected: 1005,
      }),
    ]);
    const pairs = flowPairs(db);
    const returnBlocked = pairs.filter((pair) => pair.verdict === 'return-blocked');
    expect(returnBlocked).toHaveLength(4);
    for (const pair of returnBlocked) {
      expect(pair).toMatchObject({ client: ATTACKER_IP, server: web, serverPort: 443 });
      expect(pair.explanation).toMatchObject({
        layer: 'nacl',
        naclId: DEMO_NETWORK.nacl,
        ruleNumber: DEMO_NETWORK.torRule,
        direction: 'egress',
      });
    }
    const ssh = pairs.filter((pair) => pair.client === ATTACKER_IP && pair.serverPort === 22);
    expect(ssh).toHaveLength(DEMO_NETWORK.sshAttempts + 1); // the attempts, and the sweep's probe of 22
    for (const pair of ssh) expect(pair.explanation).toMatchObject({ layer: 'sg', groupIds: [DEMO_NETWORK.webGroup] });
    expect(pairs.filter((pair) => pair.verdict !== 'ok' && pair.client !== ATTACKER_IP)).toEqual([]);
    // The log stops before the intruder's DeleteFlowLogs: the gap corroborates CloudTrail.
    const deleted = Math.min(
      ...demoRecords()
        .filter((record) => record.eventName === 'DeleteFlowLogs')
        .map((record) => Date.parse(String(record.eventTime))),
    );
    expect(Math.max(...pairs.map((pair) => pair.last))).toBeLessThan(deleted);
  });

  it('makes each step of the intrusion findable', () => {
    expect(
      count(
        `accessKeyId:${CI_DEPLOY_ACCESS_KEY} AND sourceIp:${ATTACKER_IP} AND eventName:GetCallerIdentity AND NOT errorCode:*`,
      ),
    ).toBe(2);
    expect(count(`accessKeyId:${CI_DEPLOY_ACCESS_KEY} AND errorCode:AccessDenied*`)).toBeGreaterThanOrEqual(20);
    expect(count(`sourceIp:${ATTACKER_IP} AND eventName:DescribeInstances`)).toBe(17);
    expect(count('eventName:CreateUser AND userName:ci-deploy')).toBe(1);
    expect(count('eventName:AttachUserPolicy AND AdministratorAccess')).toBe(1);
    expect(count(`eventName:CreateLoginProfile`)).toBe(1);
    expect(count('eventName:StopLogging')).toBe(1);
    expect(count('eventName:DeleteFlowLogs')).toBe(2);
    expect(count('eventName:DeleteDetector AND errorCode:AccessDeniedException')).toBe(2);
    expect(count(`eventName:GetObject AND accessKeyId:${BACKDOOR_ACCESS_KEY}`)).toBe(273);
    expect(count('eventName:PutBucketPolicy')).toBe(1);
    expect(count('principalType:AWSAccount')).toBe(14);
    expect(count(`eventName:RunInstances AND sourceIp:${ATTACKER_IP}`)).toBe(4);
    expect(count('eventName:RunInstances AND errorCode:Client.VcpuLimitExceeded')).toBe(2);
    expect(count('eventName:UpdateAccessKey')).toBe(2);
    expect(count('eventName:DeleteUser')).toBe(1);
    expect(count('eventName:StartLogging AND userName:jane.doe')).toBe(1);
    expect(count('errorCode:InvalidClientTokenId')).toBe(3);
  });

  it('keeps the hostile user agent as text, byte for byte', () => {
    const [event] = firstMatches(db, 'userAgent:*script*', 10);
    expect(event?.fields.userAgent).toBe(HOSTILE_USER_AGENT);
    expect(event?.raw).toContain(JSON.stringify(HOSTILE_USER_AGENT).slice(1, -1));
  });
});

describe('cairn demo', () => {
  it('refuses to overwrite an existing case and explains usage', async () => {
    const lines: string[] = [];
    const io: Output = { out: (line) => lines.push(line), err: (line) => lines.push(line), isTty: false };
    expect(await demoCommand([join(tmpdir())], io)).toBe(1);
    expect(lines.join('\n')).toMatch(/already exists/);
    await expect(demoCommand([], io)).rejects.toThrow(/usage: cairn demo CASE/);
  });
});
