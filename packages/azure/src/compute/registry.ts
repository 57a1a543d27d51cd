import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { ContainerRegistryCacheRule } from '@cdktf/provider-azurerm/lib/container-registry-cache-rule';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { MOCKFORGE_IMAGE_REGISTRY, PolicyEngine, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { globalName, resourceName } from '../naming';
import { CONTAINER_REGISTRY } from '../sizing';

export interface GhcrCacheRegistryProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  /** Mirror the image in a regional registry; without it the public image is pulled straight from ghcr.io. */
  readonly mirror: boolean;
}

/** ghcr.io/<owner>/<repo>:<tag> or @sha256:<digest> → the repository path and the reference after it (`:tag` or `@digest`). */
export function splitImage(image: string): { repository: string; reference: string } {
  const withoutRegistry = image.startsWith(`${MOCKFORGE_IMAGE_REGISTRY}/`) ? image.slice(MOCKFORGE_IMAGE_REGISTRY.length + 1) : image;
  const at = withoutRegistry.includes('@') ? withoutRegistry.indexOf('@') : withoutRegistry.lastIndexOf(':');
  return { repository: withoutRegistry.slice(0, at), reference: withoutRegistry.slice(at) };
}

/**
 * The workload's user-assigned identity and its image: where `mirror` is set, an Azure Container
 * Registry (admin user and anonymous pull off) with a cache rule that pulls the pinned image from
 * ghcr.io on first use, and AcrPull for the identity; otherwise the public pinned image itself.
 */
export class GhcrCacheRegistry extends Construct {
  readonly registry?: ContainerRegistry;
  readonly identity: UserAssignedIdentity;
  readonly pull?: RoleAssignment;
  readonly image: string;

  constructor(scope: Construct, id: string, props: GhcrCacheRegistryProps) {
    super(scope, id);
    const { context, region } = props;
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: resourceName(context.tier, region, 'workload'),
      location: region,
      resourceGroupName: props.resourceGroupName,
    });
    this.image = context.service.image;
    if (!props.mirror) {
      applyCommonProps(this, this.identity, props);
      return;
    }
    this.registry = new ContainerRegistry(this, 'registry', {
      name: globalName(context, 'cr', region),
      location: region,
      resourceGroupName: props.resourceGroupName,
      sku: CONTAINER_REGISTRY.sku,
      adminEnabled: false,
      anonymousPullEnabled: false,
    });
    PolicyEngine.suppress(
      this.registry,
      'CKV_AZURE_139',
      'the registry only caches the public MockForge image and is pulled with Entra ID identities; private endpoints need the Premium SKU',
    );
    const { repository, reference } = splitImage(context.service.image);
    const rule = new ContainerRegistryCacheRule(this, 'ghcr-cache', {
      name: `${CONTAINER_REGISTRY.ghcrCacheRule}-${context.tier}`,
      containerRegistryId: this.registry.id,
      sourceRepo: `${MOCKFORGE_IMAGE_REGISTRY}/${repository}`,
      targetRepo: repository,
    });
    this.pull = new RoleAssignment(this, 'acr-pull', {
      scope: this.registry.id,
      roleDefinitionName: 'AcrPull',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    this.image = `${this.registry.loginServer}/${rule.targetRepo}${reference}`;
    applyCommonProps(this, this.registry, props);
  }
}
