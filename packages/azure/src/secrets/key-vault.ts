import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import {
  type CommonProps,
  PolicyEngine,
  type SecretKey,
  type SecretReference,
  type SecretStore,
  suppressExempted,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { globalName } from '../naming';
import { KEY_VAULT } from '../sizing';

export const SECRETS_USER_ROLE = 'Key Vault Secrets User';
export const SECRETS_OFFICER_ROLE = 'Key Vault Secrets Officer';

export const DEV_PUBLIC_VAULT_REASON =
  'dev tier: the vault is reached over its public endpoint with Entra ID RBAC, without the cost of a private endpoint; staging and production are private';
export const ALLOWED_CIDRS_REASON =
  'azure.keyVaultAllowedCidrs admits the Terraform runner through the vault firewall (default Deny); every other client uses the private endpoint';

export interface AzureKeyVaultProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  /** The principal Terraform runs as: it writes the generated secrets. */
  readonly deployerObjectId: string;
  readonly endpointsSubnetId: string;
  readonly privateDnsZoneId: string;
}

/** `DATABASE_URL` → `database-url`, a Key Vault secret name. */
export function secretName(key: SecretKey): string {
  return key.toLowerCase().replace(/_/g, '-');
}

/**
 * A Key Vault with RBAC authorization, purge protection and 90 days of soft delete. In staging and
 * production public access is off and clients reach it through a private endpoint (or only from
 * `azure.keyVaultAllowedCidrs`); dev keeps public access behind Entra ID RBAC to stay cheap.
 */
export class AzureKeyVault extends Construct implements SecretStore {
  readonly vault: KeyVault;
  readonly privateEndpoint?: PrivateEndpoint;
  private readonly values = new Map<SecretKey, KeyVaultSecret>();
  private readonly writer: RoleAssignment;

  constructor(scope: Construct, id: string, props: AzureKeyVaultProps) {
    super(scope, id);
    const { context, region } = props;
    const isolated = context.tier !== 'dev';
    const allowed = context.config.azure?.keyVaultAllowedCidrs ?? [];
    this.vault = new KeyVault(this, 'vault', {
      name: globalName(context, 'kv', region),
      location: region,
      resourceGroupName: props.resourceGroupName,
      tenantId: props.tenantId,
      skuName: KEY_VAULT.sku,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: context.profile.deletionProtection,
      softDeleteRetentionDays: KEY_VAULT.softDeleteRetentionDays,
      publicNetworkAccessEnabled: !isolated || allowed.length > 0,
      networkAcls: { bypass: 'AzureServices', defaultAction: isolated ? 'Deny' : 'Allow', ipRules: isolated ? [...allowed] : undefined },
    });
    suppressExempted(this.vault, context.profile, 'deletion-protection', ['CKV_AZURE_110']);
    if (!isolated) for (const rule of ['CKV_AZURE_109', 'CKV_AZURE_189']) PolicyEngine.suppress(this.vault, rule, DEV_PUBLIC_VAULT_REASON);
    else if (allowed.length > 0) PolicyEngine.suppress(this.vault, 'CKV_AZURE_189', ALLOWED_CIDRS_REASON);
    if (isolated) {
      this.privateEndpoint = new PrivateEndpoint(this, 'endpoint', {
        name: `${this.vault.name}-pe`,
        location: region,
        resourceGroupName: props.resourceGroupName,
        subnetId: props.endpointsSubnetId,
        privateServiceConnection: {
          name: 'vault',
          isManualConnection: false,
          privateConnectionResourceId: this.vault.id,
          subresourceNames: ['vault'],
        },
        privateDnsZoneGroup: { name: 'vault', privateDnsZoneIds: [props.privateDnsZoneId] },
      });
    }
    this.writer = new RoleAssignment(this, 'deployer', {
      scope: this.vault.id,
      roleDefinitionName: SECRETS_OFFICER_ROLE,
      principalId: props.deployerObjectId,
      description: 'Terraform writes the generated connection secrets',
    });
    applyCommonProps(this, this.vault, props);
  }

  /**
   * Writes a secret whose value Terraform builds from other resources or the generated credentials.
   * `keepFirstValue`: later changes to the value are ignored, so a value rotated with
   * `az keyvault secret set` survives the next apply (the provider reads the value back).
   */
  put(key: SecretKey, value: string, options: { readonly keepFirstValue?: boolean } = {}): KeyVaultSecret {
    const secret = new KeyVaultSecret(this, secretName(key), {
      name: secretName(key),
      keyVaultId: this.vault.id,
      value,
      contentType: 'text/plain',
      dependsOn: [this.writer, ...(this.privateEndpoint ? [this.privateEndpoint] : [])],
      lifecycle: options.keepFirstValue ? { ignoreChanges: ['value'] } : undefined,
    });
    this.values.set(key, secret);
    return secret;
  }

  get secrets(): Readonly<Partial<Record<SecretKey, SecretReference>>> {
    return Object.fromEntries([...this.values].map(([key, s]) => [key, { id: s.versionlessId, name: s.name }]));
  }

  /** Lets a principal read the secrets; returns the grant, for `dependsOn`. */
  grantRead(id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(this, `${id}-reader`, {
      scope: this.vault.id,
      roleDefinitionName: SECRETS_USER_ROLE,
      principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
