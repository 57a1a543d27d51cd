import { attr, attrs, SynthesizedStack, type SynthesizedResource } from '@mockforge-infra/core';
import prices from './prices.json';

/** A synthesized stack's JSON, as Terraform reads it. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value?: unknown }>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The dated price table the estimate reads. */
export const PRICES = prices;

export interface CostLine {
  /** What is paid for, e.g. "Fargate tasks". */
  readonly kind: string;
  readonly quantity: number;
  readonly unit: string;
  readonly monthlyUsd: number;
}

export interface CostEstimate {
  readonly stack: string;
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** Instance sizes the price table does not know; priced at 0. */
  readonly unpriced: readonly string[];
  /** Resource types in the stack billed only by usage (or free), so they add nothing fixed. */
  readonly usageBased: readonly string[];
}

/** Sizes a resource inherits from a primary in another stack (read replicas, Global Datastore members). */
export interface InheritedSizes {
  readonly rdsInstanceClass?: string;
  readonly rdsAllocatedStorage?: number;
  readonly elasticacheNodeType?: string;
}

type Pricer = (
  r: SynthesizedResource,
  stack: SynthesizedStack,
  unpriced: string[],
  inherited: InheritedSizes,
) => Omit<CostLine, 'kind'> | undefined;

const HOURS = prices.hoursPerMonth;
const SECONDS = HOURS * 3600;
const aws = prices.aws;
const gcp = prices.gcp;
const digitalocean = prices.digitalocean;
const azure = prices.azure;

const num = (value: unknown, fallback = 0): number =>
  typeof value === 'number' ? value : typeof value === 'string' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : fallback;

function hourly(table: Record<string, number>, size: unknown, unpriced: string[]): number {
  const price = typeof size === 'string' ? table[size] : undefined;
  if (price === undefined) unpriced.push(String(size));
  return price ?? 0;
}

/** A Kubernetes-style quantity (512Mi, 2Gi) in GiB. */
function memoryGiB(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(quantity);
  if (!m) return 0;
  return m[2] === 'Gi' ? Number(m[1]) : Number(m[1]) / 1024;
}

/** A CPU quantity ("2", "0.25", "250m") in vCPU; a missing or unreadable one is `fallback`. */
function vcpuOf(quantity: unknown, fallback: number): number {
  const milli = typeof quantity === 'string' ? /^(\d+(?:\.\d+)?)m$/.exec(quantity) : null;
  return milli ? Number(milli[1]) / 1000 : num(quantity, fallback);
}

/** Rules as `rule` blocks or as the `rule_json` document the AWS package writes. */
function wafRuleCount(r: SynthesizedResource): number {
  if (Array.isArray(r.attributes.rule)) return r.attributes.rule.length;
  const json = r.attributes.rule_json;
  return typeof json === 'string' ? (JSON.parse(json) as unknown[]).length : 0;
}

const monthly = (quantity: number, unit: string, pricePerUnitMonth: number) => ({
  quantity,
  unit,
  monthlyUsd: quantity * pricePerUnitMonth,
});

/**
 * How many of `count` tasks a capacity provider strategy puts on Fargate Spot: bases are placed
 * first, the rest is split by weight (ECS's own rule).
 */
export function spotTaskCount(strategy: unknown, count: number): number {
  const items = (Array.isArray(strategy) ? strategy : []) as Record<string, unknown>[];
  const isSpot = (s: Record<string, unknown>) => s.capacity_provider === 'FARGATE_SPOT';
  let remaining = count;
  let spot = 0;
  for (const s of items) {
    const base = Math.min(num(s.base), remaining);
    remaining -= base;
    if (isSpot(s)) spot += base;
  }
  const weights = items.reduce((sum, s) => sum + num(s.weight), 0);
  const spotWeight = items.filter(isSpot).reduce((sum, s) => sum + num(s.weight), 0);
  return weights > 0 ? spot + (remaining * spotWeight) / weights : spot;
}

/** Fargate tasks: the service's desired count times its task size, split between on demand and Spot by its strategy. */
const fargateService: Pricer = (service, stack) => {
  const task = stack.resolve(service.attributes.task_definition);
  if (!task) return undefined;
  const vcpu = num(task.attributes.cpu) / 1024;
  const gb = num(task.attributes.memory) / 1024;
  const count = num(service.attributes.desired_count, 1);
  const spot = spotTaskCount(service.attributes.capacity_provider_strategy, count);
  const perTask = (vcpu * aws.fargateVcpuHour + gb * aws.fargateGbHour) * HOURS;
  // A task in a public subnet holds a public IPv4 address, billed by the hour.
  const publicIp = attr(service.attributes, 'network_configuration.assign_public_ip') === true;
  const ipv4 = publicIp ? count * aws.publicIpv4Hour * HOURS : 0;
  const mix = spot === 0 ? '' : spot === count ? ', Spot' : `, ${count - spot} on demand + ${spot} Spot`;
  return {
    quantity: count,
    unit: `tasks (${vcpu} vCPU, ${gb} GB${mix}${publicIp ? ', public IPv4' : ''})`,
    monthlyUsd: (count - spot) * perTask + spot * perTask * (1 - aws.fargateSpotDiscount) + ipv4,
  };
};

