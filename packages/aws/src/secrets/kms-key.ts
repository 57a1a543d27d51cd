import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { CommonProps } from '@mockforge-infra/core';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { accountOf, accountRootArn } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';

export interface EncryptionKeyProps extends CommonProps {
  /** `alias/<name>`. */
  readonly alias: string;
  readonly region: string;
  /**
   * Services that encrypt with the key on their own behalf (alarm notifications, log delivery, backups, Prometheus alerts).
   * Services acting for a principal (RDS, ElastiCache, Secrets Manager) use the account's IAM grants;
   * CloudWatch Logs has its own statement, limited to this account's log groups in the key's region.
   * @default cloudwatch.amazonaws.com, delivery.logs.amazonaws.com, backup.amazonaws.com, aps.amazonaws.com
   */
  readonly servicePrincipals?: readonly string[];
  /**
   * Roles that may decrypt Secrets Manager secrets under this key without an IAM policy of their own
   * (service-linked roles such as ECR's pull-through cache role, which may not exist yet).
   * @default none
   */
  readonly secretReaderRoleArns?: readonly string[];
  /** Create the key in another region. @default the stack's provider */
  readonly provider?: TerraformProvider;
}

/** The services a key trusts when `servicePrincipals` is not given. */
const DEFAULT_KEY_SERVICES: readonly string[] = [
  'cloudwatch.amazonaws.com',
  'delivery.logs.amazonaws.com',
  'backup.amazonaws.com',
  // Amazon Managed Service for Prometheus publishes alerts to the encrypted alert topic (EKS).
  'aps.amazonaws.com',
];

/**
 * A customer managed key with rotation and an explicit policy: the account administers it,
 * CloudWatch Logs may use it only for this account's log groups.
 * `tags` and `overrides` apply to the key (`aws_kms_key`).
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { accountId, partition } = accountOf(this);
    const services = props.servicePrincipals ?? DEFAULT_KEY_SERVICES;
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: `MockForge ${props.alias}`,
      enableKeyRotation: true,
      isEnabled: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: accountRootArn(this) }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'CloudWatchLogs',
            Effect: 'Allow',
            Principal: { Service: `logs.${props.region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${props.region}:${accountId}:*` } },
          },
          ...(props.secretReaderRoleArns && props.secretReaderRoleArns.length > 0
            ? [
                {
                  Sid: 'SecretReaders',
                  Effect: 'Allow',
                  Principal: { AWS: '*' },
                  Action: 'kms:Decrypt',
                  Resource: '*',
                  Condition: {
                    StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` },
                    ArnLike: { 'aws:PrincipalArn': [...props.secretReaderRoleArns] },
                  },
                },
              ]
            : []),
          {
            Sid: 'AccountServices',
            Effect: 'Allow',
            Principal: { Service: services },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          },
        ],
      }),
    });
    applyCommonProps(this.key, props);
    new KmsAlias(this, 'alias', { provider: props.provider, name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
  }
}
