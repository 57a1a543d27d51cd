import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { WafLogDelivery } from './waf-logs';
import { WebAcl } from './web-acl';

describe('WebAcl logging', () => {
  it('refuses a log delivery in another region than the ACL', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const edge = new AwsProvider(stack, 'edge', { region: 'us-east-1', alias: 'edge' });
    const logs = new WafLogDelivery(stack, 'waf_logs', { policyName: 'p', region: 'eu-west-1', kmsKeyArn: 'arn:kms' });
    expect(() => new WebAcl(stack, 'cdn', { name: 'cdn', scope: 'CLOUDFRONT', provider: edge, logs })).toThrow(/same provider/);
  });

  it('refuses to synthesize a resource policy that covers no log group', () => {
    expect(() =>
      Testing.synthScope((scope) => new WafLogDelivery(scope, 'waf_logs', { policyName: 'p', region: 'eu-west-1', kmsKeyArn: 'arn:kms' })),
    ).toThrow(/no web ACL logs here/);
  });

  it('puts every ACL of a stack under its one resource policy', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const logs = new WafLogDelivery(scope, 'waf_logs', { policyName: 'p', region: 'eu-west-1', kmsKeyArn: 'arn:kms' });
        new WebAcl(scope, 'a', { name: 'a', scope: 'REGIONAL', logs });
        new WebAcl(scope, 'b', { name: 'b', scope: 'REGIONAL', logs });
      }),
    ) as Record<string, any>;
    const [policy, ...others] = Object.values(json.resource.aws_cloudwatch_log_resource_policy) as Record<string, any>[];
    expect(others).toEqual([]);
    const groups = Object.keys(json.resource.aws_cloudwatch_log_group);
    expect(JSON.parse(policy!.policy_document).Statement[0].Resource).toEqual(groups.map((g) => `\${aws_cloudwatch_log_group.${g}.arn}:*`));
    expect(Object.values(json.resource.aws_cloudwatch_log_group).map((g: any) => g.name)).toEqual(['aws-waf-logs-a', 'aws-waf-logs-b']);
  });
});
