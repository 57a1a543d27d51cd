import { Testing } from 'cdktf';
import { BACKUPS, DATABASE_BACKUP_WINDOW, MAINTENANCE_WINDOW, PolicyEngine } from '@mockforge-infra/core';
import { appSynthJson, gcpContext, noPolicy, resourcesOf, synthJson } from '../testing/fixtures';
import { SCALE_TO_ZERO_REASON } from '../compute/cloud-run-service';
import { GKE_CONSTRUCTS } from '../stacks/gke';
import { GcpRegionalStack } from '../stacks/regional-stack';
import { gcpRules } from '../rules';

function stacks(tier: 'dev' | 'staging' | 'production') {
  const context = gcpContext(tier);
  const app = Testing.app();
  const primary = new GcpRegionalStack(app, { context, region: context.topology.regions[0]!, policy: noPolicy() });
  const secondary = context.topology.regions[1]
    ? new GcpRegionalStack(app, { context, region: context.topology.regions[1], policy: noPolicy(), primary })
    : undefined;
  return { primary, secondary };
}

const sqlOf = (stack: GcpRegionalStack) => resourcesOf(synthJson(stack), 'google_sql_database_instance')[0] as any;

describe('Cloud SQL for PostgreSQL', () => {
  const production = stacks('production');
  const sql = sqlOf(production.primary);

  it('is regional, private, TLS-only and on the newest PostgreSQL', () => {
    expect(sql.settings.availability_type).toBe('REGIONAL');
    expect(sql.settings.ip_configuration).toMatchObject({ ipv4_enabled: false, ssl_mode: 'ENCRYPTED_ONLY' });
    expect(sql.database_version).toBe('POSTGRES_18');
    expect(sql.root_password).toBeUndefined();
  });

  it('backs up at 02:00, keeps 30 in production, elsewhere, with point-in-time recovery', () => {
    const backups = sql.settings.backup_configuration;
    expect(backups.start_time).toBe(`0${DATABASE_BACKUP_WINDOW.startHourUtc}:00`);
    expect(backups.start_time).toBe('02:00');
    expect(backups.backup_retention_settings.retained_backups).toBe(BACKUPS.database.retentionDays);
    expect(backups.backup_retention_settings.retained_backups).toBe(30);
    expect(backups.point_in_time_recovery_enabled).toBe(true);
    expect(backups.location).toBe('europe-west1');
  });

  it('keeps maintenance on Sunday after the backup window', () => {
    expect(sql.settings.maintenance_window).toMatchObject({ day: 7, hour: MAINTENANCE_WINDOW.startHourUtc });
  });

  it('sets the logging flags and IAM authentication', () => {
    const flags = Object.fromEntries(sql.settings.database_flags.map((f: any) => [f.name, f.value]));
    expect(flags).toMatchObject({
      log_checkpoints: 'on',
      log_connections: 'on',
      log_disconnections: 'on',
      log_lock_waits: 'on',
      log_temp_files: '0',
      'cloudsql.enable_pgaudit': 'on',
      'cloudsql.iam_authentication': 'on',
    });
    // The service account's IAM login, beside the app's generated built-in user (secrets/generated-credentials.ts).
    const users = resourcesOf(synthJson(production.primary), 'google_sql_user') as any[];
    expect(users.map((u) => u.type).sort()).toEqual(['BUILT_IN', 'CLOUD_IAM_SERVICE_ACCOUNT']);
    expect(users.find((u) => u.type === 'CLOUD_IAM_SERVICE_ACCOUNT').password).toBeUndefined();
  });

  it('is protected from deletion and destroy in production', () => {
    expect(sql.deletion_protection).toBe(true);
    expect(sql.settings.deletion_protection_enabled).toBe(true);
    expect(sql.lifecycle.prevent_destroy).toBe(true);
  });

  it('replicates to the second region as a read replica', () => {
    const replica = resourcesOf(appSynthJson(stacks('production').secondary!), 'google_sql_database_instance')[0] as any;
    expect(replica.master_instance_name).toContain('terraform_remote_state');
    expect(replica.region).toBe('europe-west1');
    expect(replica.settings.backup_configuration).toBeUndefined();
  });

  it('sets the maintenance window on the primary only: a read replica takes none, so it would plan again on every run', () => {
    const replica = resourcesOf(appSynthJson(stacks('production').secondary!), 'google_sql_database_instance')[0] as any;
    expect(sql.settings.maintenance_window).toEqual({ day: 7, hour: 4, update_track: 'stable' });
    expect(replica.master_instance_name).toContain('terraform_remote_state');
    expect(replica.settings.maintenance_window).toBeUndefined();
    expect(replica.lifecycle.ignore_changes).toContain('settings[0].maintenance_window');
    expect(sql.lifecycle.ignore_changes).not.toContain('settings[0].maintenance_window');
  });

  it('lets the disk grow without planning a replacement, on the primary and the replicas', () => {
    const replica = resourcesOf(appSynthJson(stacks('production').secondary!), 'google_sql_database_instance')[0] as any;
    const staging = sqlOf(stacks('staging').primary);
    for (const instance of [sql, replica, staging]) {
      expect(instance.settings).toMatchObject({ disk_autoresize: true, disk_size: expect.any(Number) });
    }
    expect(sql.lifecycle.ignore_changes).toEqual(['settings[0].disk_size']);
    expect(staging.lifecycle.ignore_changes).toEqual(['settings[0].disk_size']);
    expect(replica.lifecycle.ignore_changes).toEqual(['settings[0].disk_size', 'settings[0].maintenance_window']);
    expect(sql.lifecycle.prevent_destroy).toBe(true);
    expect(replica.lifecycle.prevent_destroy).toBe(true);
    expect(staging.lifecycle.prevent_destroy).toBe(true);
  });

  it('runs single-zone on a shared core in staging, its HA check suppressed with the zonal-data reason', () => {
    const policy = new PolicyEngine(gcpRules, { failOnError: false });
    const context = gcpContext('staging');
    const stack = new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy });
    const staging = resourcesOf(appSynthJson(stack), 'google_sql_database_instance')[0] as any;
    expect(staging.settings.availability_type).toBe('ZONAL');
    // Shared core: private IP, IAM auth and PITR as on the dedicated tiers; no SLA.
    expect(staging.settings.tier).toBe('db-f1-micro');
    expect(staging.settings.edition).toBe('ENTERPRISE');
    expect(staging.settings.ip_configuration.ipv4_enabled).toBe(false);
    expect(staging.settings.backup_configuration.point_in_time_recovery_enabled).toBe(true);
    expect(staging.settings.database_flags).toContainEqual({ name: 'cloudsql.iam_authentication', value: 'on' });
    expect(staging.deletion_protection).toBe(true);
    const zonal = context.profile.exemptions.find((e) => e.what === 'zonal-data')!.reason;
    expect(zonal).toMatch(/^staging tier: single-zone PostgreSQL and Redis/);
    const suppressed = policy.findings.filter((f) => f.suppressedBecause).map((f) => [f.ruleId, f.suppressedBecause]);
    expect(suppressed.filter(([id]) => id === 'MF_GCP_9' || id === 'MF_GCP_12')).toEqual([
      ['MF_GCP_9', zonal],
      ['MF_GCP_12', zonal],
    ]);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('takes a dedicated core again when staging restores zone redundancy (the SLA covers only that)', () => {
    const context = gcpContext('staging', { zoneRedundantData: true });
    const stack = new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy: noPolicy() });
    const staging = sqlOf(stack);
    expect([staging.settings.availability_type, staging.settings.tier]).toEqual(['REGIONAL', 'db-custom-1-3840']);
  });

  it('is absent in dev, whose only other suppressions are scale to zero and public egress', () => {
    const policy = new PolicyEngine(gcpRules, { failOnError: false });
    const context = gcpContext('dev');
    const stack = new GcpRegionalStack(Testing.app(), { context, region: context.topology.primaryRegion, policy });
    expect(resourcesOf(appSynthJson(stack), 'google_sql_database_instance')).toEqual([]);
    const suppressed = policy.findings
      .filter((f) => f.suppressedBecause)
      .map((f) => f.ruleId)
      .sort();
    expect(suppressed).toEqual(['GCP-0035', 'MF_GCP_3']);
    expect(policy.findings.find((f) => f.ruleId === 'MF_GCP_3')?.suppressedBecause).toBe(SCALE_TO_ZERO_REASON);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('Memorystore for Redis', () => {
  const redisOf = (tier: 'dev' | 'production') => resourcesOf(synthJson(stacks(tier).primary), 'google_redis_instance')[0] as any;

  it('is STANDARD_HA in production with AUTH, TLS, RDB and a maintenance window', () => {
    expect(redisOf('production')).toMatchObject({
      tier: 'STANDARD_HA',
      auth_enabled: true,
      transit_encryption_mode: 'SERVER_AUTHENTICATION',
      connect_mode: 'PRIVATE_SERVICE_ACCESS',
      persistence_config: { persistence_mode: 'RDB', rdb_snapshot_period: 'SIX_HOURS' },
      maintenance_policy: { weekly_maintenance_window: [{ day: 'SUNDAY', start_time: { hours: 4, minutes: 0 } }] },
    });
  });

  it('is absent in dev on Cloud Run, where MockForge keeps its state in memory', () => {
    expect(redisOf('dev')).toBeUndefined();
  });

  it('is BASIC in dev on GKE (the workload NetworkPolicy names a Redis peer), still private and encrypted', () => {
    const context = gcpContext('dev', { compute: { gcp: 'gke' } });
    const stack = new GcpRegionalStack(Testing.app(), {
      context,
      region: context.topology.primaryRegion,
      policy: noPolicy(),
      gke: GKE_CONSTRUCTS,
    });
    expect(resourcesOf(synthJson(stack), 'google_redis_instance')).toEqual([
      expect.objectContaining({ tier: 'BASIC', auth_enabled: true, transit_encryption_mode: 'SERVER_AUTHENTICATION' }),
    ]);
  });
});
