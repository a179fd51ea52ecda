import type { EventRecord, SourceCatalog } from '../../preload/contract/event-record.js';
import type { SourceRegistry } from '../core/source-registry.js';
import { SPINE_FIELDS, type SourceField } from '../core/source-descriptor.js';
import type { StoredTimelineRow } from '../store/queries/timeline.js';

/** A stored row in the contract's shape, projected onto the common timeline by its source's descriptor. */
export function toEventRecord(row: StoredTimelineRow, sources: SourceRegistry): EventRecord {
  const descriptor = sources.get(row.source);
  const projection = descriptor
    ? descriptor.project(row.fields)
    : { message: `${row.source} record`, actor: null, target: null, outcome: null };
  return {
    id: row.id,
    time: row.time,
    source: row.source,
    ...projection,
    fields: row.fields,
    raw: row.raw,
    fileId: row.fileId,
    locator: row.locator,
    starred: row.starred,
    tags: row.tags,
    notes: row.notes,
  };
}

const MARK_FIELDS: SourceField[] = [
  { name: 'starred', column: 'starred', type: 'bool', label: 'Starred', description: 'starred:true — rows an analyst starred' },
  { name: 'tag', column: 'tag', type: 'text', label: 'Tag', description: 'tag:NAME — rows carrying a tag (wildcards)' },
  { name: 'note', column: 'note', type: 'text', label: 'Note', description: 'note:TEXT — rows whose notes contain the text' },
  {
    name: 'rootCredential',
    column: 'root_credential',
    type: 'text',
    label: 'Root credential',
    description: 'rootCredential:AKIA… — CloudTrail events made with that key or any session it led to (credential lineage)',
  },
];

function catalogField(field: SourceField): SourceCatalog['common'][number] {
  return {
    name: field.name,
    label: field.label ?? field.name,
    type: field.type,
    indexed: field.indexed === true,
    fullText: field.fullText === true,
    aliases: [...(field.aliases ?? [])],
    description: field.description ?? '',
  };
}

/** The `sources:catalog` answer, from the descriptors. */
export function sourceCatalog(sources: SourceRegistry): SourceCatalog {
  return {
    common: [...SPINE_FIELDS, ...MARK_FIELDS].map(catalogField),
    sources: sources.descriptors.map((descriptor) => ({
      id: descriptor.id,
      label: descriptor.label,
      description: descriptor.description,
      fields: descriptor.fields.map(catalogField),
      defaultColumns: [...descriptor.defaultColumns],
    })),
  };
}
