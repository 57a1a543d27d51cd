import { DataGoogleSecretManagerSecretVersionAccess } from '@cdktf/provider-google/lib/data-google-secret-manager-secret-version-access';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';

export interface RemoteSecretValueProps extends CommonProps {
  /** The secret to read (`projects/<project>/secrets/<id>`), owned by another stack. */
  readonly secret: string;
}

/**
 * The latest version of a secret another stack owns (the primary region's connection URL), read at
 * plan time. Only the secret's id crosses stacks, never the credential; the value then lives in this
 * stack's state, like the AUTH string it already holds. Planning fails while the secret has no
 * version yet, so the owner's secret is written first.
 * `overrides` apply to the data source (`google_secret_manager_secret_version_access`); it takes no labels.
 */
export class RemoteSecretValue extends Construct {
  /** A `${data...}` reference, never a literal. */
  readonly value: string;

  constructor(scope: Construct, id: string, props: RemoteSecretValueProps) {
    super(scope, id);
    const latest = new DataGoogleSecretManagerSecretVersionAccess(this, 'latest', { secret: props.secret });
    for (const [path, value] of Object.entries(props.overrides ?? {})) latest.addOverride(path, value);
    this.value = latest.secretData;
  }
}
