import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import type { ITerraformDependable } from 'cdktf';
import { type CommonProps, PolicyEngine, suppressExempted, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { AZURE_SIZES, POSTGRES, postgresSku } from '../sizing';

/** Server parameters: TLS 1.2 and up only, and connection logging. */
export const POSTGRES_PARAMETERS: Readonly<Record<string, string>> = {
  require_secure_transport: 'on',
  ssl_min_protocol_version: POSTGRES.sslMinProtocol,
  log_connections: 'on',
  log_disconnections: 'on',
  log_checkpoints: 'on',
};

export const REPLICA_HA_REASON =
  'a cross-region read replica takes no zone-redundant HA; the primary region holds it and a replica is promoted on regional failure';

const DAY_OF_WEEK: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export interface PostgresFlexibleProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly name: string;
  readonly resourceGroupName: string;
  readonly delegatedSubnetId: string;
  readonly privateDnsZoneId: string;
  readonly tenantId: string;
  readonly administratorPassword: string;
  /** The workload identity, made the server's Entra ID administrator. */
  readonly entraAdministrator?: { readonly objectId: string; readonly name: string };
  /** Makes this a cross-region read replica of that server (id). */
  readonly replicaOf?: string;
  /** The private DNS zone's VNet link must exist first. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * PostgreSQL Flexible Server with private access in the delegated subnet: zone-redundant HA where
 * the tier is highly available, Entra ID authentication beside the administrator password (MockForge
 * reads a password DATABASE_URL), TLS 1.2+ required, backups kept 30 days and geo-redundant in
 * production. A replica carries only what the service takes on one: no HA, backup or login settings.
 */
export class PostgresFlexible extends Construct {
  readonly server: PostgresqlFlexibleServer;
  readonly endpoint: string;
  readonly port: number;

  constructor(scope: Construct, id: string, props: PostgresFlexibleProps) {
    super(scope, id);
    const { context, region } = props;
    const db = context.database;
    const size = AZURE_SIZES[context.profile.size];
    const zonal = db.highlyAvailable;
    const common = {
      name: props.name,
      location: region,
      resourceGroupName: props.resourceGroupName,
      version: POSTGRES.version,
      skuName: postgresSku(context.profile.size, db),
      storageMb: size.postgresStorageMb,
      autoGrowEnabled: true,
      delegatedSubnetId: props.delegatedSubnetId,
      privateDnsZoneId: props.privateDnsZoneId,
      publicNetworkAccessEnabled: false,
      dependsOn: props.dependsOn,
      // Azure places the primary (and moves it on failover); a recorded zone would plan a move back.
      // The password keeps its first value, like the DATABASE_URL written from it: a tier first applied
      // with another password keeps it rather than diverge from the URL.
      lifecycle: {
        ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone', ...(props.replicaOf ? [] : ['administrator_password'])],
      },
    };
    this.server = new PostgresqlFlexibleServer(
      this,
      'server',
      props.replicaOf
        ? { ...common, createMode: 'Replica', sourceServerId: props.replicaOf }
        : {
            ...common,
            zone: zonal ? '1' : undefined,
            administratorLogin: POSTGRES.administratorLogin,
            administratorPassword: props.administratorPassword,
            authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: true, tenantId: props.tenantId },
            backupRetentionDays: db.backupRetentionDays,
            geoRedundantBackupEnabled: context.tier === 'production',
            highAvailability: zonal ? { mode: 'ZoneRedundant', standbyAvailabilityZone: '2' } : undefined,
            maintenanceWindow: {
              dayOfWeek: DAY_OF_WEEK[db.maintenanceWindow.day],
              startHour: db.maintenanceWindow.startHourUtc,
              startMinute: 0,
            },
          },
    );
    suppressExempted(this.server, context.profile, 'zonal-data', ['MF_AZ_PG_1']);
    if (props.replicaOf) PolicyEngine.suppress(this.server, 'MF_AZ_PG_1', REPLICA_HA_REASON);
    if (!props.replicaOf) {
      new PostgresqlFlexibleServerDatabase(this, 'database', {
        name: db.databaseName,
        serverId: this.server.id,
        charset: 'UTF8',
        collation: 'en_US.utf8',
      });
      if (props.entraAdministrator)
        new PostgresqlFlexibleServerActiveDirectoryAdministrator(this, 'entra-admin', {
          serverName: this.server.name,
          resourceGroupName: props.resourceGroupName,
          tenantId: props.tenantId,
          objectId: props.entraAdministrator.objectId,
          principalName: props.entraAdministrator.name,
          principalType: 'ServicePrincipal',
        });
    }
    // Parameters replicate from the primary; a replica's are read-only.
    if (!props.replicaOf)
      for (const [name, value] of Object.entries(POSTGRES_PARAMETERS))
        new PostgresqlFlexibleServerConfiguration(this, `parameter-${name.replace(/_/g, '-')}`, { name, serverId: this.server.id, value });
    applyCommonProps(this, this.server, props);
    this.endpoint = this.server.fqdn;
    this.port = db.port;
  }
}
