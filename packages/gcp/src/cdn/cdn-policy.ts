import type { ComputeBackendServiceCdnPolicy } from '@cdktf/provider-google/lib/compute-backend-service';

/**
 * Cloud CDN for one class of paths. CACHE_ALL_STATIC honours the origin: responses marked
 * `private`, `no-store` or `no-cache` (and dynamic content without caching headers) are never
 * cached. Static content without directives is cached for `ttlSeconds`, and an origin max-age is
 * capped at it, at the edge and in browsers.
 */
export function cdnPolicy(ttlSeconds: number): ComputeBackendServiceCdnPolicy {
  return {
    cacheMode: 'CACHE_ALL_STATIC',
    defaultTtl: ttlSeconds,
    maxTtl: ttlSeconds,
    clientTtl: ttlSeconds,
    requestCoalescing: true,
    negativeCaching: false,
    cacheKeyPolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
  };
}
