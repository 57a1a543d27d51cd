import { Testing } from 'cdktf';
import { MockforgeStack, standardTags, type TargetContext } from '@mockforge-infra/core';
import { GkeBackupPlan } from './backup/gke-backup-plan';
import { GkeCluster } from './compute/gke-cluster';
import { AvailabilityMonitoring } from './monitoring/availability-monitoring';
import { CloudSqlPostgres } from './database/cloud-sql-postgres';
import { GlobalLoadBalancer } from './load-balancing/global-load-balancer';
import { GcpSecretStore } from './secrets/secret-store';
import { gcpTarget } from './target';
import { gcpContext, noPolicy, resourcesOf, synthesizedJson, synthJson } from './testing/fixtures';
import { PublicDnsZone } from './traffic/public-dns-zone';

type Json = Record<string, any>;

/** Label maps kept in a nested block; other types keep theirs in a top-level attribute their class exposes. */
const NESTED_LABELS: Readonly<Record<string, string>> = {
  google_sql_database_instance: 'settings.user_labels',
  google_container_node_pool: 'node_config.resource_labels',
};

/** A notification channel's `labels` are settings: a type with `user_labels` keeps its resource labels there. */
const TOP_LEVEL_LABELS = [
  ['userLabelsInput', 'user_labels'],
  ['resourceLabelsInput', 'resource_labels'],
  ['labelsInput', 'labels'],
] as const;

/** Where a Google resource type keeps its labels, read from its provider class; undefined when it takes none. */
async function labelPath(type: string): Promise<string | undefined> {
  if (!type.startsWith('google_')) return undefined;
  if (NESTED_LABELS[type]) return NESTED_LABELS[type];
  const lib = (await import(`@cdktf/provider-google/lib/${type.replace(/^google_/, '').replace(/_/g, '-')}`)) as Record<string, any>;
  const resourceClass = Object.values(lib).find((value) => value?.tfResourceType === type);
  return TOP_LEVEL_LABELS.find(([getter]) => getter in resourceClass.prototype)?.[1];
}

const at = (body: Json, path: string): unknown => path.split('.').reduce<any>((value, key) => value?.[key], body);

describe('standard labels', () => {
  // Hybrid on Cloud Run emits every resource type of the package: Cloud SQL (primary and replicas), GKE and its
  // backup plan, Cloud Run, Memorystore, monitoring with an email channel, the global edge and the bucket.
  const app = Testing.app();
  const stacks = gcpTarget.addStacks(app, gcpContext('production', { topology: 'hybrid' }), noPolicy());
  app.synth();
  const resources = stacks.flatMap((stack) =>
    Object.entries(synthesizedJson(stack).resource).flatMap(([type, byName]) =>
      Object.values(byName).map((body) => ({ stack, type, body })),
    ),
  );

  it('reach every resource that takes labels, wherever its type keeps them', async () => {
    const paths = new Map(
      await Promise.all([...new Set(resources.map((r) => r.type))].map(async (type) => [type, await labelPath(type)] as const)),
    );
    const labelled = resources.flatMap(({ stack, type, body }) => {
      const path = paths.get(type);
      return path ? [{ stack, type, labels: at(body, path) }] : [];
    });
    expect([...new Set(labelled.map((r) => r.type))]).toEqual(
      expect.arrayContaining([
        'google_sql_database_instance',
        'google_container_cluster',
        'google_container_node_pool',
        'google_monitoring_alert_policy',
        'google_monitoring_uptime_check_config',
        'google_monitoring_notification_channel',
        'google_gke_backup_backup_plan',
      ]),
    );
    const missing = labelled.filter(({ stack, labels }) => {
      const standard = standardTags(stack.tier, 'gcp', stack.region);
      return !labels || Object.entries(standard).some(([key, value]) => (labels as Json)[key] !== value);
    });
    expect(missing.map(({ stack, type }) => `${stack.node.id}/${type}`)).toEqual([]);
  });
});

