import { App, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { MockforgeStack } from '../stack/mockforge-stack';
import { coreRules } from './core-rules';
import { PolicyEngine } from './engine';

/** A bucket in one stack, and a topic in another stack named after it. */
function twoStacks(selfContained: boolean) {
  const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
  const policy = new PolicyEngine(coreRules, { failOnError: false });
  const make = (region: string, contained: boolean) => {
    const stack = new MockforgeStack(app, {
      tier: 'dev',
      cloud: 'aws',
      region,
      backend: { type: 'local' },
      policy,
      selfContained: contained,
    });
    new AwsProvider(stack, 'aws', { region });
    return stack;
  };
  const bucket = new S3Bucket(make('us-east-1', true), 'bucket');
  const consumer = make('eu-west-1', selfContained);
  new SnsTopic(consumer, 'topic', { name: bucket.bucket });
  app.synth();
  return policy;
}

describe('MF_CORE_1: references resolve inside the stack', () => {
  it('passes when cdktf wires a cross-stack reference through remote state', () => {
    expect(twoStacks(false).findings).toEqual([]);
  });

  it('fails a stack marked self-contained that refers to another stack', () => {
    expect(twoStacks(true).blockingFindings).toEqual([
      expect.objectContaining({
        ruleId: 'MF_CORE_1',
        stack: 'dev-aws-eu-west-1',
        message: expect.stringContaining('aws_s3_bucket.bucket is not in this stack'),
      }),
    ]);
  });
});
