import { TIER_NAMES, type TierName } from '../seed';
import type { MockforgeConfig } from './model';
import type { CloudName } from './regions';

/**
 * The public hostname of one tier on one cloud. Every tier and cloud gets its own name, because a
 * CDN alias, a DNS zone and a certificate can each belong to one deployment only.
 */
export function hostnameFor(config: MockforgeConfig, tier: TierName, cloud: CloudName): string {
  const explicit = config.tiers[tier]?.hostnames?.[cloud];
  if (explicit) return explicit;
  const labels: string[] = [];
  if (tier !== 'production') labels.push(tier);
  if (config.clouds.length > 1) labels.push(cloud);
  return [...labels, config.domain].join('.');
}

/** Every configured (tier, cloud) hostname, for the uniqueness check. */
export function allHostnames(config: MockforgeConfig): { tier: TierName; cloud: CloudName; hostname: string }[] {
  // A cloud listed twice is reported by the schema; it must not also look like a hostname clash.
  const clouds = [...new Set(config.clouds)];
  return TIER_NAMES.flatMap((tier) =>
    config.tiers[tier] ? clouds.map((cloud) => ({ tier, cloud, hostname: hostnameFor(config, tier, cloud) })) : [],
  );
}
