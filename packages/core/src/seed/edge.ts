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

/** Every HTTP method a mock answers; the edge must admit each on the mock API. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** Methods of the cached, read-only paths. */
export const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const satisfies readonly HttpMethod[];

/**
 * Request bodies the edge admits on the mock API and the management API. MockForge enforces its
 * own limit; the edge adds none below it. 1 MiB is the floor every cloud's edge test proves.
 */
export const EDGE_BODY_FLOOR_BYTES = 1024 * 1024;

/**
 * Classes of public paths. MockForge serves its management API (`/__mockforge/api`, `/__mockforge/ws`)
 * on the mock port next to the mocks; the cached classes are CDN_PATHS; everything else is mock API.
 */
export const EDGE_PATH_CLASSES = {
  mockApi: { paths: [] as readonly string[], methods: HTTP_METHODS },
  management: { paths: ['/__mockforge/*'] as readonly string[], methods: HTTP_METHODS },
  assets: { paths: CDN_PATHS.assets, methods: READ_METHODS },
  configs: { paths: CDN_PATHS.configs, methods: READ_METHODS },
} as const;
export type EdgePathClass = keyof typeof EDGE_PATH_CLASSES;
export const EDGE_PATH_CLASS_NAMES = Object.keys(EDGE_PATH_CLASSES) as EdgePathClass[];

/** `block` enforces; `count` only logs the match (AWS WAF count, Cloud Armor preview). */
export type EdgeAction = 'block' | 'count';

export interface EdgeProtection {
  readonly action: Readonly<Record<EdgePathClass, EdgeAction>>;
  /** Why it blocks or counts; exemptions carry this into the synthesized rule. */
  readonly reason: string;
}

const everywhere = (action: EdgeAction, reason: string): EdgeProtection => ({
  action: { mockApi: action, management: action, assets: action, configs: action },
  reason,
});
const exceptMockApi = (reason: string): EdgeProtection => ({
  action: { mockApi: 'count', management: 'block', assets: 'block', configs: 'block' },
  reason,
});
const readOnlyPathsOnly = (reason: string): EdgeProtection => ({
  action: { mockApi: 'count', management: 'count', assets: 'block', configs: 'block' },
  reason,
});

/**
 * The edge's decision per protection and path class, read by every cloud's WAF. Each cloud maps
 * its managed rules onto these names; a rule that is not `block` everywhere is an explicit exemption.
 */
export const EDGE_PROTECTIONS = {
  knownExploits: everywhere('block', 'known CVEs (Log4Shell, Java deserialisation, exploitable paths): no valid mock traffic carries them'),
  ipReputation: everywhere('block', 'addresses on threat-intelligence lists'),
  badBots: everywhere('block', 'vulnerability-scanner user agents (nessus, nmap, sqlmap)'),
  protocolAttack: everywhere('block', 'request smuggling and header injection; valid clients never send them'),
  metadataSsrf: everywhere('block', 'cloud metadata addresses in requests; MockForge proxies and records upstreams'),
  oversizeCookie: everywhere('block', 'cookie headers over 10 KB'),
  oversizeUriPath: everywhere('block', 'URI paths over 1 KB'),
  sqlInjection: exceptMockApi(
    'mock routes answer from fixtures and reach no database, and recorded payloads carry SQL fragments; enforced on the management API and static paths',
  ),
  crossSiteScripting: exceptMockApi(
    'mock payloads carry HTML and scripts as test data; enforced on the management API, whose data the admin UI renders, and on static paths',
  ),
  fileInclusion: exceptMockApi(
    'mock routes read no file a request names, and test data carries paths and URLs; enforced on the management API and static paths',
  ),
  remoteCodeExecution: exceptMockApi(
    'mock routes run no command a request names, and test data carries shell fragments; enforced elsewhere',
  ),
  sessionFixation: exceptMockApi('tests set session identifiers freely against mocks; enforced on the management API and static paths'),
  oversizeQueryString: exceptMockApi('GraphQL GET queries and recorded requests carry query strings over 2 KB'),
  methodEnforcement: readOnlyPathsOnly('a mock answers every method (PUT, PATCH, DELETE too); only the cached paths are read-only'),
  oversizeBody: readOnlyPathsOnly(
    'recorded payloads and spec and fixture uploads exceed 8 KB; MockForge enforces its own body limit, and the cached paths take no body',
  ),
  missingUserAgent: everywhere(
    'count',
    'test HTTP clients often send no User-Agent, and the header is trivially forged, so requiring it protects nothing',
  ),
} as const satisfies Record<string, EdgeProtection>;
export type EdgeProtectionName = keyof typeof EDGE_PROTECTIONS;

/** The URL-path prefixes of path classes (`/assets/*` → `/assets/`). */
export function edgePathPrefixes(classes: readonly EdgePathClass[]): string[] {
  return classes.flatMap((c) => EDGE_PATH_CLASSES[c].paths.map((p) => p.replace(/\*$/, '')));
}

/** An RE2 pattern that matches a URL path of any of the classes, which must not include `mockApi` (the remainder). */
export function edgePathPattern(classes: readonly EdgePathClass[]): string {
  if (classes.includes('mockApi')) throw new Error('the mock API is every other path; match the other classes and negate');
  const escaped = edgePathPrefixes(classes).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})`;
}

/** The class a URL path belongs to. */
export function edgePathClass(path: string): EdgePathClass {
  for (const name of EDGE_PATH_CLASS_NAMES) {
    if (edgePathPrefixes([name]).some((prefix) => path.startsWith(prefix))) return name;
  }
  return 'mockApi';
}

/** Where a protection enforces and where it only counts. */
export function edgeScope(
  protection: EdgeProtectionName,
  protections: Readonly<Record<EdgeProtectionName, EdgeProtection>> = EDGE_PROTECTIONS,
): { block: EdgePathClass[]; count: EdgePathClass[] } {
  const action = protections[protection].action;
  return {
    block: EDGE_PATH_CLASS_NAMES.filter((c) => action[c] === 'block'),
    count: EDGE_PATH_CLASS_NAMES.filter((c) => action[c] === 'count'),
  };
}

/** One request of valid mock traffic. */
export interface EdgeProbe {
  readonly method: HttpMethod;
  readonly path: string;
  readonly bodyBytes: number;
  /** Absent: many test clients send none. */
  readonly userAgent?: string;
}

const PROBE_PATHS: Readonly<Record<EdgePathClass, string>> = {
  mockApi: '/v1/orders/42',
  management: '/__mockforge/api/mocks',
  assets: '/assets/app.js',
  configs: '/configs/mockforge.yaml',
};
const BODYLESS: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Valid traffic every cloud's edge must admit: each method of each path class, without a
 * User-Agent, and a body at EDGE_BODY_FLOOR_BYTES on every method that carries one.
 */
export function edgeProbes(): EdgeProbe[] {
  return EDGE_PATH_CLASS_NAMES.flatMap((c) =>
    EDGE_PATH_CLASSES[c].methods.map((method) => ({
      method,
      path: PROBE_PATHS[c],
      bodyBytes: BODYLESS.includes(method) ? 0 : EDGE_BODY_FLOOR_BYTES,
    })),
  );
}
