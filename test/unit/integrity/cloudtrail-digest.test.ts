import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  awsLogsKey,
  DigestFormatError,
  parseDigest,
  parsePublicKeys,
  parseSignatureMap,
  parseSignatureSidecar,
  PublicKeyFormatError,
  validateDigests,
  type DigestReport,
} from '../../../main/integrity/cloudtrail-digest/index.js';
import { makeSignedTrail, readTrailEvidence, type SignedTrail } from './make-signed-trail.js';

const SAMPLE = join(
  import.meta.dirname,
  '../../../../shared/evidence/elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log',
);

describe('parseDigest on the public sample digest', () => {
  const bytes = readFileSync(SAMPLE);

  it('reads the fields CloudTrail signs, plain or gzipped', () => {
    for (const input of [bytes, gzipSync(bytes)]) {
      const digest = parseDigest(input);
      // jq -r '.digestEndTime, .digestS3Bucket, .digestPublicKeyFingerprint, .digestSignatureAlgorithm' <sample>
      expect(digest.digestEndTime).toBe('2020-09-11T19:36:49Z');
      expect(digest.digestS3Bucket).toBe('alice-bucket');
      expect(digest.digestPublicKeyFingerprint).toBe('47aaa19f7eec22e9bd0b5e58cfade8cb');
      expect(digest.digestSignatureAlgorithm).toBe('SHA256withRSA');
      // jq -r '.previousDigestHashValue' <sample>
      expect(digest.previousDigestHashValue).toBe('531914fcfa0dbacf0c9dd1475a1fdcb5dea6e85921409f3c3ec0ba39063c860');
      // jq -r '.previousDigestSignature | length' <sample> → 512 (a 2048-bit RSA signature in hex)
      expect(digest.previousDigestSignature).toHaveLength(512);
      // jq '.logFiles | length' <sample> → 3; jq -r '.logFiles[1].hashValue'
      expect(digest.logFiles).toHaveLength(3);
      expect(digest.logFiles[1]?.hashValue).toBe('4e1eb2a8b41d032cbb16e5449fc8f3eac304e7d43017a391b37c788c77336196');
    }
  });

  it('refuses what is not a digest, with the reason', () => {
    expect(() => parseDigest(Buffer.from('{"digestStartTime":"x"}'))).toThrow(DigestFormatError);
    expect(() => parseDigest(Buffer.from('not json'))).toThrow(/not JSON/);
    expect(() => parseDigest(Buffer.from([0x1f, 0x8b, 1, 2, 3]))).toThrow(/gzip/);
  });

  it('reports the sample as unverifiable offline: no signature, no key, none of its logs held', () => {
    const report = validateDigests({ digests: [{ path: SAMPLE, bytes }], publicKeys: new Map(), logFiles: new Map() });
    expect(report.digests.map((d) => [d.signature, d.chain])).toEqual([['unverifiable', 'start']]);
    expect(report.digests[0]?.chainNote).toMatch(/not in the case/);
    // The evidence path has no AWSLogs/ part: where it came from cannot be told.
    expect(report.digests[0]?.locationMatches).toBeNull();
    expect(report.logFiles.map((l) => l.status)).toEqual(['missing', 'missing', 'missing']);
    const withSignature = validateDigests({
      digests: [{ path: SAMPLE, bytes, signatureHex: 'ab'.repeat(256) }],
      publicKeys: parsePublicKeys(makeTrailKeysOnly()),
      logFiles: new Map(),
    });
    expect(withSignature.digests[0]?.signature).toBe('unknown-key');
  });
});

