import type { SnapshotFormat } from '../../snapshot-format.js';
import { parseAuthorizationDetails } from './authorization-details.js';
import { parseCredentialReport } from './credential-report.js';
import { parseResourcePolicy } from './resource-policies.js';
import { parseOrganizationsPolicy } from './organizations.js';
import { parseConfigIamItems } from './config-items.js';
import { sniffIamEvidence, type IamEvidenceFormat } from './sniff.js';
import { parseJsonText } from './parse-error.js';

/**
 * IAM evidence as resource states. Each document is kept whole (one state per file and format,
 * keyed by account): the policy engine needs the document's cross-references intact. The parser
 * runs at import so that a malformed file is refused there, with its location.
 */
function iamFormat(id: IamEvidenceFormat, validate: (text: string) => { accountId: string | null }): SnapshotFormat {
  return {
    id,
    sniff: (head) => {
      const found = sniffIamEvidence(head);
      return found?.format === id ? found.confidence : 0;
    },
    read(text, { capturedAt, fileKey }) {
      const { accountId } = validate(text);
      const document = id === 'iam-credential-report' ? { csv: text } : parseJsonText(text, id);
      return [{ kind: id, resourceId: accountId ?? fileKey, accountId, region: null, capturedAt, locator: 'document', document }];
    },
  };
}

const accountOf = (snapshot: { accountId?: string | undefined }) => ({ accountId: snapshot.accountId ?? null });

export const IAM_SNAPSHOT_FORMATS: readonly SnapshotFormat[] = [
  iamFormat('iam-authorization-details', (text) => accountOf(parseAuthorizationDetails(parseJsonText(text, 'authorization details')))),
  iamFormat('iam-credential-report', (text) => {
    parseCredentialReport(text);
    return { accountId: null };
  }),
  iamFormat('s3-bucket-policy', (text) => accountOf(parseResourcePolicy('s3-bucket-policy', parseJsonText(text, 'bucket policy')))),
  iamFormat('kms-key-policy', (text) => accountOf(parseResourcePolicy('kms-key-policy', parseJsonText(text, 'key policy')))),
  iamFormat('lambda-policy', (text) => accountOf(parseResourcePolicy('lambda-policy', parseJsonText(text, 'function policy')))),
  iamFormat('sns-sqs-policy', (text) => accountOf(parseResourcePolicy('sns-sqs-policy', parseJsonText(text, 'topic/queue policy')))),
  iamFormat('secretsmanager-policy', (text) =>
    accountOf(parseResourcePolicy('secretsmanager-policy', parseJsonText(text, 'secret policy'))),
  ),
  iamFormat('organizations-policy', (text) => accountOf(parseOrganizationsPolicy(parseJsonText(text, 'SCP')))),
  iamFormat('config-iam-items', (text) => accountOf(parseConfigIamItems(text))),
];
