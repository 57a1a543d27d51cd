import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { PolicyEngine, type CommonProps, type DatabaseSpec, type PostgresDatabase, type SecretReference } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { InitialSecretValue } from '../secrets/initial-secret-value';
import { ServiceRole } from '../shared/iam';
import { AWS_PLATFORM } from '../sizing';
import { databaseWindows, type DatabaseWindows } from './windows';

export interface PostgresInstanceProps extends CommonProps {
  /** DB identifier and name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** Prefix for account-wide IAM names. */
  readonly globalName: string;
  readonly spec: DatabaseSpec;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly kmsKeyArn: string;
  /** The DATABASE_URL secret the app reads. */
  readonly connectionSecret: SecretReference;
  /**
   * The master password of a primary (a reference to the tier's generated credentials, never a
   * literal). The secret's first version is then the master user's URL on this instance.
   */
  readonly masterPassword?: string;
  /**
   * A read replica's first version (a `${data...}` reference): its region connects to the primary's
   * writer, so it gets the primary's URL.
   */
  readonly connectionUrl?: string;
  /**
   * Makes this a cross-region read replica of the primary's ARN. Replicas inherit engine,
   * credentials and database name, and are promoted during a regional failover.
   * @default a primary
   */
  readonly replicaOf?: string;
  /** Tier exemptions for single-AZ and no deletion protection (dev). */
  readonly exemptions?: { readonly multiAz?: string; readonly deletionProtection?: string };
}

export const MASTER_USERNAME = 'mockforge_admin';

/**
 * RDS for PostgreSQL: private, encrypted with the stack's key, TLS forced, IAM auth, backups in the
 * seed's window with PITR, Performance Insights, enhanced monitoring, log exports, and protection
 * against deletion. MockForge reads a static DATABASE_URL, which can carry neither an IAM token (15
 * minutes) nor an RDS-managed master password (RDS rotates it), and creating an application role
 * needs SQL, which no provider here runs: so the master password is Terraform's generated one and
 * the URL names the master user, over TLS (`sslmode=require`).
 * `tags` and `overrides` apply to the instance (`aws_db_instance`).
 */
export class PostgresInstance extends Construct implements PostgresDatabase {
  readonly instance: DbInstance;
  readonly endpoint: string;
  readonly port: number;
  readonly connectionSecret: SecretReference;
  readonly identifier: string;
  readonly arn: string;
  /** The RDS windows and the AWS Backup schedule that stays clear of them. */
  readonly windows: DatabaseWindows;
  /** The first DATABASE_URL version: the master user's URL on a primary, the primary's URL on a replica. */
  readonly connectionUrl: InitialSecretValue;

  constructor(scope: Construct, id: string, props: PostgresInstanceProps) {
    super(scope, id);
    const spec = props.spec;
    const windows = databaseWindows(spec.backupWindow, spec.maintenanceWindow);
    this.windows = windows;
    const { partition } = accountOf(this);
    const subnets = new DbSubnetGroup(this, 'subnets', {
      name: props.name,
      subnetIds: [...props.subnetIds],
      description: 'MockForge data subnets',
    });
    const parameters = new DbParameterGroup(this, 'parameters', {
      name: `${props.name}-${AWS_PLATFORM.postgresParameterFamily}`,
      family: AWS_PLATFORM.postgresParameterFamily,
      description: 'MockForge PostgreSQL: TLS only, connection logging',
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
        { name: 'log_connections', value: '1' },
        { name: 'log_disconnections', value: '1' },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    const monitoring = new ServiceRole(this, 'monitoring_role', {
      name: `${props.globalName}-rds-monitoring`,
      services: ['monitoring.rds.amazonaws.com'],
      managedPolicyArns: [`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`],
    });

    const replica = props.replicaOf !== undefined;
    if (replica ? props.connectionUrl === undefined : props.masterPassword === undefined) {
      throw new Error(`${this.node.path}: a primary needs masterPassword, a replica connectionUrl`);
    }
    this.instance = new DbInstance(this, 'instance', {
      identifier: props.name,
      instanceClass: props.instanceClass,
      ...(replica
        ? { replicateSourceDb: props.replicaOf }
        : {
            engine: 'postgres',
            engineVersion: AWS_PLATFORM.postgresEngineVersion,
            dbName: spec.databaseName,
            username: MASTER_USERNAME,
            // Not write-only (password_wo): that needs Terraform 1.11, and the value is in state anyway (the generated credentials, the URL's version).
            password: props.masterPassword,
            allocatedStorage: props.allocatedStorageGiB,
          }),
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      port: spec.port,
      multiAz: spec.highlyAvailable,
      publiclyAccessible: false,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      parameterGroupName: parameters.name,
      caCertIdentifier: AWS_PLATFORM.postgresCaCertificate,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: spec.backupRetentionDays,
      backupWindow: windows.backupWindow,
      maintenanceWindow: windows.maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: spec.deletionProtection,
      // Read replicas cannot take a final snapshot; the primary's backups cover them.
      skipFinalSnapshot: replica || !spec.deletionProtection,
      ...(spec.deletionProtection && !replica ? { finalSnapshotIdentifier: `${props.name}-final` } : {}),
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: AWS_PLATFORM.performanceInsightsRetentionDays,
      monitoringInterval: AWS_PLATFORM.dbMonitoringIntervalSeconds,
      monitoringRoleArn: monitoring.arn,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
    applyCommonProps(this.instance, props);
    if (!spec.highlyAvailable && props.exemptions?.multiAz) PolicyEngine.suppress(this.instance, 'CKV_AWS_157', props.exemptions.multiAz);
    if (!spec.deletionProtection && props.exemptions?.deletionProtection)
      PolicyEngine.suppress(this.instance, 'CKV_AWS_293', props.exemptions.deletionProtection);

    this.endpoint = this.instance.address;
    this.port = spec.port;
    this.connectionSecret = props.connectionSecret;
    const url = replica
      ? props.connectionUrl!
      : `postgres://${MASTER_USERNAME}:${props.masterPassword}@${this.instance.address}:${spec.port}/${spec.databaseName}?sslmode=require`;
    this.connectionUrl = new InitialSecretValue(this, 'connection_url', { secret: props.connectionSecret, value: url });
    this.identifier = this.instance.identifier;
    this.arn = this.instance.arn;
  }
}
