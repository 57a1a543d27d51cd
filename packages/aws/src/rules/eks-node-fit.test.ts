import { PolicyEngine, type PolicyRule } from '@mockforge-infra/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { eksNodeFitRules } from './eks-node-fit';

const labels = {
  'sizing.mockforge.dev/pod-cpu-millis': '7200',
  'sizing.mockforge.dev/pod-memory-mib': '8192',
  'sizing.mockforge.dev/max-pods': '45',
};

function findings(ruleId: string, attributes: Record<string, unknown>): string[] {
  const rule = eksNodeFitRules.find((r) => r.id === ruleId) as PolicyRule;
  const stack = new TerraformStack(Testing.app(), 'fixture');
  const group = new TerraformResource(stack, 'nodes', { terraformResourceType: 'aws_eks_node_group' });
  group.overrideLogicalId('nodes');
  for (const [key, value] of Object.entries(attributes)) group.addOverride(key, value);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings.map((f) => f.message);
}

const group = (instanceType: string, maxSize: number) => ({
  instance_types: [instanceType],
  scaling_config: { min_size: 20, max_size: maxSize, desired_size: 20 },
  labels,
});

describe('EKS node capacity rules', () => {
  test('MF_AWS_3 passes when a 7200m pod meets m6i.2xlarge (7660m after the reserve and DaemonSets)', () => {
    expect(findings('MF_AWS_3', group('m6i.2xlarge', 45))).toEqual([]);
  });

  test('MF_AWS_3 fails when the pod requests the whole 8 vCPU of the node', () => {
    const whole = { ...group('m6i.2xlarge', 45), labels: { ...labels, 'sizing.mockforge.dev/pod-cpu-millis': '8000' } };
    expect(findings('MF_AWS_3', whole)).toEqual([
      "The largest pod's requests fit a node's allocatable capacity: m6i.2xlarge leaves 7660m CPU and 31263Mi for pods; the pod requests 8000m and 8192Mi",
    ]);
  });

  test('MF_AWS_4 passes when 45 nodes hold the 45 pods', () => {
    expect(findings('MF_AWS_4', group('m6i.2xlarge', 45))).toEqual([]);
    // m6i.4xlarge holds two 7200m pods: 23 nodes are enough.
    expect(findings('MF_AWS_4', group('m6i.4xlarge', 23))).toEqual([]);
  });

  test('MF_AWS_4 fails when the group stops at 10 nodes', () => {
    expect(findings('MF_AWS_4', group('m6i.2xlarge', 10))).toEqual([
      'The maximum pods fit the maximum node count: 10 × m6i.2xlarge hold 10 pods; 45 must fit',
    ]);
  });
});