/** An internet-facing load balancer holds a public IPv4 address in each of its subnets. */
const applicationLoadBalancer: Pricer = (r) => {
  const addresses = r.attributes.internal === true ? 0 : ((r.attributes.subnets as unknown[]) ?? []).length;
  return {
    quantity: 1,
    unit: `load balancer (1 LCU)${addresses > 0 ? `, ${addresses} public IPv4` : ''}`,
    monthlyUsd: (aws.albHour + aws.albLcuHour + addresses * aws.publicIpv4Hour) * HOURS,
  };
};

const PRICERS: Readonly<Record<string, { kind: string; price: Pricer }>> = {
  aws_ecs_service: { kind: 'Fargate tasks', price: fargateService },
  aws_lb: { kind: 'Application Load Balancer', price: applicationLoadBalancer },
  aws_nat_gateway: { kind: 'NAT gateway', price: () => monthly(1, 'gateway', (aws.natGatewayHour + aws.publicIpv4Hour) * HOURS) },
  aws_vpc_endpoint: {
    kind: 'VPC interface endpoints',
    price: (r) =>
      r.attributes.vpc_endpoint_type === 'Interface'
        ? monthly(((r.attributes.subnet_ids as unknown[]) ?? []).length || 1, 'endpoint-AZs', aws.interfaceEndpointHourPerAz * HOURS)
        : undefined,
  },
  aws_db_instance: {
    kind: 'RDS PostgreSQL',
    price: (r, _s, unpriced, inherited) => {
      const copies = r.attributes.multi_az === true ? 2 : 1;
      const size = r.attributes.instance_class ?? inherited.rdsInstanceClass;
      const gb = num(r.attributes.allocated_storage, inherited.rdsAllocatedStorage ?? 0);
      const compute = hourly(aws.rdsInstanceHour, size, unpriced) * HOURS * copies;
      return { quantity: copies, unit: `${String(size)} instance(s), ${gb} GB`, monthlyUsd: compute + gb * aws.rdsStorageGbMonth * copies };
    },
  },
  aws_rds_cluster_instance: {
    kind: 'Aurora PostgreSQL',
    price: (r, _s, unpriced) =>
      monthly(1, `${r.attributes.instance_class} instance`, hourly(aws.rdsInstanceHour, r.attributes.instance_class, unpriced) * HOURS),
  },
  aws_elasticache_replication_group: {
    kind: 'ElastiCache Redis',
    price: (r, _s, unpriced, inherited) => {
      const shards = num(r.attributes.num_node_groups, 0);
      const nodes = shards > 0 ? shards * (num(r.attributes.replicas_per_node_group) + 1) : num(r.attributes.num_cache_clusters, 1);
      const size = r.attributes.node_type ?? inherited.elasticacheNodeType;
      return monthly(nodes, `${String(size)} nodes`, hourly(aws.elasticacheNodeHour, size, unpriced) * HOURS);
    },
  },
  aws_eks_cluster: { kind: 'EKS control plane', price: () => monthly(1, 'cluster', aws.eksClusterHour * HOURS) },
  // EKS Auto Mode's Karpenter launches the nodes a NodePool allows. At the least it runs one node of the
  // smallest allowed type per pod the stack's HPAs keep (the type is the smallest that holds one pod, and
  // pods spread over zones), priced on demand; Auto Mode's per-node management fee is not in the table.
  kubernetes_manifest: {
    kind: 'EKS nodes',
    price: (r, stack, unpriced) => {
      const manifest = r.attributes.manifest as { kind?: string; spec?: unknown } | undefined;
      if (manifest?.kind !== 'NodePool' || attr(manifest, 'spec.template.spec.nodeClassRef.group') !== 'eks.amazonaws.com')
        return undefined;
      const requirements = (attr(manifest, 'spec.template.spec.requirements') as { key: string; values: string[] }[] | undefined) ?? [];
      const size = requirements.find((req) => req.key === 'node.kubernetes.io/instance-type')?.values[0];
      const pods = stack
        .ofType('kubernetes_horizontal_pod_autoscaler_v2')
        .reduce((sum, hpa) => sum + num(attr(hpa.attributes, 'spec.min_replicas')), 0);
      return monthly(
        Math.max(pods, 1),
        `${size} nodes (Auto Mode, on demand, one per minimum pod)`,
        hourly(aws.ec2InstanceHour, size, unpriced) * HOURS,
      );
    },
  },
  aws_wafv2_web_acl: {
    kind: 'WAF',
    price: (r) => ({
      quantity: 1,
      unit: 'web ACL',
      monthlyUsd: aws.wafWebAclMonth + wafRuleCount(r) * aws.wafRuleMonth,
    }),
  },
  aws_route53_zone: { kind: 'Route 53', price: () => monthly(1, 'hosted zone', aws.route53ZoneMonth) },
  aws_route53_health_check: { kind: 'Route 53', price: () => monthly(1, 'health check', aws.route53HealthCheckMonth) },
  aws_kms_key: { kind: 'KMS keys', price: () => monthly(1, 'key', aws.kmsKeyMonth) },
  aws_secretsmanager_secret: { kind: 'Secrets', price: () => monthly(1, 'secret', aws.secretMonth) },
  aws_cloudwatch_metric_alarm: { kind: 'Alarms and dashboards', price: () => monthly(1, 'alarm', aws.cloudwatchAlarmMonth) },
  aws_cloudwatch_dashboard: { kind: 'Alarms and dashboards', price: () => monthly(1, 'dashboard', aws.cloudwatchDashboardMonth) },
  google_cloud_run_v2_service: {
    kind: 'Cloud Run (min instances)',
    price: (r) => {
      const count = num(attr(r.attributes, 'template.scaling.min_instance_count'), 0);
      const containers = attrs(r.attributes, 'template.containers') as Record<string, unknown>[];
      // Every container of an instance is billed, the OpenTelemetry collector sidecar included.
      const limits = containers.map((c) => (attr(c, 'resources.limits') ?? {}) as Record<string, string>);
      const vcpu = limits.reduce((sum, l) => sum + vcpuOf(l.cpu, 1), 0);
      const gib = limits.reduce((sum, l) => sum + memoryGiB(l.memory ?? '512Mi'), 0);
      // Request-based billing (cpu_idle, the default only where a container sets no resources) bills a
      // warm instance at the idle rate; instance-based billing bills its CPU and memory in full.
      const requestBased = containers.every((c) => (attr(c, 'resources') === undefined ? true : attr(c, 'resources.cpu_idle') === true));
      const [cpuRate, memoryRate] = requestBased
        ? [gcp.cloudRunIdleVcpuSecond, gcp.cloudRunIdleGibSecond]
        : [gcp.cloudRunInstanceVcpuSecond, gcp.cloudRunInstanceGibSecond];
      return monthly(
        count,
        `${requestBased ? 'idle ' : ''}instances (${vcpu} vCPU, ${gib} GiB)`,
        (vcpu * cpuRate + gib * memoryRate) * SECONDS,
      );
    },
  },
  google_sql_database_instance: {
    kind: 'Cloud SQL PostgreSQL',
    price: (r, _s, unpriced) => {
      const tier = String(attr(r.attributes, 'settings.tier') ?? '');
      const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
      const copies = attr(r.attributes, 'settings.availability_type') === 'REGIONAL' ? 2 : 1;
      // Custom machines by vCPU and memory; shared-core tiers (db-f1-micro, db-g1-small) by the hour.
      const compute = m
        ? (num(m[1]) * gcp.cloudSqlVcpuHour + (num(m[2]) / 1024) * gcp.cloudSqlGbHour) * HOURS
        : hourly(gcp.cloudSqlSharedCoreHour, tier, unpriced) * HOURS;
      const disk = num(attr(r.attributes, 'settings.disk_size'), 10) * gcp.cloudSqlSsdGbMonth;
      return { quantity: copies, unit: `${tier} instance(s)`, monthlyUsd: (compute + disk) * copies };
    },
  },
  google_redis_instance: {
    kind: 'Memorystore Redis',
    price: (r) => {
      const standard = r.attributes.tier === 'STANDARD_HA';
      return monthly(
        num(r.attributes.memory_size_gb, 1),
        `GB (${String(r.attributes.tier)})`,
        (standard ? gcp.memorystoreStandardGbHour : gcp.memorystoreBasicGbHour) * HOURS,
      );
    },
  },
  google_container_cluster: { kind: 'GKE control plane', price: () => monthly(1, 'cluster', gcp.gkeClusterHour * HOURS) },
  google_container_node_pool: {
    kind: 'GKE nodes',
    price: (r, _s, unpriced) => {
      const machine = attr(r.attributes, 'node_config.machine_type');
      const perZone = num(attr(r.attributes, 'autoscaling.min_node_count'), num(r.attributes.node_count, 1));
      const zones = ((r.attributes.node_locations as unknown[]) ?? []).length || 3;
      return monthly(perZone * zones, `${String(machine)} nodes`, hourly(gcp.computeInstanceHour, machine, unpriced) * HOURS);
    },
  },
  google_compute_global_forwarding_rule: {
    kind: 'Global load balancer',
    // The first five global rules in a project share one minimum charge; each further rule is billed on its own.
    price: (r, stack) => {
      const position = stack.ofType(r.type).findIndex((other) => other.name === r.name);
      const hourly =
        position === 0 ? gcp.forwardingRuleMinimumHour : position < gcp.forwardingRulesInMinimum ? 0 : gcp.forwardingRuleAdditionalHour;
      return monthly(1, 'forwarding rule', hourly * HOURS);
    },
  },
  google_compute_security_policy: {
    kind: 'Cloud Armor',
    price: (r) => ({
      quantity: 1,
      unit: 'policy',
      monthlyUsd: gcp.cloudArmorPolicyMonth + ((r.attributes.rule as unknown[]) ?? []).length * gcp.cloudArmorRuleMonth,
    }),
  },
  google_dns_managed_zone: { kind: 'Cloud DNS', price: () => monthly(1, 'zone', gcp.dnsZoneMonth) },
  google_secret_manager_secret: { kind: 'Secrets', price: () => monthly(1, 'secret', gcp.secretVersionMonth) },
  digitalocean_app: {
    kind: 'App Platform',
    price: (r, _s, unpriced) => {
      const services = attrs(r.attributes, 'spec.service') as Record<string, unknown>[];
      const lines = services.map((service) => {
        const size = service.instance_size_slug;
        const count = num(attr(service, 'autoscaling.min_instance_count'), num(service.instance_count, 1));
        return { count, size, usd: count * hourly(digitalocean.appInstanceMonth, size, unpriced) };
      });
      return {
        quantity: lines.reduce((sum, l) => sum + l.count, 0),
        unit: lines.map((l) => `${String(l.size)} instances`).join('; '),
        monthlyUsd: lines.reduce((sum, l) => sum + l.usd, 0),
      };
    },
  },
  digitalocean_database_cluster: {
    kind: 'Managed databases',
    price: (r, _s, unpriced) =>
      monthly(
        num(r.attributes.node_count, 1),
        `${String(r.attributes.engine)} ${String(r.attributes.size)} nodes`,
        hourly(digitalocean.databaseNodeMonth, r.attributes.size, unpriced),
      ),
  },
  digitalocean_database_replica: {
    kind: 'Managed databases',
    price: (r, _s, unpriced) =>
      monthly(1, `read-only ${String(r.attributes.size)} node`, hourly(digitalocean.databaseNodeMonth, r.attributes.size, unpriced)),
  },
  digitalocean_kubernetes_cluster: {
    kind: 'DOKS',
    price: (r, _s, unpriced) => {
      const size = attr(r.attributes, 'node_pool.size');
      const nodes = num(attr(r.attributes, 'node_pool.min_nodes'), num(attr(r.attributes, 'node_pool.node_count'), 1));
      const ha = r.attributes.ha === true;
      return {
        quantity: nodes,
        unit: `${String(size)} nodes (pool minimum)${ha ? ' + HA control plane' : ''}`,
        monthlyUsd: nodes * hourly(digitalocean.dropletMonth, size, unpriced) + (ha ? digitalocean.doksHaControlPlaneMonth : 0),
      };
    },
  },
  digitalocean_loadbalancer: {
    kind: 'Load balancers',
    price: (r) =>
      r.attributes.type === 'GLOBAL'
        ? monthly(1, 'global load balancer', digitalocean.globalLoadBalancerMonth)
        : monthly(num(r.attributes.size_unit, 1), 'regional load balancer nodes', digitalocean.loadBalancerNodeMonth),
  },
  digitalocean_vpc_nat_gateway: {
    kind: 'VPC NAT gateway',
    price: (r) => monthly(num(r.attributes.size, 1), 'gateway units', digitalocean.natGatewayMonth),
  },
  azurerm_container_app: {
    kind: 'Container Apps (min replicas, idle)',
    price: (r) => {
      // Dedicated-profile replicas are billed by the profile's nodes (azurerm_container_app_environment).
      if (r.attributes.workload_profile_name && r.attributes.workload_profile_name !== 'Consumption') return undefined;
      const count = num(attr(r.attributes, 'template.min_replicas'), 0);
      const containers = attrs(r.attributes, 'template.container') as Record<string, unknown>[];
      const vcpu = containers.reduce((sum, c) => sum + num(c.cpu), 0);
      const gib = containers.reduce((sum, c) => sum + memoryGiB(String(c.memory ?? '0Gi')), 0);
      return monthly(
        count,
        `replicas (${vcpu} vCPU, ${gib} GiB)`,
        (vcpu * azure.containerAppsIdleVcpuSecond + gib * azure.containerAppsIdleGibSecond) * SECONDS,
      );
    },
  },
  azurerm_container_app_environment: {
    kind: 'Container Apps dedicated profile',
    price: (r) => {
      const dedicated = (attrs(r.attributes, 'workload_profile') as Record<string, unknown>[]).filter(
        (p) => p.workload_profile_type !== 'Consumption',
      );
      if (dedicated.length === 0) return undefined;
      const lines = dedicated.map((p) => {
        const m = /^[A-Z]+(\d+)$/.exec(String(p.workload_profile_type));
        const vcpu = m ? num(m[1]) : 0;
        // General purpose D profiles carry 4 GiB per vCPU.
        const perNode = (vcpu * azure.containerAppsDedicatedVcpuHour + vcpu * 4 * azure.containerAppsDedicatedGibHour) * HOURS;
        return { nodes: num(p.minimum_count, 1), perNode };
      });
      return {
        quantity: lines.reduce((sum, l) => sum + l.nodes, 0),
        unit: `${dedicated.map((p) => String(p.workload_profile_type)).join(', ')} nodes (profile minimum) + plan management`,
        monthlyUsd: lines.reduce((sum, l) => sum + l.nodes * l.perNode, 0) + azure.containerAppsDedicatedManagementHour * HOURS,
      };
    },
  },
  azurerm_postgresql_flexible_server: {
    kind: 'PostgreSQL Flexible Server',
    price: (r, _s, unpriced) => {
      const copies = attr(r.attributes, 'high_availability.mode') ? 2 : 1;
      const gb = num(r.attributes.storage_mb) / 1024;
      const compute = hourly(azure.postgresFlexibleHour, r.attributes.sku_name, unpriced) * HOURS;
      return {
        quantity: copies,
        unit: `${String(r.attributes.sku_name)} server(s), ${gb} GB`,
        monthlyUsd: (compute + gb * azure.postgresStorageGbMonth) * copies,
      };
    },
  },
  azurerm_managed_redis: {
    kind: 'Azure Managed Redis',
    price: (r, _s, unpriced) =>
      monthly(1, `${String(r.attributes.sku_name)} instance`, hourly(azure.managedRedisHour, r.attributes.sku_name, unpriced) * HOURS),
  },
  azurerm_kubernetes_cluster: {
    kind: 'AKS',
    price: (r, _s, unpriced) => {
      const size = attr(r.attributes, 'default_node_pool.vm_size');
      const nodes = num(attr(r.attributes, 'default_node_pool.min_count'), num(attr(r.attributes, 'default_node_pool.node_count'), 1));
      const standard = r.attributes.sku_tier === 'Standard';
      return {
        quantity: nodes,
        unit: `${String(size)} system nodes (pool minimum)${standard ? ' + Standard tier' : ''}`,
        monthlyUsd: nodes * hourly(azure.vmHour, size, unpriced) * HOURS + (standard ? azure.aksStandardClusterHour * HOURS : 0),
      };
    },
  },
  azurerm_kubernetes_cluster_node_pool: {
    kind: 'AKS',
    price: (r, _s, unpriced) =>
      monthly(
        num(r.attributes.min_count, num(r.attributes.node_count, 1)),
        `${String(r.attributes.vm_size)} user nodes (pool minimum)`,
        hourly(azure.vmHour, r.attributes.vm_size, unpriced) * HOURS,
      ),
  },
  azurerm_cdn_frontdoor_profile: { kind: 'Front Door Premium', price: () => monthly(1, 'profile (base fee)', azure.frontDoorPremiumMonth) },
  azurerm_nat_gateway: { kind: 'NAT gateway', price: () => monthly(1, 'gateway', azure.natGatewayHour * HOURS) },
  azurerm_public_ip: { kind: 'Public IPv4', price: () => monthly(1, 'Standard address', azure.publicIpv4Hour * HOURS) },
  azurerm_private_endpoint: { kind: 'Private endpoints', price: () => monthly(1, 'endpoint', azure.privateEndpointHour * HOURS) },
  azurerm_container_registry: {
    kind: 'Container Registry',
    price: () => monthly(1, 'Standard registry', azure.containerRegistryStandardDay * (HOURS / 24)),
  },
  azurerm_dns_zone: { kind: 'Azure DNS', price: () => monthly(1, 'zone', azure.dnsZoneMonth) },
  azurerm_private_dns_zone: { kind: 'Private DNS zones', price: () => monthly(1, 'zone', azure.privateDnsZoneMonth) },
  azurerm_application_insights_standard_web_test: {
    kind: 'Availability test',
    price: (r) => {
      const locations = ((r.attributes.geo_locations as unknown[]) ?? []).length || 1;
      const runs = locations * ((HOURS * 3600) / num(r.attributes.frequency, 300));
      return monthly(runs, 'test runs', azure.availabilityTestRun);
    },
  },
  digitalocean_spaces_bucket: {
    kind: 'Spaces',
    // One subscription covers every bucket of the account (250 GiB, 1 TiB transfer): priced once per stack.
    price: (r, stack) => (stack.ofType(r.type)[0] === r ? monthly(1, 'subscription', digitalocean.spacesSubscriptionMonth) : undefined),
  },
};

