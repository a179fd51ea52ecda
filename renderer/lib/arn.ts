/**
 * Short forms of long identifiers for narrow cells. ARNs are cut in the middle (partition,
 * service, region, account) so the end that tells them apart — role and session, user, bucket —
 * stays readable; the full text always goes in the tooltip and the detail pane.
 */

const ARN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/s;

/** `arn:aws:sts::111122223333:assumed-role/Admin/alice` → `sts:…3333:assumed-role/Admin/alice` when over `max` characters. */
export function shortenArn(text: string, max = 40): string {
  if (text.length <= max) return text;
  const match = ARN.exec(text);
  if (!match) return shortenMiddle(text, max);
  const [, , service = '', , account = '', resource = ''] = match;
  const accountTail = account.length > 4 ? `…${account.slice(-4)}` : account;
  const short = `${service}:${accountTail}:${resource}`;
  if (short.length <= max) return short;
  // Still too long: keep the resource's end (role/session), which is what differs between rows.
  return `${service}:…${resource.slice(-(max - service.length - 2))}`;
}

/** Keeps the start and the (longer) end of `text` around one `…` so the result has `max` characters. */
export function shortenMiddle(text: string, max: number): string {
  const chars = [...text]; // code points: never split a surrogate pair
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  const head = Math.floor((max - 1) / 3);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
