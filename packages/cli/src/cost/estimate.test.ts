import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
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
});
