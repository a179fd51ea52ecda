import { checkDescriptor, SPINE_FIELDS, type SourceDescriptor, type SourceField, type SourceFieldType } from './source-descriptor.js';

/** A queryable field across every source: one name, one type, the sources that have it. */
export interface CatalogEntry {
  readonly name: string;
  readonly type: SourceFieldType;
  readonly aliases: readonly string[];
  /** Sources whose rows have the field; empty for timeline fields (every row has them). */
  readonly sources: readonly string[];
  readonly spine: boolean;
}

/**
 * The sources a case file knows, in one place. A field name used by several sources must have one
 * type everywhere (`srcIp` is an address in every source that has it), so that a query means the
 * same on every row.
 */
export class SourceRegistry {
  private readonly byId = new Map<string, SourceDescriptor>();
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly bySpelling = new Map<string, CatalogEntry>();

  constructor(readonly descriptors: readonly SourceDescriptor[]) {
    for (const field of SPINE_FIELDS) this.addEntry(field, null);
    for (const descriptor of descriptors) {
      checkDescriptor(descriptor);
      if (this.byId.has(descriptor.id)) throw new Error(`source "${descriptor.id}" registered twice`);
      if ([...this.byId.values()].some((other) => other.table === descriptor.table)) {
        throw new Error(`source "${descriptor.id}": table "${descriptor.table}" is taken`);
      }
      this.byId.set(descriptor.id, descriptor);
      for (const field of descriptor.fields) this.addEntry(field, descriptor.id);
    }
    for (const entry of this.entries.values()) {
      for (const spelling of [entry.name, ...entry.aliases]) {
        const lower = spelling.toLowerCase();
        const taken = this.bySpelling.get(lower);
        // A canonical name beats another field's alias.
        if (!taken || lower === entry.name.toLowerCase()) this.bySpelling.set(lower, entry);
      }
    }
  }

  get(id: string): SourceDescriptor | undefined {
    return this.byId.get(id);
  }

  require(id: string): SourceDescriptor {
    const descriptor = this.byId.get(id);
    if (!descriptor) throw new Error(`unknown source "${id}"`);
    return descriptor;
  }

  /** Every queryable field, timeline fields first. */
  catalog(): CatalogEntry[] {
    return [...this.entries.values()];
  }

  /** A field as typed (any case, or an alias), or null. */
  resolve(typed: string): CatalogEntry | null {
    return this.bySpelling.get(typed.toLowerCase()) ?? null;
  }

  private addEntry(field: SourceField, source: string | null): void {
    const existing = this.entries.get(field.name);
    if (existing) {
      if (existing.type !== field.type) {
        throw new Error(`field "${field.name}" is ${existing.type} in one source and ${field.type} in ${source}`);
      }
      const aliases = [...new Set([...existing.aliases, ...(field.aliases ?? [])])];
      this.entries.set(field.name, { ...existing, aliases, sources: source ? [...existing.sources, source] : existing.sources });
      return;
    }
    this.entries.set(field.name, {
      name: field.name,
      type: field.type,
      aliases: field.aliases ?? [],
      sources: source ? [source] : [],
      spine: source === null,
    });
  }
}
