import type { TrailEvent } from '../../../../main/analysis/lineage/trail-event.js';

/** Account of every generated event. */
export const ACCOUNT = '111122223333';
const T0 = Date.UTC(2024, 0, 10, 12, 0, 0);

/** Builds TrailEvents one after another, one second apart, with fresh row ids and eventIDs. */
export class TrailWriter {
  readonly events: TrailEvent[] = [];
  private clock = T0;

  /** Appends an event; unspecified fields are null / empty. */
  add(fields: Partial<TrailEvent> & { eventName: string }): TrailEvent {
    const id = this.events.length + 1;
    this.clock += 1000;
    const event: TrailEvent = {
      id,
      time: this.clock,
      eventId: `evt-${id}`,
      eventSource: null,
      region: 'us-east-1',
      accountId: ACCOUNT,
      principalArn: null,
      principalType: null,
      userName: null,
      accessKeyId: null,
      sessionIssuerArn: null,
      sourceIp: '203.0.113.7',
      userAgent: 'aws-cli/2.15.0',
      errorCode: null,
      resources: [],
      requestParameters: null,
      responseElements: null,
      ...fields,
    };
    this.events.push(event);
    return event;
  }

  /** An IAM user acting with a long-term key. */
  asUser(user: string, key: string): Pick<TrailEvent, 'principalArn' | 'principalType' | 'userName' | 'accessKeyId'> {
    return { principalArn: userArn(user), principalType: 'IAMUser', userName: user, accessKeyId: key };
  }

  /** A role session acting with its session key. */
  asRole(role: string, session: string, key: string): Partial<TrailEvent> {
    return {
      principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
      principalType: 'AssumedRole',
      userName: session,
      accessKeyId: key,
      sessionIssuerArn: roleArn(role),
    };
  }

  /** A successful AssumeRole made with `caller`, minting `newKey` for `role`. */
  assumeRole(
    caller: Partial<TrailEvent>,
    role: string,
    session: string,
    newKey: string,
    errorCode: string | null = null,
  ): TrailEvent {
    return this.add({
      ...caller,
      eventName: 'AssumeRole',
      eventSource: 'sts.amazonaws.com',
      errorCode,
      resources: [roleArn(role)],
      requestParameters: JSON.stringify({ roleArn: roleArn(role), roleSessionName: session }),
      responseElements:
        errorCode === null
          ? JSON.stringify({
              credentials: { accessKeyId: newKey, sessionToken: 'x', expiration: 'Jan 10, 2024, 1:00:00 PM' },
              assumedRoleUser: {
                arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
                assumedRoleId: 'AROAEXAMPLE:' + session,
              },
            })
          : null,
    });
  }

  /** An S3 GetObject made with `caller`. */
  getObject(caller: Partial<TrailEvent>, bucket: string, key: string, errorCode: string | null = null): TrailEvent {
    return this.add({
      ...caller,
      eventName: 'GetObject',
      eventSource: 's3.amazonaws.com',
      errorCode,
      resources: [`arn:aws:s3:::${bucket}/${key}`, `arn:aws:s3:::${bucket}`],
      requestParameters: JSON.stringify({ bucketName: bucket, key }),
    });
  }
}

/** IAM user ARN in the generated account. */
export function userArn(user: string): string {
  return `arn:aws:iam::${ACCOUNT}:user/${user}`;
}

/** IAM role ARN in the generated account. */
export function roleArn(role: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${role}`;
}
