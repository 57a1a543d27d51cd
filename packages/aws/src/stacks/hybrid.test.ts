import { defaultConfig, PolicyEngine, targetContext, WRITABLE_PATHS, type MockforgeConfig } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { awsRules } from '../rules';
import { statefulRange } from '../compute/stateful-scaling';
import { AwsRegionalStack } from './regional-stack';

type Json = Record<string, any>;
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

function hybrid(tier: 'staging' | 'production'): MockforgeConfig {
  const config = defaultConfig(['aws']);
  return { ...config, tiers: { ...config.tiers, [tier]: { ...config.tiers[tier]!, topology: 'hybrid', regions: { aws: ['us-east-1'] } } } };
}

describe('hybrid topology on ECS', () => {
  const context = targetContext(hybrid('production'), 'production', 'aws');
  const policy = new PolicyEngine(awsRules, { failOnError: false });
  const json = JSON.parse(Testing.synth(new AwsRegionalStack(Testing.app(), { context, region: 'us-east-1', policy }), true)) as Json;
  const services = all(json, 'aws_ecs_service');
  const stateful = services.find((s) => s.name === 'mockforge-production-stateful')!;

  it('adds a second, stateful ECS service reached by a private name, not the load balancer', () => {
    expect(services).toHaveLength(2);
    expect(stateful.load_balancer).toBeUndefined();
    expect(stateful.service_registries.registry_arn).toMatch(/aws_service_discovery_service/);
  });

  it('creates the stateful service only after the cluster registers its capacity providers and every secret has its value', () => {
    expect(stateful.depends_on).toEqual([
      expect.stringMatching(/^aws_ecs_cluster_capacity_providers\.cluster_capacity_providers_\w+$/),
      ...[
        'mockforge_admin_jwt_secret',
        'mockforge_admin_username',
        'mockforge_admin_password',
        'database_connection_url',
        'cache_connection_url',
      ].map((name) => expect.stringMatching(new RegExp(`^aws_secretsmanager_secret_version\\.${name}_version_\\w+$`))),
    ]);
  });

  it('mounts /app/data from encrypted EFS through an access point with TLS', () => {
    const task = all(json, 'aws_ecs_task_definition').find((t) => t.family === 'mockforge-production-stateful')!;
    const volume = task.volume.find((v: Json) => v.name === 'data');
    expect(volume.efs_volume_configuration).toMatchObject({ transit_encryption: 'ENABLED', authorization_config: { iam: 'ENABLED' } });
    expect(JSON.parse(task.container_definitions)[0].mountPoints[0].containerPath).toBe(WRITABLE_PATHS.data);
    expect(all(json, 'aws_efs_file_system')[0]).toMatchObject({ encrypted: true, lifecycle: { prevent_destroy: true } });
    expect(all(json, 'aws_efs_mount_target')).toHaveLength(3);
    expect(all(json, 'aws_efs_access_point')[0].posix_user).toEqual({ uid: 1000, gid: 1000 });
  });

  it('scales the stateful pool on its own range', () => {
    const range = statefulRange(context.profile);
    expect(range).toEqual({ min: 2, max: 5 });
    const targets = all(json, 'aws_appautoscaling_target').map((t) => [t.min_capacity, t.max_capacity]);
    expect(targets).toContainEqual([2, 5]);
    expect(targets).toContainEqual([5, 50]);
  });

  it('backs the volume up every 6 hours for 7 days', () => {
    const state = all(json, 'aws_backup_plan').find((p) => p.name === 'mockforge-production-state')!;
    expect(state.rule[0]).toMatchObject({ schedule: 'cron(0 0/6 * * ? *)', lifecycle: { delete_after: 7 } });
  });

  it('opens NFS only from the app, and has no unsuppressed findings', () => {
    const nfs = all(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 2049);
    expect(nfs).toHaveLength(1);
    expect(nfs[0]!.referenced_security_group_id).toMatch(/security_groups_app/);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('statefulRange', () => {
  it('keeps one stateful task where the tier is exempt from HA', () => {
    expect(statefulRange(targetContext(defaultConfig(['aws']), 'dev', 'aws').profile)).toEqual({ min: 1, max: 1 });
    expect(statefulRange(targetContext(hybrid('staging'), 'staging', 'aws').profile)).toEqual({ min: 2, max: 2 });
  });
});
