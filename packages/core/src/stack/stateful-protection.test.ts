import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Aspects, Testing, TerraformStack } from 'cdktf';
import { MockforgeStack } from './mockforge-stack';
import { StatefulProtectionAspect } from './stateful-protection';

type Resources = Record<string, Record<string, { lifecycle?: Record<string, unknown> }>>;

/** A bucket without a lifecycle, one that ignores changes, and a versioning resource of an unlisted type. */
function addResources(stack: TerraformStack): void {
  new S3Bucket(stack, 'plain', { bucket: 'plain' });
  new S3Bucket(stack, 'ignoring', { bucket: 'ignoring', lifecycle: { ignoreChanges: ['tags'], createBeforeDestroy: false } });
  new S3BucketVersioningA(stack, 'versioning', {
    bucket: 'plain',
    versioningConfiguration: { status: 'Enabled' },
    lifecycle: { ignoreChanges: ['versioning_configuration'] },
  });
  new S3BucketVersioningA(stack, 'versioning_plain', { bucket: 'ignoring', versioningConfiguration: { status: 'Enabled' } });
}

const lifecycles = (stack: TerraformStack) => {
  const resources = JSON.parse(Testing.synth(stack)).resource as Resources;
  return Object.fromEntries(
    Object.values(resources).flatMap((byName) => Object.entries(byName).map(([name, body]) => [name, body.lifecycle])),
  );
};

describe('the stateful protection aspect', () => {
  it('sets prevent_destroy on the listed types, keeping their other lifecycle settings, and leaves other types alone', () => {
    const stack = new TerraformStack(Testing.app(), 'protected');
    addResources(stack);
    Aspects.of(stack).add(new StatefulProtectionAspect(['aws_s3_bucket']));
    expect(lifecycles(stack)).toEqual({
      plain: { prevent_destroy: true },
      ignoring: { ignore_changes: ['tags'], create_before_destroy: false, prevent_destroy: true },
      versioning: { ignore_changes: ['versioning_configuration'] },
      versioning_plain: undefined,
    });
  });

  it('is added by MockforgeStack for the protected types it is given, and not without them', () => {
    const synth = (protectedResourceTypes?: readonly string[]) => {
      const stack = new MockforgeStack(Testing.app(), {
        tier: 'production',
        cloud: 'aws',
        region: 'us-east-1',
        backend: { type: 'local' },
        protectedResourceTypes,
      });
      addResources(stack);
      return lifecycles(stack);
    };
    expect(synth(['aws_s3_bucket_versioning'])).toEqual({
      plain: undefined,
      ignoring: { ignore_changes: ['tags'], create_before_destroy: false },
      versioning: { ignore_changes: ['versioning_configuration'], prevent_destroy: true },
      versioning_plain: { prevent_destroy: true },
    });
    for (const unprotected of [undefined, []]) {
      expect(Object.values(synth(unprotected)).filter((lifecycle) => lifecycle?.prevent_destroy !== undefined)).toEqual([]);
    }
  });
});
