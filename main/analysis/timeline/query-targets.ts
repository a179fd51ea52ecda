import { ipKeyColumn, type SourceDescriptor } from '../../core/source-descriptor.js';
import type { QueryTarget } from '../query/index.js';

/** A source's detail table as a target of the query compiler: its fields, `time`, and `source` as a constant. */
export function sourceTarget(descriptor: SourceDescriptor): QueryTarget {
  const byName = new Map(descriptor.fields.map((field) => [field.name, field]));
  return {
    source: descriptor.id,
    column(name) {
      if (name === 'time') return { column: 'time', type: 'time' };
      const field = byName.get(name);
      if (!field) return null;
      const normalize = field.normalizeValue ? { normalize: field.normalizeValue } : {};
      return field.type === 'ip'
        ? { column: field.column, type: field.type, ipKey: ipKeyColumn(field.column), ipKeyIndexed: field.cidrIndexed === true, ...normalize }
        : { column: field.column, type: field.type, ...normalize };
    },
  };
}

/**
 * The timeline spine as a target: only `time` and `source` are columns there. `usedSourceField`
 * turns true when the query names any other field (it must then run per source).
 */
export function spineTarget(): QueryTarget & { readonly usedSourceField: boolean } {
  let used = false;
  return {
    source: null,
    get usedSourceField() {
      return used;
    },
    column(name) {
      if (name === 'time') return { column: 'time', type: 'time' };
      if (name === 'source') return { column: 'source', type: 'text' };
      used = true;
      return null;
    },
  };
}
