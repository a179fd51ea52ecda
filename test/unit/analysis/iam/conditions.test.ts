import { describe, expect, it } from 'vitest';
import { evaluateConditions } from '../../../../main/analysis/iam/conditions.js';
import { evaluate } from '../../../../main/analysis/iam/evaluate.js';
import type { ConditionBlock } from '../../../../main/analysis/iam/model.js';
import type { RequestContext } from '../../../../main/analysis/iam/request-context.js';
import { contextView } from '../../../../main/analysis/iam/request-context.js';
import { ACCOUNT, doc, snapshot, user } from './build-snapshot.js';

function check(block: ConditionBlock, context: RequestContext, complete = true) {
  return evaluateConditions(block, contextView({}, context, complete)).kind;
}

const c = (op: string, key: string, ...values: string[]): ConditionBlock => ({ [op]: { [key]: values } });

describe('String operators', () => {
  it('StringEquals is case-sensitive, EqualsIgnoreCase is not', () => {
    expect(check(c('StringEquals', 'aws:PrincipalTag/team', 'Red'), { 'aws:PrincipalTag/team': 'Red' })).toBe('true');
    expect(check(c('StringEquals', 'aws:PrincipalTag/team', 'Red'), { 'aws:PrincipalTag/team': 'red' })).toBe('false');
    expect(check(c('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'Red'), { 'aws:PrincipalTag/team': 'red' })).toBe(
      'true',
    );
    expect(
      check(c('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'Red'), { 'aws:PrincipalTag/team': 'RED' }),
    ).toBe('false');
  });
  it('condition keys are case-insensitive', () => {
    expect(check(c('StringEquals', 'AWS:REQUESTEDREGION', 'eu-west-1'), { 'aws:RequestedRegion': 'eu-west-1' })).toBe(
      'true',
    );
  });
  it('multiple values under one key are OR-ed, multiple keys AND-ed', () => {
    const block: ConditionBlock = {
      StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-west-2'], 's3:prefix': ['home/'] },
    };
    expect(check(block, { 'aws:RequestedRegion': 'eu-west-2', 's3:prefix': 'home/' })).toBe('true');
    expect(check(block, { 'aws:RequestedRegion': 'eu-west-2', 's3:prefix': 'tmp/' })).toBe('false');
  });
  it('StringNotEquals is true when no value matches', () => {
    expect(
      check(c('StringNotEquals', 'aws:RequestedRegion', 'us-east-1', 'us-west-2'), {
        'aws:RequestedRegion': 'eu-west-1',
      }),
    ).toBe('true');
    expect(
      check(c('StringNotEquals', 'aws:RequestedRegion', 'us-east-1', 'us-west-2'), {
        'aws:RequestedRegion': 'us-west-2',
      }),
    ).toBe('false');
  });
  it('StringLike / StringNotLike use * and ? with regex characters literal', () => {
    expect(check(c('StringLike', 's3:prefix', 'home/*'), { 's3:prefix': 'home/alice/' })).toBe('true');
    expect(check(c('StringLike', 's3:prefix', 'a.c'), { 's3:prefix': 'abc' })).toBe('false');
    expect(check(c('StringLike', 's3:prefix', 'a?c'), { 's3:prefix': 'abc' })).toBe('true');
    expect(check(c('StringNotLike', 's3:prefix', 'home/*'), { 's3:prefix': 'tmp/' })).toBe('true');
    expect(check(c('StringNotLike', 's3:prefix', 'home/*'), { 's3:prefix': 'home/x' })).toBe('false');
  });
  it('substitutes policy variables in condition values', () => {
    const block = c('StringLike', 's3:prefix', 'home/${aws:username}/*');
    expect(check(block, { 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' })).toBe('true');
    expect(check(block, { 'aws:username': 'alice', 's3:prefix': 'home/bob/docs' })).toBe('false');
  });
});

describe('Numeric, Date, Bool, Binary operators', () => {
  it('Numeric comparisons', () => {
    expect(check(c('NumericLessThan', 's3:max-keys', '10'), { 's3:max-keys': '9' })).toBe('true');
    expect(check(c('NumericLessThan', 's3:max-keys', '10'), { 's3:max-keys': '10' })).toBe('false');
    expect(check(c('NumericLessThanEquals', 's3:max-keys', '10'), { 's3:max-keys': '10' })).toBe('true');
    expect(check(c('NumericGreaterThan', 's3:max-keys', '10'), { 's3:max-keys': '11' })).toBe('true');
    expect(check(c('NumericGreaterThanEquals', 's3:max-keys', '10'), { 's3:max-keys': '9' })).toBe('false');
    expect(check(c('NumericEquals', 's3:max-keys', '10'), { 's3:max-keys': '10.0' })).toBe('true');
    expect(check(c('NumericNotEquals', 's3:max-keys', '10'), { 's3:max-keys': '10' })).toBe('false');
  });
  it('a non-numeric value cannot be compared: unknown, not a silent answer', () => {
    expect(check(c('NumericLessThan', 's3:max-keys', '10'), { 's3:max-keys': 'ten' })).toBe('unknown');
  });
  it('Date comparisons accept ISO 8601 and epoch seconds', () => {
    expect(
      check(c('DateLessThan', 'aws:CurrentTime', '2020-01-01T00:00:00Z'), {
        'aws:CurrentTime': '2019-12-31T23:59:59Z',
      }),
    ).toBe('true');
    expect(
      check(c('DateGreaterThan', 'aws:CurrentTime', '2020-01-01T00:00:00Z'), {
        'aws:CurrentTime': '2019-12-31T23:59:59Z',
      }),
    ).toBe('false');
    // 1577836800 = 2020-01-01T00:00:00Z (date -u -d @1577836800)
    expect(check(c('DateEquals', 'aws:EpochTime', '1577836800'), { 'aws:EpochTime': '2020-01-01T00:00:00Z' })).toBe(
      'true',
    );
    expect(
      check(c('DateGreaterThanEquals', 'aws:CurrentTime', '2020-01-01'), { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }),
    ).toBe('true');
    expect(
      check(c('DateNotEquals', 'aws:CurrentTime', '2020-01-01T00:00:00Z'), {
        'aws:CurrentTime': '2020-01-01T00:00:00Z',
      }),
    ).toBe('false');
  });
  it('Bool', () => {
    expect(check(c('Bool', 'aws:SecureTransport', 'false'), { 'aws:SecureTransport': 'false' })).toBe('true');
    expect(check(c('Bool', 'aws:SecureTransport', 'false'), { 'aws:SecureTransport': 'true' })).toBe('false');
  });
  it('BinaryEquals compares the base64 text', () => {
    expect(check(c('BinaryEquals', 'k', 'QmluYXJ5'), { k: 'QmluYXJ5' })).toBe('true');
    expect(check(c('BinaryEquals', 'k', 'QmluYXJ5'), { k: 'QmluYXJ6' })).toBe('false');
  });
});

describe('IP and ARN operators', () => {
  it('IpAddress / NotIpAddress do CIDR math, IPv4 and IPv6', () => {
    expect(check(c('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), { 'aws:SourceIp': '10.200.3.4' })).toBe('true');
    expect(check(c('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), { 'aws:SourceIp': '11.0.0.1' })).toBe('false');
    expect(check(c('IpAddress', 'aws:SourceIp', '203.0.113.7'), { 'aws:SourceIp': '203.0.113.7' })).toBe('true');
    expect(check(c('IpAddress', 'aws:SourceIp', '2001:db8::/32'), { 'aws:SourceIp': '2001:db8:1::5' })).toBe('true');
    expect(
      check(c('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', '192.168.0.0/16'), { 'aws:SourceIp': '192.168.1.1' }),
    ).toBe('false');
    expect(
      check(c('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', '192.168.0.0/16'), { 'aws:SourceIp': '8.8.8.8' }),
    ).toBe('true');
  });
  it('ArnLike matches each ARN part, ArnNotEquals negates', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/ops/deploy`;
    expect(
      check(c('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/ops/*`), { 'aws:PrincipalArn': role }),
    ).toBe('true');
    expect(
      check(c('ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::*:role/ops/deploy`), { 'aws:PrincipalArn': role }),
    ).toBe('true');
    // "*" in the account part never spans into the resource part.
    expect(
      check(c('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*'), { 'aws:SourceArn': 'arn:aws:sns:us-east-1:1:t' }),
    ).toBe('false');
    expect(check(c('ArnNotEquals', 'aws:PrincipalArn', role), { 'aws:PrincipalArn': role })).toBe('false');
    expect(check(c('ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/admin'), { 'aws:PrincipalArn': role })).toBe(
      'true',
    );
  });
});

describe('missing keys, IfExists, Null, set operators', () => {
  it('a missing key is unknown when the context is incomplete (the default)', () => {
    expect(check(c('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), {}, false)).toBe('unknown');
    expect(check(c('StringNotEquals', 'aws:SourceVpc', 'vpc-1'), {}, false)).toBe('unknown');
  });
  it('complete context: a missing key fails positive operators and passes negated ones (AWS semantics)', () => {
    expect(check(c('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), {})).toBe('false');
    expect(check(c('StringNotEquals', 'aws:SourceVpc', 'vpc-1'), {})).toBe('true');
  });
  it('…IfExists passes when the key is absent and tests it when present', () => {
    expect(check(c('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro'), {})).toBe('true');
    expect(check(c('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro'), { 'ec2:InstanceType': 'm5.large' })).toBe(
      'false',
    );
    expect(check(c('NumericLessThanIfExists', 'n', '3'), { n: '2' })).toBe('true');
    expect(check(c('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro'), {}, false)).toBe('unknown');
  });
  it('Null tests presence', () => {
    expect(check(c('Null', 'aws:TokenIssueTime', 'true'), {})).toBe('true');
    expect(check(c('Null', 'aws:TokenIssueTime', 'true'), { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(
      'false',
    );
    expect(check(c('Null', 'aws:TokenIssueTime', 'false'), { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(
      'true',
    );
    expect(check(c('Null', 'aws:TokenIssueTime', 'false'), {}, false)).toBe('unknown');
  });
  it('ForAnyValue: at least one request value matches', () => {
    const block = c('ForAnyValue:StringEquals', 'aws:TagKeys', 'env', 'team');
    expect(check(block, { 'aws:TagKeys': ['cost', 'team'] })).toBe('true');
    expect(check(block, { 'aws:TagKeys': ['cost'] })).toBe('false');
    expect(check(block, {})).toBe('false');
  });
  it('ForAllValues: every request value matches; an absent key passes', () => {
    const block = c('ForAllValues:StringLike', 'aws:TagKeys', 'env', 'team-*');
    expect(check(block, { 'aws:TagKeys': ['env', 'team-a'] })).toBe('true');
    expect(check(block, { 'aws:TagKeys': ['env', 'owner'] })).toBe('false');
    expect(check(block, {})).toBe('true');
  });
  it('ForAllValues with a negated operator: no request value may be listed', () => {
    const block = c('ForAllValues:StringNotEquals', 'aws:TagKeys', 'owner');
    expect(check(block, { 'aws:TagKeys': ['env', 'team'] })).toBe('true');
    expect(check(block, { 'aws:TagKeys': ['env', 'owner'] })).toBe('false');
  });
  it('an operator IAM does not define never matches', () => {
    expect(check(c('StringSortOf', 'k', 'v'), { k: 'v' })).toBe('false');
  });
});

describe('conditions inside evaluate', () => {
  const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
  const s = snapshot({
    users: [
      user('alice', [
        doc({
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        }),
        doc({
          Effect: 'Deny',
          Action: 's3:DeleteObject',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        }),
      ]),
    ],
  });
  const ask = (action: string, context?: RequestContext, contextComplete = false) =>
    evaluate(s, {
      principal: alice,
      action,
      resource: 'arn:aws:s3:::b/k',
      ...(context ? { context } : {}),
      contextComplete,
    });

  it('missing key → conditional with the condition in words', () => {
    const d = ask('s3:GetObject');
    expect(d.decision).toBe('conditional');
    expect(d.conditions).toEqual(['allowed if aws:SourceIp is in 10.0.0.0/8']);
  });
  it('known key decides', () => {
    expect(ask('s3:GetObject', { 'aws:SourceIp': '10.1.2.3' }).decision).toBe('allow');
    expect(ask('s3:GetObject', { 'aws:SourceIp': '8.8.8.8' }).decision).toBe('deny');
  });
  it('a conditional deny keeps an allow conditional and says why', () => {
    const d = ask('s3:DeleteObject', { 'aws:SourceIp': '10.1.2.3' });
    expect(d.decision).toBe('conditional');
    expect(d.conditions).toEqual([
      'denied if aws:MultiFactorAuthPresent is absent or aws:MultiFactorAuthPresent is "false"',
    ]);
    expect(ask('s3:DeleteObject', { 'aws:SourceIp': '10.1.2.3', 'aws:MultiFactorAuthPresent': 'true' }).decision).toBe(
      'allow',
    );
    expect(
      ask('s3:DeleteObject', { 'aws:SourceIp': '10.1.2.3', 'aws:MultiFactorAuthPresent': 'false' }).explicitDeny,
    ).toBe(true);
    // Complete context: the absent MFA key satisfies BoolIfExists, so the deny applies.
    expect(ask('s3:DeleteObject', { 'aws:SourceIp': '10.1.2.3' }, true).explicitDeny).toBe(true);
  });
  it('principal-derived keys are known: aws:PrincipalTag and aws:username', () => {
    const tagged = snapshot({
      users: [
        user(
          'alice',
          [
            doc({
              Effect: 'Allow',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red', 'aws:username': 'alice' } },
            }),
          ],
          { tags: { team: 'red' } },
        ),
      ],
    });
    expect(evaluate(tagged, { principal: alice, action: 'ec2:RunInstances', resource: '*' }).decision).toBe('allow');
  });
});
