import { describe, expect, it } from 'vitest';
import { createConversationPairer, pairConversations } from '../../../../main/analysis/flows/pair.js';
import { explainConversation } from '../../../../main/analysis/flows/explain-conversation.js';
import { firstIsServer } from '../../../../main/analysis/flows/client-server.js';
import { readFlowFile } from '../../ingest/vpcflow/read-lines.js';
import { eni, entry, group, nacl, permission, snapshotOf } from '../network/builders.js';
import { busyStream, flow } from './generate.js';

const T = 1_700_000_000_000;
const WEB = '10.0.1.10';
const CLIENT = '192.0.2.50';

describe('client/server by ports', () => {
  it('prefers the well-known or non-ephemeral port as the server', () => {
    expect(firstIsServer(443, 50000)).toBe(true);
    expect(firstIsServer(50000, 22)).toBe(false);
    expect(firstIsServer(8080, 51000)).toBe(true);
    expect(firstIsServer(40000, 3000)).toBe(false);
    expect(firstIsServer(5000, 6000)).toBeNull();
  });
});

describe('pairConversations verdicts', () => {
  it('ok: request and reply accepted, one row', () => {
    const convs = pairConversations([
      flow(CLIENT, 50000, WEB, 443, T, { bytes: 300 }),
      flow(WEB, 443, CLIENT, 50000, T + 1, { bytes: 7000 }),
    ]);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toEqual({
      eni: 'eni-web', client: CLIENT, server: WEB, serverPort: 443, protocol: 6, forward: 'ACCEPT', reverse: 'ACCEPT',
      verdict: 'ok', records: 2, bytes: 7300, first: T, last: T + 60_001,
      explanation: { layer: 'none', naclId: null, ruleNumber: null, direction: null, groupIds: [], text: expect.stringMatching(/request and reply accepted/) },
    });
  });

  it('the client is the ephemeral side even when the reply is seen first', () => {
    const convs = pairConversations([flow(WEB, 443, CLIENT, 50000, T), flow(CLIENT, 50000, WEB, 443, T + 1)]);
    expect(convs.map((c) => [c.client, c.server, c.serverPort])).toEqual([[CLIENT, WEB, 443]]);
  });

  it('return-blocked: request accepted, reply rejected', () => {
    const [conv] = pairConversations([flow(CLIENT, 50000, WEB, 443, T), flow(WEB, 443, CLIENT, 50000, T + 1, { action: 'REJECT' })]);
    expect(conv).toMatchObject({ forward: 'ACCEPT', reverse: 'REJECT', verdict: 'return-blocked' });
    expect(conv!.explanation).toEqual({
      layer: 'nacl', naclId: null, ruleNumber: null, direction: 'egress', groupIds: [],
      text: 'request accepted and reply rejected: a stateless NACL is dropping the return traffic; security groups are stateful',
    });
  });

  it('inbound-blocked: request rejected entering the ENI, no reply', () => {
    const [conv] = pairConversations([flow('203.0.113.9', 41000, WEB, 3389, T, { action: 'REJECT' })]);
    expect(conv).toMatchObject({ client: '203.0.113.9', server: WEB, forward: 'REJECT', reverse: null, verdict: 'inbound-blocked' });
    expect(conv!.explanation.direction).toBe('ingress');
  });

  it('outbound-blocked: egress request rejected', () => {
    const [conv] = pairConversations([flow(WEB, 41000, '203.0.113.9', 25, T, { action: 'REJECT', flowDirection: 'egress' })]);
    expect(conv).toMatchObject({ client: WEB, server: '203.0.113.9', verdict: 'outbound-blocked' });
    expect(conv!.explanation.direction).toBe('egress');
  });

  it('one-way: one direction only, nothing rejected', () => {
    const [conv] = pairConversations([flow(CLIENT, 50000, WEB, 443, T)]);
    expect(conv).toMatchObject({ forward: 'ACCEPT', reverse: null, verdict: 'one-way' });
  });

  it('splits a 5-tuple after an idle gap longer than the window, and separates ENIs', () => {
    const convs = pairConversations([
      flow(CLIENT, 50000, WEB, 443, T),
      flow(CLIENT, 50000, WEB, 443, T, { eni: 'eni-other' }),
      flow(CLIENT, 50000, WEB, 443, T + 60_000 + 11 * 60_000),
    ]);
    expect(convs).toHaveLength(3);
    expect(pairConversations([flow(CLIENT, 50000, WEB, 443, T), flow(CLIENT, 50000, WEB, 443, T + 60_000 + 11 * 60_000)], { windowMs: 20 * 60_000 })).toHaveLength(1);
  });
});

