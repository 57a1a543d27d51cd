import { DataProtectionBackupInstancePostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-instance-postgresql-flexible-server';
import { DataProtectionBackupPolicyPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-policy-postgresql-flexible-server';
import { DataProtectionBackupVault } from '@cdktf/provider-azurerm/lib/data-protection-backup-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { MAINTENANCE_WINDOW, type BackupPlan, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';

export interface DatabaseBackupVaultProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly resourceGroupId: string;
  readonly serverId: string;
}

/**
 * The vaulted backup's start hour: after the database's own backup window and the Sunday
 * maintenance window, so the two jobs never overlap.
 */
export function vaultedBackupHourUtc(context: TargetContext): number {
  const windows = [context.database.backupWindow, MAINTENANCE_WINDOW];
  return Math.max(...windows.map((w) => w.startHourUtc + Math.ceil(w.durationMinutes / 60)));
}

/**
 * A Data Protection backup vault (geo-redundant and immutable in production, soft delete on) with a
 * weekly vaulted database backup kept for the tier's retention, and the roles the vault's identity needs.
 * The vault takes PostgreSQL Flexible Server backups weekly only; the server's own daily backups and
 * point-in-time restore over the retention period cover the guide's daily backup.
 */
export class DatabaseBackupVault extends Construct implements BackupPlan {
  readonly vault: DataProtectionBackupVault;
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: DatabaseBackupVaultProps) {
    super(scope, id);
    const { context, region } = props;
    this.vault = new DataProtectionBackupVault(this, 'vault', {
      name: resourceName(context.tier, region, 'backup'),
      location: region,
      resourceGroupName: props.resourceGroupName,
      datastoreType: 'VaultStore',
      redundancy: context.backup.copyToSecondRegion ? 'GeoRedundant' : 'LocallyRedundant',
      crossRegionRestoreEnabled: context.backup.copyToSecondRegion,
      softDelete: 'On',
      immutability: context.backup.locked ? 'Locked' : 'Disabled',
      identity: { type: 'SystemAssigned' },
    });
    const hour = String(vaultedBackupHourUtc(context)).padStart(2, '0');
    const policy = new DataProtectionBackupPolicyPostgresqlFlexibleServer(this, 'policy', {
      name: 'weekly',
      vaultId: this.vault.id,
      // 2024-01-07 is a Sunday, after the maintenance window.
      backupRepeatingTimeIntervals: [`R/2024-01-07T${hour}:00:00+00:00/P1W`],
      timeZone: 'UTC',
      defaultRetentionRule: { lifeCycle: [{ dataStoreType: 'VaultStore', duration: `P${context.database.backupRetentionDays}D` }] },
    });
    const principalId = this.vault.identity.principalId;
    const grants = [
      new RoleAssignment(this, 'server-role', {
        scope: props.serverId,
        roleDefinitionName: 'PostgreSQL Flexible Server Long Term Retention Backup Role',
        principalId,
        principalType: 'ServicePrincipal',
      }),
      new RoleAssignment(this, 'group-reader', {
        scope: props.resourceGroupId,
        roleDefinitionName: 'Reader',
        principalId,
        principalType: 'ServicePrincipal',
      }),
    ];
    new DataProtectionBackupInstancePostgresqlFlexibleServer(this, 'database', {
      name: resourceName(context.tier, region, 'database'),
      location: region,
      vaultId: this.vault.id,
      serverId: props.serverId,
      backupPolicyId: policy.id,
      dependsOn: grants,
    });
    this.vaultName = this.vault.name;
    applyCommonProps(this, this.vault, props);
  }
}
