import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';

/** What the service needs at run time, and no more: logs, metrics and traces. */
export const RUNTIME_ROLES = ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/cloudtrace.agent'] as const;

/** IAM login to Cloud SQL, added only where the tier runs a database. */
export const CLOUD_SQL_ROLES = ['roles/cloudsql.client', 'roles/cloudsql.instanceUser'] as const;

/** Service accounts carry no labels: `tags` have nothing to label. */
export interface ServiceIdentityProps extends CommonProps {
  readonly project: string;
  /** 6-30 characters. */
  readonly accountId: string;
  readonly displayName: string;
  /** @default RUNTIME_ROLES */
  readonly roles?: readonly string[];
}

/** A dedicated, least-privilege service account; secret access is granted per secret by its store. */
export class ServiceIdentity extends Construct {
  readonly account: ServiceAccount;
  /** `serviceAccount:<email>`, for IAM bindings. */
  readonly member: string;

  constructor(scope: Construct, id: string, props: ServiceIdentityProps) {
    super(scope, id);
    this.account = new ServiceAccount(this, 'account', { accountId: props.accountId, displayName: props.displayName });
    this.member = `serviceAccount:${this.account.email}`;
    for (const role of props.roles ?? RUNTIME_ROLES) {
      new ProjectIamMember(this, role.replace('roles/', '').replace(/\./g, '-'), { project: props.project, role, member: this.member });
    }
    applyCommonProps(this, this.account, props);
  }
}