/** Types billed only by usage, or free, with why: listed, not priced, so none is silently left out. */
export const USAGE_BASED: Readonly<Record<string, string>> = {
  digitalocean_vpc: 'free',
  digitalocean_vpc_peering: 'free; traffic is billed as bandwidth',
  digitalocean_project: 'free',
  digitalocean_project_resources: 'free',
  digitalocean_domain: 'free (DigitalOcean DNS)',
  digitalocean_record: 'free (DigitalOcean DNS)',
  digitalocean_certificate: "free (Let's Encrypt)",
  digitalocean_firewall: 'free',
  digitalocean_tag: 'free',
  digitalocean_database_firewall: 'free',
  digitalocean_database_db: 'part of the cluster',
  digitalocean_database_user: 'part of the cluster',
  digitalocean_database_connection_pool: 'part of the cluster',
  digitalocean_database_valkey_config: 'part of the cluster',
  digitalocean_monitor_alert: 'free',
  digitalocean_uptime_check: 'usage-based beyond the free checks',
  digitalocean_uptime_alert: 'part of the uptime check',
  digitalocean_cdn: 'usage-based (CDN transfer beyond the Spaces allowance)',
  digitalocean_spaces_bucket_logging: 'usage-based (log storage)',
  digitalocean_spaces_key: 'free',
  terraform_data: "free (a value kept in Terraform state: the tier's generated credentials)",
  azurerm_resource_group: 'free',
  azurerm_virtual_network: 'free',
  azurerm_virtual_network_peering: 'usage-based (peering traffic)',
  azurerm_subnet: 'free',
  azurerm_network_security_group: 'free',
  azurerm_key_vault: 'usage-based (operations)',
  azurerm_key_vault_secret: 'usage-based (operations)',
  azurerm_log_analytics_workspace: 'usage-based (ingestion and retention)',
  azurerm_application_insights: 'usage-based (ingestion in the workspace)',
  azurerm_monitor_scheduled_query_rules_alert_v2: 'usage-based (per evaluated rule)',
  azurerm_monitor_metric_alert: 'usage-based (per monitored series)',
  azurerm_monitor_diagnostic_setting: 'usage-based (log ingestion)',
  azurerm_monitor_alert_prometheus_rule_group: 'usage-based (rule evaluations are samples queried in the Azure Monitor workspace)',
  azurerm_monitor_workspace: 'usage-based (Prometheus samples ingested and queried)',
  azurerm_monitor_data_collection_endpoint: 'free',
  azurerm_monitor_data_collection_rule: 'free; what it sends is billed where it lands',
  azurerm_monitor_data_collection_rule_association: 'free',
  azurerm_storage_account: 'usage-based (storage and operations)',
  azurerm_data_protection_backup_vault: 'usage-based (protected instances and backup storage)',
  azurerm_managed_redis_geo_replication: 'usage-based (replication traffic)',
  azurerm_cdn_frontdoor_firewall_policy: 'included in Front Door Premium',
  azurerm_cdn_frontdoor_route: 'usage-based (requests and transfer)',
  azurerm_cdn_frontdoor_endpoint: 'included in the Front Door profile',
  azurerm_cdn_frontdoor_origin_group: 'included in the Front Door profile',
  azurerm_cdn_frontdoor_origin: 'included in the Front Door profile (private link included in Premium)',
  azurerm_cdn_frontdoor_rule_set: 'included in the Front Door profile',
  azurerm_cdn_frontdoor_rule: 'included in the Front Door profile',
  azurerm_cdn_frontdoor_custom_domain: 'included in the Front Door profile (managed certificate free)',
  azurerm_cdn_frontdoor_custom_domain_association: 'included in the Front Door profile',
  azurerm_cdn_frontdoor_security_policy: 'included in Front Door Premium',
  azurerm_container_registry_cache_rule: 'part of the registry',
  azurerm_container_app_custom_domain: 'free (Container Apps managed certificates are free)',
  azurerm_data_protection_backup_policy_postgresql_flexible_server: 'free',
  azurerm_data_protection_backup_instance_postgresql_flexible_server: 'usage-based (protected instance fee and backup storage)',
  azurerm_dns_a_record: 'usage-based (queries; part of the zone)',
  azurerm_dns_txt_record: 'usage-based (queries; part of the zone)',
  azurerm_monitor_action_group: 'usage-based (notifications beyond the free emails)',
  azurerm_nat_gateway_public_ip_association: 'free',
  azurerm_subnet_nat_gateway_association: 'free',
  azurerm_subnet_network_security_group_association: 'free',
  azurerm_private_dns_zone_virtual_network_link: 'usage-based (queries)',
  azurerm_postgresql_flexible_server_configuration: 'part of the server',
  azurerm_postgresql_flexible_server_database: 'part of the server',
  azurerm_postgresql_flexible_server_active_directory_administrator: 'part of the server',
  azurerm_role_assignment: 'free',
  azurerm_user_assigned_identity: 'free',
  azurerm_storage_container: 'part of the storage account',
  aws_acm_certificate: 'free (public certificates)',
  aws_acm_certificate_validation: 'free',
  aws_appautoscaling_policy: 'free',
  aws_appautoscaling_target: 'free',
  aws_backup_plan: 'free; backups are billed by storage',
  aws_backup_selection: 'free',
  aws_backup_vault: 'usage-based (backup storage)',
  aws_backup_vault_lock_configuration: 'free',
  aws_cloudfront_cache_policy: 'free',
  aws_cloudfront_distribution: 'usage-based (requests and transfer)',
  aws_cloudfront_response_headers_policy: 'free',
  aws_cloudfront_vpc_origin: 'free (requests and transfer bill on the distribution)',
  aws_cloudwatch_log_group: 'usage-based (ingestion and storage)',
  aws_cloudwatch_log_resource_policy: 'free',
  aws_db_parameter_group: 'free',
  aws_db_subnet_group: 'free',
  aws_default_security_group: 'free',
  aws_ecr_pull_through_cache_rule: 'usage-based (cached image storage)',
  aws_ecs_cluster: 'free; tasks are priced',
  aws_ecs_cluster_capacity_providers: 'free',
  aws_ecs_task_definition: 'free; priced through its service',
  aws_eip: "priced with its NAT gateway (the gateway's public IPv4)",
  aws_eks_access_entry: 'free',
  aws_eks_access_policy_association: 'free',
  aws_eks_addon: 'free; runs on the priced nodes',
  aws_eks_pod_identity_association: 'free',
  aws_elasticache_global_replication_group: 'usage-based (cross-region replication transfer); members are priced',
  aws_elasticache_subnet_group: 'free',
  aws_elasticache_user: 'free',
  aws_elasticache_user_group: 'free',
  aws_flow_log: 'usage-based (log ingestion)',
  aws_iam_role: 'free',
  aws_iam_role_policy: 'free',
  aws_iam_role_policy_attachment: 'free',
  aws_prometheus_workspace: 'usage-based (samples ingested and stored, samples queried)',
  aws_prometheus_scraper: 'usage-based (collector hours and samples collected)',
  aws_prometheus_rule_group_namespace: 'usage-based (rule evaluations are samples queried in the workspace)',
  aws_prometheus_alert_manager_definition: 'usage-based (alerts sent; the topic bills notifications)',
  aws_internet_gateway: 'free; transfer is usage-based',
  aws_kms_alias: 'free',
  aws_lb_listener: 'part of the load balancer',
  aws_lb_target_group: 'part of the load balancer',
  aws_route: 'free',
  aws_route53_record: 'usage-based (queries)',
  aws_route_table: 'free',
  aws_route_table_association: 'free',
  aws_s3_bucket: 'usage-based (storage and requests)',
  aws_s3_bucket_lifecycle_configuration: 'free',
  aws_s3_bucket_logging: 'usage-based (log storage)',
  aws_s3_bucket_ownership_controls: 'free',
  aws_s3_bucket_policy: 'free',
  aws_s3_bucket_public_access_block: 'free',
  aws_s3_bucket_server_side_encryption_configuration: 'usage-based (KMS requests)',
  aws_s3_bucket_versioning: 'usage-based (storage of old versions)',
  aws_secretsmanager_secret_version: 'part of the secret',
  aws_security_group: 'free',
  aws_sns_topic: 'usage-based (notifications)',
  aws_sns_topic_policy: 'free',
  aws_sns_topic_subscription: 'usage-based (notifications)',
  aws_subnet: 'free',
  aws_vpc: 'free',
  aws_vpc_peering_connection: 'usage-based (inter-region data transfer); no hourly charge',
  aws_vpc_peering_connection_accepter: 'free; transfer bills on the connection',
  aws_vpc_security_group_egress_rule: 'free',
  aws_vpc_security_group_ingress_rule: 'free',
  aws_wafv2_web_acl_association: 'part of the web ACL; requests are usage-based',
  aws_wafv2_web_acl_logging_configuration: 'usage-based (log ingestion)',
  google_artifact_registry_repository: 'usage-based (storage)',
  google_compute_backend_service: 'part of the load balancer',
  google_cloud_run_domain_mapping: 'free (Google-managed certificate)',
  google_compute_firewall: 'free',
  google_compute_global_address: "part of the load balancer's forwarding rule",
  google_compute_health_check: 'free (health checks of load balancer backends)',
  google_compute_managed_ssl_certificate: 'free',
  google_compute_network: 'free',
  google_compute_region_network_endpoint_group: 'free',
  google_compute_router: 'free',
  google_compute_router_nat: 'usage-based (per VM and data processed; Cloud Run egress is by data processed)',
  google_compute_ssl_policy: 'free',
  google_compute_subnetwork: 'free',
  google_compute_target_http_proxy: 'part of the load balancer',
  google_compute_target_https_proxy: 'part of the load balancer',
  google_compute_url_map: 'part of the load balancer',
  google_dns_record_set: 'usage-based (queries)',
  google_logging_project_bucket_config: 'usage-based (storage beyond the free retention)',
  google_logging_project_sink: 'usage-based (log volume)',
  google_monitoring_alert_policy: 'usage-based (conditions and time series)',
  google_monitoring_dashboard: 'free',
  google_monitoring_notification_channel: 'free',
  google_monitoring_uptime_check_config: 'usage-based (executions beyond the free allowance)',
  google_project_iam_member: 'free',
  google_secret_manager_secret_iam_member: 'free',
  google_secret_manager_secret_version: 'part of the secret (access operations are usage-based)',
  google_service_account: 'free',
  google_service_account_iam_member: 'free',
  google_service_networking_connection: 'free',
  google_sql_database: 'part of the instance',
  google_sql_user: 'part of the instance',
  google_storage_bucket: 'usage-based (storage and operations)',
  google_storage_bucket_iam_member: 'free',
  helm_release: 'runs on the cluster (its nodes are priced where the target creates them)',
  kubernetes_cluster_role_binding_v1: 'free',
  kubernetes_cluster_role_v1: 'free',
  kubernetes_config_map_v1: 'runs on the cluster',
  kubernetes_daemon_set_v1: 'runs on the cluster (its nodes are priced where the target creates them)',
  kubernetes_deployment_v1: 'runs on the cluster (its nodes are priced where the target creates them)',
  kubernetes_horizontal_pod_autoscaler_v2: 'runs on the cluster',
  kubernetes_ingress_class_v1: 'free; names the controller that builds the load balancer',
  kubernetes_ingress_v1: "its load balancer is made by the cluster's controller, outside Terraform, and not priced here",
  kubernetes_namespace_v1: 'runs on the cluster',
  kubernetes_network_policy_v1: 'runs on the cluster',
  kubernetes_pod_disruption_budget_v1: 'runs on the cluster',
  kubernetes_secret_v1: 'runs on the cluster',
  kubernetes_service_account_v1: 'runs on the cluster',
  kubernetes_service_v1: 'runs on the cluster',
};

