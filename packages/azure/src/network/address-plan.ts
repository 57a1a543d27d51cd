import { subnet } from '@mockforge-infra/core';

/**
 * Subnets of a region's /16 (from core's networkPlan): the Container Apps environment and the AKS
 * nodes get a /20 each (AKS overlay gives pods their own range, so nodes need few addresses),
 * private endpoints and the delegated PostgreSQL subnet a /24 each.
 */
export function addressPlan(vnetCidr: string) {
  return {
    apps: subnet(vnetCidr, 20, 0),
    aks: subnet(vnetCidr, 20, 1),
    endpoints: subnet(vnetCidr, 24, 32),
    postgres: subnet(vnetCidr, 24, 33),
  };
}
