import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../test-helpers.js';
import { sniffNetworkEvidence } from '../../../../main/ingest/sources/network/sniff.js';

function head(relativePath: string, bytes = 64 * 1024): string {
  return readFileSync(path.join(EVIDENCE_DIR, relativePath)).subarray(0, bytes).toString('utf8');
}

const DEMO = 'duo-labs-cloudmapper/account-data/demo/us-east-1';

describe('sniffNetworkEvidence', () => {
  it.each([
    ['elastic-integrations/vpcflow/test-extra-samples.log', 'vpcflow'],
    ['elastic-integrations/vpcflow/test-tcp-flag-sequence.log', 'vpcflow'],
    ['elastic-integrations/vpcflow/test-v5-all-fields.log', 'vpcflow'],
    ['elastic-integrations/vpcflow/test-v8-samples.log', 'vpcflow'],
    ['elastic-integrations/vpcflow/test-tgw-samples.log', 'tgwflow'],
    ['elastic-integrations/vpcflow/test-with-message-field.log', 'vpcflow-cloudwatch'],
    ['panther-analysis/scenario_compromised-root-creds/DERIVED_vpcflow_v2.log', 'vpcflow'],
    ['elastic-integrations/route53_resolver_logs/test-route53.log', 'route53resolver'],
    ['elastic-integrations/route53_public_logs/test-route53.log', 'route53'],
    [`${DEMO}/ec2-describe-security-groups.json`, 'ec2-describe-security-groups'],
    [`${DEMO}/ec2-describe-network-interfaces.json`, 'ec2-describe-network-interfaces'],
    [`${DEMO}/ec2-describe-instances.json`, 'ec2-describe-instances'],
    [`${DEMO}/ec2-describe-subnets.json`, 'ec2-describe-subnets'],
    [`${DEMO}/ec2-describe-vpcs.json`, 'ec2-describe-vpcs'],
    [`${DEMO}/ec2-describe-vpc-peering-connections.json`, 'ec2-describe-vpc-peering-connections'],
    ['aws-cli-examples/ec2__describe-network-acls__example1.json', 'ec2-describe-network-acls'],
    ['aws-cli-examples/ec2__describe-route-tables__example1.json', 'ec2-describe-route-tables'],
    ['aws-cli-examples/ec2__describe-instances__example1.json', 'ec2-describe-instances'],
    ['aws-config-rdk/example_ci/AWS_EC2_SecurityGroup.json', 'config-network-items'],
    ['aws-config-rdk/example_ci/AWS_EC2_NetworkAcl.json', 'config-network-items'],
    ['aws-config-rdk/example_ci/AWS_EC2_RouteTable.json', 'config-network-items'],
  ])('%s → %s', (file, format) => {
    expect(sniffNetworkEvidence(head(file))?.format).toBe(format);
  });

  it.each([
    'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json',
    'elastic-integrations/cloudtrail/test-console-login-json.log',
    'salesforce-cloudsplaining/examples_files_example.json',
    'elastic-integrations/s3access/test-s3-server-access.log',
    'elastic-integrations/elb_logs/test-alb.log',
    'elastic-integrations/guardduty/test-guardduty.log',
    'aws-config-rdk/example_ci/AWS_S3_Bucket.json',
    'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
  ])('%s → null', (file) => {
    expect(sniffNetworkEvidence(head(file))).toBeNull();
  });

  it('works on a head cut mid-line', () => {
    const text = head('elastic-integrations/vpcflow/test-extra-samples.log');
    expect(sniffNetworkEvidence(text.slice(0, text.indexOf('\n', 200) + 30))?.format).toBe('vpcflow');
    const resolver = head('elastic-integrations/route53_resolver_logs/test-route53.log');
    expect(sniffNetworkEvidence(resolver.slice(0, resolver.indexOf('\n') + 50))?.format).toBe('route53resolver');
    const groups = head(`${DEMO}/ec2-describe-security-groups.json`, 100);
    expect(sniffNetworkEvidence(groups)?.format).toBe('ec2-describe-security-groups');
  });

  it('returns null for text that only resembles a flow line', () => {
    expect(sniffNetworkEvidence('hello world\nfoo bar\n')).toBeNull();
    expect(sniffNetworkEvidence('')).toBeNull();
  });
});
