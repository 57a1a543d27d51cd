import { MOCKFORGE_IMAGE_REPOSITORY } from '../seed';
import type { MockforgeConfig } from './model';
import type { CloudName } from './regions';

/** The release the built-in configuration deploys. */
export const DEFAULT_IMAGE_TAG = '0.3.213';

/** The guide's three regions (US-East, EU-West, AP-South) on each cloud; clusters for Kubernetes. */
const DEFAULT_REGIONS: Readonly<Record<CloudName, readonly string[]>> = {
  aws: ['us-east-1', 'eu-west-1', 'ap-south-1'],
  gcp: ['us-central1', 'europe-west1', 'asia-south1'],
  azure: ['eastus', 'westeurope', 'centralindia'],
  digitalocean: ['nyc3', 'ams3', 'blr1'],
  kubernetes: ['primary', 'secondary'],
};

function regions(clouds: readonly CloudName[], count: 'primary' | 'all'): Partial<Record<CloudName, readonly string[]>> {
  return Object.fromEntries(clouds.map((c) => [c, count === 'all' ? DEFAULT_REGIONS[c] : DEFAULT_REGIONS[c].slice(0, 1)]));
}

/**
 * The configuration used when no file is given: every implemented target, all three tiers,
 * a pinned image, an example domain and local state. It needs no cloud account to synthesize.
 */
export function defaultConfig(clouds: readonly CloudName[]): MockforgeConfig {
  return {
    image: `${MOCKFORGE_IMAGE_REPOSITORY}:${DEFAULT_IMAGE_TAG}`,
    domain: 'mocks.example.com',
    clouds,
    tiers: {
      dev: { topology: 'stateless', regions: regions(clouds, 'primary') },
      staging: { topology: 'stateless', regions: regions(clouds, 'primary') },
      production: {
        size: 'medium',
        topology: 'multi-region',
        regions: regions(clouds, 'all'),
        // App Platform apps cannot sit behind DigitalOcean's Global Load Balancer; DOKS serves multi-region.
        ...(clouds.includes('digitalocean') ? { compute: { digitalocean: 'doks' as const } } : {}),
      },
    },
    ...(clouds.includes('gcp') ? { gcp: { project: 'mockforge-example' } } : {}),
    // Production runs DOKS, whose control plane admits Terraform's address: the documentation range (RFC 5737), as the domain is example.com.
    ...(clouds.includes('digitalocean') ? { digitalocean: { doksAllowedCidrs: ['192.0.2.0/24'] } } : {}),
    alerts: { email: 'oncall@example.com' },
  };
}
