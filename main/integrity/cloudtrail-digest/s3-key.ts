/**
 * The `AWSLogs/…` tail of a CloudTrail S3 key or evidence path, or null when it has none. Evidence
 * trees keep S3's layout below an arbitrary folder (`case/export/AWSLogs/<acct>/CloudTrail/…`) and
 * digests list keys that may carry a trail prefix (`prefix/AWSLogs/…`): the tail is what both
 * share. Windows separators are read as `/`. The last `AWSLogs/` segment wins, so a folder named
 * AWSLogs above the real tree does not shift the match.
 */
export function awsLogsKey(pathOrKey: string): string | null {
  const segments = pathOrKey.replaceAll('\\', '/').split('/');
  const start = segments.lastIndexOf('AWSLogs');
  if (start < 0 || start === segments.length - 1) return null;
  const tail = segments.slice(start);
  if (tail.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return tail.join('/');
}
