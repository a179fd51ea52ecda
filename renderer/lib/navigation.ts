import type { EntityProfileResult } from '../../preload/contract/analysis';
import { fieldTerm } from './query-build';

/**
 * Moving between views: a pivot from the flows or identity views into the timeline (as a query),
 * or from the timeline into the identity view (a blast-radius seed or an entity's profile).
 */

export type EntityKind = EntityProfileResult['kind'];

/** An entity whose profile can be shown. */
export interface EntityRef {
  kind: EntityKind;
  id: string;
}

/** What a view may ask the app for. */
export interface Navigator {
  /** Shows the timeline with this query (a new search). */
  showEvents: (query: string) => void;
  /** Opens the identity view with the blast radius of this seed. */
  showBlast: (seed: string) => void;
  /** Opens the identity view with this entity's profile. */
  showProfile: (entity: EntityRef) => void;
}

/** Every event to or from an address: `srcIp:X OR dstIp:X`. */
export function addressQuery(address: string): string {
  return `${fieldTerm('srcIp', address)} OR ${fieldTerm('dstIp', address)}`;
}

/** Every flow record of an ENI. */
export function eniQuery(eni: string): string {
  return fieldTerm('eni', eni);
}

/** The one event with this source event id (CloudTrail's eventID). */
export function eventIdQuery(eventId: string): string {
  return fieldTerm('eventId', eventId);
}

/** A principal ARN, an access key id, an IPv4/IPv6 address or an instance id, by its look; else null. */
export function guessEntityKind(value: string): EntityKind | null {
  const text = value.trim();
  if (/^arn:aws[\w-]*:(iam|sts)::/.test(text)) return 'principal';
  if (/^arn:/.test(text)) return 'resource';
  if (/^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}$/.test(text)) return 'accessKey';
  if (/^i-[0-9a-f]{8,17}$/.test(text)) return 'instance';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (/^[0-9a-f:]+$/i.test(text) && text.includes(':'))) return 'ip';
  return null;
}

/** The profile kind of a timeline field's values (principal, key, IP, instance), or null for other fields. */
export function profileKindOfField(field: string): EntityKind | null {
  if (/^(principalArn|actor|sessionIssuerArn)$/.test(field)) return 'principal';
  if (field === 'accessKeyId') return 'accessKey';
  if (/^(sourceIp|srcIp|dstIp|clientIp)$/.test(field)) return 'ip';
  if (field === 'instanceId') return 'instance';
  return null;
}

/** The timeline query for an entity's events (principalArn:, accessKeyId:, sourceIp:, resources:). */
export function entityQuery(entity: EntityRef): string {
  switch (entity.kind) {
    case 'principal':
      return fieldTerm('principalArn', entity.id);
    case 'accessKey':
      return fieldTerm('accessKeyId', entity.id);
    case 'ip':
      return fieldTerm('sourceIp', entity.id);
    case 'instance':
      return fieldTerm('instanceId', entity.id);
    case 'resource':
      return fieldTerm('resources', entity.id);
  }
}

/** The profile kind of a blast-graph node kind (user, role, accessKey, bucket, …). */
export function profileKindOfNode(kind: string, id: string): EntityKind {
  if (/key/i.test(kind)) return 'accessKey';
  if (/^(user|role|group|principal|session|assumed-?role|root)$/i.test(kind)) return 'principal';
  if (/instance/i.test(kind)) return 'instance';
  if (/^ip$/i.test(kind)) return 'ip';
  return guessEntityKind(id) === 'principal' ? 'principal' : 'resource';
}
