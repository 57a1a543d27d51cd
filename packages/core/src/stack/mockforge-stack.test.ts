import { Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { BackendConfig } from '../config/model';
import { MockforgeStack } from './mockforge-stack';

function synthTerraformBlock(backend: BackendConfig) {
  const stack = new MockforgeStack(Testing.app(), { tier: 'production', cloud: 'aws', region: 'us-east-1', backend });
  new S3Bucket(stack, 'bucket');
  return JSON.parse(Testing.synth(stack)).terraform;
}
const synthBackend = (backend: BackendConfig) => synthTerraformBlock(backend).backend;

describe('MockforgeStack', () => {
  it('is named <tier>-<cloud>-<region> and tags its resources', () => {
    const stack = new MockforgeStack(Testing.app(), { tier: 'dev', cloud: 'aws', region: 'eu-west-1', backend: { type: 'local' } });
    new S3Bucket(stack, 'bucket');
    expect(stack.node.id).toBe('dev-aws-eu-west-1');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(S3Bucket, {
      tags: expect.objectContaining({ tier: 'dev', region: 'eu-west-1' }),
    });
  });

  it('keeps local state outside cdktf.out, one file per stack', () => {
    expect(synthBackend({ type: 'local' })).toEqual({ local: { path: '../../../terraform-state/production-aws-us-east-1.tfstate' } });
  });

  it('locks S3 state with the native lock file unless a DynamoDB table is given', () => {
    expect(synthBackend({ type: 's3', bucket: 'state', region: 'us-east-1', keyPrefix: 'mockforge/' })).toEqual({
      s3: {
        bucket: 'state',
        key: 'mockforge/production-aws-us-east-1/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(synthBackend({ type: 's3', bucket: 'state', region: 'us-east-1', dynamodbTable: 'locks' }).s3).toMatchObject({
      dynamodb_table: 'locks',
    });
    expect(synthBackend({ type: 's3', bucket: 'state', region: 'us-east-1', dynamodbTable: 'locks' }).s3.use_lockfile).toBeUndefined();
  });

  it('gives every stack its own key on GCS, azurerm and HCP Terraform', () => {
    expect(synthBackend({ type: 'gcs', bucket: 'state', prefix: 'mf' })).toEqual({
      gcs: { bucket: 'state', prefix: 'mf/production-aws-us-east-1' },
    });
    expect(synthBackend({ type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'sa', containerName: 'tf' }).azurerm).toEqual({
      resource_group_name: 'rg',
      storage_account_name: 'sa',
      container_name: 'tf',
      key: 'production-aws-us-east-1.tfstate',
      use_azuread_auth: true,
    });
    expect(synthTerraformBlock({ type: 'hcp', organization: 'acme', workspacePrefix: 'mockforge-' }).cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 'mockforge-production-aws-us-east-1' },
    });
  });

  it('publishes outputs under stable names', () => {
    const stack = new MockforgeStack(Testing.app(), { tier: 'dev', cloud: 'aws', region: 'us-east-1', backend: { type: 'local' } });
    const bucket = new S3Bucket(stack, 'bucket');
    stack.exportOutputs({ config_bucket_name: { value: bucket.bucket, description: 'Config bucket' } });
    expect(JSON.parse(Testing.synth(stack)).output).toEqual({
      config_bucket_name: { description: 'Config bucket', value: '${aws_s3_bucket.bucket.bucket}' },
    });
  });
});
