import { subnet } from '@mockforge-infra/core';

/** Subnet tiers inside a VPC: public (load balancer, NAT), private app, private data. */
export const SUBNET_TIERS = ['public', 'private', 'data'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** Each tier takes a block of four /(+4) subnets, so a VPC of any allowed size (/16 to /20) fits 3 AZs. */
const SUBNETS_PER_TIER = 4;
const PREFIX_STEP = 4;

/** The CIDR of a tier's subnet in the `az`-th availability zone. */
export function subnetCidr(vpcCidr: string, tier: SubnetTier, az: number): string {
  const prefix = Number(vpcCidr.split('/')[1]) + PREFIX_STEP;
  return subnet(vpcCidr, prefix, SUBNET_TIERS.indexOf(tier) * SUBNETS_PER_TIER + az);
}

/** The CIDRs of a tier's subnets in the first `azCount` availability zones. */
export function subnetCidrs(vpcCidr: string, tier: SubnetTier, azCount: number): string[] {
  return Array.from({ length: azCount }, (_, az) => subnetCidr(vpcCidr, tier, az));
}
