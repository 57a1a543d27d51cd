import { PolicyEngine, type PolicyRule } from '@mockforge-infra/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { gkeNodeFitRules } from './gke-node-fit';

const labels = {
  'sizing.mockforge.dev/pod-cpu-millis': '7200',
  'sizing.mockforge.dev/pod-memory-mib': '8192',
  'sizing.mockforge.dev/max-pods': '45',
};

function findings(ruleId: string, attributes: Record<string, unknown>): string[] {
  const rule = gkeNodeFitRules.find((r) => r.id === ruleId) as PolicyRule;
  const stack = new TerraformStack(Testing.app(), 'fixture');
  const pool = new TerraformResource(stack, 'pool', { terraformResourceType: 'google_container_node_pool' });
  pool.overrideLogicalId('pool');
  for (const [key, value] of Object.entries(attributes)) pool.addOverride(key, value);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings.map((f) => f.message);
}

const pool = (machineType: string, autoscaling: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  node_config: { machine_type: machineType, labels },
  autoscaling,
  ...extra,
});

describe('GKE node capacity rules', () => {
  test('MF_GCP_15 passes when the pod fits the allocatable of n2-standard-8 (7410m after the reserve and DaemonSets)', () => {
    expect(findings('MF_GCP_15', pool('n2-standard-8', { total_max_node_count: 45 }))).toEqual([]);
  });

  // n2-standard-4: 4000 − 80 − (500 + 120 Secrets Store CSI) = 3300m; 16384 − 2662 (GKE bands) − 100 − (1024 + 240) = 12358Mi.
  test('MF_GCP_15 fails when a 7200m pod meets n2-standard-4', () => {
    expect(findings('MF_GCP_15', pool('n2-standard-4', { total_max_node_count: 45 }))).toEqual([
      "The largest pod's requests fit a node's allocatable capacity: n2-standard-4 leaves 3300m CPU and 12358Mi for pods; the pod requests 7200m and 8192Mi",
    ]);
  });

  test('MF_GCP_15 fails on a pool without the sizing labels or with an unknown machine', () => {
    expect(
      findings('MF_GCP_15', { node_config: { machine_type: 'n2-standard-8' }, autoscaling: { total_max_node_count: 45 } }),
    ).toHaveLength(1);
    expect(findings('MF_GCP_15', pool('x9-huge-1', { total_max_node_count: 45 }))[0]).toContain('"x9-huge-1" is not in the capacity table');
  });

  test('MF_GCP_16 passes when 45 nodes hold the 45 pods', () => {
    expect(findings('MF_GCP_16', pool('n2-standard-8', { total_max_node_count: 45 }))).toEqual([]);
    // Per-zone limits count once per named zone.
    expect(findings('MF_GCP_16', pool('n2-standard-8', { max_node_count: 15 }, { node_locations: ['a', 'b', 'c'] }))).toEqual([]);
  });

  test('MF_GCP_16 fails when the pool stops at 10 nodes', () => {
    expect(findings('MF_GCP_16', pool('n2-standard-8', { total_max_node_count: 10 }))).toEqual([
      'The maximum pods fit the maximum node count: 10 × n2-standard-8 hold 10 pods; 45 must fit',
    ]);
  });
});
