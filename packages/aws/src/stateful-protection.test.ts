import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig, type TierConfig, type TierName } from '@mockforge-infra/core';
import { kubernetesTarget } from '@mockforge-infra/kubernetes';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from './target';

type Json = Record<string, any>;

/** EKS workload stacks hold Kubernetes objects, so their stateful types count too. */
const STATEFUL_TYPES = [...awsTarget.statefulResourceTypes, ...kubernetesTarget.statefulResourceTypes];

function config(tier: TierName, changes: Partial<TierConfig> = {}): MockforgeConfig {
  const base = defaultConfig(['aws']);
  return { ...base, tiers: { ...base.tiers, [tier]: { ...base.tiers[tier]!, ...changes } } };
}

/** Every resource of the tier, by Terraform address (prefixed with its stack). */
function synthResources(tier: TierName, changes?: Partial<TierConfig>): Map<string, Json> {
  const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
  const app = Testing.app();
  const stacks = awsTarget.addStacks(app, targetContext(config(tier, changes), tier, 'aws'), policy);
  app.synth();
  const resources = new Map<string, Json>();
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as Json;
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Json>>)) {
      for (const [name, body] of Object.entries(byName)) resources.set(`${stack.node.id}:${type}.${name}`, body);
    }
  }
  return resources;
}

const typeOf = (address: string) => address.split(':')[1]!.split('.')[0]!;
const stateful = (resources: Map<string, Json>) => [...resources].filter(([address]) => STATEFUL_TYPES.includes(typeOf(address)));
const unprotected = (resources: Map<string, Json>) =>
  stateful(resources)
    .filter(([, body]) => body.lifecycle?.prevent_destroy !== true)
    .map(([address]) => address);

const HYBRID: Partial<TierConfig> = { topology: 'hybrid', regions: { aws: ['us-east-1'] } };

describe('prevent_destroy on stateful AWS resources', () => {
  const production = {
    'multi-region on ECS': synthResources('production'),
    'hybrid on ECS': synthResources('production', HYBRID),
    'hybrid on EKS': synthResources('production', { ...HYBRID, compute: { aws: 'eks' } }),
  };

  it.each(Object.keys(production))('protects every stateful resource in production (%s)', (layout) => {
    const resources = production[layout as keyof typeof production];
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect(unprotected(resources)).toEqual([]);
  });

  it('covers every stateful type the target lists', () => {
    const seen = new Set(Object.values(production).flatMap((resources) => stateful(resources).map(([address]) => typeOf(address))));
    // Only claim templates inside StatefulSets are synthesized; no standalone claim is.
    expect(STATEFUL_TYPES.filter((type) => !seen.has(type))).toEqual(['kubernetes_persistent_volume_claim_v1']);
  });

  it('keeps the lifecycle settings a resource already had', () => {
    const ignored = (type: string) =>
      stateful(production['multi-region on ECS'])
        .filter(([address]) => typeOf(address) === type)
        .map(([, body]) => body.lifecycle.ignore_changes);
    expect(ignored('aws_secretsmanager_secret_version')).toContainEqual(['secret_string']);
    expect(ignored('aws_elasticache_user')).toContainEqual(['authentication_mode', 'passwords']);
    expect(ignored('aws_elasticache_replication_group')).toContainEqual(['num_node_groups']);
  });

  it('protects every stateful resource in staging', () => {
    const resources = synthResources('staging');
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect(unprotected(resources)).toEqual([]);
  });

  it('protects nothing in dev, which stays disposable', () => {
    const resources = synthResources('dev');
    expect(stateful(resources).length).toBeGreaterThan(0);
    expect([...resources].filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined)).toEqual([]);
  });

  it('protects nothing in a tier that opts out of deletion protection with a reason', () => {
    const resources = synthResources('staging', { optOuts: { deletionProtection: { reason: 'ephemeral load-test environment' } } });
    expect([...resources].filter(([, body]) => body.lifecycle?.prevent_destroy !== undefined)).toEqual([]);
  });
});
