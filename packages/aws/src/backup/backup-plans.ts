import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { type BackupSchedule, type CommonProps, type BackupPlan as BackupPlanOutput } from '@mockforge-infra/core';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptionKey } from '../secrets/kms-key';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { ServiceRole } from '../shared/iam';
import { awsCron } from './aws-cron';

export interface BackupJob {
  /** Plan and rule name suffix: database, state, config. */
  readonly name: string;
  readonly schedule: BackupSchedule;
  /** ARNs of the resources the plan protects. @default none */
  readonly resources?: readonly string[];
  /** Resources carrying these tags, for resources created outside Terraform (EBS claims). @default none */
  readonly selectionTags?: readonly { readonly key: string; readonly value: string }[];
}

export interface BackupPlansProps extends CommonProps {
  /** Vault and plan prefix, e.g. mockforge-production. */
  readonly name: string;
  /** Prefix for account-wide IAM names. */
  readonly globalName: string;
  readonly kmsKeyArn: string;
  readonly jobs: readonly BackupJob[];
  /** Vault lock in compliance mode: recovery points cannot be deleted early, even by an administrator. @default false */
  readonly locked?: boolean;
  /** Copies every recovery point to a vault in another region. @default no copy */
  readonly copyTo?: { readonly region: string; readonly provider: TerraformProvider };
}

/** Minutes AWS Backup may take to start a scheduled job (the provider's default, written out for the database timing). */
export const BACKUP_START_WINDOW_MINUTES = 60;

/** Days before a compliance-mode lock becomes immutable; until then it can still be removed. */
const LOCK_GRACE_DAYS = 3;

/**
 * An AWS Backup vault encrypted with the stack's key, one plan per schedule (a selection applies
 * to every rule of its plan), and optional copies to a vault in a second region.
 * `tags` and `overrides` apply to the vault (`aws_backup_vault`); `tags` also to the plans and the copies.
 */
export class BackupPlans extends Construct implements BackupPlanOutput {
  readonly vault: BackupVault;
  readonly vaultName: string;

  constructor(scope: Construct, id: string, props: BackupPlansProps) {
    super(scope, id);
    const { partition } = accountOf(this);
    this.vault = new BackupVault(this, 'vault', { name: props.name, kmsKeyArn: props.kmsKeyArn });
    applyCommonProps(this.vault, props);
    this.vaultName = this.vault.name;
    const maxRetention = Math.max(...props.jobs.map((j) => j.schedule.retentionDays));
    const minRetention = Math.min(...props.jobs.map((j) => j.schedule.retentionDays));
    if (props.locked) {
      new BackupVaultLockConfiguration(this, 'lock', {
        backupVaultName: this.vault.name,
        minRetentionDays: minRetention,
        maxRetentionDays: maxRetention,
        changeableForDays: LOCK_GRACE_DAYS,
      });
    }

    let copyVaultArn: string | undefined;
    if (props.copyTo) {
      // The copies live in the other region; their tags say so.
      const copyTags = { ...props.tags, region: props.copyTo.region };
      const copyKey = new EncryptionKey(this, 'copy_key', {
        alias: `${props.name}-backup-copy`,
        region: props.copyTo.region,
        provider: props.copyTo.provider,
        tags: copyTags,
      });
      const copyVault = new BackupVault(this, 'copy_vault', {
        provider: props.copyTo.provider,
        name: `${props.name}-copy`,
        kmsKeyArn: copyKey.arn,
        tags: copyTags,
      });
      if (props.locked) {
        new BackupVaultLockConfiguration(this, 'copy_lock', {
          provider: props.copyTo.provider,
          backupVaultName: copyVault.name,
          minRetentionDays: minRetention,
          maxRetentionDays: maxRetention,
          changeableForDays: LOCK_GRACE_DAYS,
        });
      }
      copyVaultArn = copyVault.arn;
    }

    const policy = (name: string) => `arn:${partition}:iam::aws:policy/service-role/${name}`;
    const role = new ServiceRole(this, 'role', {
      name: props.globalName,
      services: ['backup.amazonaws.com'],
      managedPolicyArns: [
        policy('AWSBackupServiceRolePolicyForBackup'),
        policy('AWSBackupServiceRolePolicyForRestores'),
        `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup`,
        `arn:${partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore`,
      ],
    });

    for (const job of props.jobs) {
      const retention = { deleteAfter: job.schedule.retentionDays };
      const plan = new BackupPlan(this, `${job.name}_plan`, {
        name: `${props.name}-${job.name}`,
        rule: [
          {
            ruleName: job.name,
            targetVaultName: this.vault.name,
            schedule: awsCron(job.schedule.cron),
            scheduleExpressionTimezone: 'Etc/UTC',
            startWindow: BACKUP_START_WINDOW_MINUTES,
            lifecycle: retention,
            copyAction: copyVaultArn ? [{ destinationVaultArn: copyVaultArn, lifecycle: retention }] : undefined,
          },
        ],
        tags: props.tags,
      });
      new BackupSelection(this, `${job.name}_selection`, {
        name: `${props.name}-${job.name}`,
        planId: plan.id,
        iamRoleArn: role.arn,
        ...(job.resources ? { resources: [...job.resources] } : {}),
        ...(job.selectionTags
          ? { selectionTag: job.selectionTags.map((t) => ({ type: 'STRINGEQUALS', key: t.key, value: t.value })) }
          : {}),
      });
    }
  }
}
