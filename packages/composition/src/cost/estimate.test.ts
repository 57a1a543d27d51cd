import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { estimateCost } from './estimate';
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
            { image: 'app', resources: { limits: { cpu: '2', memory: '1Gi' } } },
            { image: 'collector', resources: { limits: { cpu: '1', memory: '512Mi' } } },
          ],
        },
      });
    });
    const perInstance = (3 * prices.gcp.cloudRunIdleVcpuSecond + 1.5 * prices.gcp.cloudRunIdleGibSecond) * prices.hoursPerMonth * 3600;
    expect(estimateCost('cost', json).lines).toEqual([
      {
        kind: 'Cloud Run (min instances, idle)',
        quantity: 2,
        unit: 'instances (3 vCPU, 1.5 GiB)',
        monthlyUsd: expect.closeTo(2 * perInstance, 6),
      },
    ]);
  });
});
