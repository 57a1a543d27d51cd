import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { CloudTarget } from '../capabilities';
import { PolicyEngine } from '../policy/engine';
import type { TargetContext } from '../specs/target-context';

export type JsonBody = Record<string, any>;
export interface SynthesizedStackJson {
  resource: Record<string, Record<string, JsonBody>>;
  variable?: Record<string, JsonBody>;
  output?: Record<string, JsonBody>;
}

/** Synthesizes a whole tier of one target (cross-stack references, aspects, policy) and returns each stack's JSON by stack id. */
export function synthTargetTier(target: CloudTarget, context: TargetContext) {
  const app = Testing.app();
  const policy = new PolicyEngine(target.rules, { failOnError: false });
  const stacks = target.addStacks(app, context, policy);
  app.synth();
  const json: Record<string, SynthesizedStackJson> = Object.fromEntries(
    stacks.map((s) => [s.node.id, JSON.parse(readFileSync(join(app.outdir, 'stacks', s.node.id, 'cdk.tf.json'), 'utf8'))]),
  );
  return { stacks: stacks.map((s) => s.node.id), json, policy };
}

/** Every resource of a type in one stack, without cdktf's metadata. */
export function resourcesOfType(stack: SynthesizedStackJson | undefined, type: string): JsonBody[] {
  return Object.values(stack?.resource[type] ?? {}).map(({ '//': _, ...body }) => body);
}

/** The single resource of a type in one stack. */
export function onlyResourceOfType(stack: SynthesizedStackJson | undefined, type: string): JsonBody {
  const found = resourcesOfType(stack, type);
  if (found.length !== 1) throw new Error(`${found.length} ${type} resources, expected 1`);
  return found[0]!;
}
