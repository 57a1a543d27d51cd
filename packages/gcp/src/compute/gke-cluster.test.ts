import { App, Testing } from 'cdktf';
import { BACKUPS, HA_MINIMUMS, INTERNAL_CIDR, PolicyEngine } from '@mockforge-infra/core';
import { appSynthJson, gcpContext, noPolicy, resourcesOf, synthJson } from '../testing/fixtures';
import { GKE_CONSTRUCTS } from '../stacks/gke';
import { GcpRegionalStack } from '../stacks/regional-stack';
import { gcpTarget } from '../target';

function regional(changes: Parameters<typeof gcpContext>[1], configChanges: Parameters<typeof gcpContext>[2] = {}) {
  const context = gcpContext('production', changes, configChanges);
  return synthJson(
    new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy: noPolicy(), gke: GKE_CONSTRUCTS }),
  );
}

describe('GKE compute', () => {
  const json = regional({ compute: { gcp: 'gke' } });
  const cluster = resourcesOf(json, 'google_container_cluster')[0] as any;
  const pool = resourcesOf(json, 'google_container_node_pool')[0] as any;

  it('replaces Cloud Run with a regional, private cluster', () => {
    expect(resourcesOf(json, 'google_cloud_run_v2_service')).toHaveLength(0);
    expect(cluster.location).toBe('us-central1');
    expect(cluster.private_cluster_config).toMatchObject({
      enable_private_nodes: true,
      enable_private_endpoint: true,
      master_ipv4_cidr_block: '10.52.224.0/28',
    });
    expect(cluster.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: INTERNAL_CIDR, display_name: 'authorized' }]);
  });

  it('leaves node settings to the managed pool: the cluster ignores the node_config GKE reports back', () => {
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(cluster.lifecycle).toEqual({ ignore_changes: ['node_config'], prevent_destroy: true });
  });

  it('turns on Workload Identity, shielded nodes, Dataplane V2, Binary Authorization and a release channel', () => {
    expect(cluster).toMatchObject({
      workload_identity_config: { workload_pool: 'mockforge-example.svc.id.goog' },
      enable_shielded_nodes: true,
      datapath_provider: 'ADVANCED_DATAPATH',
      binary_authorization: { evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
      release_channel: { channel: 'REGULAR' },
      enable_intranode_visibility: true,
      enable_legacy_abac: false,
      deletion_protection: true,
    });
  });

  it('autoscales one node pool with auto repair/upgrade, secure boot and a dedicated service account', () => {
    expect(pool.management).toEqual({ auto_repair: true, auto_upgrade: true });
    expect(pool.node_config.shielded_instance_config.enable_secure_boot).toBe(true);
    expect(pool.node_config.workload_metadata_config.mode).toBe('GKE_METADATA');
    expect(pool.node_config.service_account).toContain('google_service_account');
  });

  it('names the node zones, where the standalone NEGs are, on the cluster and the pool', () => {
    expect(cluster.node_locations).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    expect(pool.node_locations).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    const europe = gcpContext('production', { compute: { gcp: 'gke' } });
    const app = Testing.app();
    const primary = new GcpRegionalStack(app, { context: europe, region: 'us-central1', policy: noPolicy(), gke: GKE_CONSTRUCTS });
    const west = new GcpRegionalStack(app, { context: europe, region: 'europe-west1', primary, policy: noPolicy(), gke: GKE_CONSTRUCTS });
    // europe-west1 has no zone -a.
    expect((resourcesOf(appSynthJson(west), 'google_container_node_pool')[0] as any).node_locations).toEqual([
      'europe-west1-b',
      'europe-west1-c',
      'europe-west1-d',
    ]);
  });

  it('lets Google front ends and health checks reach the pod port on the nodes (the network firewall)', () => {
    const rule = (resourcesOf(json, 'google_compute_firewall') as any[]).find((r) => r.name === 'mockforge-production-allow-load-balancer');
    expect(rule).toMatchObject({ direction: 'INGRESS', source_ranges: ['130.211.0.0/22', '35.191.0.0/16'] });
    expect(rule.allow[0].ports).toContain('3000');
    expect(rule.target_tags).toBeUndefined();
  });

  it('opens the DNS-based endpoint to IAM-authenticated callers anywhere and keeps the IP endpoint private', () => {
    expect(cluster.control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: true } });
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(true);
    const policy = new PolicyEngine(gcpTarget.rules, { failOnError: false });
    const context = gcpContext('production', { compute: { gcp: 'gke' } });
    synthJson(new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy, gke: GKE_CONSTRUCTS }));
    const onCluster = policy.findings.filter((f) => f.address.startsWith('google_container_cluster.'));
    expect(policy.registeredRules.map((r) => r.id)).toEqual(expect.arrayContaining(['CKV_GCP_18', 'CKV_GCP_20', 'CKV_GCP_25']));
    expect(onCluster).toEqual([]);
  });

  it('opens the control plane to configured CIDRs only', () => {
    const configured = resourcesOf(
      regional({ compute: { gcp: 'gke' } }, { gcp: { project: 'mockforge-example', gkeMasterAuthorizedCidrs: ['203.0.113.0/24'] } }),
      'google_container_cluster',
    )[0] as any;
    expect(configured.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(configured.master_authorized_networks_config.cidr_blocks).toEqual([
      { cidr_block: '203.0.113.0/24', display_name: 'authorized' },
    ]);
  });
});

