import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { PolicyEngine, type CommonProps } from '@mockforge-infra/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../monitoring/log-group';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { ServiceRole } from '../shared/iam';
import { AWS_PLATFORM } from '../sizing';
import { loadBalancerControllerStatements } from './load-balancer-controller-policy';

export interface KubernetesClusterProps extends CommonProps {
  readonly name: string;
  /** Prefix for account-wide IAM names. */
  readonly globalName: string;
  readonly region: string;
  readonly subnetIds: readonly string[];
  readonly kmsKeyArn: string;
  /** The managed node group, sized from the pods it runs (`planNodePool` in @mockforge-infra/kubernetes). */
  readonly nodes: EksNodeSizing;
  /** ECR repositories the nodes may create and fill from the pull-through cache. */
  readonly imageRepositoryArnPattern: string;
  /**
   * CIDRs allowed to reach a public API endpoint (config `aws.eksPublicAccessCidrs`).
   * @default none: the endpoint is private only
   */
  readonly publicAccessCidrs?: readonly string[];
  /** Spot nodes (dev). @default false */
  readonly spot?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** Installs the EBS CSI driver for per-replica claims (hybrid stateful pool). @default false */
  readonly blockStorage?: boolean;
}

export interface EksNodeSizing {
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** Kubernetes labels on every node (the sizing labels the capacity checks read). */
  readonly labels: Readonly<Record<string, string>>;
}

const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const LBC_NAMESPACE = 'kube-system';
const LBC_SERVICE_ACCOUNT = 'aws-load-balancer-controller';
const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

/**
 * EKS with a private API endpoint (or one limited to configured CIDRs), KMS envelope encryption of
 * Secrets, all control-plane logs in an encrypted group, a managed node group across the AZs
 * (type and counts from `props.nodes`), the core add-ons, and Pod Identity for the AWS Load Balancer Controller.
 * `tags` and `overrides` apply to the cluster (`aws_eks_cluster`); `tags` also to the node group.
 */
export class KubernetesCluster extends Construct {
  readonly cluster: EksCluster;
  readonly name: string;
  readonly endpoint: string;
  readonly certificateAuthority: string;
  /** The security group EKS gives the control plane and managed nodes. */
  readonly clusterSecurityGroupId: string;
  readonly kmsKeyArn: string;

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
      managedPolicyArns: [managed('AmazonEKSClusterPolicy')],
    });
    const publicCidrs = props.publicAccessCidrs ?? [];
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
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      deletionProtection: props.deletionProtection ?? true,
      dependsOn: [logs],
    });
    applyCommonProps(this.cluster, props);
    if (publicCidrs.length > 0) {
      PolicyEngine.suppress(
        this.cluster,
        'CKV_AWS_39',
        `the API endpoint is public only for aws.eksPublicAccessCidrs (${publicCidrs.join(', ')}), as configured`,
      );
    }

    const nodeRole = new ServiceRole(this, 'node_role', {
      name: `${props.globalName}-nodes`,
      services: ['ec2.amazonaws.com'],
      managedPolicyArns: [
        managed('AmazonEKSWorkerNodePolicy'),
        managed('AmazonEC2ContainerRegistryPullOnly'),
        managed('AmazonEKS_CNI_Policy'),
      ],
      statements: [
        {
          Sid: 'PullThroughCache',
          Effect: 'Allow',
          Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
          Resource: props.imageRepositoryArnPattern,
        },
      ],
    });
    const { minSize, maxSize } = props.nodes;
    const nodes = new EksNodeGroup(this, 'nodes', {
      clusterName: this.cluster.name,
      nodeGroupName: `${props.name}-nodes`,
      nodeRoleArn: nodeRole.arn,
      subnetIds: [...props.subnetIds],
      instanceTypes: [props.nodes.instanceType],
      amiType: 'AL2023_x86_64_STANDARD',
      capacityType: props.spot ? 'SPOT' : 'ON_DEMAND',
      scalingConfig: { minSize, maxSize, desiredSize: minSize },
      labels: { ...props.nodes.labels },
      updateConfig: { maxUnavailable: 1 },
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      tags: props.tags,
    });

    for (const [addon, configuration] of Object.entries(AWS_PLATFORM.eksAddons)) {
      new EksAddon(this, `addon_${addon.replace(/-/g, '_')}`, {
        clusterName: this.cluster.name,
        addonName: addon,
        configurationValues: configuration ? JSON.stringify(configuration) : undefined,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        // Add-ons that run as Deployments need nodes to become active.
        dependsOn: addon === 'coredns' || addon === 'metrics-server' ? [nodes] : undefined,
      });
    }

    if (props.blockStorage) {
      const ebs = new ServiceRole(this, 'ebs_csi_role', {
        name: `${props.globalName}-ebs-csi`,
        services: ['pods.eks.amazonaws.com'],
        trustActions: ['sts:TagSession'],
        managedPolicyArns: [managed('service-role/AmazonEBSCSIDriverPolicy')],
        statements: [
          {
            Sid: 'EncryptVolumesWithStackKey',
            Effect: 'Allow',
            Action: [
              'kms:CreateGrant',
              'kms:Decrypt',
              'kms:DescribeKey',
              'kms:Encrypt',
              'kms:GenerateDataKeyWithoutPlaintext',
              'kms:ReEncrypt*',
            ],
            Resource: props.kmsKeyArn,
          },
        ],
      });
      new EksAddon(this, 'addon_aws_ebs_csi_driver', {
        clusterName: this.cluster.name,
        addonName: 'aws-ebs-csi-driver',
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        podIdentityAssociation: [{ roleArn: ebs.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
        dependsOn: [nodes],
      });
    }

    const controller = new ServiceRole(this, 'load_balancer_controller_role', {
      name: `${props.globalName}-lb-controller`,
      services: ['pods.eks.amazonaws.com'],
      trustActions: ['sts:TagSession'],
      statements: loadBalancerControllerStatements(),
    });
    new EksPodIdentityAssociation(this, 'load_balancer_controller_identity', {
      clusterName: this.cluster.name,
      namespace: LBC_NAMESPACE,
      serviceAccount: LBC_SERVICE_ACCOUNT,
      roleArn: controller.arn,
    });

    this.kmsKeyArn = props.kmsKeyArn;
    this.name = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthority = Fn.base64decode(this.cluster.certificateAuthority.get(0).data);
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
  }
}
