import { PolicyEngine, type PolicyRule } from '@mockforge-infra/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { doksNodeFitRules } from './doks-node-fit';
import { digitaloceanRules } from '.';

/** Production medium on DOKS: 3600m / 4096Mi pods, 20 at the HPA maximum plus a surge of 5. */
const labels = {
  'sizing.mockforge.dev/pod-cpu-millis': '3600',
  'sizing.mockforge.dev/pod-memory-mib': '4096',
  'sizing.mockforge.dev/max-pods': '25',
};

function findings(ruleId: string, nodePool: Record<string, unknown>): string[] {
  const rule = doksNodeFitRules.find((r) => r.id === ruleId) as PolicyRule;
  const stack = new TerraformStack(Testing.app(), 'fixture');
  const cluster = new TerraformResource(stack, 'cluster', { terraformResourceType: 'digitalocean_kubernetes_cluster' });
  cluster.addOverride('node_pool', nodePool);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings.map((f) => f.message);
}

const pool = (size: string, maxNodes: number, extra: Record<string, unknown> = {}) => ({
  size,
  auto_scale: true,
  min_nodes: 3,
  max_nodes: maxNodes,
  labels,
  ...extra,
});

describe('DOKS node capacity rules', () => {
  it('uses ids no other DigitalOcean rule uses', () => {
    expect(doksNodeFitRules.map((r) => r.id)).toEqual(['MF_DIO_6', 'MF_DIO_7']);
    expect(digitaloceanRules.map((r) => r.id)).not.toContain('MF_DIO_6');
    expect(digitaloceanRules.map((r) => r.id)).not.toContain('MF_DIO_7');
  });

  // g-8vcpu-32gb: 8000 − 90 − 500 = 7410m; 28 GiB allocatable − 512 = 28160Mi: two pods.
  it('MF_DIO_6 passes when the pod fits g-8vcpu-32gb', () => {
    expect(findings('MF_DIO_6', pool('g-8vcpu-32gb', 13))).toEqual([]);
  });

  // g-4vcpu-16gb: 4000 − 80 − 500 = 3420m; 13 GiB allocatable − 512 = 12800Mi.
  it('MF_DIO_6 fails when a 3600m pod meets g-4vcpu-16gb', () => {
    expect(findings('MF_DIO_6', pool('g-4vcpu-16gb', 13))).toEqual([
      "The largest pod's requests fit a node's allocatable capacity: g-4vcpu-16gb leaves 3420m CPU and 12800Mi for pods; the pod requests 3600m and 4096Mi",
    ]);
  });

  it('MF_DIO_6 fails on a pool without the sizing labels or with an unknown Droplet', () => {
    expect(findings('MF_DIO_6', { size: 'g-8vcpu-32gb', auto_scale: true, max_nodes: 13 })).toHaveLength(1);
    expect(findings('MF_DIO_6', pool('x-huge', 13))[0]).toContain('"x-huge" is not in the capacity table');
  });

  it('MF_DIO_7 passes when 13 nodes hold the 25 pods', () => {
    expect(findings('MF_DIO_7', pool('g-8vcpu-32gb', 13))).toEqual([]);
  });

  it('MF_DIO_7 fails when the pool stops at 10 nodes', () => {
    expect(findings('MF_DIO_7', pool('g-8vcpu-32gb', 10))).toEqual([
      'The maximum pods fit the maximum node count: 10 × g-8vcpu-32gb hold 20 pods; 25 must fit',
    ]);
  });

  it('MF_DIO_7 reads a fixed pool by its node count', () => {
    expect(findings('MF_DIO_7', pool('g-8vcpu-32gb', 13, { auto_scale: false, node_count: 3 }))).toEqual([
      'The maximum pods fit the maximum node count: 3 × g-8vcpu-32gb hold 6 pods; 25 must fit',
    ]);
  });
});
