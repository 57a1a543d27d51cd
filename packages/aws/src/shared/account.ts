import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

export interface AccountInfo {
  readonly accountId: string;
  readonly partition: string;
}

const cache = new WeakMap<TerraformStack, AccountInfo>();

/** The account and partition of a stack's provider, read once per stack. */
export function accountOf(scope: IConstruct): AccountInfo {
  const stack = TerraformStack.of(scope);
  let info = cache.get(stack);
  if (!info) {
    const identity = new DataAwsCallerIdentity(stack, 'caller_identity');
    const partition = new DataAwsPartition(stack, 'partition');
    info = { accountId: identity.accountId, partition: partition.partition };
    cache.set(stack, info);
  }
  return info;
}

/** `arn:<partition>:iam::<account>:root`. */
export function accountRootArn(scope: IConstruct): string {
  const { accountId, partition } = accountOf(scope);
  return `arn:${partition}:iam::${accountId}:root`;
}