describe('common props', () => {
  const context = gcpContext('production');
  const region = context.topology.primaryRegion;
  const tags = { team: 'mocks', 'managed-by': 'platform' };
  const expected = { ...standardTags('production', 'gcp', region), ...tags };

  function synth(build: (scope: MockforgeStack, context: TargetContext) => void) {
    const stack = new MockforgeStack(Testing.app(), { tier: context.tier, cloud: 'gcp', region, backend: context.backend });
    build(stack, context);
    return synthJson(stack);
  }
  const one = (json: Json, type: string, name: string) => (resourcesOf(json as any, type) as Json[]).find((r) => r.name === name)!;

  it('GcpSecretStore labels and overrides every secret', () => {
    const json = synth(
      (scope) => new GcpSecretStore(scope, 'secrets', { context, region, tags, overrides: { annotations: { owner: 'mocks' } } }),
    );
    const secrets = resourcesOf(json, 'google_secret_manager_secret') as Json[];
    expect(secrets).toHaveLength(context.service.secretKeys.length);
    for (const secret of secrets) expect(secret).toMatchObject({ labels: expected, annotations: { owner: 'mocks' } });
  });

  it('GlobalLoadBalancer labels its address and forwarding rules and overrides its URL map', () => {
    const json = synth(
      (scope) =>
        new GlobalLoadBalancer(scope, 'edge', {
          context,
          project: 'mockforge-example',
          endpointGroupIds: ['projects/mockforge-example/regions/us-central1/networkEndpointGroups/mockforge'],
          tags,
          overrides: { description: 'Overridden' },
        }),
    );
    const forwarding = resourcesOf(json, 'google_compute_global_forwarding_rule') as Json[];
    for (const resource of [...forwarding, ...resourcesOf(json, 'google_compute_global_address')])
      expect(resource.labels).toEqual(expected);
    expect(forwarding).toHaveLength(2);
    expect(one(json, 'google_compute_url_map', 'mockforge-production-edge').description).toBe('Overridden');
    expect(one(json, 'google_compute_url_map', 'mockforge-production-edge-redirect').description).toBe('HTTP to HTTPS');
  });

  it('PublicDnsZone, GkeBackupPlan and GkeCluster take tags and overrides on their main resource', () => {
    const overrides = { description: 'Overridden' };
    const json = synth((scope) => {
      new PublicDnsZone(scope, 'dns', { name: 'mockforge', domain: context.hostname, address: '203.0.113.10', tags, overrides });
      new GkeBackupPlan(scope, 'backup', { context, region, clusterId: 'projects/p/locations/us-central1/clusters/c', tags, overrides });
      new GkeCluster(scope, 'gke', {
        context,
        project: 'mockforge-example',
        region,
        networkId: 'network',
        subnetId: 'subnet',
        controlPlaneCidr: '10.52.224.0/28',
        tags,
        overrides,
      });
    });
    const [zone, plan, cluster] = ['google_dns_managed_zone', 'google_gke_backup_backup_plan', 'google_container_cluster'].map(
      (type) => resourcesOf(json, type)[0] as Json,
    );
    expect(zone).toMatchObject({ labels: expected, description: 'Overridden' });
    expect(plan).toMatchObject({ labels: expected, description: 'Overridden' });
    expect(cluster).toMatchObject({ resource_labels: expected, description: 'Overridden' });
    expect((resourcesOf(json, 'google_container_node_pool')[0] as Json).node_config.resource_labels).toEqual(expected);
  });

  it('CloudSqlPostgres keeps the standard labels and its own tags in settings.user_labels, its own winning', () => {
    const json = synth(
      (scope) =>
        new CloudSqlPostgres(scope, 'database', {
          context,
          region,
          name: 'mockforge-production-us-central1',
          networkId: 'network',
          connectionSecret: { id: 'database-url', name: 'database-url' },
          iamServiceAccountEmail: 'run@mockforge-example.iam.gserviceaccount.com',
          tags,
          overrides: { 'settings.activation_policy': 'ALWAYS' },
        }),
    );
    const instance = resourcesOf(json, 'google_sql_database_instance')[0] as Json;
    expect(instance.settings).toMatchObject({ user_labels: expected, activation_policy: 'ALWAYS' });
    expect(instance.labels).toBeUndefined();
  });

  it("AvailabilityMonitoring labels its check, alert and channel in user_labels with the stack's region", () => {
    const json = synth(
      (scope) => new AvailabilityMonitoring(scope, 'availability', { context, project: 'mockforge-example', host: context.hostname, tags }),
    );
    const [check, alert, channel] = [
      'google_monitoring_uptime_check_config',
      'google_monitoring_alert_policy',
      'google_monitoring_notification_channel',
    ].map((type) => resourcesOf(json, type)[0] as Json);
    for (const resource of [check, alert, channel]) expect(resource.user_labels).toEqual(expected);
    expect(channel.labels).toEqual({ email_address: context.monitoring.notificationEmail });
  });
});