/** A list-public-keys answer holding one unrelated key. */
function makeTrailKeysOnly(): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-keys-'));
  try {
    return makeSignedTrail(dir, { hours: 1, logsPerHour: 0 }).publicKeysJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('validateDigests on a signed fake trail', () => {
  let root: string;
  let trail: SignedTrail;
  const run = (): DigestReport => {
    const { digests, logFiles } = readTrailEvidence(root);
    return validateDigests({ digests, logFiles, publicKeys: parsePublicKeys(trail.publicKeysJson) });
  };
  const statuses = (report: DigestReport) => report.digests.map((d) => `${d.signature}/${d.chain}`);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cairn-trail-'));
    trail = makeSignedTrail(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds everything intact in the untouched tree', () => {
    const report = run();
    expect(statuses(report)).toEqual(['valid/start', 'valid/ok', 'valid/ok']);
    expect(report.digests.every((d) => d.locationMatches === true && d.signatureSource === 'sidecar')).toBe(true);
    // 3 hours × 2 logs per hour
    expect(report.logFiles).toHaveLength(6);
    expect(report.logFiles.every((l) => l.status === 'ok')).toBe(true);
    expect(report.notCovered).toEqual([]);
    expect(report.gaps).toEqual([]);
    expect(report.unreadable).toEqual([]);
    expect(report.digests[0]?.startMs).toBe(Date.UTC(2026, 0, 2, 0));
    expect(report.digests[2]?.endMs).toBe(Date.UTC(2026, 0, 2, 3));
  });

  it('flags exactly the log file that was altered', () => {
    const victim = trail.logs[3]!;
    const altered = JSON.parse(gunzipSync(readFileSync(victim.path)).toString()) as { Records: { eventName: string }[] };
    altered.Records[0]!.eventName = 'Innocent';
    writeFileSync(victim.path, gzipSync(Buffer.from(JSON.stringify(altered))));
    const report = run();
    expect(report.logFiles.filter((l) => l.status !== 'ok').map((l) => [l.s3Object, l.status])).toEqual([
      [victim.s3Object, 'modified'],
    ]);
    expect(statuses(report)).toEqual(['valid/start', 'valid/ok', 'valid/ok']);
  });

  it('does not mistake recompression for tampering: the hash covers the uncompressed content', () => {
    const victim = trail.logs[0]!;
    writeFileSync(victim.path, gzipSync(gunzipSync(readFileSync(victim.path)), { level: 1, memLevel: 1 }));
    expect(run().logFiles.every((l) => l.status === 'ok')).toBe(true);
  });

  it('flags exactly the log file that was removed', () => {
    const victim = trail.logs[5]!;
    unlinkSync(victim.path);
    const report = run();
    expect(report.logFiles.filter((l) => l.status !== 'ok').map((l) => [l.s3Object, l.status])).toEqual([
      [victim.s3Object, 'missing'],
    ]);
  });

  it('lists a log file no digest covers', () => {
    const key = `AWSLogs/${trail.account}/CloudTrail/${trail.region}/2026/01/02/${trail.account}_CloudTrail_${trail.region}_20260102T0130Z_planted.json.gz`;
    const path = join(root, key);
    writeFileSync(path, gzipSync(Buffer.from('{"Records":[]}')));
    const report = run();
    expect(report.notCovered).toEqual([{ s3Object: key, path }]);
    expect(report.logFiles.every((l) => l.status === 'ok')).toBe(true);
  });

  it('finds a tampered signature invalid and the chain after it broken', () => {
    const middle = trail.digests[1]!;
    const forged = (middle.signatureHex[0] === '0' ? '1' : '0') + middle.signatureHex.slice(1);
    writeFileSync(`${middle.path}.sig`, forged);
    expect(statuses(run())).toEqual(['valid/start', 'invalid/ok', 'valid/broken']);
  });

  it('finds an edited digest invalid and the next digest no longer chained to it', () => {
    const middle = trail.digests[1]!;
    const digest = JSON.parse(gunzipSync(readFileSync(middle.path)).toString()) as { logFiles: unknown[] };
    digest.logFiles.pop(); // hide a log file from the record
    writeFileSync(middle.path, gzipSync(Buffer.from(JSON.stringify(digest))));
    const report = run();
    expect(statuses(report)).toEqual(['valid/start', 'invalid/ok', 'valid/broken']);
    expect(report.digests[2]?.chainNote).toMatch(/previousDigestHashValue/);
    // The hidden log is now in the case without a (trusted) digest listing it.
    expect(report.notCovered.map((l) => l.s3Object)).toEqual([trail.logs[3]!.s3Object]);
  });

  it('reports a gap where a middle digest is missing', () => {
    unlinkSync(trail.digests[1]!.path);
    const report = run();
    expect(statuses(report)).toEqual(['valid/start', 'valid/gap']);
    expect(report.gaps).toEqual([
      {
        trail: `${trail.account}_CloudTrail-Digest_${trail.region}_${trail.trailName}_${trail.region}`,
        afterS3Object: trail.digests[0]!.s3Object,
        beforeS3Object: trail.digests[2]!.s3Object,
        fromMs: Date.UTC(2026, 0, 2, 1),
        toMs: Date.UTC(2026, 0, 2, 2),
      },
    ]);
    // The logs of the missing hour are no longer vouched for.
    expect(report.notCovered.map((l) => l.s3Object)).toEqual(trail.logs.filter((l) => l.hour === 1).map((l) => l.s3Object));
  });

  it('says unverifiable when no signature is at hand, but still checks chain and hashes', () => {
    for (const digest of trail.digests) unlinkSync(`${digest.path}.sig`);
    unlinkSync(trail.logs[0]!.path);
    const report = run();
    // The newest digest's signature is nowhere; the older two are quoted (and signed) by their successors.
    expect(statuses(report)).toEqual(['valid/start', 'valid/ok', 'unverifiable/ok']);
    expect(report.digests.map((d) => d.signatureSource)).toEqual(['next-digest', 'next-digest', null]);
    expect(report.logFiles.filter((l) => l.status === 'missing')).toHaveLength(1);
  });

  it('notices a digest that was moved from where CloudTrail wrote it', () => {
    const first = trail.digests[0]!;
    const moved = first.path.replace('/2026/01/02/', '/2026/01/03/');
    mkdirSync(dirname(moved), { recursive: true });
    writeFileSync(moved, readFileSync(first.path));
    writeFileSync(`${moved}.sig`, readFileSync(`${first.path}.sig`));
    unlinkSync(first.path);
    const report = run();
    expect(report.digests.find((d) => d.path === moved)?.locationMatches).toBe(false);
  });
});

