import { PolicyEngine, type PolicyRule } from '@mockforge-infra/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { eksNodeFitRules } from './eks-node-fit';

const labels = {
  'sizing.mockforge.dev/pod-cpu-millis': '7200',
  'sizing.mockforge.dev/pod-memory-mib': '8192',
  'sizing.mockforge.dev/max-pods': '45',
};

function findings(ruleId: string, manifest: Record<string, unknown>): string[] {
  const rule = eksNodeFitRules.find((r) => r.id === ruleId) as PolicyRule;
  const stack = new TerraformStack(Testing.app(), 'fixture');
  const pool = new TerraformResource(stack, 'pool', { terraformResourceType: 'kubernetes_manifest' });
  pool.overrideLogicalId('pool');
  pool.addOverride('manifest', manifest);
  return new PolicyEngine([rule]).evaluate(stack, new Map()).findings.map((f) => f.message);
}

const nodePool = (instanceTypes: string[], cpuLimit: number, podLabels: Record<string, string> = labels) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'mockforge' },
  spec: {
    template: {
      metadata: { labels: podLabels },
      spec: {
        requirements: [
          { key: 'node.kubernetes.io/instance-type', operator: 'In', values: instanceTypes },
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
        ],
      },
    },
    limits: { cpu: String(cpuLimit), memory: '1474560Mi' },
  },
});

describe('EKS node capacity rules on the Auto Mode NodePool', () => {
  test('MF_AWS_3 passes when a 7200m pod meets m6i.2xlarge (7660m after the reserve and DaemonSets), the smallest size allowed', () => {
    expect(findings('MF_AWS_3', nodePool(['m6i.4xlarge', 'm6i.2xlarge'], 360))).toEqual([]);
  });

  test('MF_AWS_3 fails when the smallest size allowed leaves less than the pod requests', () => {
    expect(findings('MF_AWS_3', nodePool(['m6i.2xlarge', 'm6i.xlarge', 'm6i.4xlarge'], 360))).toEqual([
      "The largest pod's requests fit a node's allocatable capacity: m6i.xlarge leaves 3670m CPU and 14879Mi for pods; the pod requests 7200m and 8192Mi",
    ]);
    const whole = nodePool(['m6i.2xlarge'], 360, { ...labels, 'sizing.mockforge.dev/pod-cpu-millis': '8000' });
    expect(findings('MF_AWS_3', whole)).toEqual([
      "The largest pod's requests fit a node's allocatable capacity: m6i.2xlarge leaves 7660m CPU and 31263Mi for pods; the pod requests 8000m and 8192Mi",
    ]);
  });

  test('MF_AWS_3 names an instance type outside the capacity table', () => {
    expect(findings('MF_AWS_3', nodePool(['c7i.2xlarge'], 360))).toEqual([
      'The largest pod\'s requests fit a node\'s allocatable capacity: machine type "c7i.2xlarge" is not in the capacity table',
    ]);
  });

  test('MF_AWS_4 passes when 360 vCPU of m6i.2xlarge (45 nodes) hold the 45 pods', () => {
    expect(findings('MF_AWS_4', nodePool(['m6i.2xlarge', 'm6i.4xlarge'], 360))).toEqual([]);
    // m6i.4xlarge holds two 7200m pods: 23 nodes (368 vCPU) are enough.
    expect(findings('MF_AWS_4', nodePool(['m6i.4xlarge'], 368))).toEqual([]);
  });

  test('MF_AWS_4 fails when the CPU limit stops at 10 nodes, or states none', () => {
    expect(findings('MF_AWS_4', nodePool(['m6i.2xlarge'], 80))).toEqual([
      'The maximum pods fit the maximum node count: 10 × m6i.2xlarge hold 10 pods; 45 must fit',
    ]);
    const unlimited = nodePool(['m6i.2xlarge'], 0);
    expect(findings('MF_AWS_4', unlimited)).toEqual(['The maximum pods fit the maximum node count: the pool states no maximum node count']);
  });

  test('both leave other manifests alone', () => {
    const other = { apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'x' }, spec: {} };
    expect([...findings('MF_AWS_3', other), ...findings('MF_AWS_4', other)]).toEqual([]);
  });
});
