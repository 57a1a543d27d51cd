import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { estimateCost, spotTaskCount } from './estimate';
import prices from './prices.json';

function synthesized(build: (stack: TerraformStack) => void) {
  const stack = new TerraformStack(Testing.app(), 'cost');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe('cost estimates', () => {
  it('prices Fargate tasks from the task size and count, with the Spot discount', () => {
    const json = synthesized((stack) => {
      const task = new EcsTaskDefinition(stack, 'task', { family: 'mf', cpu: '1024', memory: '2048', containerDefinitions: '[]' });
      new EcsService(stack, 'service', { name: 'mf', taskDefinition: task.arn, desiredCount: 3 });
      new EcsService(stack, 'spot', {
        name: 'mf-spot',
        taskDefinition: task.arn,
        desiredCount: 1,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      });
    });
    const estimate = estimateCost('cost', json);
    const perTask = (1 * prices.aws.fargateVcpuHour + 2 * prices.aws.fargateGbHour) * prices.hoursPerMonth;
    expect(estimate.lines).toEqual([
      {
        kind: 'Fargate tasks',
        quantity: 4,
        unit: 'tasks (1 vCPU, 2 GB); tasks (1 vCPU, 2 GB, Spot)',
        monthlyUsd: expect.closeTo(3 * perTask + perTask * (1 - prices.aws.fargateSpotDiscount), 6),
      },
    ]);
  });

  it('doubles Multi-AZ databases and reports sizes missing from the price table', () => {
    const json = synthesized((stack) => {
      new DbInstance(stack, 'db', { instanceClass: 'db.t4g.medium', engine: 'postgres', allocatedStorage: 20, multiAz: true });
      new DbInstance(stack, 'odd', { instanceClass: 'db.x2g.16xlarge', engine: 'postgres', allocatedStorage: 20 });
    });
    const estimate = estimateCost('cost', json);
    const expected =
      2 * (prices.aws.rdsInstanceHour['db.t4g.medium'] * prices.hoursPerMonth + 20 * prices.aws.rdsStorageGbMonth) +
      20 * prices.aws.rdsStorageGbMonth;
    expect(estimate.monthlyUsd).toBeCloseTo(expected, 6);
    expect(estimate.unpriced).toEqual(['db.x2g.16xlarge']);
  });

  it('counts WAF rules written as rule_json', () => {
    const json = synthesized((stack) => {
      new Wafv2WebAcl(stack, 'acl', {
        name: 'mf',
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: 'mf', sampledRequestsEnabled: true },
        ruleJson: JSON.stringify([{ Name: 'a' }, { Name: 'b' }]),
      });
    });
    expect(estimateCost('cost', json).monthlyUsd).toBeCloseTo(prices.aws.wafWebAclMonth + 2 * prices.aws.wafRuleMonth, 6);
  });

  it('prices every container of a Cloud Run minimum instance, sidecars included', () => {
    const json = synthesized((stack) => {
      new GoogleProvider(stack, 'google', { project: 'p', region: 'us-central1' });
      new CloudRunV2Service(stack, 'run', {
        name: 'mf',
        location: 'us-central1',
        template: {
          scaling: { minInstanceCount: 2 },
          containers: [
            { image: 'app', resources: { limits: { cpu: '2', memory: '1Gi' }, cpuIdle: true } },
            { image: 'collector', resources: { limits: { cpu: '1', memory: '512Mi' }, cpuIdle: true } },
          ],
        },
      });
    });
    const perInstance = (3 * prices.gcp.cloudRunIdleVcpuSecond + 1.5 * prices.gcp.cloudRunIdleGibSecond) * prices.hoursPerMonth * 3600;
    expect(estimateCost('cost', json).lines).toEqual([
      {
        kind: 'Cloud Run (min instances)',
        quantity: 2,
        unit: 'idle instances (3 vCPU, 1.5 GiB)',
        monthlyUsd: expect.closeTo(2 * perInstance, 6),
      },
    ]);
  });

  it('reads millicore CPU limits, and bills warm instances in full without request-based billing (cpu_idle)', () => {
    const service = (cpuIdle: boolean) =>
      synthesized((stack) => {
        new GoogleProvider(stack, 'google', { project: 'p', region: 'us-central1' });
        new CloudRunV2Service(stack, 'run', {
          name: 'mf',
          location: 'us-central1',
          template: {
            scaling: { minInstanceCount: 2 },
            containers: [
              { image: 'app', resources: { limits: { cpu: '1', memory: '1Gi' }, cpuIdle } },
              { image: 'collector', resources: { limits: { cpu: '250m', memory: '512Mi' }, cpuIdle } },
            ],
          },
        });
      });
    const seconds = prices.hoursPerMonth * 3600;
    const idle = estimateCost('cost', service(true)).lines[0]!;
    expect(idle).toMatchObject({ quantity: 2, unit: 'idle instances (1.25 vCPU, 1.5 GiB)' });
    expect(idle.monthlyUsd).toBeCloseTo(
      2 * (1.25 * prices.gcp.cloudRunIdleVcpuSecond + 1.5 * prices.gcp.cloudRunIdleGibSecond) * seconds,
      6,
    );
    expect(idle.monthlyUsd).toBeCloseTo(36.135, 3);
    const full = estimateCost('cost', service(false)).lines[0]!;
    expect(full).toMatchObject({ quantity: 2, unit: 'instances (1.25 vCPU, 1.5 GiB)' });
    expect(full.monthlyUsd).toBeCloseTo(
      2 * (1.25 * prices.gcp.cloudRunInstanceVcpuSecond + 1.5 * prices.gcp.cloudRunInstanceGibSecond) * seconds,
      6,
    );
  });

  it('splits tasks between on demand and Spot by the strategy: bases first, the rest by weight', () => {
    const json = synthesized((stack) => {
      const task = new EcsTaskDefinition(stack, 'task', { family: 'mf', cpu: '1024', memory: '2048', containerDefinitions: '[]' });
      new EcsService(stack, 'service', {
        name: 'mf',
        taskDefinition: task.arn,
        desiredCount: 2,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 0 },
          { capacityProvider: 'FARGATE_SPOT', weight: 1 },
        ],
        networkConfiguration: { subnets: ['subnet-a'], assignPublicIp: true },
      });
    });
    const perTask = (1 * prices.aws.fargateVcpuHour + 2 * prices.aws.fargateGbHour) * prices.hoursPerMonth;
    expect(estimateCost('cost', json).lines).toEqual([
      {
        kind: 'Fargate tasks',
        quantity: 2,
        unit: 'tasks (1 vCPU, 2 GB, 1 on demand + 1 Spot, public IPv4)',
        monthlyUsd: expect.closeTo(
          perTask + perTask * (1 - prices.aws.fargateSpotDiscount) + 2 * prices.aws.publicIpv4Hour * prices.hoursPerMonth,
          6,
        ),
      },
    ]);
    const strategy = (base: number, onDemand: number, spot: number) => [
      { capacity_provider: 'FARGATE', base, weight: onDemand },
      { capacity_provider: 'FARGATE_SPOT', weight: spot },
    ];
    expect(spotTaskCount(strategy(0, 1, 3), 4)).toBe(3);
    expect(spotTaskCount(strategy(2, 0, 1), 5)).toBe(3);
    expect(spotTaskCount(strategy(5, 1, 1), 3)).toBe(0);
    expect(spotTaskCount([{ capacity_provider: 'FARGATE_SPOT', base: 1, weight: 1 }], 3)).toBe(3);
    expect(spotTaskCount(undefined, 3)).toBe(0);
  });

  it("prices an internet-facing load balancer's public IPv4 address in each subnet", () => {
    const json = synthesized((stack) => {
      new Lb(stack, 'public', { name: 'public', subnets: ['a', 'b', 'c'] });
      new Lb(stack, 'internal', { name: 'internal', internal: true, subnets: ['a', 'b'] });
    });
    const { albHour, albLcuHour, publicIpv4Hour } = prices.aws;
    expect(estimateCost('cost', json).lines).toEqual([
      {
        kind: 'Application Load Balancer',
        quantity: 2,
        unit: 'load balancer (1 LCU); load balancer (1 LCU), 3 public IPv4',
        monthlyUsd: expect.closeTo((2 * (albHour + albLcuHour) + 3 * publicIpv4Hour) * prices.hoursPerMonth, 6),
      },
    ]);
  });

  it('prices shared-core Cloud SQL tiers by the hour and lists an unknown tier as unpriced', () => {
    const json = synthesized((stack) => {
      new GoogleProvider(stack, 'google', { project: 'p', region: 'us-central1' });
      const instance = (id: string, tier: string, availabilityType: string) =>
        new SqlDatabaseInstance(stack, id, {
          name: id,
          databaseVersion: 'POSTGRES_16',
          settings: { tier, availabilityType, diskSize: 10 },
        });
      instance('micro', 'db-f1-micro', 'ZONAL');
      instance('small', 'db-g1-small', 'REGIONAL');
      instance('odd', 'db-n1-standard-1', 'ZONAL');
    });
    const estimate = estimateCost('cost', json);
    const disk = 10 * prices.gcp.cloudSqlSsdGbMonth;
    const { 'db-f1-micro': micro, 'db-g1-small': small } = prices.gcp.cloudSqlSharedCoreHour;
    // List prices in us-central1: $7.67 and $25.55 a month.
    expect(micro * prices.hoursPerMonth).toBeCloseTo(7.67, 2);
    expect(small * prices.hoursPerMonth).toBeCloseTo(25.55, 2);
    expect(estimate.monthlyUsd).toBeCloseTo(micro * prices.hoursPerMonth + disk + 2 * (small * prices.hoursPerMonth + disk) + disk, 6);
    expect(estimate.unpriced).toEqual(['db-n1-standard-1']);
  });

  it('charges the first five global forwarding rules one minimum, and each further rule on its own', () => {
    const rules = (count: number) =>
      estimateCost(
        'cost',
        synthesized((stack) => {
          new GoogleProvider(stack, 'google', { project: 'p', region: 'us-central1' });
          for (let i = 0; i < count; i++) new ComputeGlobalForwardingRule(stack, `rule${i}`, { name: `rule${i}`, target: 't' });
        }),
      ).monthlyUsd;
    // $0.025 an hour for up to five rules, $0.01 an hour for each one after.
    expect(rules(1)).toBeCloseTo(18.25, 2);
    expect(rules(2)).toBeCloseTo(18.25, 2);
    expect(rules(5)).toBeCloseTo(18.25, 2);
    expect(rules(7)).toBeCloseTo(18.25 + 2 * 7.3, 2);
  });

  it('prices an EKS Auto Mode NodePool as one node of its smallest type per pod the HPAs keep', () => {
    const json = synthesized((stack) => {
      new KubernetesProvider(stack, 'kubernetes', {});
      const nodePool = (id: string, group: string) =>
        new Manifest(stack, id, {
          manifest: {
            apiVersion: 'karpenter.sh/v1',
            kind: 'NodePool',
            metadata: { name: id },
            spec: {
              template: {
                spec: {
                  nodeClassRef: { group, kind: 'NodeClass', name: 'default' },
                  requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m6i.xlarge', 'm6i.2xlarge'] }],
                },
              },
            },
          },
        });
      nodePool('mockforge', 'eks.amazonaws.com');
      nodePool('elsewhere', 'karpenter.k8s.aws');
      new Manifest(stack, 'monitor', { manifest: { apiVersion: 'v1', kind: 'PodMonitoring', metadata: { name: 'm' } } });
      for (const [id, min] of [
        ['stateless', 5],
        ['stateful', 3],
      ] as const)
        new HorizontalPodAutoscalerV2(stack, id, {
          metadata: { name: id },
          spec: { minReplicas: min, maxReplicas: 20, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: id } },
        });
    });
    expect(estimateCost('cost', json).lines).toEqual([
      {
        kind: 'EKS nodes',
        quantity: 8,
        unit: 'm6i.xlarge nodes (Auto Mode, on demand, one per minimum pod)',
        monthlyUsd: expect.closeTo(8 * prices.aws.ec2InstanceHour['m6i.xlarge'] * prices.hoursPerMonth, 6),
      },
    ]);
  });
});