describe('a trail written under an S3 prefix, exported without it', () => {
  it('matches digests and logs by their AWSLogs/… tail', () => {
    const root = mkdtempSync(join(tmpdir(), 'cairn-trail-'));
    try {
      const trail = makeSignedTrail(root, { prefix: 'org/cloudtrail', sidecars: 'newest' });
      expect(trail.digests[0]!.s3Object.startsWith('org/cloudtrail/AWSLogs/')).toBe(true);
      const { digests, logFiles } = readTrailEvidence(root);
      const report = validateDigests({ digests, logFiles, publicKeys: parsePublicKeys(trail.publicKeysJson) });
      expect(report.digests.map((d) => `${d.signature}/${d.chain}/${String(d.locationMatches)}`)).toEqual([
        'valid/start/true',
        'valid/ok/true',
        'valid/ok/true',
      ]);
      expect(report.logFiles.map((l) => l.status)).toEqual(Array(6).fill('ok'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('inputs', () => {
  it('awsLogsKey keeps the AWSLogs/… tail of paths and keys', () => {
    expect(awsLogsKey('/cases/x/export/AWSLogs/1/CloudTrail/r/2020/01/01/f.json.gz')).toBe('AWSLogs/1/CloudTrail/r/2020/01/01/f.json.gz');
    expect(awsLogsKey('C:\\ev\\AWSLogs\\1\\CloudTrail\\f.json.gz')).toBe('AWSLogs/1/CloudTrail/f.json.gz');
    expect(awsLogsKey('prefix/AWSLogs/1/x')).toBe('AWSLogs/1/x');
    expect(awsLogsKey('AWSLogs/AWSLogs/1/x')).toBe('AWSLogs/1/x');
    expect(awsLogsKey('logs/f.json.gz')).toBeNull();
    expect(awsLogsKey('AWSLogs/1/../2/x')).toBeNull();
  });

  it('reads signature sidecars: bare hex, head-object JSON, and a map by S3 key', () => {
    expect(parseSignatureSidecar('ABCD\n')).toBe('abcd');
    expect(parseSignatureSidecar('{"Metadata":{"signature":"00ff","signature-algorithm":"SHA256withRSA"}}')).toBe('00ff');
    expect(parseSignatureSidecar('not hex')).toBeNull();
    const map = parseSignatureMap({
      's3://bucket/pre/AWSLogs/1/CloudTrail-Digest/r/d1.json.gz': 'aa',
      'AWSLogs/1/CloudTrail-Digest/r/d2.json.gz': { signature: 'BB' },
      'AWSLogs/1/CloudTrail-Digest/r/d3.json.gz': 'zz',
    });
    expect([...map]).toEqual([
      ['AWSLogs/1/CloudTrail-Digest/r/d1.json.gz', 'aa'],
      ['AWSLogs/1/CloudTrail-Digest/r/d2.json.gz', 'bb'],
    ]);
  });

  it('parsePublicKeys takes list-public-keys output, keyed by fingerprint (MD5 of the DER key when none is given)', () => {
    const json = makeTrailKeysOnly() as { PublicKeyList: { Value: string; Fingerprint: string }[] };
    const entry = json.PublicKeyList[0]!;
    expect(entry.Fingerprint).toBe(createHash('md5').update(Buffer.from(entry.Value, 'base64')).digest('hex'));
    expect([...parsePublicKeys(json).keys()]).toEqual([entry.Fingerprint]);
    expect([...parsePublicKeys([{ Value: entry.Value }]).keys()]).toEqual([entry.Fingerprint]);
    expect(parsePublicKeys(json).get(entry.Fingerprint)?.asymmetricKeyType).toBe('rsa');
    expect(() => parsePublicKeys({})).toThrow(PublicKeyFormatError);
    expect(() => parsePublicKeys({ PublicKeyList: [{ Value: 'AAAA' }] })).toThrow(/PKCS#1/);
  });
});
