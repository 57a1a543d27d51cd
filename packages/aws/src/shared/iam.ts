import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** An IAM policy document as JSON; tokens inside stay Terraform references. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export interface ServiceRoleProps {
  readonly name: string;
  /** Service principals that assume the role (ecs-tasks.amazonaws.com). */
  readonly services: readonly string[];
  /** Extra actions on the trust statement (sts:TagSession for Pod Identity). */
  readonly trustActions?: readonly string[];
  /** Inline least-privilege permissions. @default none */
  readonly statements?: readonly PolicyStatement[];
  /** AWS managed policy ARNs. @default none */
  readonly managedPolicyArns?: readonly string[];
}

/** A role that one AWS service assumes, with inline and managed policies. */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  /** The inline policy and managed attachments: what depends on the role's permissions waits for these. */
  readonly grants: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.name,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.services }, Action: ['sts:AssumeRole', ...(props.trustActions ?? [])] }],
      }),
    });
    const grants: ITerraformDependable[] = [];
    if (props.statements && props.statements.length > 0) {
      grants.push(
        new IamRolePolicy(this, 'policy', { role: this.role.name, name: 'least-privilege', policy: policyDocument(props.statements) }),
      );
    }
    (props.managedPolicyArns ?? []).forEach((arn, i) => {
      grants.push(new IamRolePolicyAttachment(this, `managed_${i}`, { role: this.role.name, policyArn: arn }));
    });
    this.grants = grants;
  }

  get arn(): string {
    return this.role.arn;
  }
}
