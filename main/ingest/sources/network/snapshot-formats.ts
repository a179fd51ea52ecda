import type { SnapshotFormat } from '../../snapshot-format.js';
import { parseNetworkSnapshotText } from './snapshot.js';
import { sniffNetworkEvidence } from './sniff.js';

const SNAPSHOT_IDS = [
  'ec2-describe-security-groups',
  'ec2-describe-network-acls',
  'ec2-describe-network-interfaces',
  'ec2-describe-instances',
  'ec2-describe-subnets',
  'ec2-describe-route-tables',
  'ec2-describe-vpc-peering-connections',
  'ec2-describe-vpcs',
  'config-network-items',
] as const;

/**
 * Network snapshots (AWS CLI describe-* output and AWS Config items) as resource states. The
 * document is kept whole per file (the rule evaluator needs NACLs, groups and ENIs together); the
 * parser runs at import so malformed files are refused with a clear error.
 */
export const NETWORK_SNAPSHOT_FORMATS: readonly SnapshotFormat[] = SNAPSHOT_IDS.map((id) => ({
  id,
  sniff: (head: string) => {
    const found = sniffNetworkEvidence(head);
    return found?.format === id ? found.confidence : 0;
  },
  read(text: string, { capturedAt, fileKey }: { capturedAt: number; fileKey: string }) {
    const parsed = parseNetworkSnapshotText(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return [{ kind: id, resourceId: fileKey, accountId: null, region: null, capturedAt, locator: 'document', document: JSON.parse(text) as unknown }];
  },
}));
