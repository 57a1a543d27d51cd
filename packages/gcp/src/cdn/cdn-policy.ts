import type { ComputeBackendServiceCdnPolicy } from '@cdktf/provider-google/lib/compute-backend-service';

/**
 * Cloud CDN for one class of paths: everything under them is cached for `ttlSeconds` at the edge
 * and in browsers, whatever the origin's headers say (FORCE_CACHE_ALL takes no max TTL).
 */
export function cdnPolicy(ttlSeconds: number): ComputeBackendServiceCdnPolicy {
  return {
    cacheMode: 'FORCE_CACHE_ALL',
    defaultTtl: ttlSeconds,
    clientTtl: ttlSeconds,
    requestCoalescing: true,
    negativeCaching: false,
    cacheKeyPolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
  };
}
