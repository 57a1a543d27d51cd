import { BALANCING_ALGORITHMS, INTERNAL_CIDR, TIER_NAMES, type TierName } from '../seed';
import { contains, overlaps, parseCidr, subnet } from './cidr';
import { CONFIG_SCHEMA } from './config-schema';
import type { ConfigIssue } from './errors';
import { allHostnames } from './hostnames';
import { registryReason, unpinnedReason } from './image';
import type { MockforgeConfig, TierConfig } from './model';
import { ECS_UNSUPPORTED_BALANCING } from './clouds/aws';
import { digitaloceanTierIssues } from './clouds/digitalocean';
import { azureTierIssues } from './clouds/azure';
import { CLOUD_NAMES, CLUSTER_NAME_PATTERN, KNOWN_REGIONS, type CloudName } from './regions';
import { check, isPlainObject } from './schema';

export interface ValidateOptions {
  /** Clouds with a target implementation; others are rejected. @default every known cloud */
  readonly implementedClouds?: readonly CloudName[];
}

/** Network blocks live inside 10.0.0.0/8 so the guide's internal-only rules (admin, 3000) keep working. */
const INTERNAL_BLOCK = parseCidr(INTERNAL_CIDR)!;
const VPC_PREFIX = { min: 16, max: 20 } as const;
/**
 * Default VPC blocks: each tier gets its own /12 slice of 10.0.0.0/8 (sixteen /16s), and each cloud
 * with VPCs four fixed /16s of it, in region order. Adding a cloud, or a region of another cloud,
 * never moves an existing VPC. Kubernetes clusters bring their own network and take no block.
 */
const TIER_BLOCK_BASE: Readonly<Record<TierName, number>> = { dev: 16, staging: 32, production: 48 };
const BLOCKS_PER_CLOUD = 4;
/** Clouds with VPCs, in the order of their blocks; the order is fixed, so blocks never move. */
const NETWORK_CLOUDS: readonly CloudName[] = ['aws', 'gcp', 'azure', 'digitalocean'];
const CLOUD_BLOCK_OFFSET: Readonly<Partial<Record<CloudName, number>>> = Object.fromEntries(
  NETWORK_CLOUDS.map((cloud, i) => [cloud, i * BLOCKS_PER_CLOUD]),
);

/** The VPC CIDR for every cloud region of a tier: explicit ones from config, the rest allocated. */
export function networkPlan(tierName: TierName, tier: TierConfig, clouds: readonly CloudName[]): Map<string, string> {
  const plan = new Map<string, string>();
  for (const cloud of clouds) {
    const offset = CLOUD_BLOCK_OFFSET[cloud];
    if (offset === undefined) continue;
    (tier.regions[cloud] ?? []).forEach((region, index) => {
      const explicit = tier.cidrs?.[cloud]?.[region];
      if (explicit) plan.set(`${cloud}.${region}`, explicit);
      else if (index < BLOCKS_PER_CLOUD)
        plan.set(`${cloud}.${region}`, subnet(INTERNAL_CIDR, 16, TIER_BLOCK_BASE[tierName] + offset + index));
    });
  }
  return plan;
}

