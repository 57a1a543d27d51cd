import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { PolicyEngine, type CommonProps } from '@mockforge-infra/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { ServiceRole, type PolicyStatement } from '../shared/iam';
import { AWS_PLATFORM } from '../sizing';

export interface KubernetesClusterProps extends CommonProps {
  readonly name: string;
  /** Prefix for account-wide IAM names. */
  readonly globalName: string;
  readonly region: string;
  readonly subnetIds: readonly string[];
  readonly kmsKeyArn: string;
  /** ECR repositories the nodes may create and fill from the pull-through cache. */
  readonly imageRepositoryArnPattern: string;
  /**
   * CIDRs allowed to reach a public API endpoint (config `aws.eksPublicAccessCidrs`).
   * @default none: the endpoint is private only
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * IAM roles with cluster admin through an access entry (config `aws.eksAdminRoleArns`); with them the
   * cluster's creator gets no implicit entry of its own.
   * @default none: only the principal that creates the cluster administers it
   */
  readonly adminRoleArns?: readonly string[];
  /** @default true */
  readonly deletionProtection?: boolean;
  /** The workload's Secrets Manager containers: its pods read them through the Secrets Store CSI driver. */
  readonly workloadSecrets: WorkloadSecretAccess;
}

export interface WorkloadSecretAccess {
  /** Namespace and service account of the pods that mount the secrets. */
  readonly namespace: string;
  readonly serviceAccount: string;
  /** ARNs of the tier's secret containers in this region. */
  readonly secretArns: readonly string[];
}

const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const ADMIN_ACCESS_POLICY = 'AmazonEKSClusterAdminPolicy';
/** ForceNew in the provider and read only at creation: a later change must not replace the cluster. */
const CREATOR_ADMIN = 'access_config[0].bootstrap_cluster_creator_admin_permissions';

/**
 * Auto Mode's built-in node pools: `system` (tainted CriticalAddonsOnly) and `general-purpose`, which
 * runs the add-ons' Deployments before the workload stack adds MockForge's own pool, and takes any pod
 * that pool's limits turn away. Auto Mode creates the `default` NodeClass only with a built-in pool.
 */
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'];

/**
 * EKS Auto Mode with a private API endpoint (or one limited to configured CIDRs), KMS envelope
 * encryption of Secrets and all control-plane logs in an encrypted group. Auto Mode runs on the nodes
 * it launches what add-ons ran before: the VPC CNI with NetworkPolicy enforcement, kube-proxy, CoreDNS,
 * the Pod Identity agent, the EBS CSI driver, and the load balancer controller that builds the
 * workload's ALB. metrics-server (for the HPAs) and the Secrets Store CSI driver with its AWS provider
 * are add-ons; the workload's service account reads this tier's secrets through Pod Identity.
 * `tags` and `overrides` apply to the cluster (`aws_eks_cluster`).
 */
export class KubernetesCluster extends Construct {
  readonly cluster: EksCluster;
  readonly name: string;
  readonly endpoint: string;
  readonly certificateAuthority: string;
  /** The security group EKS gives the control plane and Auto Mode's nodes. */
  readonly clusterSecurityGroupId: string;
  readonly kmsKeyArn: string;
  /** The role the Secrets Store CSI driver's AWS provider assumes for the workload's pods. */
  readonly workloadSecretsRole: ServiceRole;

