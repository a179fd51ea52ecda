// Offline CloudTrail log file integrity validation: one module per concern, gathered here.
export { parseDigest, inflateDigest, isGzip, DigestFormatError } from './digest-file.js';
export type { CloudTrailDigest, DigestLogFile } from './digest-file.js';
export { parsePublicKeys, publicKeyFingerprint, PublicKeyFormatError } from './public-keys.js';
export { awsLogsKey } from './s3-key.js';
export {
  SIGNATURE_SIDECAR_SUFFIX,
  signatureSidecarPath,
  parseSignatureSidecar,
  parseSignatureMap,
  digestSigningString,
  sha256Hex,
} from './signatures.js';
export { logContentSha256 } from './log-content-hash.js';
export { validateDigests } from './validate.js';
export type {
  DigestInput,
  CaseLogFile,
  ValidateDigestsInput,
  SignatureStatus,
  ChainStatus,
  DigestResult,
  LogFileResult,
  DigestGap,
  DigestReport,
} from './validate.js';
