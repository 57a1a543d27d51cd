import type { TargetContext } from '@mockforge-infra/core';

/**
 * Regions where Cloud Run maps a custom domain to a service itself (a Preview feature; Cloud Run
 * documentation, "Mapping custom domains"). Elsewhere the tier keeps the global load balancer.
 */
export const DOMAIN_MAPPING_REGIONS: readonly string[] = [
  'asia-east1',
  'asia-northeast1',
  'asia-southeast1',
  'europe-north1',
  'europe-west1',
  'europe-west4',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-west1',
];

/** Why a dev service takes traffic from the internet itself (MF_GCP_2). */
export const DIRECT_INGRESS_REASON =
  'dev tier: served by Cloud Run itself through a domain mapping (Google-managed certificate) instead of the global load balancer, whose two forwarding rules and Cloud Armor policy cost about $60 a month; dev has no Cloud Armor WAF, rate limit or Cloud CDN, and the service still runs no public invoker grant';

/**
 * Dev on Cloud Run in one region serves from the service's own domain mapping, without the global
 * load balancer, Cloud Armor and Cloud CDN. A domain mapping names one service, takes only a
 * Google-managed certificate and exists in a few regions, so a tier with several regions, a provided
 * certificate or a region without domain mappings keeps the load balancer.
 */
export function servesDirectly(context: TargetContext): boolean {
  const regions = context.topology.regions;
  return (
    context.tier === 'dev' &&
    context.tierConfig.compute?.gcp !== 'gke' &&
    !context.topology.hasStatefulPool &&
    regions.length === 1 &&
    DOMAIN_MAPPING_REGIONS.includes(regions[0]!) &&
    context.config.tls?.mode !== 'provided'
  );
}
