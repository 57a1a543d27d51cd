import { TerraformStack, Testing } from 'cdktf';
import { EncryptionKey } from '../secrets/kms-key';
import { ImageCache, pullThroughCacheRoleArn } from './image-cache';

const digest = 'sha256:' + 'a'.repeat(64);

describe('ImageCache', () => {
  it('serves ghcr.io images from ECR by tag or digest', () => {
    const stack = new TerraformStack(Testing.app(), 'images');
    const byTag = new ImageCache(stack, 'tag', {
      region: 'eu-west-1',
      image: 'ghcr.io/saasy-solutions/mockforge:0.3.213',
      credentialName: 'a',
      kmsKeyArn: 'arn:kms',
    });
    const byDigest = new ImageCache(stack, 'digest', {
      region: 'eu-west-1',
      image: `ghcr.io/saasy-solutions/mockforge@${digest}`,
      credentialName: 'b',
      kmsKeyArn: 'arn:kms',
    });
    expect(byTag.imageUri).toMatch(/\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/ghcr\/saasy-solutions\/mockforge:0\.3\.213$/);
    expect(byDigest.imageUri).toMatch(new RegExp(`/ghcr/saasy-solutions/mockforge@${digest}$`));
  });

  it('refuses images from other registries', () => {
    const stack = new TerraformStack(Testing.app(), 'images');
    expect(
      () =>
        new ImageCache(stack, 'x', {
          region: 'eu-west-1',
          image: 'docker.io/library/nginx:1.27.0',
          credentialName: 'x',
          kmsKeyArn: 'arn:kms',
        }),
    ).toThrow(/serves ghcr\.io, not docker\.io/);
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
