import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { PolicyEngine, type CommonProps, type SecretKey, type SecretReference, type SecretStore } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

export interface SecretContainersProps extends CommonProps {
  /** Secrets are named `<prefix>/<KEY>`. */
  readonly prefix: string;
  readonly keys: readonly SecretKey[];
  readonly kmsKeyArn: string;
  /** Days Secrets Manager keeps a deleted secret. @default 30 */
  readonly recoveryWindowDays?: number;
}

/** Why the containers have no rotation schedule; recorded on each as a suppression. */
export const MANUAL_ROTATION_REASON =
  'no AWS-provided rotation exists for a composed connection URL, an application JWT key or the admin login; operators rotate these by writing a new version (README: Secrets)';

/**
 * Secret containers, encrypted with the stack's key. Their values are never literals in the Terraform
 * configuration: the stack writes each first version from references (generated credentials, the
 * database and cache). Tasks read them with `valueFrom`.
 * `tags` and `overrides` apply to every container (`aws_secretsmanager_secret`): none is the main one.
 */
export class SecretContainers extends Construct implements SecretStore {
  readonly secrets: Partial<Record<SecretKey, SecretReference>> = {};
  readonly arns: string[] = [];

  constructor(scope: Construct, id: string, props: SecretContainersProps) {
    super(scope, id);
    for (const key of props.keys) {
      const secret = new SecretsmanagerSecret(this, key.toLowerCase(), {
        name: `${props.prefix}/${key}`,
        description: `MockForge ${key}; Terraform writes its value from references, never a literal in configuration`,
        kmsKeyId: props.kmsKeyArn,
        recoveryWindowInDays: props.recoveryWindowDays ?? 30,
      });
      applyCommonProps(secret, props);
      PolicyEngine.suppress(secret, 'CKV2_AWS_57', MANUAL_ROTATION_REASON);
      this.secrets[key] = { id: secret.arn, name: secret.name };
      this.arns.push(secret.arn);
    }
  }
}
