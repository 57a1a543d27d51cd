import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { RUN_AS_UID, type CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import type { StatefulVolume } from './fargate-service';

export interface StateVolumeProps extends CommonProps {
  readonly name: string;
  readonly kmsKeyArn: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
}

const DATA_DIRECTORY = '/mockforge-data';
const DIRECTORY_PERMISSIONS = '750';

/**
 * EFS for the stateful pool's /app/data: KMS-encrypted, a mount target per AZ, TLS required by
 * the file system policy, and an access point that maps every client to the image's user.
 * `tags` and `overrides` apply to the file system (`aws_efs_file_system`).
 */
export class StateVolume extends Construct implements StatefulVolume {
  readonly fileSystem: EfsFileSystem;
  readonly fileSystemId: string;
  readonly fileSystemArn: string;
  readonly accessPointId: string;
  readonly accessPointArn: string;

  constructor(scope: Construct, id: string, props: StateVolumeProps) {
    super(scope, id);
    this.fileSystem = new EfsFileSystem(this, 'file_system', {
      creationToken: props.name,
      encrypted: true,
      kmsKeyId: props.kmsKeyArn,
      throughputMode: 'elastic',
      lifecyclePolicy: [{ transitionToIa: 'AFTER_30_DAYS' }],
      tags: { Name: props.name },
    });
    applyCommonProps(this.fileSystem, props);
    props.subnetIds.forEach((subnetId, i) => {
      new EfsMountTarget(this, `mount_${i}`, { fileSystemId: this.fileSystem.id, subnetId, securityGroups: [props.securityGroupId] });
    });
    new EfsFileSystemPolicy(this, 'policy', {
      fileSystemId: this.fileSystem.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyWithoutTls',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: '*',
            Resource: this.fileSystem.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    const accessPoint = new EfsAccessPoint(this, 'access_point', {
      fileSystemId: this.fileSystem.id,
      posixUser: { uid: RUN_AS_UID, gid: RUN_AS_UID },
      rootDirectory: {
        path: DATA_DIRECTORY,
        creationInfo: { ownerUid: RUN_AS_UID, ownerGid: RUN_AS_UID, permissions: DIRECTORY_PERMISSIONS },
      },
      tags: { Name: `${props.name}-data` },
    });
    this.fileSystemId = this.fileSystem.id;
    this.fileSystemArn = this.fileSystem.arn;
    this.accessPointId = accessPoint.id;
    this.accessPointArn = accessPoint.arn;
  }
}
