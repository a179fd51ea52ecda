/** The six colon-separated parts of an ARN; `resource` keeps any further colons. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN, or null when `text` is not one. */
export function parseArn(text: string): ArnParts | null {
  if (!text.startsWith('arn:')) return null;
  const parts = text.split(':');
  if (parts.length < 6) return null;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The 12-digit account of an ARN or bare account id, else undefined. */
export function accountOf(arnOrId: string): string | undefined {
  if (/^\d{12}$/.test(arnOrId)) return arnOrId;
  const account = parseArn(arnOrId)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** `arn:aws:sts::A:assumed-role/Role/session` → `{ account: A, roleName: Role, session }`, else null. */
export function parseAssumedRole(
  arn: string,
): { account: string; roleName: string; session: string; partition: string } | null {
  const p = parseArn(arn);
  if (!p || p.service !== 'sts' || !p.resource.startsWith('assumed-role/')) return null;
  const [, roleName = '', ...session] = p.resource.split('/');
  return { account: p.account, roleName, session: session.join('/'), partition: p.partition };
}

/** The account root ARN (`arn:aws:iam::A:root`) for an account. */
export function rootArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:root`;
}

/** The last path element of an IAM user/role/group ARN (its name). */
export function iamName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.lastIndexOf('/') + 1);
}
