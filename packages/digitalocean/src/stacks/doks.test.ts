import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { only, resourcesOf, synthTier, type Body } from '../testing/fixtures';

/** The built-in production tier: DOKS in nyc3, ams3 and blr1, medium size. */
const production = synthTier('production');
const stack = (id: string) => production.json[`production-digitalocean-${id}`];
const cluster = (region: string) => only(stack(region), 'digitalocean_kubernetes_cluster');
/** The node tags by reference: firewalls and tag rules need the tag to exist first. */
const TIER_TAG = '${digitalocean_tag.node-tags_tier_32A4F218.name}';
const REGION_TAG = '${digitalocean_tag.node-tags_region_E198E7B5.name}';

describe('DigitalOcean on DOKS (production, three regions)', () => {
  it('lays out a regional and a workload stack per region, then the global stack', () => {
    expect(production.stacks).toEqual([
      'production-digitalocean-nyc3',
      'production-digitalocean-ams3',
      'production-digitalocean-blr1',
      'production-digitalocean-nyc3-workload',
      'production-digitalocean-ams3-workload',
      'production-digitalocean-blr1-workload',
      'production-digitalocean-global',
    ]);
  });

  it('runs an HA control plane that auto- and surge-upgrades in the Sunday 06:00 window, after the databases, behind its firewall', () => {
    expect(cluster('nyc3')).toMatchObject({
      ha: true,
      auto_upgrade: true,
      surge_upgrade: true,
      maintenance_policy: { day: 'sunday', start_time: '06:00' },
      // The VPC, and where Terraform runs (the built-in configuration names the documentation range).
      control_plane_firewall: { enabled: true, allowed_addresses: ['10.60.0.0/16', '192.0.2.0/24'] },
      vpc_uuid: expect.stringMatching(/digitalocean_vpc\.network_vpc_\w+\.id/),
    });
  });

  it('sizes the node pool from the pods: g-8vcpu-32gb, 3 to 13 nodes, with the sizing labels', () => {
    expect(cluster('ams3').node_pool).toEqual({
      name: 'mockforge-production-ams3-pool',
      size: 'g-8vcpu-32gb',
      auto_scale: true,
      min_nodes: 3,
      max_nodes: 13,
      labels: {
        'sizing.mockforge.dev/pod-cpu-millis': '3600',
        'sizing.mockforge.dev/pod-memory-mib': '4096',
        'sizing.mockforge.dev/max-pods': '25',
      },
      tags: [
        '${data.terraform_remote_state.cross-stack-reference-input-production-digitalocean-nyc3.outputs.cross-stack-output-digitalocean_tagnode-tags_tier_32A4F218name}',
        REGION_TAG,
      ],
    });
  });

  it('creates the node tags before what selects them: the tier tag in the primary region, a region tag in each', () => {
    expect(resourcesOf(stack('nyc3'), 'digitalocean_tag')).toEqual([
      { name: 'mockforge-production-nyc3-nodes' },
      { name: 'mockforge-production-nodes' },
    ]);
    expect(resourcesOf(stack('ams3'), 'digitalocean_tag')).toEqual([{ name: 'mockforge-production-ams3-nodes' }]);
    expect(cluster('nyc3').node_pool.tags).toEqual([TIER_TAG, REGION_TAG]);
  });

  it('fronts each region with a load balancer: HTTPS with a certificate, HTTP redirected, checked on /health/ready', () => {
    const lb = only(stack('nyc3'), 'digitalocean_loadbalancer');
    expect(lb).toMatchObject({
      name: 'mockforge-production-nyc3',
      size_unit: 1,
      redirect_http_to_https: true,
      disable_lets_encrypt_dns_records: true,
      http_idle_timeout_seconds: 600,
      forwarding_rule: [
        { entry_port: 443, entry_protocol: 'https', target_port: 30080, target_protocol: 'http' },
        { entry_port: 80, entry_protocol: 'http', target_port: 30080, target_protocol: 'http' },
      ],
      healthcheck: {
        protocol: 'http',
        port: 30080,
        path: '/health/ready',
        check_interval_seconds: 30,
        response_timeout_seconds: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      },
    });
    // The cloud controller has no cipher-policy annotation and resets it, so none is set.
    expect(lb.tls_cipher_policy).toBeUndefined();
    expect(lb.forwarding_rule[0].certificate_name).toMatch(/digitalocean_certificate\.load-balancer_certificate_\w+\.name/);
    expect(only(stack('nyc3'), 'digitalocean_certificate')).toMatchObject({ type: 'lets_encrypt', domains: ['mocks.example.com'] });
  });

  it("issues the primary region's certificate only after the domain its DNS challenge needs", () => {
    const certificate = Object.values(stack('nyc3')!.resource.digitalocean_certificate!)[0]!;
    expect(certificate.depends_on).toEqual([expect.stringMatching(/^digitalocean_domain\.dns_domain_\w+$/)]);
    expect(Object.keys(stack('nyc3')!.resource.digitalocean_domain!)).toEqual([certificate.depends_on[0].split('.')[1]]);
  });

  it('names real addresses in the README first-deploy targets', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const targets = [...readme.matchAll(/-target=(digitalocean_\w+)\.([\w-]+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(targets.map(([type]) => type)).toEqual(['digitalocean_domain']);
    for (const [type, id] of targets) expect(stack('nyc3')!.resource[type]).toHaveProperty([id]);
  });

  it('puts a Global Load Balancer over the regions: priorities in region order, failover at 50 %, HTTPS health checks', () => {
    const glb = only(stack('global'), 'digitalocean_loadbalancer');
    expect(glb).toMatchObject({
      type: 'GLOBAL',
      domains: [{ name: 'mocks.example.com', is_managed: true }],
      glb_settings: {
        target_protocol: 'https',
        target_port: 443,
        cdn: { is_enabled: false },
        failover_threshold: 50,
        region_priorities: { nyc3: 1, ams3: 2, blr1: 3 },
      },
      healthcheck: { protocol: 'https', port: 443, path: '/health/ready' },
    });
    expect(glb.target_load_balancer_ids).toHaveLength(3);
    expect(glb.target_load_balancer_ids.map((id: string) => /input-production-digitalocean-(\w+)\./.exec(id)![1])).toEqual([
      'nyc3',
      'ams3',
      'blr1',
    ]);
  });

  it('keeps the primary database in nyc3 with two standbys and a read-only node in each other region', () => {
    expect(resourcesOf(stack('nyc3'), 'digitalocean_database_cluster').find((c) => c.engine === 'pg')).toMatchObject({
      node_count: 3,
      size: 'db-s-4vcpu-8gb',
    });
    for (const region of ['ams3', 'blr1']) {
      expect(resourcesOf(stack(region), 'digitalocean_database_cluster').map((c) => c.engine)).toEqual(['valkey']);
      expect(only(stack(region), 'digitalocean_database_replica')).toMatchObject({
        region,
        size: 'db-s-4vcpu-8gb',
        cluster_id: expect.stringContaining('input-production-digitalocean-nyc3'),
      });
    }
  });

  it('gives every region one Valkey cluster with one standby, the most DigitalOcean allows for Valkey', () => {
    for (const region of ['nyc3', 'ams3', 'blr1'])
      expect(resourcesOf(stack(region), 'digitalocean_database_cluster').filter((c) => c.engine === 'valkey')).toEqual([
        expect.objectContaining({ name: `mockforge-production-${region}-valkey`, node_count: 2, size: 'db-s-4vcpu-8gb' }),
      ]);
  });

  it("admits every region's nodes to the primary database by tag, and only this cluster to its Valkey", () => {
    const firewalls = resourcesOf(stack('nyc3'), 'digitalocean_database_firewall');
    const database = firewalls.find((f) => f.cluster_id.includes('.database_cluster_'))!;
    const cache = firewalls.find((f) => f.cluster_id.includes('.cache_cluster_'))!;
    expect(database.rule).toEqual([{ type: 'tag', value: TIER_TAG }]);
    expect(cache.rule).toEqual([{ type: 'k8s', value: expect.stringMatching(/digitalocean_kubernetes_cluster\.doks_cluster_\w+\.id/) }]);
  });

  it('peers each other region with the primary and opens the nodes only to the data ports and the guide egress', () => {
    expect(resourcesOf(stack('nyc3'), 'digitalocean_vpc_peering')).toEqual([]);
    expect(only(stack('ams3'), 'digitalocean_vpc_peering')).toMatchObject({ name: 'mockforge-production-ams3-nyc3' });
    const fw = only(stack('ams3'), 'digitalocean_firewall');
    expect(fw.tags).toEqual([REGION_TAG]);
    expect(fw.inbound_rule).toBeUndefined();
    const data = (fw.outbound_rule as Body[]).filter((r) => !r.destination_addresses.includes('0.0.0.0/0'));
    expect(data).toEqual([
      { protocol: 'tcp', port_range: expect.stringMatching(/database_connection_pool.*port\}$/), destination_addresses: ['10.60.0.0/16'] },
      { protocol: 'tcp', port_range: expect.stringMatching(/cache_cluster_\w+\.port\}$/), destination_addresses: ['10.61.0.0/16'] },
    ]);
    expect(only(stack('ams3'), 'digitalocean_vpc_nat_gateway')).toMatchObject({
      type: 'PUBLIC',
      size: 1,
      vpcs: [{ default_gateway: true }],
    });
  });

  it('alerts the tier email on node CPU and memory, by the region node tag', () => {
    const nodes = resourcesOf(stack('blr1'), 'digitalocean_monitor_alert').filter((a) => a.tags);
    expect(nodes.map((a) => [a.type, a.value, a.window, a.tags, a.alerts])).toEqual([
      ['v1/insights/droplet/cpu', 80, '5m', [REGION_TAG], { email: ['oncall@example.com'] }],
      ['v1/insights/droplet/memory_utilization_percent', 90, '5m', [REGION_TAG], { email: ['oncall@example.com'] }],
    ]);
  });

  it("evaluates the guide's error-rate, availability and p95-latency alerts on each region's load balancer", () => {
    const lb = resourcesOf(stack('ams3'), 'digitalocean_monitor_alert').filter((a) => a.type.startsWith('v1/insights/lbaas/'));
    expect(lb.map((a) => [a.type, a.compare, a.value, a.window, a.description])).toEqual([
      [
        'v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx',
        'GreaterThan',
        1,
        '10m',
        'MockForge production ams3: low_availability: availability below 99 % (more than 1 % of responses 5xx)',
      ],
      [
        'v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx',
        'GreaterThan',
        5,
        '5m',
        'MockForge production ams3: high_error_rate: more than 5 % of responses are 5xx',
      ],
      [
        'v1/insights/lbaas/high_http_request_response_time_95p',
        'GreaterThan',
        1000,
        '5m',
        'MockForge production ams3: high_latency: p95 response time above 1000 ms',
      ],
    ]);
    for (const alert of lb) {
      expect(alert.entities).toEqual([expect.stringMatching(/^\$\{digitalocean_loadbalancer\.load-balancer_lb_\w+\.id\}$/)]);
      expect(alert.alerts).toEqual({ email: ['oncall@example.com'] });
    }
  });

  describe('workload', () => {
    const workload = stack('ams3-workload');

    it('emits no Ingress: a fresh DOKS cluster has no controller, so the LoadBalancer Service adopts the regional load balancer', () => {
      expect(resourcesOf(workload, 'kubernetes_ingress_v1')).toEqual([]);
      const service = resourcesOf(workload, 'kubernetes_service_v1').find((s) => s.spec.type === 'LoadBalancer')!;
      const lb = 'service.beta.kubernetes.io/do-loadbalancer';
      expect(service.metadata.annotations).toEqual({
        'kubernetes.digitalocean.com/load-balancer-id': expect.stringMatching(
          /input-production-digitalocean-ams3\..*digitalocean_loadbalancerload-balancer_lb_\w+id\}$/,
        ),
        [`${lb}-protocol`]: 'http',
        [`${lb}-tls-ports`]: '443',
        [`${lb}-certificate-name`]: expect.stringMatching(/input-production-digitalocean-ams3\..*certificate\w+name\}$/),
        [`${lb}-redirect-http-to-https`]: 'true',
        [`${lb}-name`]: 'mockforge-production-ams3',
        [`${lb}-size-unit`]: '1',
        [`${lb}-http-idle-timeout-seconds`]: '600',
        [`${lb}-disable-lets-encrypt-dns-records`]: 'true',
        [`${lb}-override-health-check`]: 'true',
        [`${lb}-healthcheck-port`]: '80',
        [`${lb}-healthcheck-path`]: '/health/ready',
        [`${lb}-healthcheck-protocol`]: 'http',
        [`${lb}-healthcheck-check-interval-seconds`]: '30',
        [`${lb}-healthcheck-response-timeout-seconds`]: '5',
        [`${lb}-healthcheck-healthy-threshold`]: '2',
        [`${lb}-healthcheck-unhealthy-threshold`]: '3',
      });
      expect(service.spec.external_traffic_policy).toBe('Local');
      expect(service.spec.port).toEqual([
        { name: 'https', port: 443, target_port: '3000', node_port: 30443 },
        { name: 'http', port: 80, target_port: '3000', node_port: 30080 },
      ]);
    });

    it("routes the nodes' egress through this region's NAT gateway: the routing agent's Route for 0.0.0.0/0", () => {
      expect(cluster('ams3').routing_agent).toEqual({ enabled: true });
      expect(only(workload, 'kubernetes_manifest').manifest).toEqual({
        apiVersion: 'networking.doks.digitalocean.com/v1alpha1',
        kind: 'Route',
        metadata: { name: 'mockforge-egress-via-nat' },
        spec: {
          destinations: ['0.0.0.0/0'],
          gateways: [
            '${tolist(data.terraform_remote_state.cross-stack-reference-input-production-digitalocean-ams3.outputs.cross-stack-output-digitalocean_vpc_nat_gatewaynetwork_nat_B2CD8D5Fvpcs).0.gateway_ip}',
          ],
        },
      });
    });

    it("writes the Secret from the primary pool's and this region's Valkey URIs and the primary region's generated admin credentials", () => {
      const secret = resourcesOf(workload, 'kubernetes_secret_v1').find((s) => s.metadata.name === 'mockforge-secrets')!;
      const admin = (key: string) =>
        new RegExp(
          `^\\$\\{sensitive\\(data\\.terraform_remote_state\\.cross-stack-reference-input-production-digitalocean-nyc3\\..*terraform_dataadmin_generated_\\w+output${key}\\)\\}$`,
        );
      expect(secret.data).toEqual({
        DATABASE_URL: expect.stringMatching(/input-production-digitalocean-nyc3\..*database_connection_pool\w+private_uri\}$/),
        REDIS_URL: expect.stringMatching(/input-production-digitalocean-ams3\..*cache_cluster\w+private_uri\}$/),
        MOCKFORGE_ADMIN_JWT_SECRET: expect.stringMatching(admin('jwt_secret')),
        MOCKFORGE_ADMIN_USERNAME: expect.stringMatching(admin('username')),
        MOCKFORGE_ADMIN_PASSWORD: expect.stringMatching(admin('password')),
      });
      // One set per tier: generated in the primary region only, and no variable to set anywhere.
      expect(resourcesOf(stack('nyc3'), 'terraform_data')).toHaveLength(1);
      for (const id of production.stacks) {
        if (id !== 'production-digitalocean-nyc3') expect(production.json[id]!.resource.terraform_data).toBeUndefined();
        expect(production.json[id]!.variable).toBeUndefined();
      }
    });

    it("lets pods reach the pool in the primary's VPC and Valkey in their own, once each", () => {
      const server = resourcesOf(workload, 'kubernetes_network_policy_v1').find((p) => p.metadata.name === 'mockforge-server')!;
      const data = (server.spec.egress as Body[]).filter((e) => ((e.to ?? []) as Body[]).some((t) => t.ip_block?.cidr.startsWith('10.6')));
      expect(data.map((e) => (e.to as Body[]).map((t) => t.ip_block.cidr))).toEqual([['10.60.0.0/16'], ['10.61.0.0/16']]);
    });

    it('alerts on its own Valkey only: the primary database is alerted on in the primary region', () => {
      for (const alert of resourcesOf(stack('ams3'), 'digitalocean_monitor_alert').filter((a) => a.type.startsWith('v1/dbaas/')))
        expect(alert.entities).toEqual([expect.stringMatching(/^\$\{digitalocean_database_cluster\.cache_cluster_\w+\.id\}$/)]);
      const primary = resourcesOf(stack('nyc3'), 'digitalocean_monitor_alert').filter((a) => a.type.startsWith('v1/dbaas/'));
      for (const alert of primary) expect(alert.entities).toHaveLength(2);
    });

    it("lets pods reach the pool's and Valkey's own ports, not 5432 and 6379", () => {
      const server = resourcesOf(workload, 'kubernetes_network_policy_v1').find((p) => p.metadata.name === 'mockforge-server')!;
      const ports = (server.spec.egress as Body[]).flatMap((e) => (e.ports as Body[]).map((p) => p.port));
      expect(ports).not.toContain('5432');
      expect(ports).not.toContain('6379');
      expect(ports.filter((p) => /database_connection_pool\w+port\}$/.test(p))).toHaveLength(1);
      expect(ports.filter((p) => /cache_cluster\w+port\}$/.test(p))).toHaveLength(1);
    });
  });
});

