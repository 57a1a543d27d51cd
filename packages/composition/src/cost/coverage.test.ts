import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, SynthesizedStack } from '@mockforge-infra/core';
import { stringify } from 'yaml';
import { synthesize } from '../synthesize';
import { IMPLEMENTED_CLOUDS } from '../targets';
import { isPriced, USAGE_BASED } from './estimate';
import { readSynthesizedStacks } from './targets';

const scratch = () => mkdtempSync(join(tmpdir(), 'mf-cost-coverage-'));

function typesIn(outdir: string): Set<string> {
  const types = new Set<string>();
  for (const [name, json] of readSynthesizedStacks(outdir)) for (const r of new SynthesizedStack(name, json).resources) types.add(r.type);
  return types;
}

describe('the price table', () => {
  // The built-in config, and staging on EKS and GKE, the layouts the built-in config does not use.
  const builtIn = join(scratch(), 'cdktf.out');
  synthesize({ outdir: builtIn });
  const hybridConfig = JSON.parse(JSON.stringify(defaultConfig(IMPLEMENTED_CLOUDS))) as {
    tiers: Record<string, Record<string, unknown>>;
    aws?: Record<string, unknown>;
  };
  hybridConfig.tiers.staging!.compute = { aws: 'eks', gcp: 'gke' };
  hybridConfig.aws = { eksAdminRoleArns: ['arn:aws:iam::123456789012:role/deploy'] };
  const hybridFile = join(scratch(), 'hybrid.yaml');
  writeFileSync(hybridFile, stringify(hybridConfig));
  const hybrid = join(scratch(), 'cdktf.out');
  synthesize({ outdir: hybrid, configPath: hybridFile, tiers: ['staging'], clouds: ['aws', 'gcp'] });
  const types = [...new Set([...typesIn(builtIn), ...typesIn(hybrid)])].sort();

  it('prices every resource type the targets create, or lists it as usage-based or free, never both', () => {
    expect(types.filter((t) => !isPriced(t) && !(t in USAGE_BASED))).toEqual([]);
    expect(types.filter((t) => isPriced(t) && t in USAGE_BASED)).toEqual([]);
    // The EKS and GKE layouts are in the set.
    expect(types).toEqual(
      expect.arrayContaining(['aws_eks_cluster', 'aws_eks_access_entry', 'google_container_node_pool', 'kubernetes_ingress_v1']),
    );
  });
});
