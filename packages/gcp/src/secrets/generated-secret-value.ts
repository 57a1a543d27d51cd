import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import type { CommonProps, SecretReference } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';

/** Secret versions carry no labels (their secret does): `tags` have nothing to label. */
export interface GeneratedSecretValueProps extends CommonProps {
  /** The secret container to write. */
  readonly secret: SecretReference;
  /** The value, built from resource attributes (never a literal credential). */
  readonly value: string;
}

/**
 * A secret version Terraform derives from other resources' attributes. When they change, the new
 * version is written first (`latest` never points at a disabled one) and the old one is disabled
 * rather than destroyed, so it can be re-enabled.
 */
export class GeneratedSecretValue extends Construct {
  readonly version: SecretManagerSecretVersion;

  constructor(scope: Construct, id: string, props: GeneratedSecretValueProps) {
    super(scope, id);
    this.version = new SecretManagerSecretVersion(this, 'version', {
      secret: props.secret.id,
      secretData: props.value,
      deletionPolicy: 'DISABLE',
      lifecycle: { createBeforeDestroy: true },
    });
    applyCommonProps(this, this.version, props);
  }
}