describe('DigitalOcean on DOKS with a Prometheus Operator in the cluster', () => {
  it("emits the workload's ServiceMonitor and PrometheusRule with kubernetes.prometheusOperator", () => {
    const base = synthTier('staging', { compute: { digitalocean: 'doks' } });
    const withOperator = synthTier('staging', { compute: { digitalocean: 'doks' } }, { kubernetes: { prometheusOperator: true } });
    const kinds = (t: typeof base) =>
      resourcesOf(t.json['staging-digitalocean-nyc3-workload'], 'kubernetes_manifest').map((m) => m.manifest.kind);
    expect(kinds(base)).toEqual(['Route']);
    expect(kinds(withOperator).sort()).toEqual(['PrometheusRule', 'Route', 'ServiceMonitor']);
  });
});

describe('DigitalOcean on DOKS in dev', () => {
  const dev = synthTier('dev', { compute: { digitalocean: 'doks' } });
  const regional = dev.json['dev-digitalocean-nyc3']!;
  const workload = dev.json['dev-digitalocean-nyc3-workload']!;

  it('runs no managed PostgreSQL or Valkey, so neither the Secret nor the pods name DATABASE_URL or REDIS_URL', () => {
    for (const type of ['digitalocean_database_cluster', 'digitalocean_database_connection_pool', 'digitalocean_database_firewall'])
      expect(resourcesOf(regional, type)).toEqual([]);
    const secret = only(workload, 'kubernetes_secret_v1');
    expect(Object.keys(secret.data).sort()).toEqual(['MOCKFORGE_ADMIN_JWT_SECRET', 'MOCKFORGE_ADMIN_PASSWORD', 'MOCKFORGE_ADMIN_USERNAME']);
    const container = only(workload, 'kubernetes_deployment_v1').spec.template.spec.container[0];
    const fromSecret = (container.env as Body[]).filter((e) => e.value_from?.secret_key_ref).map((e) => e.name);
    expect(fromSecret).not.toContain('DATABASE_URL');
    expect(fromSecret).not.toContain('REDIS_URL');
    expect(fromSecret).toHaveLength(3);
  });

  it('opens the nodes to no data port, and alerts on the nodes and the load balancer only', () => {
    const firewall = only(regional, 'digitalocean_firewall');
    expect((firewall.outbound_rule as Body[]).filter((r) => /port/.test(String(r.port_range)))).toEqual([]);
    expect(
      resourcesOf(regional, 'digitalocean_monitor_alert')
        .map((a) => a.type)
        .sort(),
    ).toEqual([
      'v1/insights/droplet/cpu',
      'v1/insights/droplet/memory_utilization_percent',
      'v1/insights/lbaas/high_http_request_response_time_95p',
      'v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx',
      'v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx',
    ]);
    expect(dev.policy.findings.filter((f) => f.severity === 'error' && !f.suppressedBecause)).toEqual([]);
  });
});
