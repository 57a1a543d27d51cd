import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import type { CommonProps, SecretKey, SecretReference, SecretStore, TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';

export const SECRET_ACCESSOR_ROLE = 'roles/secretmanager.secretAccessor';

/** `tags` and `overrides` apply to every secret of the store. */
export interface GcpSecretStoreProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
}

/** `DATABASE_URL` → `database-url`. */
export function secretSuffix(key: SecretKey): string {
  return key.toLowerCase().replace(/_/g, '-');
}

/**
 * Secret Manager containers for the service's secrets, one region's worth. Values are never in
 * the configuration: operators add versions (`gcloud secrets versions add`), see the README.
 */
export class GcpSecretStore extends Construct implements SecretStore {
  readonly secrets: Readonly<Partial<Record<SecretKey, SecretReference>>>;
  private readonly resources = new Map<SecretKey, SecretManagerSecret>();

  constructor(scope: Construct, id: string, props: GcpSecretStoreProps) {
    super(scope, id);
    const { context, region } = props;
    const secrets: Partial<Record<SecretKey, SecretReference>> = {};
    for (const key of context.service.secretKeys) {
      const secret = new SecretManagerSecret(this, secretSuffix(key), {
        secretId: resourceName(context.tier, region, secretSuffix(key)),
        replication: { userManaged: { replicas: [{ location: region }] } },
        deletionProtection: context.profile.deletionProtection,
      });
      applyCommonProps(secret, secret, props);
      this.resources.set(key, secret);
      secrets[key] = { id: secret.id, name: secret.secretId };
    }
    this.secrets = secrets;
  }

  /** Lets one principal read these secrets, and nothing else; returns the grants, for `dependsOn`. */
  grantRead(member: string): SecretManagerSecretIamMember[] {
    return [...this.resources].map(
      ([key, secret]) =>
        new SecretManagerSecretIamMember(this, `${secretSuffix(key)}-accessor`, {
          secretId: secret.id,
          role: SECRET_ACCESSOR_ROLE,
          member,
        }),
    );
  }
}
