import { DEFAULT_BALANCING_ALGORITHM, NETWORK_POLICY, type BalancingAlgorithm, type TierName } from '../seed';
import type { BackendConfig, MockforgeConfig, TierConfig } from '../config/model';
import type { CloudName } from '../config/regions';
import { hostnameFor } from '../config/hostnames';
import { networkPlan } from '../config/validate';
import { cacheSpec, databaseSpec, type CacheSpec, type DatabaseSpec } from './data';
import { backupSpec, CDN_SPEC, monitoringSpec, type BackupSpec, type CdnSpec, type MonitoringSpec } from './operations';
import { serviceSpec, type ServiceSpec } from './service';
import { tierProfile, type TierProfile } from './tier-profile';
import { topologySpec, type TopologySpec } from './topology';

/** Everything one cloud target needs to build one tier: the cloud-neutral description. */
export interface TargetContext {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly config: MockforgeConfig;
  readonly tierConfig: TierConfig;
  /** This tier's public hostname on this cloud (CDN alias, DNS zone, certificate, ingress host). */
  readonly hostname: string;
  readonly profile: TierProfile;
  readonly topology: TopologySpec;
  readonly service: ServiceSpec;
  readonly database: DatabaseSpec;
  readonly cache: CacheSpec;
  readonly cdn: CdnSpec;
  readonly monitoring: MonitoringSpec;
  readonly backup: BackupSpec;
  readonly networkPolicy: typeof NETWORK_POLICY;
  readonly loadBalancing: BalancingAlgorithm;
  readonly backend: BackendConfig;
  /** The VPC CIDR of each region of this cloud. */
  readonly vpcCidrs: Readonly<Record<string, string>>;
}

export function targetContext(config: MockforgeConfig, tier: TierName, cloud: CloudName): TargetContext {
  const tierConfig = config.tiers[tier];
  if (!tierConfig) throw new Error(`tier ${tier} is not configured`);
  const regions = tierConfig.regions[cloud];
  if (!regions || regions.length === 0) throw new Error(`tiers.${tier}.regions.${cloud} is empty`);
  const profile = tierProfile(tier, tierConfig);
  const topology = topologySpec(cloud, tierConfig.topology ?? 'stateless', regions);
  const plan = networkPlan(tier, tierConfig, config.clouds);
  return {
    tier,
    cloud,
    config,
    tierConfig,
    hostname: hostnameFor(config, tier, cloud),
    profile,
    topology,
    service: serviceSpec(config.image, config.features),
    database: databaseSpec(profile, topology),
    cache: cacheSpec(profile, topology),
    cdn: CDN_SPEC,
    monitoring: monitoringSpec(config.alerts?.email),
    backup: backupSpec(profile, topology),
    networkPolicy: NETWORK_POLICY,
    loadBalancing: tierConfig.loadBalancing ?? DEFAULT_BALANCING_ALGORITHM,
    backend: config.backend?.[tier] ?? { type: 'local' },
    vpcCidrs: Object.fromEntries(regions.flatMap((r) => (plan.has(`${cloud}.${r}`) ? [[r, plan.get(`${cloud}.${r}`)!]] : []))),
  };
}
