import type { StackJson } from '../synthesized-tiers';

/** The parts of the topology worth drawing, with their layer: traffic flows from lower to higher. */
const PARTS: Readonly<Record<string, { label: string; layer: number }>> = {
  aws_route53_zone: { label: 'Route 53 GeoDNS', layer: 0 },
  aws_route53_record: { label: 'Route 53 GeoDNS', layer: 0 },
  aws_route53_health_check: { label: 'Route 53 GeoDNS', layer: 0 },
  google_dns_record_set: { label: 'Cloud DNS', layer: 0 },
  aws_cloudfront_distribution: { label: 'CloudFront CDN', layer: 1 },
  google_compute_global_forwarding_rule: { label: 'Global HTTPS load balancer', layer: 1 },
  aws_wafv2_web_acl: { label: 'WAF', layer: 2 },
  google_compute_security_policy: { label: 'Cloud Armor', layer: 1.5 },
  google_compute_backend_service: { label: 'Backend service + Cloud CDN', layer: 2 },
  aws_lb: { label: 'Application Load Balancer', layer: 3 },
  kubernetes_ingress_v1: { label: 'Ingress', layer: 3 },
  google_compute_region_network_endpoint_group: { label: 'Serverless NEG', layer: 3 },
  aws_ecs_service: { label: 'ECS Fargate service', layer: 4 },
  aws_eks_cluster: { label: 'EKS cluster', layer: 4 },
  google_cloud_run_v2_service: { label: 'Cloud Run service', layer: 4 },
  google_container_cluster: { label: 'GKE cluster', layer: 4 },
  kubernetes_deployment_v1: { label: 'Deployment (stateless)', layer: 4 },
  kubernetes_stateful_set_v1: { label: 'StatefulSet', layer: 4 },
  aws_db_instance: { label: 'RDS PostgreSQL', layer: 5 },
  aws_rds_cluster: { label: 'Aurora PostgreSQL', layer: 5 },
  aws_elasticache_replication_group: { label: 'ElastiCache Redis', layer: 5 },
  google_sql_database_instance: { label: 'Cloud SQL PostgreSQL', layer: 5 },
  google_redis_instance: { label: 'Memorystore Redis', layer: 5 },
  aws_rds_global_cluster: { label: 'Aurora Global Database', layer: 6 },
  aws_elasticache_global_replication_group: { label: 'Redis Global Datastore', layer: 6 },
  aws_backup_plan: { label: 'AWS Backup', layer: 6 },
  digitalocean_domain: { label: 'DigitalOcean DNS', layer: 0 },
  digitalocean_record: { label: 'DigitalOcean DNS', layer: 0 },
  digitalocean_cdn: { label: 'Spaces CDN', layer: 1 },
  digitalocean_loadbalancer: { label: 'Load balancer', layer: 2 },
  digitalocean_app: { label: 'App Platform service', layer: 4 },
  digitalocean_kubernetes_cluster: { label: 'DOKS cluster', layer: 4 },
  digitalocean_database_cluster: { label: 'Managed database', layer: 5 },
  digitalocean_database_replica: { label: 'PostgreSQL read-only node', layer: 5 },
  azurerm_dns_a_record: { label: 'Azure DNS', layer: 0 },
  azurerm_cdn_frontdoor_endpoint: { label: 'Front Door', layer: 1 },
  azurerm_container_app: { label: 'Container App', layer: 4 },
  azurerm_kubernetes_cluster: { label: 'AKS cluster', layer: 4 },
  azurerm_postgresql_flexible_server: { label: 'PostgreSQL Flexible Server', layer: 5 },
  azurerm_managed_redis: { label: 'Azure Managed Redis', layer: 5 },
  azurerm_managed_redis_geo_replication: { label: 'Redis active geo-replication', layer: 6 },
  azurerm_data_protection_backup_vault: { label: 'Backup vault', layer: 6 },
};

/** Types whose drawn label depends on an attribute: one DigitalOcean type holds PostgreSQL and Valkey. */
const LABEL_BY_ATTRIBUTE: Readonly<Record<string, { attribute: string; labels: Readonly<Record<string, string>> }>> = {
  digitalocean_database_cluster: { attribute: 'engine', labels: { pg: 'Managed PostgreSQL', valkey: 'Managed Valkey' } },
};

/**
 * Resources that refer to, or are referred to by, most others (networks, keys, roles, namespaces,
 * alarms, dashboards); connections through them say nothing about the topology, so they are not
 * followed.
 */
