import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Lazy, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { accountOf } from '../shared/account';

/** WAF delivers only to destinations whose name starts with this. */
const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

export interface WafLogDeliveryProps {
  /** The resource policy's name, unique per account and region. */
  readonly policyName: string;
  /** The region of the web ACLs, their log groups and this policy. */
  readonly region: string;
  /** The stack's CMK; its policy lets CloudWatch Logs in `region` use it. */
  readonly kmsKeyArn: string;
  /** @default the stack's provider */
  readonly provider?: TerraformProvider;
}

/**
 * Where a stack's web ACLs log: one encrypted log group per ACL and one CloudWatch Logs resource
 * policy that lets log delivery write to all of them. Owning the policy keeps WAF from growing its
 * shared `AWSWAF-LOGS` policy, and one per stack stays within the 10 resource policies per region.
 */
export class WafLogDelivery extends Construct {
  readonly policy: CloudwatchLogResourcePolicy;
  readonly provider?: TerraformProvider;
  private readonly kmsKeyArn: string;
  private readonly groupArns: string[] = [];

  constructor(scope: Construct, id: string, props: WafLogDeliveryProps) {
    super(scope, id);
    const { accountId, partition } = accountOf(this);
    this.kmsKeyArn = props.kmsKeyArn;
    this.provider = props.provider;
    this.policy = new CloudwatchLogResourcePolicy(this, 'policy', {
      provider: props.provider,
      policyName: props.policyName,
      // Rendered at synthesis, once every web ACL of the stack has added its log group.
      policyDocument: Lazy.stringValue({
        produce: () => {
          if (this.groupArns.length === 0) throw new Error(`${this.node.path}: no web ACL logs here; remove the delivery`);
          return JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'WafLogDelivery',
                Effect: 'Allow',
                Principal: { Service: 'delivery.logs.amazonaws.com' },
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: this.groupArns.map((arn) => `${arn}:*`),
                Condition: {
                  StringEquals: { 'aws:SourceAccount': accountId },
                  ArnLike: { 'aws:SourceArn': `arn:${partition}:logs:${props.region}:${accountId}:*` },
                },
              },
            ],
          });
        },
      }),
    });
  }

  /** The encrypted log group `aws-waf-logs-<aclName>`, kept for the seed's log retention. */
  logGroup(scope: Construct, id: string, aclName: string): CloudwatchLogGroup {
    const group = encryptedLogGroup(scope, id, `${WAF_LOG_GROUP_PREFIX}${aclName}`, this.kmsKeyArn);
    group.provider = this.provider;
    this.groupArns.push(group.arn);
    return group;
  }
}