describe('GKE node pool sizing', () => {
  const poolOf = (changes: Parameters<typeof gcpContext>[1]) => resourcesOf(regional(changes), 'google_container_node_pool')[0] as any;

  it('production large hybrid: n2-standard-8 holds one 7200m pod; 20 nodes for 10 + 10 pods, 45 for 20 + 20 + 5 surge', () => {
    const large = poolOf({ compute: { gcp: 'gke' }, size: 'large', topology: 'hybrid' });
    expect(large.node_config.machine_type).toBe('n2-standard-8');
    expect(large.autoscaling).toEqual({ total_min_node_count: 20, total_max_node_count: 45, location_policy: 'BALANCED' });
    expect(large.node_config.labels).toEqual({
      'sizing.mockforge.dev/pod-cpu-millis': '7200',
      'sizing.mockforge.dev/pod-memory-mib': '8192',
      'sizing.mockforge.dev/max-pods': '45',
    });
  });

  it('starts with room for the minimum pods: initial_node_count is per zone, and the autoscaler owns it afterwards', () => {
    const large = poolOf({ compute: { gcp: 'gke' }, size: 'large', topology: 'hybrid' });
    expect(large.initial_node_count).toBe(7); // 7 × 3 zones ≥ 20
    expect(large.lifecycle).toEqual({ ignore_changes: ['initial_node_count'] });
    const small = poolOf({ compute: { gcp: 'gke' } });
    expect(small.initial_node_count).toBe(1);
    expect(small.autoscaling.total_min_node_count).toBe(HA_MINIMUMS.production.instancesPerRegion);
  });

  it('the size changes the machine: medium needs n2-standard-8 (3600m does not fit n2-standard-4 after the reserve)', () => {
    expect(poolOf({ compute: { gcp: 'gke' }, size: 'medium' }).node_config.machine_type).toBe('n2-standard-8');
    expect(poolOf({ compute: { gcp: 'gke' }, size: 'small' }).node_config.machine_type).toBe('e2-standard-4');
  });
});

describe('hybrid topology', () => {
  const json = regional({ topology: 'hybrid' });

  it('runs GKE for the stateful pool beside Cloud Run', () => {
    expect(resourcesOf(json, 'google_cloud_run_v2_service')).toHaveLength(1);
    expect((resourcesOf(json, 'google_container_cluster')[0] as any).addons_config.gke_backup_agent_config).toEqual({ enabled: true });
  });

  it('backs the stateful pool up with Backup for GKE on the state schedule, locked in production', () => {
    expect(resourcesOf(json, 'google_gke_backup_backup_plan')[0]).toMatchObject({
      backup_schedule: { cron_schedule: BACKUPS.state.cron },
      retention_policy: { backup_retain_days: BACKUPS.state.retentionDays, backup_delete_lock_days: 7 },
      backup_config: { include_volume_data: true, selected_namespaces: { namespaces: ['mockforge'] } },
    });
  });

  it('adds a workload stack per cluster with a StatefulSet and no Ingress or NEG (Cloud Run serves), and passes every rule', () => {
    const app: App = Testing.app();
    const policy = new PolicyEngine(gcpTarget.rules, { failOnError: false });
    const stacks = gcpTarget.addStacks(app, gcpContext('production', { topology: 'hybrid' }), policy);
    expect(stacks.map((s) => s.node.id)).toEqual([
      'production-gcp-us-central1',
      'production-gcp-europe-west1',
      'production-gcp-asia-south1',
      'production-gcp-us-central1-workload',
      'production-gcp-europe-west1-workload',
      'production-gcp-asia-south1-workload',
      'production-gcp-global',
    ]);
    const workload = appSynthJson(stacks[3]!);
    expect(resourcesOf(workload, 'kubernetes_stateful_set_v1')).toHaveLength(1);
    expect(resourcesOf(workload, 'kubernetes_ingress_v1')).toEqual([]);
    // Cloud Run serves the stateless traffic: the Service asks for no NEG, and the global stack reads none.
    const service = resourcesOf(workload, 'kubernetes_service_v1').find((x: any) => x.metadata.name === 'mockforge') as any;
    expect(service.metadata.annotations).toBeUndefined();
    expect((appSynthJson(stacks[6]!) as any).data?.google_compute_network_endpoint_group).toBeUndefined();
    expect((workload as any).provider.kubernetes[0].exec).toEqual([
      { api_version: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin' },
    ]);
    expect(policy.blockingFindings).toEqual([]);
    expect(policy.findings.filter((f) => !f.suppressedBecause && f.severity === 'warning')).toEqual([]);
  });
});