const HUB_TYPES = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_security_group',
  'aws_kms_key',
  'aws_kms_alias',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_cloudwatch_log_group',
  'aws_s3_bucket',
  'aws_sns_topic',
  'aws_acm_certificate',
  'aws_route_table',
  'google_compute_network',
  'google_compute_subnetwork',
  'google_service_account',
  'google_kms_crypto_key',
  'google_storage_bucket',
  'google_monitoring_notification_channel',
  'kubernetes_namespace_v1',
  'kubernetes_service_account_v1',
  'kubernetes_config_map_v1',
  'aws_cloudwatch_metric_alarm',
  'aws_cloudwatch_dashboard',
  'aws_route53_health_check',
  'aws_backup_selection',
  'aws_acm_certificate_validation',
  'aws_appautoscaling_target',
  'aws_appautoscaling_policy',
  'google_monitoring_alert_policy',
  'google_monitoring_dashboard',
  'google_monitoring_uptime_check_config',
  'digitalocean_vpc',
  'digitalocean_vpc_peering',
  'digitalocean_vpc_nat_gateway',
  'digitalocean_project',
  'digitalocean_project_resources',
  'digitalocean_certificate',
  'digitalocean_monitor_alert',
  'digitalocean_uptime_check',
  'digitalocean_uptime_alert',
  'digitalocean_spaces_bucket',
  'digitalocean_tag',
  'azurerm_resource_group',
  'azurerm_virtual_network',
  'azurerm_subnet',
  'azurerm_network_security_group',
  'azurerm_private_dns_zone',
  'azurerm_user_assigned_identity',
  'azurerm_role_assignment',
  'azurerm_key_vault',
  'azurerm_container_registry',
  'azurerm_log_analytics_workspace',
  'azurerm_application_insights',
  'azurerm_monitor_action_group',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_storage_account',
  'azurerm_cdn_frontdoor_profile',
  'azurerm_cdn_frontdoor_custom_domain',
  'azurerm_cdn_frontdoor_origin_group',
]);

export interface TopologyNode {
  readonly id: string;
  readonly stack: string;
  readonly label: string;
}

export interface TopologyGraph {
  readonly stacks: readonly string[];
  readonly nodes: readonly TopologyNode[];
  /** `from` refers to `to`: traffic or data flows from `from` towards `to`. */
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

const COMPUTE_LABELS = [
  'ECS Fargate service',
  'Cloud Run service',
  'Deployment (stateless)',
  'StatefulSet',
  'App Platform service',
  'Container App',
];
const DATA_LABELS = [
  'RDS PostgreSQL',
  'Aurora PostgreSQL',
  'ElastiCache Redis',
  'Cloud SQL PostgreSQL',
  'Memorystore Redis',
  'Managed PostgreSQL',
  'Managed Valkey',
  'PostgreSQL Flexible Server',
  'Azure Managed Redis',
];

const REFERENCE = /\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?/g;
const REMOTE_INPUT = 'cross-stack-reference-input-';

const nodeId = (stack: string, label: string) => `${stack}:${label}`.replace(/[^A-Za-z0-9]/g, '_');

/**
 * Builds the topology of a set of stacks: the parts in PARTS, connected wherever one part's
 * resources refer to another's, directly, through resources that are not drawn (listeners,
 * target groups, secrets), or across stacks through cdktf's cross-stack outputs. Each edge points
 * the way traffic flows: from the edge towards the data.
 */
export function topologyGraph(stacks: ReadonlyMap<string, StackJson>): TopologyGraph {
  const key = (stack: string, address: string) => `${stack}|${address}`;
  const neighbours = new Map<string, Set<string>>();
  const refersTo = new Map<string, Set<string>>();
  const part = new Map<string, TopologyNode & { layer: number }>();
  const connect = (a: string, b: string) => {
    refersTo.set(a, (refersTo.get(a) ?? new Set()).add(b));
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const)
      neighbours.set(x, (neighbours.get(x) ?? new Set()).add(y));
  };
  const isHub = (address: string) => HUB_TYPES.has(address.split('|')[1]!.split('.')[0]!);

  const outputTargets = (stack: string, output: string): string[] => {
    const value = JSON.stringify(stacks.get(stack)?.output?.[output]?.value ?? '');
    return [...value.matchAll(REFERENCE)].filter((m) => !m[1]).map((m) => key(stack, `${m[2]}.${m[3]}`));
  };