describe('generated incident: NACL egress allows only tcp 0-1023', () => {
  const snapshot = snapshotOf({
    nacls: [nacl('acl-0badnacl', ['subnet-web'], [entry(100, false, { protocol: 6, portRange: { from: 443, to: 443 } }), entry(100, true, { protocol: 6, portRange: { from: 0, to: 1023 } })])],
    groups: [group('sg-web', [permission({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] })])],
    enis: [eni('eni-web', 'subnet-web', [WEB], ['sg-web'])],
  });
  const records = [
    flow(CLIENT, 50000, WEB, 443, T),
    flow(WEB, 443, CLIENT, 50000, T + 2, { action: 'REJECT' }),
    flow('198.51.100.7', 51515, WEB, 3306, T + 5, { action: 'REJECT' }),
  ];

  it('the 443 conversation is return-blocked by that NACL, its deciding rule, egress', () => {
    const convs = pairConversations(records, { snapshot });
    const https = convs.find((c) => c.serverPort === 443)!;
    expect(https.verdict).toBe('return-blocked');
    // No egress rule covers port 50000: the default rule (32767) decides.
    expect(https.explanation).toMatchObject({ layer: 'nacl', naclId: 'acl-0badnacl', ruleNumber: 32767, direction: 'egress' });
    expect(https.explanation.text).toMatch(/^reply rejected: NACL acl-0badnacl rule \* \(32767\) \(egress\) denies all traffic to 0\.0\.0\.0\/0/);
  });

  it('a port no security group allows is inbound-blocked by the SG layer', () => {
    const withNacl3306 = snapshotOf({
      nacls: [nacl('acl-open', ['subnet-web'], [entry(100, false), entry(100, true)])],
      groups: [group('sg-web', [permission({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] })])],
      enis: [eni('eni-web', 'subnet-web', [WEB], ['sg-web'])],
    });
    const mysql = pairConversations(records, { snapshot: withNacl3306 }).find((c) => c.serverPort === 3306)!;
    expect(mysql.verdict).toBe('inbound-blocked');
    expect(mysql.explanation).toMatchObject({ layer: 'sg', direction: 'ingress', groupIds: ['sg-web'], naclId: null });
    expect(mysql.explanation.text).toBe('request rejected: no security-group rule allows tcp/3306 from 198.51.100.7 (ingress) on sg-web');
  });

  it('explainConversation without pairing detail checks the reply at a typical ephemeral port', () => {
    const conv = pairConversations(records).find((c) => c.serverPort === 443)!;
    const explanation = explainConversation(conv, snapshot);
    expect(explanation).toMatchObject({ naclId: 'acl-0badnacl', ruleNumber: 32767, direction: 'egress' });
    expect(explanation.text).toMatch(/checked at ephemeral port 49152/);
  });
});

describe('the compromised-root-creds scenario flows', () => {
  it('pairs the SSH session and reads the rejected 443 reply as return-blocked', () => {
    // 6 records: SSH in (48316→22) + reply, a rejected 172.31.77.31:443 → 172.31.77.1:48316,
    // an S3 download on 443, and two records of 38316→22 outbound to the attacker.
    const { records } = readFlowFile('panther-analysis/scenario_compromised-root-creds/DERIVED_vpcflow_v2.log');
    const convs = pairConversations(records);
    expect(convs.map((c) => [c.client, c.server, c.serverPort, c.verdict, c.records])).toEqual([
      ['92.55.146.245', '172.31.77.31', 22, 'ok', 2],
      ['172.31.77.1', '172.31.77.31', 443, 'return-blocked', 1],
      ['52.216.229.53', '172.31.77.31', 443, 'one-way', 1],
      ['172.31.77.31', '92.55.146.245', 22, 'one-way', 2],
    ]);
  });
});

describe('bounded memory', () => {
  it('1M records through the streaming pairer keep the open set small', () => {
    const pairer = createConversationPairer({ windowMs: 60_000 });
    let flushed = 0;
    let maxOpen = 0;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (const record of busyStream(1_000_000)) {
      flushed += pairer.push(record).length;
      maxOpen = Math.max(maxOpen, pairer.openCount);
    }
    const during = process.memoryUsage().heapUsed;
    flushed += pairer.finish().length;
    // Each request/reply pair is one conversation (500 000); ports are random, so a few collide.
    expect(flushed).toBeGreaterThan(490_000);
    expect(flushed).toBeLessThanOrEqual(500_000);
    // One window (60 s) at 200 records/s plus a quarter-window sweep lag: ≈ 6 000 + 3 000 + 3 000.
    expect(maxOpen).toBeLessThan(20_000);
    // Rough: far less than holding 500 000 conversations (> 200 MB).
    expect(during - before).toBeLessThan(150 * 1024 * 1024);
  });
});
