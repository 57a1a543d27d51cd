import type { TierName } from '../../seed';
import type { ConfigIssue } from '../errors';
import { hostnameFor } from '../hostnames';
import type { MockforgeConfig, TierConfig } from '../model';
import { list, obj, str } from '../schema';
import { CIDR_SCHEMA, DOMAIN_PATTERN } from '../shared-schemas';

/** Deployment models on DigitalOcean. */
export const DIGITALOCEAN_COMPUTE = ['app-platform', 'doks'] as const;
export type DigitalOceanCompute = (typeof DIGITALOCEAN_COMPUTE)[number];

/** `digitalocean:` settings. */
export interface DigitalOceanSettings {
  /**
   * CIDRs allowed to reach the DOKS control plane (its firewall) besides the VPC: where Terraform runs,
   * since the workload stacks talk to the cluster's public endpoint. Required when a tier runs DOKS.
   */
  readonly doksAllowedCidrs?: readonly string[];
  /**
   * Name of a sensitive Terraform variable holding `<username>:<token>` for a private ghcr.io image
   * (App Platform `registry_credentials`); set it with TF_VAR_<name>. @default none (public image)
   */
  readonly registryCredentialsVariable?: string;
  /**
   * An existing DigitalOcean domain that holds every tier's hostname: records go into it and no
   * domain is created. @default one domain per tier hostname, created by the global stack
   */
  readonly existingDomain?: string;
}

/** Datacenters that host Spaces (buckets, the Spaces state backend). */
export const SPACES_REGIONS = ['nyc3', 'sfo2', 'sfo3', 'ams3', 'fra1', 'lon1', 'sgp1', 'syd1', 'blr1', 'tor1', 'atl1'] as const;

/** App Platform serves a region by its datacenter family: nyc3 → nyc, ams3 → ams. */
export function appPlatformRegion(region: string): string {
  return region.replace(/\d+$/, '');
}

export const DIGITALOCEAN_SETTINGS_SCHEMA = obj({
  doksAllowedCidrs: list(CIDR_SCHEMA, { unique: true }),
  registryCredentialsVariable: str({
    pattern: /^[a-z][a-z0-9_]{0,63}$/,
    describe: 'a Terraform variable name (lowercase letters, digits, underscores), set with TF_VAR_<name>',
  }),
  existingDomain: str({ pattern: DOMAIN_PATTERN, describe: 'a domain already in the DigitalOcean account, such as example.com' }),
});

/** App Platform's regions (`spec.region`). */
export const APP_PLATFORM_REGIONS: readonly string[] = ['nyc', 'ams', 'sfo', 'sgp', 'lon', 'fra', 'tor', 'blr', 'syd', 'atl'];

/** DigitalOcean's cross-field checks of one tier. */
export function digitaloceanTierIssues(name: TierName, tier: TierConfig, config: MockforgeConfig): ConfigIssue[] {
  if (!config.clouds.includes('digitalocean')) return [];
  const issues: ConfigIssue[] = [];
  const regions = tier.regions.digitalocean ?? [];
  const compute = tier.compute?.digitalocean ?? 'app-platform';
  if (compute === 'app-platform') {
    if (regions.length > 1)
      issues.push({
        path: `tiers.${name}.compute.digitalocean`,
        value: compute,
        expected:
          'doks for a tier in more than one DigitalOcean region: App Platform apps cannot be Global Load Balancer targets, so they would get no health-checked failover; or give tiers.' +
          `${name}.regions.digitalocean one region`,
      });
    regions.forEach((region, i) => {
      if (!APP_PLATFORM_REGIONS.includes(appPlatformRegion(region)))
        issues.push({
          path: `tiers.${name}.regions.digitalocean[${i}]`,
          value: region,
          expected: `a datacenter in an App Platform region (${APP_PLATFORM_REGIONS.join(', ')}), or compute.digitalocean: doks`,
        });
    });
  }
  // The workload stacks plan against the public endpoint, which the control-plane firewall opens only to these.
  const doks = compute === 'doks' || tier.topology === 'hybrid';
  if (doks && (config.digitalocean?.doksAllowedCidrs ?? []).length === 0)
    issues.push({
      path: 'digitalocean.doksAllowedCidrs',
      value: config.digitalocean?.doksAllowedCidrs,
      missing: true,
      expected: `required: tiers.${name} runs DOKS, and its workload stacks reach the cluster's public endpoint, which the control-plane firewall opens only to the VPC and these CIDRs; list where Terraform runs (a CI runner's egress range, an operator's /32)`,
    });
  const existing = config.digitalocean?.existingDomain;
  if (existing && config.tiers[name]) {
    const hostname = hostnameFor(config, name, 'digitalocean');
    if (hostname !== existing && !hostname.endsWith(`.${existing}`))
      issues.push({
        path: `tiers.${name}.hostnames.digitalocean`,
        value: hostname,
        expected: `a name inside digitalocean.existingDomain (${existing}); its records go into that domain`,
      });
  }
  return issues;
}
