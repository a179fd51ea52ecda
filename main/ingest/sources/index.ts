import { SourceRegistry } from '../../core/source-registry.js';
import { cloudTrailSource } from './cloudtrail/descriptor.js';
import { vpcFlowSource } from './vpcflow/descriptor.js';
import { route53PublicSource, route53ResolverSource } from './route53/descriptors.js';

/** Every source Cairn reads. Adding one: its folder here, its descriptor, and a line below. */
export const SOURCES = new SourceRegistry([cloudTrailSource, vpcFlowSource, route53ResolverSource, route53PublicSource]);