  constructor(scope: Construct, id: string, props: KubernetesClusterProps) {
    super(scope, id);
    const { partition } = accountOf(this);
    const managed = (policy: string) => `arn:${partition}:iam::aws:policy/${policy}`;
    // Created first so EKS writes into an encrypted group with retention instead of making its own.
    const logs = encryptedLogGroup(this, 'control_plane_logs', `/aws/eks/${props.name}/cluster`, props.kmsKeyArn);
    const clusterRole = new ServiceRole(this, 'cluster_role', {
      name: `${props.globalName}-cluster`,
      services: ['eks.amazonaws.com'],
      trustActions: ['sts:TagSession'],
      managedPolicyArns: [
        managed('AmazonEKSClusterPolicy'),
        managed('AmazonEKSComputePolicy'),
        managed('AmazonEKSBlockStoragePolicy'),
        managed('AmazonEKSLoadBalancingPolicy'),
        managed('AmazonEKSNetworkingPolicy'),
      ],
      // Auto Mode's block storage creates the claims' volumes as the cluster role, encrypted with the region key.
      statements: [volumeKeyStatement(props.kmsKeyArn)],
    });
    const nodeRole = new ServiceRole(this, 'node_role', {
      name: `${props.globalName}-nodes`,
      services: ['ec2.amazonaws.com'],
      managedPolicyArns: [managed('AmazonEKSWorkerNodeMinimalPolicy'), managed('AmazonEC2ContainerRegistryPullOnly')],
      statements: [
        {
          Sid: 'PullThroughCache',
          Effect: 'Allow',
          Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
          Resource: props.imageRepositoryArnPattern,
        },
      ],
    });
    const publicCidrs = props.publicAccessCidrs ?? [];
    const admins = props.adminRoleArns ?? [];
    this.cluster = new EksCluster(this, 'cluster', {
      name: props.name,
      roleArn: clusterRole.arn,
      version: AWS_PLATFORM.eksVersion,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
      },
      encryptionConfig: { provider: { keyArn: props.kmsKeyArn }, resources: ['secrets'] },
      enabledClusterLogTypes: LOG_TYPES,
      // Auto Mode maps its node role through an access entry, which needs the API mode. A principal
      // holds one entry only: the creator's implicit one would collide with its listed one.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: admins.length === 0 },
      lifecycle: { ignoreChanges: [CREATOR_ADMIN] },
      // Auto Mode's three capabilities are switched together; the self-managed add-ons would duplicate them.
      bootstrapSelfManagedAddons: false,
      computeConfig: { enabled: true, nodePools: AUTO_MODE_NODE_POOLS, nodeRoleArn: nodeRole.arn },
      kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
      storageConfig: { blockStorage: { enabled: true } },
      deletionProtection: props.deletionProtection ?? true,
      // The role's policies stay until Auto Mode has removed its nodes, ENIs and load balancers on destroy.
      dependsOn: [logs, ...clusterRole.grants],
    });
    applyCommonProps(this.cluster, props);
    if (publicCidrs.length > 0) {
      PolicyEngine.suppress(
        this.cluster,
        'CKV_AWS_39',
        `the API endpoint is public only for aws.eksPublicAccessCidrs (${publicCidrs.join(', ')}), as configured`,
      );
    }

    for (const [addon, configuration] of Object.entries(AWS_PLATFORM.eksAddons)) {
      const id = `addon_${addon.replace(/-/g, '_')}`;
      // The newest build for the cluster's version: a version upgrade moves the add-ons with it.
      const version = new DataAwsEksAddonVersion(this, `${id}_version`, {
        addonName: addon,
        kubernetesVersion: AWS_PLATFORM.eksVersion,
        mostRecent: true,
      });
      new EksAddon(this, id, {
        clusterName: this.cluster.name,
        addonName: addon,
        addonVersion: version.version,
        configurationValues: configuration ? JSON.stringify(configuration) : undefined,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        // Their pods run on Auto Mode's nodes, which join only once the node role holds its policies.
        dependsOn: [...nodeRole.grants],
      });
    }

    const ids = new Set<string>();
    admins.forEach((principalArn, i) => {
      const id = uniqueId(`admin_${principalArn.replace(/^arn:[^:]+:iam::/, '').replace(/\W/g, '_')}`, i, ids);
      const entry = new EksAccessEntry(this, id, { clusterName: this.cluster.name, principalArn });
      new EksAccessPolicyAssociation(this, `${id}_policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${ADMIN_ACCESS_POLICY}`,
        accessScope: { type: 'cluster' },
      });
    });

    const access = props.workloadSecrets;
    this.workloadSecretsRole = new ServiceRole(this, 'workload_secrets_role', {
      name: `${props.globalName}-secrets`,
      services: ['pods.eks.amazonaws.com'],
      trustActions: ['sts:TagSession'],
      statements: [
        {
          Sid: 'ReadTierSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: [...access.secretArns],
        },
        {
          Sid: 'DecryptThroughSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: props.kmsKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
        },
      ],
    });
    new EksPodIdentityAssociation(this, 'workload_secrets_identity', {
      clusterName: this.cluster.name,
      namespace: access.namespace,
      serviceAccount: access.serviceAccount,
      roleArn: this.workloadSecretsRole.arn,
    });

    this.kmsKeyArn = props.kmsKeyArn;
    this.name = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthority = Fn.base64decode(this.cluster.certificateAuthority.get(0).data);
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
  }
}

/** `id`, or `id_<index>` when two ARNs reduce to the same one. */
function uniqueId(id: string, index: number, taken: Set<string>): string {
  const unique = taken.has(id) ? `${id}_${index}` : id;
  taken.add(unique);
  return unique;
}

/** What EBS needs of a customer managed key to create, attach and snapshot encrypted volumes. */
function volumeKeyStatement(kmsKeyArn: string): PolicyStatement {
  return {
    Sid: 'EncryptVolumesWithRegionKey',
    Effect: 'Allow',
    Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncrypt*'],
    Resource: kmsKeyArn,
  };
}
