import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface RemoteSecretValueProps extends CommonProps {
  /** ARN of the secret to read. */
  readonly secretId: string;
  /** The secret's region, when it is not the stack's. */
  readonly region?: string;
}

/**
 * The current value of a secret another stack owns (the primary region's connection URL), read at
 * plan time. Only the secret's ARN crosses stacks, never the credential; the value then lives in
 * this stack's state, like the credentials it already holds. Planning fails while the secret has no
 * value yet, so the owner's secret is written first.
 * `overrides` apply to the data source (`aws_secretsmanager_secret_version`); it takes no `tags`.
 */
export class RemoteSecretValue extends Construct {
  /** A `${data...}` reference, never a literal. */
  readonly value: string;

  constructor(scope: Construct, id: string, props: RemoteSecretValueProps) {
    super(scope, id);
    const version = new DataAwsSecretsmanagerSecretVersion(this, 'current', {
      secretId: props.secretId,
      ...(props.region ? { region: props.region } : {}),
    });
    applyCommonProps(version, props);
    this.value = version.secretString;
  }
}
