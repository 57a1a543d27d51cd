import type { TierName } from '../../seed';
import type { ConfigIssue } from '../errors';
import { hostnameFor } from '../hostnames';
import type { MockforgeConfig, TierConfig } from '../model';
import { list, obj, str } from '../schema';
import { CIDR_SCHEMA } from '../shared-schemas';

/** Deployment models on Azure: Container Apps (serverless) or AKS. */
export const AZURE_COMPUTE = ['container-apps', 'aks'] as const;
export type AzureCompute = (typeof AZURE_COMPUTE)[number];

/** `azure:` settings. */
export interface AzureSettings {
  /** The subscription every resource lives in. @default the provider's ARM_SUBSCRIPTION_ID */
  readonly subscriptionId?: string;
  /**
   * Resource id of an existing public Azure DNS zone that holds every tier's hostname; records go into
   * it. @default one zone per tier hostname, created by the global stack
   */
  readonly dnsZoneId?: string;
  /** CIDRs allowed to reach a public AKS API server; without them the API server is private. */
  readonly aksAuthorizedCidrs?: readonly string[];
  /**
   * CIDRs (the Terraform runner's) admitted to the staging and production Key Vaults, whose public
   * access is otherwise off: Terraform writes DATABASE_URL and REDIS_URL into them.
   * @default none (run Terraform from inside the VNet)
   */
  readonly keyVaultAllowedCidrs?: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const AZURE_DNS_ZONE_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Network\/dnszones\/([a-z0-9.-]+)$/i;

export const AZURE_SETTINGS_SCHEMA = obj({
  subscriptionId: str({ pattern: GUID, describe: 'an Azure subscription id (a lowercase GUID)' }),
  dnsZoneId: str({
    pattern: AZURE_DNS_ZONE_ID,
    describe: 'a DNS zone resource id such as /subscriptions/<guid>/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com',
  }),
  aksAuthorizedCidrs: list(CIDR_SCHEMA, { unique: true }),
  keyVaultAllowedCidrs: list(CIDR_SCHEMA, { unique: true }),
});

/** The zone name of a DNS zone resource id. */
export function azureDnsZoneName(zoneId: string): string | undefined {
  return AZURE_DNS_ZONE_ID.exec(zoneId)?.[1]?.toLowerCase();
}

/**
 * Regions whose PostgreSQL Flexible Server, Managed Redis and Container Apps offer three availability
 * zones (Microsoft's "Azure regions with availability zone support"); HA tiers need zones.
 */
export const AZURE_ZONAL_REGIONS: readonly string[] = [
  'eastus',
  'eastus2',
  'westus2',
  'westus3',
  'centralus',
  'southcentralus',
  'canadacentral',
  'brazilsouth',
  'northeurope',
  'westeurope',
  'uksouth',
  'francecentral',
  'germanywestcentral',
  'swedencentral',
  'switzerlandnorth',
  'norwayeast',
  'centralindia',
  'southeastasia',
  'eastasia',
  'japaneast',
  'koreacentral',
  'australiaeast',
  'uaenorth',
  'southafricanorth',
];

/** Container Apps' Envoy ingress balances round robin; azurerm 4.55 exposes no session affinity. */
export const CONTAINER_APPS_BALANCING: readonly string[] = ['round-robin'];

/** Azure's cross-field checks of one tier. */
export function azureTierIssues(name: TierName, tier: TierConfig, config: MockforgeConfig): ConfigIssue[] {
  if (!config.clouds.includes('azure')) return [];
  const issues: ConfigIssue[] = [];
  const zonal = name !== 'dev' && !tier.optOuts?.multiAz;
  (tier.regions.azure ?? []).forEach((region, i) => {
    if (zonal && !AZURE_ZONAL_REGIONS.includes(region))
      issues.push({
        path: `tiers.${name}.regions.azure[${i}]`,
        value: region,
        expected: `a region with availability zones for zone-redundant ${name} (${AZURE_ZONAL_REGIONS.join(', ')}), or tiers.${name}.optOuts.multiAz with a reason`,
      });
  });
  const compute = tier.compute?.azure ?? 'container-apps';
  if (compute === 'container-apps' && tier.loadBalancing && !CONTAINER_APPS_BALANCING.includes(tier.loadBalancing))
    issues.push({
      path: `tiers.${name}.loadBalancing`,
      value: tier.loadBalancing,
      expected: `an algorithm Container Apps ingress has (${CONTAINER_APPS_BALANCING.join(' | ')}), or compute.azure: aks`,
    });
  const zone = config.azure?.dnsZoneId ? azureDnsZoneName(config.azure.dnsZoneId) : undefined;
  if (zone && config.tiers[name]) {
    const host = hostnameFor(config, name, 'azure');
    if (host !== zone && !host.endsWith(`.${zone}`))
      issues.push({
        path: `tiers.${name}.hostnames.azure`,
        value: host,
        expected: `a name inside azure.dnsZoneId's zone (${zone}); its records go into that zone`,
      });
  }
  return issues;
}
