import { defaultConfig, targetContext, TIER_NAMES, type MockforgeConfig } from '@mockforge-infra/core';
import { TerraformStack, Testing } from 'cdktf';
import { EncryptionKey } from '../secrets/kms-key';
import { AwsRegionalStack } from '../stacks/regional-stack';
import { ImageCache, pullThroughCacheRoleArn, pullThroughPrefix } from './image-cache';

type Json = Record<string, any>;
const digest = 'sha256:' + 'a'.repeat(64);
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

/** Every tier's regional stack in one region, as the default config places them (same account). */
function synthTiers(config: MockforgeConfig, region = 'us-east-1'): Record<string, Json> {
  return Object.fromEntries(
    TIER_NAMES.map((tier) => {
      const stack = new AwsRegionalStack(Testing.app(), { context: targetContext(config, tier, 'aws'), region });
      return [tier, JSON.parse(Testing.synth(stack, true)) as Json];
    }),
  );
}

/** The Resource of the named statement in every inline IAM policy of a stack. */
function statementResources(json: Json, sid: string): string[] {
  return all(json, 'aws_iam_role_policy').flatMap((p) =>
    (JSON.parse(p.policy as string).Statement as { Sid?: string; Resource: string }[]).filter((s) => s.Sid === sid).map((s) => s.Resource),
  );
}

describe('ImageCache', () => {
  it('serves ghcr.io images from ECR under the tier prefix, by tag or digest', () => {
    const stack = new TerraformStack(Testing.app(), 'images');
    const byTag = new ImageCache(stack, 'tag', {
      region: 'eu-west-1',
      image: 'ghcr.io/saasy-solutions/mockforge:0.3.213',
      name: 'mockforge-dev',
      kmsKeyArn: 'arn:kms',
    });
    const byDigest = new ImageCache(stack, 'digest', {
      region: 'eu-west-1',
      image: `ghcr.io/saasy-solutions/mockforge@${digest}`,
      name: 'mockforge-staging',
      kmsKeyArn: 'arn:kms',
    });
    expect(byTag.imageUri).toMatch(/\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/mockforge-dev-ghcr\/saasy-solutions\/mockforge:0\.3\.213$/);
    expect(byTag.repositoryArnPattern).toMatch(/:ecr:eu-west-1:.+:repository\/mockforge-dev-ghcr\/\*$/);
    expect(byDigest.imageUri).toMatch(new RegExp(`/mockforge-staging-ghcr/saasy-solutions/mockforge@${digest}$`));
  });

  it('refuses images from other registries', () => {
    const stack = new TerraformStack(Testing.app(), 'images');
    expect(
      () =>
        new ImageCache(stack, 'x', {
          region: 'eu-west-1',
          image: 'docker.io/library/nginx:1.27.0',
          name: 'mockforge-dev',
          kmsKeyArn: 'arn:kms',
        }),
    ).toThrow(/serves ghcr\.io, not docker\.io/);
  });

  it("keeps the prefix within ECR's rule: 2-30 lowercase characters", () => {
    expect(pullThroughPrefix('mockforge-production')).toBe('mockforge-production-ghcr');
    expect(() => pullThroughPrefix('mockforge-production-eu-west-1')).toThrow(
      /name: "mockforge-production-eu-west-1-ghcr" is not a valid ECR repository prefix \(2-30 characters/,
    );
    expect(() => pullThroughPrefix('Mockforge')).toThrow(/"Mockforge-ghcr" is not a valid ECR repository prefix/);
  });

  it('gives each tier its own rule, credential and pull permissions when tiers share an account and region', () => {
    const tiers = synthTiers(defaultConfig(['aws']));
    const prefixes = TIER_NAMES.map((tier) => all(tiers[tier]!, 'aws_ecr_pull_through_cache_rule').map((r) => r.ecr_repository_prefix));
    expect(prefixes).toEqual([['mockforge-dev-ghcr'], ['mockforge-staging-ghcr'], ['mockforge-production-ghcr']]);
    for (const tier of TIER_NAMES) {
      const json = tiers[tier]!;
      const prefix = `mockforge-${tier}-ghcr`;
      const [rule] = all(json, 'aws_ecr_pull_through_cache_rule');
      const [secretId] = Object.keys(json.resource.aws_secretsmanager_secret).filter((id) => id.startsWith('image_cache_credential'));
      expect(json.resource.aws_secretsmanager_secret[secretId!].name).toBe(`ecr-pullthroughcache/${prefix}`);
      expect(rule!.credential_arn).toBe(`\${aws_secretsmanager_secret.${secretId}.arn}`);
      // The execution role may pull and import only its own tier's cached repositories.
      expect(statementResources(json, 'PullThroughCache')).toEqual([
        `arn:\${data.aws_partition.partition.partition}:ecr:us-east-1:\${data.aws_caller_identity.caller_identity.account_id}:repository/${prefix}/*`,
      ]);
      const [task] = all(json, 'aws_ecs_task_definition');
      const image = (JSON.parse(task!.container_definitions as string) as { name: string; image: string }[]).find(
        (c) => c.name === 'mockforge',
      )!.image;
      expect(image).toBe(
        `\${data.aws_caller_identity.caller_identity.account_id}.dkr.ecr.us-east-1.amazonaws.com/${prefix}/saasy-solutions/mockforge:0.3.213`,
      );
    }
  });

  it('scopes the EKS node role to the tier prefix', () => {
    const base = defaultConfig(['aws']);
    const config = { ...base, tiers: { ...base.tiers, staging: { ...base.tiers.staging!, compute: { aws: 'eks' as const } } } };
    const stack = new AwsRegionalStack(Testing.app(), { context: targetContext(config, 'staging', 'aws'), region: 'us-east-1' });
    const json = JSON.parse(Testing.synth(stack, true)) as Json;
    expect(statementResources(json, 'PullThroughCache')).toEqual([
      `arn:\${data.aws_partition.partition.partition}:ecr:us-east-1:\${data.aws_caller_identity.caller_identity.account_id}:repository/mockforge-staging-ghcr/*`,
    ]);
    expect(stack.imageUri).toMatch(/\.amazonaws\.com\/mockforge-staging-ghcr\/saasy-solutions\/mockforge:0\.3\.213$/);
  });

  it('lets only the pull-through role decrypt through Secrets Manager', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new EncryptionKey(scope, 'key', {
          alias: 'k',
          region: 'eu-west-1',
          secretReaderRoleArns: [pullThroughCacheRoleArn('aws', '111122223333')],
        });
      }),
    ) as { resource: { aws_kms_key: Record<string, { policy: string }> } };
    const policy = JSON.parse(Object.values(json.resource.aws_kms_key)[0]!.policy) as {
      Statement: { Sid: string; Condition?: Record<string, Record<string, unknown>> }[];
    };
    const readers = policy.Statement.find((s) => s.Sid === 'SecretReaders')!;
    expect(readers.Condition!.StringEquals!['kms:ViaService']).toBe('secretsmanager.eu-west-1.amazonaws.com');
    expect(readers.Condition!.ArnLike!['aws:PrincipalArn']).toEqual([
      'arn:aws:iam::111122223333:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache',
    ]);
  });
});
