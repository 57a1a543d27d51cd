import { App, Fn, TerraformStack, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { MockforgeStack } from './mockforge-stack';
import { UndeclaredCrossStackReferenceError } from './render';

type Json = Record<string, any>;

/** A bucket in one stack, and a topic named after it in another; `declare` passes the name through fromOtherStack. */
function twoStacks(declare: boolean) {
  const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
  const stack = (region: string) => {
    const s = new MockforgeStack(app, { tier: 'dev', cloud: 'aws', region, backend: { type: 'local' } });
    new AwsProvider(s, 'aws', { region });
    return s;
  };
  const origin = stack('us-east-1');
  const bucket = new S3Bucket(origin, 'bucket');
  const consumer = stack('eu-west-1');
  new SnsTopic(consumer, 'topic', { name: declare ? consumer.fromOtherStack(bucket.bucket) : bucket.bucket });
  return { app, origin, consumer };
}

describe('cross-stack references', () => {
  it('reads a declared value through the origin stack output and remote state', () => {
    const { app, origin, consumer } = twoStacks(true);
    app.synth();
    const originJson = origin.toTerraform() as Json;
    const consumerJson = consumer.toTerraform() as Json;
    const [outputId] = Object.keys(originJson.output);
    expect(originJson.output[outputId!]).toEqual({ value: '${aws_s3_bucket.bucket.bucket}', sensitive: true });
    const remoteState = Object.keys(consumerJson.data.terraform_remote_state)[0];
    expect(Object.values(consumerJson.resource.aws_sns_topic)[0]).toMatchObject({
      name: `\${data.terraform_remote_state.${remoteState}.outputs.${outputId}}`,
    });
    expect(consumer.dependencies).toEqual([origin]);
  });

  it('fails synthesis on a reference to another stack that was not declared, naming both stacks and the attribute', () => {
    const { app } = twoStacks(false);
    expect(() => app.synth()).toThrow(UndeclaredCrossStackReferenceError);
    expect(() => twoStacks(false).app.synth()).toThrow(
      /dev-aws-eu-west-1 refers to aws_s3_bucket\.bucket\.bucket of dev-aws-us-east-1 without declaring it/,
    );
  });
});

describe('single-pass rendering', () => {
  it("matches cdktf's own toTerraform, stack-level overrides and every kind of token included", () => {
    const { app, origin, consumer } = twoStacks(true);
    origin.addOverride('terraform.required_version', '>= 1.6');
    const name = new S3Bucket(origin, 'named').bucket;
    new SnsTopic(origin, 'kinds', {
      name: `topic-${Token.asNumber(Fn.lengthOf(name))}`, // a number token inside a string
      displayName: name,
      tags: Token.asStringMap(Fn.merge([{ a: 'b' }])), // a map token
    });
    new S3Bucket(origin, 'cors', {
      corsRule: [{ allowedMethods: Token.asList(Fn.split(',', 'GET,PUT')), allowedOrigins: ['*'] }], // a list token
    });
    app.synth();
    for (const stack of [origin, consumer]) {
      expect(stack.toTerraform()).toEqual(TerraformStack.prototype.toTerraform.call(stack));
    }
    expect((origin.toTerraform() as Json).terraform.required_version).toBe('>= 1.6');
  });
});
