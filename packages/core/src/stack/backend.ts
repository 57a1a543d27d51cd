import { AzurermBackend, CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { BackendConfig } from '../config/model';

/**
 * Local state lives beside the project, never inside cdktf.out (which is replaced on every synth).
 * The path is relative to the stack folder cdktf.out/stacks/<stack>.
 */
export const LOCAL_STATE_DIR = 'terraform-state';

/** Configures the stack's state backend; every stack gets its own state key. */
export function applyBackend(stack: TerraformStack, backend: BackendConfig): void {
  const name = stack.node.id;
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: `../../../${LOCAL_STATE_DIR}/${name}.tfstate` });
      return;
    case 's3': {
      const prefix = backend.keyPrefix ? `${backend.keyPrefix.replace(/\/+$/, '')}/` : '';
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${prefix}${name}/terraform.tfstate`,
        region: backend.region,
        encrypt: true,
        ...(backend.kmsKeyId ? { kmsKeyId: backend.kmsKeyId } : {}),
        ...(backend.dynamodbTable ? { dynamodbTable: backend.dynamodbTable } : {}),
      });
      // Without a DynamoDB table, lock with S3's native lock file (Terraform 1.10+).
      if (!backend.dynamodbTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    }
    case 'spaces': {
      // Spaces speaks S3: Terraform's S3 backend with the Spaces endpoint; the AWS-only checks are skipped.
      const prefix = backend.keyPrefix ? `${backend.keyPrefix.replace(/\/+$/, '')}/` : '';
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${prefix}${name}/terraform.tfstate`,
        region: 'us-east-1',
        endpoints: { s3: `https://${backend.region}.digitaloceanspaces.com` },
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
        skipRegionValidation: true,
        skipMetadataApiCheck: true,
        skipS3Checksum: true,
      });
      // Locks with a lock file beside the state (Terraform 1.10+); Spaces has no DynamoDB.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    }
    case 'gcs':
      new GcsBackend(stack, { bucket: backend.bucket, prefix: `${backend.prefix ? `${backend.prefix.replace(/\/+$/, '')}/` : ''}${name}` });
      return;
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: `${name}.tfstate`,
        // Entra ID for the blob data plane, so the state account can keep shared keys off.
        useAzureadAuth: true,
      });
      return;
    case 'hcp':
      new CloudBackend(stack, {
        organization: backend.organization,
        ...(backend.hostname ? { hostname: backend.hostname } : {}),
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix ?? ''}${name}`),
      });
      return;
  }
}

export function describeBackend(backend: BackendConfig): string {
  switch (backend.type) {
    case 'local':
      return 'local';
    case 's3':
      return `s3://${backend.bucket}`;
    case 'spaces':
      return `spaces://${backend.region}/${backend.bucket}`;
    case 'gcs':
      return `gcs://${backend.bucket}`;
    case 'azurerm':
      return `azurerm://${backend.storageAccountName}/${backend.containerName}`;
    case 'hcp':
      return `hcp:${backend.organization}`;
  }
}
