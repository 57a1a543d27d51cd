import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { PolicyEngine, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { globalName } from '../naming';
import { STORAGE } from '../sizing';

export interface StateStorageProps extends CommonProps {
  readonly context: TargetContext;
  readonly location: string;
  readonly resourceGroupName: string;
}

export const STORAGE_PUBLIC_ENDPOINT_REASON =
  'CI writes configs and state from outside Azure; the endpoint takes Entra ID tokens only (shared keys off) and no blob is public';

/**
 * The tier's configuration and state storage account: geo-redundant, blob versioning, 90 days of
 * blob and container soft delete, no public blobs, TLS 1.2, Entra ID only (shared keys off, which
 * the azurerm backend supports with `use_azuread_auth`).
 */
export class StateStorage extends Construct {
  readonly account: StorageAccount;
  readonly container: StorageContainer;

  constructor(scope: Construct, id: string, props: StateStorageProps) {
    super(scope, id);
    const { context } = props;
    // Deleted or overwritten config and state stay recoverable for the guide's config retention.
    const days = context.backup.schedules.config.retentionDays;
    this.account = new StorageAccount(this, 'account', {
      name: globalName(context, 'st'),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      accountTier: STORAGE.tier,
      accountReplicationType: STORAGE.replication.protected,
      accountKind: 'StorageV2',
      minTlsVersion: STORAGE.minTls,
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      crossTenantReplicationEnabled: false,
      infrastructureEncryptionEnabled: true,
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days },
        containerDeleteRetentionPolicy: { days },
      },
    });
    PolicyEngine.suppress(this.account, 'CKV_AZURE_59', STORAGE_PUBLIC_ENDPOINT_REASON);
    this.container = new StorageContainer(this, 'configs', {
      name: 'configs',
      storageAccountId: this.account.id,
      containerAccessType: 'private',
    });
    applyCommonProps(this, this.account, props);
  }
}
