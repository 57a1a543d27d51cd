import { GkeBackupBackupPlan } from '@cdktf/provider-google/lib/gke-backup-backup-plan';
import { SERVICE_NAME, type BackupPlan, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';

export interface GkeBackupPlanProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** The cluster's id (projects/.../locations/.../clusters/...). */
  readonly clusterId: string;
}

/**
 * Backup for GKE: the stateful pool's volumes and objects on the seed's state schedule and
 * retention; deletion-locked for the retention period in production.
 */
export class GkeBackupPlan extends Construct implements BackupPlan {
  readonly plan: GkeBackupBackupPlan;
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: GkeBackupPlanProps) {
    super(scope, id);
    const { context } = props;
    const state = context.backup.schedules.state;
    this.plan = new GkeBackupBackupPlan(this, 'plan', {
      name: resourceName(context.tier, props.region, 'state'),
      cluster: props.clusterId,
      location: props.region,
      description: 'MockForge stateful pool: volumes and Kubernetes objects',
      backupSchedule: { cronSchedule: state.cron },
      retentionPolicy: {
        backupRetainDays: state.retentionDays,
        ...(context.backup.locked ? { backupDeleteLockDays: state.retentionDays } : {}),
      },
      // The workload's namespace is named after the service.
      backupConfig: { selectedNamespaces: { namespaces: [SERVICE_NAME] }, includeVolumeData: true, includeSecrets: true },
    });
    applyCommonProps(this, this.plan, props);
    this.vaultName = this.plan.name;
  }
}
