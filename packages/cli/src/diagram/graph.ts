import type { StackJson } from '../synthesized-tiers';

/** The parts of the topology worth drawing: one node per kind of part per stack. */
const PARTS: Readonly<Record<string, string>> = {
  aws_route53_zone: 'Route 53 GeoDNS',
  aws_route53_record: 'Route 53 GeoDNS',
  aws_route53_health_check: 'Route 53 GeoDNS',
  aws_cloudfront_distribution: 'CloudFront CDN',
  aws_wafv2_web_acl: 'WAF',
  aws_lb: 'Application Load Balancer',
  aws_ecs_service: 'ECS Fargate service',
  aws_eks_cluster: 'EKS cluster',
  aws_db_instance: 'RDS PostgreSQL',
  aws_rds_cluster: 'Aurora PostgreSQL',
  aws_rds_global_cluster: 'Aurora Global Database',
  aws_elasticache_replication_group: 'ElastiCache Redis',
  aws_elasticache_global_replication_group: 'Redis Global Datastore',
  aws_backup_plan: 'AWS Backup',
  google_dns_record_set: 'Cloud DNS',
  google_compute_global_forwarding_rule: 'Global HTTPS load balancer',
  google_compute_backend_service: 'Backend service + Cloud CDN',
  google_compute_security_policy: 'Cloud Armor',
  google_compute_region_network_endpoint_group: 'Serverless NEG',
  google_cloud_run_v2_service: 'Cloud Run service',
  google_container_cluster: 'GKE cluster',
  google_sql_database_instance: 'Cloud SQL PostgreSQL',
  google_redis_instance: 'Memorystore Redis',
  kubernetes_ingress_v1: 'Ingress',
  kubernetes_deployment_v1: 'Deployment (stateless)',
  kubernetes_stateful_set_v1: 'StatefulSet',
};

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

const REFERENCE = /\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?/g;
const REMOTE_INPUT = 'cross-stack-reference-input-';

const nodeId = (stack: string, label: string) => `${stack}:${label}`.replace(/[^A-Za-z0-9]/g, '_');

/**
 * Builds the topology of a set of stacks: the parts in PARTS, with an edge wherever one part's
 * resource refers to another's, directly, through resources that are not drawn, or across stacks
 * through cdktf's cross-stack outputs.
 */
export function topologyGraph(stacks: ReadonlyMap<string, StackJson>): TopologyGraph {
  const key = (stack: string, address: string) => `${stack}|${address}`;
  const references = new Map<string, string[]>();
  const part = new Map<string, TopologyNode>();

  const resolveOutput = (stack: string, output: string): string[] => {
    const value = JSON.stringify(stacks.get(stack)?.output?.[output]?.value ?? '');
    return [...value.matchAll(REFERENCE)].filter((m) => !m[1]).map((m) => key(stack, `${m[2]}.${m[3]}`));
  };

  for (const [stack, json] of stacks) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const self = key(stack, `${type}.${name}`);
        const label = PARTS[type];
        if (label) part.set(self, { id: nodeId(stack, label), stack, label });
        const targets: string[] = [];
        for (const m of JSON.stringify(body).matchAll(REFERENCE)) {
          if (!m[1]) targets.push(key(stack, `${m[2]}.${m[3]}`));
          else if (m[2] === 'terraform_remote_state' && m[3]!.startsWith(REMOTE_INPUT) && m[4] === 'outputs') {
            const rest = JSON.stringify(body)
              .slice(m.index! + m[0].length)
              .match(/^\.([A-Za-z0-9_-]+)/);
            if (rest) targets.push(...resolveOutput(m[3]!.slice(REMOTE_INPUT.length), rest[1]!));
          }
        }
        references.set(self, targets);
      }
    }
  }

  // The drawn parts a resource reaches, passing only through resources that are not drawn.
  const reach = (start: string): Set<string> => {
    const found = new Set<string>();
    const seen = new Set<string>([start]);
    const queue = [...(references.get(start) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const target = part.get(next);
      if (target) found.add(target.id);
      else queue.push(...(references.get(next) ?? []));
    }
    return found;
  };

  const nodes = new Map<string, TopologyNode>();
  const edges = new Set<string>();
  for (const [address, node] of part) {
    nodes.set(node.id, node);
    for (const target of reach(address)) if (target !== node.id) edges.add(`${node.id}>${target}`);
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
