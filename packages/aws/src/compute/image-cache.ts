import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { TerraformStack } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { MOCKFORGE_IMAGE_REGISTRY, MockforgeStack, parseImage, STACK_DIR, PolicyEngine, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';

export interface ImageCacheProps extends CommonProps {
  readonly region: string;
  /** The pinned upstream image, e.g. ghcr.io/saasy-solutions/mockforge:0.3.213. */
  readonly image: string;
  /**
   * The tier's name (`mockforge-<tier>`). The cache rule's repository prefix and its credential
   * secret are both `<name>-ghcr`: a prefix is unique per account and region, so each tier owns one.
   */
  readonly name: string;
  readonly kmsKeyArn: string;
}

/** ECR's limits on a pull-through cache rule's `ecrRepositoryPrefix` (CreatePullThroughCacheRule). */
const ECR_PREFIX = { pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, minLength: 2, maxLength: 30 };

/** `<name>-ghcr`, or an error naming ECR's rule when the name cannot make a valid prefix. */
export function pullThroughPrefix(name: string): string {
  const prefix = `${name}-${AWS_PLATFORM.ecrPullThroughPrefix}`;
  if (prefix.length < ECR_PREFIX.minLength || prefix.length > ECR_PREFIX.maxLength || !ECR_PREFIX.pattern.test(prefix)) {
    throw new Error(
      `name: "${prefix}" is not a valid ECR repository prefix (${ECR_PREFIX.minLength}-${ECR_PREFIX.maxLength} characters, lowercase letters and digits separated by . _ - or /)`,
    );
  }
  return prefix;
}

/** ECR's pull-through service-linked role, which reads the credential secret. */
export function pullThroughCacheRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache`;
}

/**
 * An ECR pull-through cache for ghcr.io, so tasks and nodes in private subnets pull MockForge
 * from ECR. Each tier has its own rule, prefix and credential, whether tiers share an account or
 * not: no tier can pull through, or break, another tier's cache. ghcr.io needs credentials: the
 * secret container is created here and an operator writes
 * `{"username": ..., "accessToken": <GitHub token with read:packages>}` into it. ECR reads that
 * value when it creates the rule, so the first apply is two steps (README: First deploy).
 * `overrides` apply to the cache rule (`aws_ecr_pull_through_cache_rule`); `tags` to the credential
 * secret, since the rule takes none.
 */
export class ImageCache extends Construct {
  /** The image as ECR serves it: `<account>.dkr.ecr.<region>.amazonaws.com/<name>-ghcr/<path>:<tag>`. */
  readonly imageUri: string;
  /** The repositories the rule creates, for the pull and import permissions of tasks and nodes. */
  readonly repositoryArnPattern: string;
  readonly repositoryPrefix: string;
  readonly credential: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: ImageCacheProps) {
    super(scope, id);
    const reference = parseImage(props.image);
    if (!reference) throw new Error(`image: cannot parse ${props.image}`);
    const registry = reference.repository.split('/')[0]!;
    if (registry !== MOCKFORGE_IMAGE_REGISTRY)
      throw new Error(`image: the ECR pull-through cache serves ${MOCKFORGE_IMAGE_REGISTRY}, not ${registry}`);
    const path = reference.repository.slice(registry.length + 1);
    const prefix = pullThroughPrefix(props.name);
    this.repositoryPrefix = prefix;
    this.credential = new SecretsmanagerSecret(this, 'credential', {
      name: `${AWS_PLATFORM.ecrCredentialSecretPrefix}${prefix}`,
      description: 'ghcr.io credentials for the ECR pull-through cache; written by an operator before the rule is created',
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: 7,
      tags: props.tags,
    });
    PolicyEngine.suppress(
      this.credential,
      'CKV2_AWS_57',
      'a GitHub token cannot be rotated by AWS; operators replace it before it expires (README: Images)',
    );
    const rule = new EcrPullThroughCacheRule(this, 'rule', {
      ecrRepositoryPrefix: prefix,
      upstreamRegistryUrl: MOCKFORGE_IMAGE_REGISTRY,
      credentialArn: this.credential.arn,
    });
    applyCommonProps(rule, props);
    const stack = TerraformStack.of(this);
    if (stack instanceof MockforgeStack)
      stack.addManualStep({
        when: 'before the first apply',
        why: 'ECR reads the ghcr.io credential when it creates the pull-through cache rule; create its secret alone, then write it',
        command:
          `terraform -chdir=${STACK_DIR} init && terraform -chdir=${STACK_DIR} apply -target=${this.credential.terraformResourceType}.${this.credential.friendlyUniqueId} && ` +
          `aws secretsmanager put-secret-value --region ${props.region} --secret-id ${AWS_PLATFORM.ecrCredentialSecretPrefix}${prefix} ` +
          `--secret-string '{"username":"<github user>","accessToken":"<token with read:packages>"}'`,
      });
    const { accountId, partition } = accountOf(this);
    const suffix = reference.digest ? `@${reference.digest}` : `:${reference.tag}`;
    this.imageUri = `${accountId}.dkr.ecr.${props.region}.amazonaws.com/${prefix}/${path}${suffix}`;
    this.repositoryArnPattern = `arn:${partition}:ecr:${props.region}:${accountId}:repository/${prefix}/*`;
  }
}