function tierIssues(name: TierName, tier: TierConfig, config: MockforgeConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = `tiers.${name}`;
  const onEcs = config.clouds.includes('aws') && (tier.compute?.aws ?? 'ecs') === 'ecs';
  if (onEcs && tier.loadBalancing && ECS_UNSUPPORTED_BALANCING.includes(tier.loadBalancing)) {
    issues.push({
      path: `${at}.loadBalancing`,
      value: tier.loadBalancing,
      expected: `an algorithm the AWS Application Load Balancer in front of ECS has (${BALANCING_ALGORITHMS.filter((a) => !ECS_UNSUPPORTED_BALANCING.includes(a)).join(' | ')}), or compute.aws: eks, whose ingress maps ip-hash to cookie stickiness`,
    });
  }
  if (tier.zoneRedundantData !== undefined && name !== 'staging') {
    issues.push({
      path: `${at}.zoneRedundantData`,
      value: tier.zoneRedundantData,
      expected:
        'only staging chooses (true | false); dev keeps single-zone data and production zone-redundant data (optOuts.multiAz to opt out)',
    });
  }
  if (tier.zoneRedundantData && tier.optOuts?.multiAz) {
    issues.push({
      path: `${at}.zoneRedundantData`,
      value: tier.zoneRedundantData,
      expected: `false or left out: optOuts.multiAz already keeps this tier's data in one zone`,
    });
  }
  if (tier.size !== undefined && name !== 'production') {
    issues.push({
      path: `${at}.size`,
      value: tier.size,
      expected: 'only production has a size (small | medium | large); dev and staging are fixed',
    });
  }
  for (const cloud of config.clouds) {
    // An unknown cloud is reported by the schema; it needs no regions on top.
    if (CLOUD_NAMES.includes(cloud) && !tier.regions[cloud])
      issues.push({
        path: `${at}.regions.${cloud}`,
        value: undefined,
        expected: `every cloud in \`clouds\` needs at least one region in each tier`,
      });
  }
  for (const [cloud, regions] of Object.entries(tier.regions) as [CloudName, string[]][]) {
    if (!config.clouds.includes(cloud)) {
      issues.push({
        path: `${at}.regions.${cloud}`,
        value: cloud,
        expected: `not in \`clouds\` (${config.clouds.join(', ')}); add it there or remove these regions`,
      });
      continue;
    }
    regions.forEach((region, i) => {
      const path = `${at}.regions.${cloud}[${i}]`;
      if (cloud === 'kubernetes') {
        if (!CLUSTER_NAME_PATTERN.test(region))
          issues.push({ path, value: region, expected: 'a cluster name (lowercase DNS label, up to 32 characters)' });
      } else if (!(region in KNOWN_REGIONS[cloud])) {
        issues.push({ path, value: region, expected: `a ${cloud} region; known: ${Object.keys(KNOWN_REGIONS[cloud]).join(', ')}` });
      }
      if (regions.indexOf(region) !== i) issues.push({ path, value: region, expected: 'each region at most once' });
    });
    if (tier.topology === 'multi-region' && regions.length < 2) {
      issues.push({
        path: `${at}.regions.${cloud}`,
        value: regions,
        expected: 'multi-region topology needs at least two regions per cloud',
      });
    }
  }
  for (const key of ['compute', 'hostnames'] as const) {
    for (const cloud of Object.keys(tier[key] ?? {})) {
      if (!config.clouds.includes(cloud as CloudName))
        issues.push({ path: `${at}.${key}.${cloud}`, value: cloud, expected: `not in \`clouds\` (${config.clouds.join(', ')})` });
    }
  }
  for (const [cloud, byRegion] of Object.entries(tier.cidrs ?? {}) as [CloudName, Record<string, string>][]) {
    for (const [region, cidr] of Object.entries(byRegion)) {
      const path = `${at}.cidrs.${cloud}.${region}`;
      // The schema has already checked the CIDR's form.
      const block = parseCidr(cidr)!;
      const prefix = Number(cidr.split('/')[1]);
      if (!(tier.regions[cloud] ?? []).includes(region)) {
        issues.push({ path, value: region, expected: `a region listed in ${at}.regions.${cloud}` });
      } else if (!contains(INTERNAL_BLOCK, block) || prefix < VPC_PREFIX.min || prefix > VPC_PREFIX.max) {
        issues.push({ path, value: cidr, expected: `a /${VPC_PREFIX.min} to /${VPC_PREFIX.max} network inside ${INTERNAL_CIDR}` });
      }
    }
  }
  const planned = networkPlan(name, tier, config.clouds);
  for (const cloud of config.clouds) {
    if (CLOUD_BLOCK_OFFSET[cloud] === undefined) continue;
    const unplanned = (tier.regions[cloud] ?? []).filter((region) => !planned.has(`${cloud}.${region}`));
    if (unplanned.length > 0)
      issues.push({
        path: `${at}.regions.${cloud}`,
        value: tier.regions[cloud],
        expected: `VPC blocks are allocated automatically for the first ${BLOCKS_PER_CLOUD} regions of each cloud only; set ${unplanned.map((region) => `${at}.cidrs.${cloud}.${region}`).join(', ')} to a /${VPC_PREFIX.min} to /${VPC_PREFIX.max} network inside ${INTERNAL_CIDR}`,
      });
  }
  issues.push(...digitaloceanTierIssues(name, tier, config));
  issues.push(...azureTierIssues(name, tier, config));
  const plan = [...planned.entries()];
  plan.forEach(([key, cidr], i) => {
    const a = parseCidr(cidr);
    if (!a) return;
    for (const [otherKey, otherCidr] of plan.slice(0, i)) {
      const b = parseCidr(otherCidr);
      if (b && overlaps(a, b)) {
        issues.push({ path: `${at}.cidrs.${key}`, value: cidr, expected: `a network that does not overlap ${otherKey} (${otherCidr})` });
      }
    }
  });
  return issues;
}

