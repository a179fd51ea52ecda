import { SOURCES } from '../ingest/sources/index.js';

/** Where each source keeps its own record id (CloudTrail's eventID): the `eventId` field when it has one. */
export function nativeIdColumns(): { table: string; column: string }[] {
  return SOURCES.descriptors.flatMap((descriptor) => {
    const field = descriptor.fields.find((candidate) => candidate.name === 'eventId');
    return field ? [{ table: descriptor.table, column: field.column }] : [];
  });
}
