import { subnet } from '@mockforge-infra/core';
import { ADDRESS_PLAN, GKE_CONTROL_PLANE_PREFIX } from '../sizing';

export interface AddressPlan {
  readonly nodes: string;
  readonly pods: string;
  readonly services: string;
  readonly privateServiceAccess: string;
  readonly gkeControlPlane: string;
}

/** Carves a region's VPC block (from core's network plan) into its ranges; nothing overlaps. */
export function addressPlan(vpcCidr: string): AddressPlan {
  const prefix = Number(vpcCidr.split('/')[1]);
  const carve = ([bits, index]: readonly [number, number]) => subnet(vpcCidr, prefix + bits, index);
  return {
    nodes: carve(ADDRESS_PLAN.nodes),
    pods: carve(ADDRESS_PLAN.pods),
    services: carve(ADDRESS_PLAN.services),
    privateServiceAccess: carve(ADDRESS_PLAN.privateServiceAccess),
    gkeControlPlane: subnet(carve(ADDRESS_PLAN.gkeControlPlane), GKE_CONTROL_PLANE_PREFIX, 0),
  };
}
