/** CDN and GeoDNS (hosting guide: Latency Optimization, GeoDNS Configuration). */
export const CDN_TTLS = {
  /** Static assets. */
  assetsSeconds: 24 * 3600,
  /** Mock configuration documents. */
  configsSeconds: 3600,
  /** Mock API responses are never cached. */
  apiSeconds: 0,
} as const;

/** Paths the CDN treats as static assets or configs; everything else is API traffic. */
export const CDN_PATHS = {
  assets: ['/assets/*', '/static/*'],
  configs: ['/configs/*'],
} as const;

export const CONTINENTS = ['NA', 'SA', 'EU', 'AF', 'AS', 'OC', 'AN'] as const;
export type Continent = (typeof CONTINENTS)[number];

/**
 * Per-client rate limit at the edge (WAF, Cloud Armor). The guide gives no number; this project
 * default allows 10 requests per second per IP sustained, and each cloud converts the window.
 */
export const EDGE_RATE_LIMIT = { requestsPerMinutePerIp: 600 } as const;
