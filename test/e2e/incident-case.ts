import { join } from 'node:path';
import { writeIamSnapshot, writeTrail } from '../fixtures/incident/iam.js';
import { writeNetworkIncident } from '../fixtures/incident/network.js';
import { cairn, serveCase, tempDir, type ServedCase } from './serve-case.js';

/**
 * A case built from the generated incident (test/fixtures/incident): the network evidence (flow
 * log, NACLs, security groups, ENIs, Resolver log), the CloudTrail delivery and the IAM snapshot,
 * ingested with the built CLI and served with `cairn serve`.
 */
export async function serveIncident(): Promise<ServedCase> {
  const dir = tempDir();
  const evidence = join(dir, 'evidence');
  const paths = [writeNetworkIncident(evidence), writeTrail(evidence), writeIamSnapshot(evidence)];
  const casePath = join(dir, 'case.cairn');
  // One import of all three, as the integration tests ingest them (a partial import still leaves a usable case).
  cairn(['ingest', casePath, ...paths, '--json'], [0, 3]);
  return serveCase(casePath, dir);
}
