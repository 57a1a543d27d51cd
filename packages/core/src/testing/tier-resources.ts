import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { CloudTarget } from '../capabilities';
import type { MockforgeConfig } from '../config/model';
import { PolicyEngine } from '../policy/engine';
import type { TierName } from '../seed';
import { targetContext } from '../specs';

/** A resource's synthesized attributes; `lifecycle` is what the protection checks read. */
export interface ResourceBody {
  readonly lifecycle?: { readonly prevent_destroy?: boolean; readonly ignore_changes?: unknown };
  readonly [attribute: string]: unknown;
}

/** Every resource one target synthesizes for a tier, keyed `<stack>:<type>.<name>`. */
export function tierResources(target: CloudTarget, config: MockforgeConfig, tier: TierName): Map<string, ResourceBody> {
  const app = Testing.app();
  const stacks = target.addStacks(app, targetContext(config, tier, target.cloud), new PolicyEngine(target.rules, { failOnError: false }));
  app.synth();
  const resources = new Map<string, ResourceBody>();
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, ResourceBody>>;
    };
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) resources.set(`${stack.node.id}:${type}.${name}`, body);
    }
  }
  return resources;
}

/** The resource type of a `tierResources` key. */
export const resourceTypeOf = (key: string): string => key.split(':')[1]!.split('.')[0]!;

/** The resources whose type is one of `types`. */
export function resourcesOfTypes(resources: ReadonlyMap<string, ResourceBody>, types: readonly string[]): [string, ResourceBody][] {
  return [...resources].filter(([key]) => types.includes(resourceTypeOf(key)));
}

/** Keys of the given resources without `lifecycle.prevent_destroy = true`. */
export function withoutPreventDestroy(resources: readonly [string, ResourceBody][]): string[] {
  return resources.filter(([, body]) => body.lifecycle?.prevent_destroy !== true).map(([key]) => key);
}

/** Keys of resources that set prevent_destroy at all (dev and opted-out tiers must have none). */
export function withPreventDestroySet(resources: ReadonlyMap<string, ResourceBody>): string[] {
  return [...resources].filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined).map(([key]) => key);
}

/** How many of the given `tierResources` keys there are of each type, types sorted (for exact, reviewed counts). */
export function countByType(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of keys.map(resourceTypeOf).sort()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