  for (const [stack, json] of stacks) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const self = key(stack, `${type}.${name}`);
        const drawn = PARTS[type];
        const byAttribute = LABEL_BY_ATTRIBUTE[type];
        const label = (byAttribute && byAttribute.labels[String(body[byAttribute.attribute])]) ?? drawn?.label;
        if (drawn && label) part.set(self, { id: nodeId(stack, label), stack, label, layer: drawn.layer });
        const text = JSON.stringify(body);
        for (const m of text.matchAll(REFERENCE)) {
          if (!m[1]) connect(self, key(stack, `${m[2]}.${m[3]}`));
          else if (m[2] === 'terraform_remote_state' && m[3]!.startsWith(REMOTE_INPUT) && m[4] === 'outputs') {
            const output = /^\.([A-Za-z0-9_-]+)/.exec(text.slice(m.index! + m[0].length))?.[1];
            if (output) for (const target of outputTargets(m[3]!.slice(REMOTE_INPUT.length), output)) connect(self, target);
          }
        }
      }
    }
  }

  // The drawn parts a part touches, passing only through resources that are neither drawn nor hubs.
  const touches = (start: string): Set<string> => {
    const found = new Set<string>();
    const seen = new Set<string>([start]);
    const queue = [...(neighbours.get(start) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const target = part.get(next);
      if (target) found.add(next);
      else if (!isHub(next)) queue.push(...(neighbours.get(next) ?? []));
    }
    return found;
  };

  const nodes = new Map<string, TopologyNode>();
  const edges = new Set<string>();
  for (const [address, node] of part) {
    nodes.set(node.id, { id: node.id, stack: node.stack, label: node.label });
    for (const other of touches(address)) {
      const target = part.get(other)!;
      if (target.id === node.id) continue;
      // Same-layer parts connect only by a direct reference, such as a replica naming its primary.
      if (target.layer === node.layer) {
        if (refersTo.get(address)?.has(other)) edges.add(`${node.id}>${target.id}`);
        continue;
      }
      const [from, to] = node.layer < target.layer ? [node.id, target.id] : [target.id, node.id];
      edges.add(`${from}>${to}`);
    }
  }
  // Connections that are not Terraform references: the service reaches its database and cache
  // through DATABASE_URL and REDIS_URL, and an Ingress reaches its pods through a label selector.
  const inStack = (stack: string, labels: readonly string[]) =>
    [...part.values()].filter((p) => p.stack === stack && labels.includes(p.label));
  for (const stack of new Set([...part.values()].map((p) => p.stack))) {
    const compute = inStack(stack, COMPUTE_LABELS);
    for (const service of compute) for (const data of inStack(stack, DATA_LABELS)) edges.add(`${service.id}>${data.id}`);
    for (const ingress of inStack(stack, ['Ingress'])) for (const pods of compute) edges.add(`${ingress.id}>${pods.id}`);
    // DOKS: the region's load balancer is adopted by the workload's LoadBalancer Service, which
    // selects the pods by label; the workload stack is named after the cluster's.
    for (const cluster of inStack(stack, ['DOKS cluster'])) {
      for (const lb of inStack(stack, ['Load balancer'])) edges.add(`${lb.id}>${cluster.id}`);
      for (const pods of inStack(`${stack}-workload`, COMPUTE_LABELS)) {
        edges.add(`${cluster.id}>${pods.id}`);
        for (const data of inStack(stack, DATA_LABELS)) edges.add(`${pods.id}>${data.id}`);
      }
    }
    // App Platform writes the tier hostname's record into the DigitalOcean domain it names.
    for (const dns of inStack(stack, ['DigitalOcean DNS']))
      for (const app of inStack(stack, ['App Platform service'])) edges.add(`${dns.id}>${app.id}`);
  }
  return {
    stacks: [...new Set([...nodes.values()].map((n) => n.stack))].sort(),
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges].sort().map((e) => {
      const [from, to] = e.split('>') as [string, string];
      return { from, to };
    }),
  };
}
export function toMermaid(graph: TopologyGraph): string {
  const lines = ['flowchart LR'];
  for (const stack of graph.stacks) {
    lines.push(`  subgraph ${stack.replace(/[^A-Za-z0-9]/g, '_')}["${stack}"]`);
    for (const n of graph.nodes.filter((node) => node.stack === stack)) lines.push(`    ${n.id}["${n.label}"]`);
    lines.push('  end');
  }
  for (const e of graph.edges) lines.push(`  ${e.from} --> ${e.to}`);
  return `${lines.join('\n')}\n`;
}

export function toDot(graph: TopologyGraph): string {
  const lines = [
    'digraph topology {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];',
  ];
  graph.stacks.forEach((stack, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label="${stack}"; style=rounded; color="#8899aa"; fontname="Helvetica";`);
    for (const n of graph.nodes.filter((node) => node.stack === stack)) lines.push(`    ${n.id} [label="${n.label}"];`);
    lines.push('  }');
  });
  for (const e of graph.edges) lines.push(`  ${e.from} -> ${e.to};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
