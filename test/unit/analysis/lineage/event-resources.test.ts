import { describe, expect, it } from 'vitest';
import { isReadOnlyAction, kindOfArn, resourcesOf } from '../../../../main/analysis/lineage/event-resources.js';
import { TrailWriter } from './chain-fixtures.js';
import { loadTrail } from './trail-loader.js';

describe('isReadOnlyAction', () => {
  it('reads by verb prefix', () => {
    for (const name of ['GetObject', 'ListBuckets', 'DescribeInstances', 'HeadObject', 'LookupEvents'])
      expect(isReadOnlyAction(name)).toBe(true);
    for (const name of ['PutObject', 'StopLogging', 'AssumeRole', 'CreateAccessKey'])
      expect(isReadOnlyAction(name)).toBe(false);
    expect(isReadOnlyAction(null)).toBe(false);
  });
});

describe('resourcesOf', () => {
  it('finds the security group of a real (denied) AuthorizeSecurityGroupIngress', () => {
    // jq '.requestParameters.groupId' traildiscover/logExamples/EC2__AuthorizeSecurityGroupIngress.json.cloudtrail → sg-0683fcf7a41c82593
    const [event] = loadTrail('traildiscover/logExamples/EC2__AuthorizeSecurityGroupIngress.json.cloudtrail');
    expect(resourcesOf(event!)).toEqual([{ id: 'sg-0683fcf7a41c82593', kind: 'security-group' }]);
  });

  it('turns an S3 prefix into its bucket and builds trail and KMS ARNs from names', () => {
    const trail = new TrailWriter();
    const list = trail.add({
      eventName: 'ListObjects',
      eventSource: 's3.amazonaws.com',
      resources: ['arn:aws:s3:::b/', 'arn:aws:s3:::b'],
    });
    expect(resourcesOf(list)).toEqual([{ id: 'arn:aws:s3:::b', kind: 'bucket' }]);
    const stopByName = trail.add({
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
      requestParameters: '{"name":"main"}',
    });
    expect(resourcesOf(stopByName)).toEqual([
      { id: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main', kind: 'trail' },
    ]);
    const arn = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org';
    const deleteByArn = trail.add({
      eventName: 'DeleteTrail',
      eventSource: 'cloudtrail.amazonaws.com',
      requestParameters: JSON.stringify({ name: arn }),
    });
    expect(resourcesOf(deleteByArn)).toEqual([{ id: arn, kind: 'trail' }]);
    const decrypt = trail.add({
      eventName: 'Decrypt',
      eventSource: 'kms.amazonaws.com',
      requestParameters: '{"keyId":"alias/app"}',
    });
    expect(resourcesOf(decrypt)).toEqual([{ id: 'arn:aws:kms:us-east-1:111122223333:alias/app', kind: 'kms-key' }]);
    const broken = trail.add({
      eventName: 'PutObject',
      eventSource: 's3.amazonaws.com',
      requestParameters: '{"bucketName": "x", ',
    });
    expect(resourcesOf(broken)).toEqual([]);
  });

  it('names kinds from ARNs', () => {
    expect(kindOfArn('arn:aws:iam::1:user/a/b')).toBe('user');
    expect(kindOfArn('arn:aws:iam::1:root')).toBe('root');
    expect(kindOfArn('arn:aws:sts::1:assumed-role/R/s')).toBe('assumed-role');
    expect(kindOfArn('arn:aws:s3:::b/k/x')).toBe('object');
    expect(kindOfArn('i-0abc')).toBe('instance');
    expect(kindOfArn('something')).toBe('resource');
  });
});