/** One cross-field check, and the parts of the document it reads. */
interface CrossCheck {
  /** Paths the check reads; it is skipped when one of them, or a parent, is missing or malformed. */
  readonly reads: readonly string[];
  readonly run: (config: MockforgeConfig, options: ValidateOptions) => ConfigIssue[];
}

function tlsIssues(config: MockforgeConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (config.tls?.mode !== 'provided') return issues;
  const needs: [CloudName, keyof NonNullable<MockforgeConfig['tls']>, string][] = [
    ['aws', 'awsCertificateArn', 'an ACM certificate ARN for the regional load balancers'],
    ['aws', 'awsCloudFrontCertificateArn', 'an ACM certificate ARN in us-east-1 for CloudFront'],
    ['gcp', 'gcpCertificate', 'a Certificate Manager certificate id'],
    ['kubernetes', 'kubernetesSecretName', 'the name of a kubernetes.io/tls Secret'],
  ];
  for (const [cloud, key, what] of needs) {
    if (config.clouds.includes(cloud) && !config.tls[key]) {
      issues.push({ path: `tls.${key}`, value: undefined, expected: `HTTPS needs a certificate: with tls.mode provided, give ${what}` });
    }
  }
  for (const key of ['awsCertificateArn', 'awsCloudFrontCertificateArn'] as const) {
    const arn = config.tls[key];
    if (arn && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/.test(arn)) {
      issues.push({
        path: `tls.${key}`,
        value: arn,
        expected: 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)',
      });
    }
  }
  if (config.tls.awsCloudFrontCertificateArn && !config.tls.awsCloudFrontCertificateArn.includes(':us-east-1:')) {
    issues.push({
      path: 'tls.awsCloudFrontCertificateArn',
      value: config.tls.awsCloudFrontCertificateArn,
      expected: 'CloudFront only uses certificates from us-east-1',
    });
  }
  return issues;
}

function hostnameIssues(config: MockforgeConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  for (const { tier, cloud, hostname } of allHostnames(config)) {
    const where = `tiers.${tier}.hostnames.${cloud}`;
    const other = seen.get(hostname);
    if (other)
      issues.push({
        path: where,
        value: hostname,
        expected: `a hostname of its own; ${other} already uses it (a CDN alias, DNS zone and certificate belong to one deployment)`,
      });
    else seen.set(hostname, where);
  }
  return issues;
}

