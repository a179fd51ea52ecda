import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../../../main/analysis/lineage/lineage.js';
import { TrailWriter, roleArn, userArn } from './chain-fixtures.js';
import { loadTrail } from './trail-loader.js';

const OTRF = 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json';
const PANTHER = 'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json';

describe('generated chains', () => {
  /** AKIA → AssumeRole → ASIA1 → AssumeRole → ASIA2, then ASIA1 creates AKIA2. */
  function chain(): { trail: TrailWriter; created: number } {
    const trail = new TrailWriter();
    const alice = trail.asUser('alice', 'AKIAALICE0000000001');
    trail.add({ ...alice, eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com' });
    trail.assumeRole(alice, 'Deploy', 'hop1', 'ASIAHOP1000000000001');
    const hop1 = trail.asRole('Deploy', 'hop1', 'ASIAHOP1000000000001');
    trail.assumeRole(hop1, 'Admin', 'hop2', 'ASIAHOP2000000000002');
    const hop2 = trail.asRole('Admin', 'hop2', 'ASIAHOP2000000000002');
    for (let i = 0; i < 3; i += 1) trail.getObject(hop2, 'secrets', `file-${i}.txt`);
    trail.getObject(hop2, 'secrets', 'denied.txt', 'AccessDenied');
    const created = trail.add({
      ...hop1,
      eventName: 'CreateAccessKey',
      eventSource: 'iam.amazonaws.com',
      requestParameters: JSON.stringify({ userName: 'backdoor' }),
      responseElements: JSON.stringify({
        accessKey: { accessKeyId: 'AKIABACKDOOR0000002', userName: 'backdoor', status: 'Active' },
      }),
    }).id;
    trail.add({
      ...trail.asUser('backdoor', 'AKIABACKDOOR0000002'),
      eventName: 'ListUsers',
      eventSource: 'iam.amazonaws.com',
    });
    return { trail, created };
  }

  it('gives every event of the second hop the long-term key as root, with the proving events', () => {
    const { trail } = chain();
    const lineage = buildLineage(trail.events);
    const hop2Events = trail.events.filter((e) => e.accessKeyId === 'ASIAHOP2000000000002');
    expect(hop2Events).toHaveLength(4);
    for (const event of hop2Events) expect(lineage.rootOfEvent(event)).toBe('AKIAALICE0000000001');

    const chainSteps = lineage.chainOf('ASIAHOP2000000000002');
    expect(chainSteps.map((step) => step.node.id)).toEqual([
      'AKIAALICE0000000001',
      'ASIAHOP1000000000001',
      'ASIAHOP2000000000002',
    ]);
    expect(chainSteps[0]?.via).toBeNull();
    // Event 2 and 3 are the two AssumeRole calls (see chain()).
    expect(chainSteps.map((step) => step.via?.eventRowId ?? null)).toEqual([null, 2, 3]);
    expect(chainSteps[2]?.via).toMatchObject({ kind: 'assumed', eventId: 'evt-3', from: 'ASIAHOP1000000000001' });

    const hop2 = lineage.node('ASIAHOP2000000000002');
    expect(hop2).toMatchObject({
      kind: 'session-key',
      principal: 'arn:aws:sts::111122223333:assumed-role/Admin/hop2',
      role: roleArn('Admin'),
      events: 4,
      orphan: false,
    });
    expect(lineage.node('AKIAALICE0000000001')).toMatchObject({
      kind: 'long-term-key',
      principal: userArn('alice'),
      events: 2,
    });
  });

  it('makes a created key its own root, linked from its creator by a created-key link', () => {
    const { trail, created } = chain();
    const lineage = buildLineage(trail.events);
    expect(lineage.rootOf('AKIABACKDOOR0000002')).toBe('AKIABACKDOOR0000002');
    expect(lineage.node('AKIABACKDOOR0000002')).toMatchObject({
      kind: 'long-term-key',
      principal: userArn('backdoor'),
      events: 1,
    });
    expect(lineage.linkTo('AKIABACKDOOR0000002')).toMatchObject({
      from: 'ASIAHOP1000000000001',
      kind: 'created-key',
      eventRowId: created,
    });
    expect(
      lineage
        .linksFrom('ASIAHOP1000000000001')
        .map((link) => link.kind)
        .sort(),
    ).toEqual(['assumed', 'created-key']);
    // The created key does not join the original chain.
    expect(lineage.keysWithRoot('AKIAALICE0000000001').sort()).toEqual([
      'AKIAALICE0000000001',
      'ASIAHOP1000000000001',
      'ASIAHOP2000000000002',
    ]);
    expect(lineage.keysWithRoot('AKIABACKDOOR0000002')).toEqual(['AKIABACKDOOR0000002']);
  });

  it('flags a session whose AssumeRole is not in the evidence as an orphan that is its own root', () => {
    const trail = new TrailWriter();
    const lost = trail.asRole('Lost', 'someone', 'ASIAORPHAN0000000009');
    trail.getObject(lost, 'b', 'k');
    trail.assumeRole(lost, 'Next', 'n', 'ASIANEXT000000000010');
    const lineage = buildLineage(trail.events);
    expect(lineage.node('ASIAORPHAN0000000009')).toMatchObject({ orphan: true, kind: 'session-key', events: 2 });
    expect(lineage.rootOf('ASIAORPHAN0000000009')).toBe('ASIAORPHAN0000000009');
    expect(lineage.rootOf('ASIANEXT000000000010')).toBe('ASIAORPHAN0000000009');
    expect(lineage.node('ASIANEXT000000000010')?.orphan).toBe(false);
    expect(lineage.rootOf('ASIAUNKNOWN')).toBeNull();
    expect(lineage.chainOf('ASIAUNKNOWN')).toEqual([]);
  });

  it('links a session whose first use sorts before its AssumeRole (same second)', () => {
    const trail = new TrailWriter();
    const bob = trail.asUser('bob', 'AKIABOB000000000001');
    const session = trail.asRole('R', 's', 'ASIAEARLY00000000001');
    const use = trail.getObject(session, 'b', 'k');
    const assume = trail.assumeRole(bob, 'R', 's', 'ASIAEARLY00000000001');
    assume.time = use.time;
    const lineage = buildLineage(trail.events);
    expect(lineage.rootOf('ASIAEARLY00000000001')).toBe('AKIABOB000000000001');
    expect(lineage.node('ASIAEARLY00000000001')?.orphan).toBe(false);
  });

  it('makes no link for a failed AssumeRole', () => {
    const trail = new TrailWriter();
    const bob = trail.asUser('bob', 'AKIABOB000000000001');
    trail.assumeRole(bob, 'R', 's', 'ASIAFAIL000000000001', 'AccessDenied');
    const lineage = buildLineage(trail.events);
    expect(lineage.links).toEqual([]);
    expect(lineage.node('ASIAFAIL000000000001')).toBeUndefined();
  });

  it('starts a chain at a console login and follows GetSessionToken and a created login profile', () => {
    const trail = new TrailWriter();
    const root = { principalArn: 'arn:aws:iam::111122223333:root', principalType: 'Root', userName: 'root' };
    trail.add({
      ...root,
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      responseElements: '{"ConsoleLogin":"Failure"}',
      errorCode: 'Failed authentication',
    });
    trail.add({
      ...root,
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      responseElements: '{"ConsoleLogin":"Success"}',
    });
    const profile = trail.add({
      ...root,
      eventName: 'CreateLoginProfile',
      eventSource: 'iam.amazonaws.com',
      requestParameters: JSON.stringify({ userName: 'mallory', passwordResetRequired: false }),
      responseElements: JSON.stringify({ loginProfile: { userName: 'mallory', passwordResetRequired: false } }),
    });
    trail.add({
      ...root,
      eventName: 'GetSessionToken',
      eventSource: 'sts.amazonaws.com',
      responseElements: JSON.stringify({ credentials: { accessKeyId: 'ASIAROOTSESSION00001' } }),
    });
    const lineage = buildLineage(trail.events);
    const consoleId = 'console:arn:aws:iam::111122223333:root';
    expect(lineage.node(consoleId)).toMatchObject({ kind: 'console-session', events: 3 });
    expect(lineage.rootOf('ASIAROOTSESSION00001')).toBe(consoleId);
    expect(lineage.linkTo('ASIAROOTSESSION00001')).toMatchObject({ kind: 'session-token', from: consoleId });
    expect(lineage.linkTo(`console:${userArn('mallory')}`)).toMatchObject({
      kind: 'created-login-profile',
      from: consoleId,
      eventRowId: profile.id,
    });
    expect(lineage.rootOf(`console:${userArn('mallory')}`)).toBe(`console:${userArn('mallory')}`);
  });

  it('roots an SSO session at itself, not as an orphan, when its caller is unknown', () => {
    const trail = new TrailWriter();
    trail.add({
      eventName: 'GetRoleCredentials',
      eventSource: 'sso.amazonaws.com',
      principalType: 'Unknown',
      userName: 'jane',
      requestParameters: JSON.stringify({ roleName: 'Admin', accountId: '111122223333' }),
      responseElements: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO0000000000001' } }),
    });
    trail.getObject(trail.asRole('AWSReservedSSO_Admin_0123', 'jane', 'ASIASSO0000000000001'), 'b', 'k');
    const lineage = buildLineage(trail.events);
    expect(lineage.node('ASIASSO0000000000001')).toMatchObject({ orphan: false, events: 1 });
    expect(lineage.rootOf('ASIASSO0000000000001')).toBe('ASIASSO0000000000001');
  });

  it('derives SAML and web-identity sessions from their identity providers', () => {
    const trail = new TrailWriter();
    trail.add({
      eventName: 'AssumeRoleWithSAML',
      eventSource: 'sts.amazonaws.com',
      principalType: 'SAMLUser',
      requestParameters: JSON.stringify({
        roleArn: roleArn('Sso'),
        principalArn: 'arn:aws:iam::111122223333:saml-provider/Okta',
      }),
      responseElements: JSON.stringify({
        credentials: { accessKeyId: 'ASIASAML000000000001' },
        assumedRoleUser: { arn: 'arn:aws:sts::111122223333:assumed-role/Sso/jane@example.com' },
      }),
    });
    trail.add({
      eventName: 'AssumeRoleWithWebIdentity',
      eventSource: 'sts.amazonaws.com',
      principalType: 'WebIdentityUser',
      requestParameters: JSON.stringify({ roleArn: roleArn('Ci'), roleSessionName: 'gh' }),
      responseElements: JSON.stringify({
        credentials: { accessKeyId: 'ASIAWEB0000000000001' },
        provider: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
      }),
    });
    const lineage = buildLineage(trail.events);
    expect(lineage.linkTo('ASIASAML000000000001')).toMatchObject({
      kind: 'saml',
      from: 'arn:aws:iam::111122223333:saml-provider/Okta',
    });
    expect(lineage.node('ASIASAML000000000001')?.principal).toBe(
      'arn:aws:sts::111122223333:assumed-role/Sso/jane@example.com',
    );
    expect(lineage.rootOf('ASIAWEB0000000000001')).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(lineage.linkTo('ASIAWEB0000000000001')?.kind).toBe('web-identity');
  });
});

describe('OTRF ec2_proxy_s3_exfiltration (real, instance-role credentials used from outside)', () => {
  const events = loadTrail(OTRF);
  const lineage = buildLineage(events);

  it('links the five instance-profile sessions to their instances', () => {
    // jq -s -c '[.[]|select(.eventName=="AssumeRole")|{s:.requestParameters.roleSessionName,k:.responseElements.credentials.accessKeyId}]'
    // → i-044b1baf4c96e1b62: ASIA5FLZVX4OLY6BJN4L, ASIA5FLZVX4OK6HMTKWY;
    //   i-0317f6c6b66ae9c40: ASIA5FLZVX4OAET5K4P5, ASIA5FLZVX4OO3RUSEX6, ASIA5FLZVX4OPVKKVBMX
    const instanceLinks = lineage.links.filter((link) => link.kind === 'instance-profile');
    expect(instanceLinks).toHaveLength(5);
    expect(lineage.keysWithRoot('i-0317f6c6b66ae9c40').sort()).toEqual([
      'ASIA5FLZVX4OAET5K4P5',
      'ASIA5FLZVX4OO3RUSEX6',
      'ASIA5FLZVX4OPVKKVBMX',
    ]);
    expect(lineage.keysWithRoot('i-044b1baf4c96e1b62').sort()).toEqual([
      'ASIA5FLZVX4OK6HMTKWY',
      'ASIA5FLZVX4OLY6BJN4L',
    ]);
    // jq: the AssumeRole that returned ASIA5FLZVX4OPVKKVBMX has eventID a3a3dded-7c27-42c0-a42d-891cdd436278
    expect(lineage.chainOf('ASIA5FLZVX4OPVKKVBMX').map((s) => [s.node.id, s.via?.eventId ?? null])).toEqual([
      ['i-0317f6c6b66ae9c40', null],
      ['ASIA5FLZVX4OPVKKVBMX', 'a3a3dded-7c27-42c0-a42d-891cdd436278'],
    ]);
  });

  it('counts the stolen session and gives all 11 of its events the instance as root', () => {
    // jq -s '[.[]|.userIdentity.accessKeyId]|group_by(.)|map({k:.[0],n:length})'
    // → null 5, ASIA5FLZVX4OI4ZDQJOL 87, ASIA5FLZVX4OPVKKVBMX 11
    const stolen = events.filter((e) => e.accessKeyId === 'ASIA5FLZVX4OPVKKVBMX');
    expect(stolen).toHaveLength(11);
    expect(new Set(stolen.map((e) => lineage.rootOfEvent(e)))).toEqual(new Set(['i-0317f6c6b66ae9c40']));
    expect(lineage.node('ASIA5FLZVX4OPVKKVBMX')).toMatchObject({
      events: 11,
      orphan: false,
      instanceId: 'i-0317f6c6b66ae9c40',
      role: 'arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0',
      principal:
        'arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40',
    });
  });

  it("treats pedro's session key, whose creation is not in the evidence, as an orphan root", () => {
    expect(lineage.node('ASIA5FLZVX4OI4ZDQJOL')).toMatchObject({
      orphan: true,
      events: 87,
      principal: 'arn:aws:iam::123456789123:user/pedro',
    });
    expect(lineage.rootOf('ASIA5FLZVX4OI4ZDQJOL')).toBe('ASIA5FLZVX4OI4ZDQJOL');
    // The five AssumeRole calls are made by ec2.amazonaws.com, with no credential of their own.
    const serviceCalls = events.filter((e) => e.eventName === 'AssumeRole');
    expect(serviceCalls.map((e) => lineage.rootOfEvent(e))).toEqual([null, null, null, null, null]);
  });
});

describe('panther compromised-root-creds scenario', () => {
  const events = loadTrail(PANTHER);
  const lineage = buildLineage(events);
  const rootArn = 'arn:aws:iam::493859302102:root';
  const rootConsole = `console:${rootArn}`;

  it('roots everything the root user did at the root console login', () => {
    // jq -c '.Records[]|select(.userIdentity.type=="Root")' | wc -l → 15 events by Root (none with an accessKeyId)
    const rootEvents = events.filter((e) => e.principalType === 'Root');
    expect(rootEvents).toHaveLength(15);
    expect(new Set(rootEvents.map((e) => lineage.rootOfEvent(e)))).toEqual(new Set([rootConsole]));
    expect(lineage.node(rootConsole)).toMatchObject({ kind: 'console-session', events: 15 });
  });

  it('records the created user and both created keys as persistence branches', () => {
    // jq -c '.Records[]|select(.eventName=="CreateAccessKey" or .eventName=="CreateUser")|.responseElements'
    // → AKIA5ZZZK44445XXFFVB (for Root itself), user tracy_stone, AKIASWJJJ66ZZZII4IYY (for tracy_stone)
    const created = lineage.linksFrom(rootConsole).map((link) => [link.kind, link.to]);
    expect(created).toEqual([
      ['created-key', 'AKIA5ZZZK44445XXFFVB'],
      ['created-user', 'arn:aws:iam::493859302102:user/tracy_stone'],
      ['created-key', 'AKIASWJJJ66ZZZII4IYY'],
    ]);
    expect(lineage.node('AKIA5ZZZK44445XXFFVB')?.principal).toBe(rootArn);
    expect(lineage.node('AKIASWJJJ66ZZZII4IYY')?.principal).toBe('arn:aws:iam::493859302102:user/tracy_stone');
    expect(lineage.rootOf('AKIASWJJJ66ZZZII4IYY')).toBe('AKIASWJJJ66ZZZII4IYY');
    // RunInstances is the one tracy_stone event; its key id is spelled "accesskeyid" in this file,
    // so the normalizer gives none and the event falls to the created user's principal node.
    const run = events.find((e) => e.eventName === 'RunInstances');
    expect(run?.accessKeyId).toBeNull();
    expect(lineage.credentialOf(run!)).toBe('arn:aws:iam::493859302102:user/tracy_stone');
  });
});
