import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance, type SqlDatabaseInstanceSettings } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Fn, type ITerraformDependable } from 'cdktf';
import {
  type CommonProps,
  PolicyEngine,
  type PostgresDatabase,
  type SecretReference,
  suppressExempted,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { CLOUD_SQL, GCP_SIZES } from '../sizing';
import { secondLocation } from './backup-location';

/** The flags the policy reference asks for, plus IAM database authentication. */
export const POSTGRES_FLAGS: Readonly<Record<string, string>> = {
  log_checkpoints: 'on',
  log_connections: 'on',
  log_disconnections: 'on',
  log_lock_waits: 'on',
  log_temp_files: '0',
  'cloudsql.enable_pgaudit': 'on',
  'cloudsql.iam_authentication': 'on',
};

export const SSL_MODE_REASON =
  'ssl_mode ENCRYPTED_ONLY: every connection is TLS, and clients authenticate with IAM database authentication instead of client certificates; Trivy GCP-0015 accepts it, Checkov CKV_GCP_6 only accepts TRUSTED_CLIENT_CERTIFICATE_REQUIRED';

/** `settings.disk_size` in `ignore_changes`: `settings` is a list block, so its one element is `[0]`. */
export const DISK_SIZE_PATH = 'settings[0].disk_size';

/** `settings.maintenance_window`, in a replica's `ignore_changes`. */
export const REPLICA_MAINTENANCE_PATH = 'settings[0].maintenance_window';

const DAY_NUMBER: Readonly<Record<string, number>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

export interface CloudSqlPostgresProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly name: string;
  /** The VPC whose Private Service Access range gives the private IP. */
  readonly networkId: string;
  /** Where DATABASE_URL is kept. */
  readonly connectionSecret: SecretReference;
  /** Service account email that logs in with IAM database authentication. */
  readonly iamServiceAccountEmail: string;
  /** Makes this a cross-region read replica of that primary instance (name). */
  readonly replicaOf?: string;
  /** Resources that must exist first (the Private Service Access connection). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Cloud SQL for PostgreSQL: private IP only, TLS enforced, IAM login, regional HA, daily backups at
 * the seed's hour kept in a second location, point-in-time recovery, logging flags, protection.
 */
export class CloudSqlPostgres extends Construct implements PostgresDatabase {
  readonly instance: SqlDatabaseInstance;
  readonly endpoint: string;
  readonly port: number;
  readonly connectionSecret: SecretReference;

  constructor(scope: Construct, id: string, props: CloudSqlPostgresProps) {
    super(scope, id);
    const { context, region } = props;
    const db = context.database;
    const size = GCP_SIZES[context.profile.size];
    const settings: SqlDatabaseInstanceSettings = {
      tier: (db.highlyAvailable && size.sqlTierHighlyAvailable) || size.sqlTier,
      edition: CLOUD_SQL.edition,
      availabilityType: db.highlyAvailable ? 'REGIONAL' : 'ZONAL',
      diskType: CLOUD_SQL.diskType,
      diskSize: size.sqlDiskGb,
      diskAutoresize: true,
      deletionProtectionEnabled: db.deletionProtection,
      ipConfiguration: {
        ipv4Enabled: false,
        privateNetwork: props.networkId,
        sslMode: CLOUD_SQL.sslMode,
        enablePrivatePathForGoogleCloudServices: true,
      },
      databaseFlags: Object.entries(POSTGRES_FLAGS).map(([name, value]) => ({ name, value })),
      insightsConfig: { queryInsightsEnabled: true },
      // Cloud SQL takes no maintenance window on a read replica: the provider would send it and then
      // plan it again on every run, so only the primary sets one (as Google's own SQL module does).
      ...(props.replicaOf
        ? {}
        : {
            maintenanceWindow: {
              day: DAY_NUMBER[db.maintenanceWindow.day],
              hour: db.maintenanceWindow.startHourUtc,
              updateTrack: CLOUD_SQL.updateTrack,
            },
            backupConfiguration: {
              enabled: true,
              startTime: `${String(db.backupWindow.startHourUtc).padStart(2, '0')}:00`,
              location: secondLocation(context.topology, region),
              pointInTimeRecoveryEnabled: db.pointInTimeRecovery,
              transactionLogRetentionDays: CLOUD_SQL.transactionLogRetentionDays,
              backupRetentionSettings: { retainedBackups: db.backupRetentionDays, retentionUnit: 'COUNT' },
            },
          }),
    };
    this.instance = new SqlDatabaseInstance(this, 'instance', {
      name: props.name,
      region,
      databaseVersion: CLOUD_SQL.databaseVersion,
      deletionProtection: db.deletionProtection,
      settings,
      ...(props.replicaOf ? { masterInstanceName: props.replicaOf, replicaConfiguration: { failoverTarget: false } } : {}),
      // Autoresize grows the disk past the configured size, and a smaller configured size plans a replacement.
      // A replica sets no maintenance window, so it ignores whatever the API reports for one.
      lifecycle: { ignoreChanges: props.replicaOf ? [DISK_SIZE_PATH, REPLICA_MAINTENANCE_PATH] : [DISK_SIZE_PATH] },
      dependsOn: props.dependsOn,
    });
    PolicyEngine.suppress(this.instance, 'CKV_GCP_6', SSL_MODE_REASON);
    suppressExempted(this.instance, context.profile, 'zonal-data', ['MF_GCP_9']);
    suppressExempted(this.instance, context.profile, 'deletion-protection', ['MF_GCP_10']);

    if (!props.replicaOf)
      new SqlDatabase(this, 'database', { instance: this.instance.name, name: db.databaseName, deletionPolicy: 'ABANDON' });
    // Users live on the primary and replicate; each region's service account logs in with IAM.
    new SqlUser(this, 'iam-user', {
      instance: props.replicaOf ?? this.instance.name,
      // Cloud SQL names service-account users by the email without `.gserviceaccount.com`.
      name: Fn.trimsuffix(props.iamServiceAccountEmail, '.gserviceaccount.com'),
      type: 'CLOUD_IAM_SERVICE_ACCOUNT',
    });
    applyCommonProps(this, this.instance, props);
    this.endpoint = this.instance.privateIpAddress;
    this.port = db.port;
    this.connectionSecret = props.connectionSecret;
  }
}
