import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { CommonProps, SecretReference } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface InitialSecretValueProps extends CommonProps {
  /** The secret container to write. */
  readonly secret: SecretReference;
  /** The value, built from tokens (never a literal credential). */
  readonly value: string;
}

/**
 * Writes a secret's first version. Later changes to the value are ignored, so a value built from a
 * per-plan generated password stays the one that was applied. Rotate by writing a new version out of
 * band, or, where `prevent_destroy` is off (dev), by replacing this resource together with the one
 * holding the same credential (`terraform apply -replace=...`) (README: Secrets).
 * `overrides` apply to the version (`aws_secretsmanager_secret_version`); it takes no `tags`.
 */
export class InitialSecretValue extends Construct {
  readonly version: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: InitialSecretValueProps) {
    super(scope, id);
    this.version = new SecretsmanagerSecretVersion(this, 'version', {
      secretId: props.secret.id,
      secretString: props.value,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    applyCommonProps(this.version, props);
  }
}
