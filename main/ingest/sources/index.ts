import { SourceRegistry } from '../../core/source-registry.js';
import { cloudTrailSource } from './cloudtrail/descriptor.js';

/** Every source Cairn reads. Adding one: its folder here, its descriptor, and a line below. */
export const SOURCES = new SourceRegistry([cloudTrailSource]);
