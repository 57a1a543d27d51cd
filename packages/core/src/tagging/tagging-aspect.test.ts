import { Testing, TerraformStack, Aspects, Fn, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Droplet } from '@cdktf/provider-digitalocean/lib/droplet';
import { standardTags, TaggingAspect } from './tagging-aspect';

function synthWith(cloud: 'aws' | 'gcp' | 'digitalocean', build: (stack: TerraformStack) => void) {
  const stack = new TerraformStack(Testing.app(), 'tags');
  build(stack);
  Aspects.of(stack).add(new TaggingAspect(standardTags('staging', cloud, 'eu-west-1')));
  return JSON.parse(Testing.synth(stack)).resource;
}

describe('the tagging aspect', () => {
  it('tags AWS resources, keeping tags set on the resource', () => {
    const resources = synthWith('aws', (s) => new S3Bucket(s, 'bucket', { tags: { owner: 'platform', app: 'custom' } }));
    expect(Object.values(resources.aws_s3_bucket)[0]).toMatchObject({
      tags: { app: 'custom', tier: 'staging', cloud: 'aws', region: 'eu-west-1', 'managed-by': 'cdktf', owner: 'platform' },
    });
  });

  it('merges the standard tags into a tag map known only at apply time', () => {
    const resources = synthWith('aws', (s) => {
      const source = new S3Bucket(s, 'source');
      new S3Bucket(s, 'bucket', { tags: Token.asStringMap(Fn.merge([source.tags])) });
    });
    const bucket = Object.entries(resources.aws_s3_bucket).find(([name]) => name.startsWith('bucket'))![1] as { tags: string };
    expect(bucket.tags).toMatch(/^\$\{merge\(\{.*"tier" = "staging".*\}, merge\(aws_s3_bucket\.source\.tags\)\)\}$/);
  });

  it('labels GCP resources', () => {
    const resources = synthWith('gcp', (s) => new StorageBucket(s, 'bucket', { name: 'b', location: 'EU' }));
    expect(Object.values(resources.google_storage_bucket)[0]).toMatchObject({
      labels: { app: 'mockforge', tier: 'staging', cloud: 'gcp', region: 'eu-west-1', 'managed-by': 'cdktf' },
    });
  });

  it('adds key:value tags on DigitalOcean', () => {
    const resources = synthWith(
      'digitalocean',
      (s) => new Droplet(s, 'vm', { name: 'vm', image: 'ubuntu', size: 's-1vcpu-1gb', tags: ['team:platform'] }),
    );
    expect((Object.values(resources.digitalocean_droplet)[0] as { tags: string[] }).tags).toEqual([
      'app:mockforge',
      'tier:staging',
      'cloud:digitalocean',
      'region:eu-west-1',
      'managed-by:cdktf',
      'team:platform',
    ]);
  });
});
