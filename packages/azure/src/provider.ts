import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';

/**
 * The azurerm provider of one stack: the subscription from `azure.subscriptionId` (else
 * ARM_SUBSCRIPTION_ID), Entra ID for storage data-plane calls (shared keys are off), and Key Vault
 * purge protection respected on destroy.
 */
export function addAzureProvider(scope: Construct, context: TargetContext): AzurermProvider {
  return new AzurermProvider(scope, 'azurerm', {
    features: [{ keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }] }],
    storageUseAzuread: true,
    ...(context.config.azure?.subscriptionId ? { subscriptionId: context.config.azure.subscriptionId } : {}),
  });
}