const CROSS_CHECKS: readonly CrossCheck[] = [
  {
    reads: ['image'],
    run: (config) => {
      const reason = unpinnedReason(config.image);
      return reason ? [{ path: 'image', value: config.image, expected: reason }] : [];
    },
  },
  {
    reads: ['image', 'clouds'],
    run: (config) => {
      const reason = registryReason(config.image, config.clouds);
      return reason ? [{ path: 'image', value: config.image, expected: reason }] : [];
    },
  },
  {
    reads: ['clouds'],
    run: (config, options) => {
      const implemented = options.implementedClouds ?? CLOUD_NAMES;
      return config.clouds.flatMap((cloud, i) =>
        implemented.includes(cloud)
          ? []
          : [{ path: `clouds[${i}]`, value: cloud, expected: `implemented targets: ${implemented.join(' | ')}` }],
      );
    },
  },
  {
    reads: ['tiers'],
    run: (config) =>
      Object.keys(config.tiers).length === 0
        ? [{ path: 'tiers', value: config.tiers, expected: `at least one of ${TIER_NAMES.join(', ')}` }]
        : [],
  },
  ...TIER_NAMES.map<CrossCheck>((name) => ({
    reads: ['clouds', `tiers.${name}`],
    run: (config) => {
      const tier = config.tiers[name];
      return tier ? tierIssues(name, tier, config) : [];
    },
  })),
  { reads: ['clouds', 'tiers'], run: hostnameIssues },
  {
    reads: ['clouds', 'gcp'],
    run: (config) =>
      config.clouds.includes('gcp') && !config.gcp
        ? [{ path: 'gcp.project', value: undefined, expected: 'required when `clouds` includes gcp' }]
        : [],
  },
  {
    reads: ['kubernetes.clusters', ...TIER_NAMES.map((t) => `tiers.${t}.regions.kubernetes`)],
    run: (config) => {
      const clusterNames = new Set(TIER_NAMES.flatMap((t) => config.tiers[t]?.regions.kubernetes ?? []));
      return Object.keys(config.kubernetes?.clusters ?? {})
        .filter((name) => !clusterNames.has(name))
        .map((name) => ({
          path: `kubernetes.clusters.${name}`,
          value: name,
          expected: 'a cluster named in some tiers.<tier>.regions.kubernetes',
        }));
    },
  },
  { reads: ['clouds', 'tls'], run: tlsIssues },
];

/** `path` is `parent` or lies below it. */
function within(path: string, parent: string): boolean {
  return parent === '' || path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/** `a.b[0].c` as keys and list positions. */
function segmentsOf(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1]! : Number(m[2])));
}

/**
 * A copy of the document without the mapping entries the schema rejected, so cross-field checks
 * see them as absent instead of meeting a value of the wrong shape. List items stay, so the
 * positions in reported paths still match the file.
 */
function withoutRejected(document: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(document);
  for (const path of paths) {
    const segments = segmentsOf(path);
    const key = segments.pop();
    if (typeof key !== 'string') continue;
    let node: unknown = copy;
    for (const segment of segments)
      node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    if (isPlainObject(node)) delete node[key];
  }
  return copy;
}

/**
 * Validates a parsed configuration document and returns every problem found. On a partly
 * malformed document each cross-field check still runs unless a part it reads is itself
 * malformed, and nothing is reported twice under an already-reported path.
 */
export function validateConfig(document: unknown, options: ValidateOptions = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  check(CONFIG_SCHEMA, document, '', issues);
  const implemented = options.implementedClouds ?? CLOUD_NAMES;
  for (const [i, issue] of issues.entries()) {
    // The schema knows every cloud name; a missing `clouds` should list the ones that can be built.
    if (issue.path === 'clouds' && issue.missing) issues[i] = { ...issue, expected: `required; one or more of ${implemented.join(', ')}` };
  }
  if (issues.length === 0) return CROSS_CHECKS.flatMap((c) => c.run(document as MockforgeConfig, options));
  if (!isPlainObject(document)) return issues;
  const reported = issues.map((i) => i.path);
  const config = withoutRejected(document, reported) as unknown as MockforgeConfig;
  const cross: ConfigIssue[] = [];
  for (const crossCheck of CROSS_CHECKS) {
    if (crossCheck.reads.some((read) => reported.some((r) => within(read, r)))) continue;
    try {
      cross.push(...crossCheck.run(config, options));
    } catch (error) {
      // A wrong shape deeper down than the pruned entries; the schema issues already say why.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  return [...issues, ...cross.filter((c) => !reported.some((r) => within(c.path, r) || within(r, c.path)))];
}