/** The sizes primaries declare, for members of the same tier that inherit them. */
export function inheritedSizes(stacks: Iterable<StackJson>): InheritedSizes {
  let found: InheritedSizes = {};
  for (const json of stacks) {
    for (const r of new SynthesizedStack('sizes', json).resources) {
      if (r.type === 'aws_db_instance' && r.attributes.instance_class && r.attributes.allocated_storage) {
        found = {
          ...found,
          rdsInstanceClass: String(r.attributes.instance_class),
          rdsAllocatedStorage: num(r.attributes.allocated_storage),
        };
      }
      if (r.type === 'aws_elasticache_replication_group' && r.attributes.node_type)
        found = { ...found, elasticacheNodeType: String(r.attributes.node_type) };
    }
  }
  return found;
}

/** Estimated monthly cost of one synthesized stack, one line per kind of resource. */
export function estimateCost(stackName: string, json: StackJson, inherited: InheritedSizes = {}): CostEstimate {
  const stack = new SynthesizedStack(stackName, json);
  const byKind = new Map<string, { quantity: number; units: Set<string>; monthlyUsd: number }>();
  const unpriced: string[] = [];
  const usageBased = new Set<string>();
  for (const resource of stack.resources) {
    if (resource.type in USAGE_BASED) usageBased.add(resource.type);
    const pricer = PRICERS[resource.type];
    const line = pricer?.price(resource, stack, unpriced, inherited);
    if (!pricer || !line) continue;
    const entry = byKind.get(pricer.kind) ?? { quantity: 0, units: new Set<string>(), monthlyUsd: 0 };
    entry.quantity += line.quantity;
    entry.units.add(line.unit);
    entry.monthlyUsd += line.monthlyUsd;
    byKind.set(pricer.kind, entry);
  }
  const lines = [...byKind.entries()].map(([kind, e]) => ({
    kind,
    quantity: e.quantity,
    unit: [...e.units].join('; '),
    monthlyUsd: e.monthlyUsd,
  }));
  return {
    stack: stackName,
    lines,
    monthlyUsd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
    unpriced: [...new Set(unpriced)],
    usageBased: [...usageBased].sort(),
  };
}

export const PRICE_TABLE = { source: prices.source, date: prices.date, currency: prices.currency };

/** DigitalOcean's prices come from their own pages, with their own date. */
export const DIGITALOCEAN_PRICE_TABLE = { source: digitalocean.source, date: digitalocean.date, currency: prices.currency };

/** Azure's prices come from its own pages, with their own date. */
export const AZURE_PRICE_TABLE = { source: azure.source, date: azure.date, currency: prices.currency };

/** Whether the price table knows a resource type. */
export const isPriced = (type: string): boolean => type in PRICERS;
