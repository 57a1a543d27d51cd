import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  ADMIN_SECRET_KEYS,
  DATABASE_PASSWORD,
  GeneratedCredentials,
  MockforgeStack,
  tierSecretKeys,
  type Monitoring,
  type PolicyEngine,
  type SecretKey,
  type TargetContext,
} from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { BackupPlans, type BackupJob } from '../backup/backup-plans';
import { RedisReplicationGroup } from '../cache/redis-replication-group';
import type { KubernetesCluster } from '../compute/eks-cluster';
import type { FargateService } from '../compute/fargate-service';
import type { StateVolume } from '../compute/state-volume';
import { ImageCache, pullThroughCacheRoleArn } from '../compute/image-cache';
import { PostgresInstance } from '../database/postgres-instance';
import { DnsValidatedCertificate } from '../load-balancing/certificate';
import type { PublicLoadBalancer } from '../load-balancing/public-load-balancer';
import { WafLogDelivery } from '../load-balancing/waf-logs';
import { AlertTopic } from '../monitoring/alert-topic';
import { ServiceDashboard } from '../monitoring/dashboard';
import type { RegionalAlarms } from '../monitoring/regional-alarms';
import { VpcEndpoints } from '../network/endpoints';
import { SecurityGroups } from '../network/security-groups';
import { subnetCidrs } from '../network/subnet-plan';
import { VpcNetwork } from '../network/vpc-network';
import { RegionPeering, type PeeringSide } from '../network/vpc-peering';
import { EncryptionKey } from '../secrets/kms-key';
import { InitialSecretValue } from '../secrets/initial-secret-value';
import { RemoteSecretValue } from '../secrets/remote-secret-value';
import { SecretContainers } from '../secrets/secret-store';
import { accountOf } from '../shared/account';
import type { RegionalComputeInput } from './compute-input';
import { addEcsCompute, ecsOriginIsVpcOrigin, ecsTasksArePublic } from './ecs-compute';
import { addEksCompute } from './eks-compute';
import { exemptionReason } from '../shared/exemptions';
import { baseName, regionalName } from '../shared/naming';
import { AWS_SIZES } from '../sizing';
import { AWS_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { PublicHostedZone } from '../traffic/hosted-zone';
import type { RegionalEndpoint } from '../traffic/geo-dns';
import { originHost, regionalOriginHost } from '../traffic/hostnames';

const PVC_NAMESPACE_TAG = 'kubernetes.io/created-for/pvc/namespace';

export interface AwsRegionalStackProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly policy?: PolicyEngine;
  /**
   * The primary region's stack. Secondaries replicate its database and cache and share its
   * hosted zone. @default this stack is the primary
   */
  readonly primary?: AwsRegionalStack;
  /**
   * The secondary regions whose stacks come before this one: it peers with them as with the primary,
   * so every region reaches whichever one is promoted after a failover. @default none
   */
  readonly earlierSecondaries?: readonly AwsRegionalStack[];
}

/** One region of a tier: network, compute, load balancer, data stores, monitoring and backups. */
export class AwsRegionalStack extends MockforgeStack {
  readonly context: TargetContext;
  readonly isPrimary: boolean;
  readonly key: EncryptionKey;
  readonly network: VpcNetwork;
  readonly securityGroups: SecurityGroups;
  /** Peerings this stack owns: to the primary and the earlier secondaries (multi-region with data stores). */
  readonly peerings: readonly RegionPeering[] = [];
  /** Data subnets the region's workloads may connect to: its own, and in a multi-region tier every region's. */
  readonly dataStoreCidrs: readonly string[];
  readonly secrets: SecretContainers;
  /** The tier's generated admin credentials and RDS master password (primary region only). */
  readonly credentials?: GeneratedCredentials;
  /** The versions Terraform writes into this region's secrets: the tasks start after them. */
  readonly secretVersions: readonly InitialSecretValue[];
  /** The Terraform-managed ALB (ECS); on EKS the load balancer controller owns it. */
  readonly loadBalancer?: PublicLoadBalancer;
  /** The CloudFront VPC origin of an internal ALB (a single-region tier on ECS). */
  readonly vpcOriginId?: string;
  /** RDS, where the tier runs a managed database (not in dev). */
  readonly database?: PostgresInstance;
  /** ElastiCache, where the tier runs a managed cache (not in dev). */
  readonly cache?: RedisReplicationGroup;
  readonly alarms?: RegionalAlarms;
  readonly alertTopic: AlertTopic;
  /** The region's dashboard and the topic every alarm notifies (core's `Monitoring`). */
  readonly monitoring: Monitoring;
  readonly hostedZoneId: string;
  /** The zone's name servers, when this stack created it. */
  readonly nameServers?: string[];
  readonly service?: FargateService;
  readonly kubernetes?: KubernetesCluster;
  /** Hybrid topology on ECS: the stateful pool, its EFS volume and its private name. */
  readonly statefulService?: FargateService;
  readonly stateVolume?: StateVolume;
  readonly statefulHostName?: string;
  /** The ECR image (pull-through cache) the region runs. */
  readonly imageUri: string;
  /** ALB controller annotations for the EKS workload's ingress. */
  readonly ingressAnnotations?: Record<string, string>;
  /** The region's vault and plans, when it has something to back up (not in dev on ECS). */
  readonly backup?: BackupPlans;

  constructor(scope: Construct, props: AwsRegionalStackProps) {
    const { region } = props;
    // Without a managed cache or database no REDIS_URL or DATABASE_URL secret exists, so no container may name one.
    const context: TargetContext = {
      ...props.context,
      service: { ...props.context.service, secretKeys: tierSecretKeys(props.context.profile, props.context.service.secretKeys) },
    };
    super(scope, {
      tier: context.tier,
      cloud: 'aws',
      region,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? AWS_STATEFUL_RESOURCE_TYPES : undefined,
    });
    this.context = context;
    this.isPrimary = props.primary === undefined;
    new AwsProvider(this, 'aws', { region });

    const name = baseName(context);
    const globalName = (suffix: string) => regionalName(context, region, suffix);
    const size = AWS_SIZES[context.profile.size];
    const profile = context.profile;
    const { accountId, partition } = accountOf(this);

    // ECR's service-linked role decrypts the ghcr.io credential secret, which uses this key.
    this.key = new EncryptionKey(this, 'encryption_key', {
      alias: name,
      region,
      secretReaderRoleArns: [pullThroughCacheRoleArn(partition, accountId)],
    });
    const keyArn = this.key.arn;

    const production = context.tier === 'production';
    const onEks = context.tierConfig.compute?.aws === 'eks';
    // On EKS the workload's StatefulSet gives each replica its own claim.
    const hybridOnEcs = context.topology.hasStatefulPool && !onEks;
    const azs = profile.availabilityZones;
    const publicTasks = ecsTasksArePublic(context) && !onEks;
    this.network = new VpcNetwork(this, 'network', {
      name,
      globalName: globalName('vpc'),
      region,
      cidr: context.vpcCidrs[region]!,
      availabilityZones: azs,
      // Dev and staging on ECS have no NAT: their tasks egress through their own public IP (ecs-compute). EKS nodes keep one.
      natGateways: production ? azs : publicTasks ? 0 : 1,
      kmsKeyArn: keyArn,
    });
    this.securityGroups = new SecurityGroups(this, 'security_groups', {
      name,
      vpcId: this.network.networkId,
      vpcCidr: this.network.cidr,
      endpoints: production,
      cache: profile.managedCache,
      database: profile.managedDatabase,
      egressVia: publicTasks ? 'public IP' : 'NAT',
      efs: hybridOnEcs,
      appToApp: hybridOnEcs,
      cloudFrontReach: !onEks && ecsOriginIsVpcOrigin(context) ? 'vpc-origin' : 'internet',
    });
    // Multi-region: the replicas are read-only, so every region writes to the primary's PostgreSQL and
    // Redis over inter-region VPC peering; the replicas stay for a promotion (README: Regional failure).
    const multiRegion = context.topology.isMultiRegion;
    const dataStores = profile.managedDatabase || profile.managedCache;
    // Core allocates every region's CIDR, so the subnets of the others need no cross-stack value.
    const cidrsOf = (r: string, tier: 'public' | 'private' | 'data') => subnetCidrs(context.vpcCidrs[r]!, tier, azs);
    // Where a region's tasks or nodes run.
    const workloadTier = publicTasks ? 'public' : 'private';
    this.dataStoreCidrs = this.network.dataSubnetCidrs;
    if (multiRegion && dataStores) {
      const others = context.topology.regions.filter((r) => r !== region);
      for (const r of others) this.securityGroups.peerRegion(r, { workloadCidrs: cidrsOf(r, workloadTier), dataCidrs: cidrsOf(r, 'data') });
      this.dataStoreCidrs = [...this.network.dataSubnetCidrs, ...others.flatMap((r) => cidrsOf(r, 'data'))];
      const side = (stack: AwsRegionalStack, own: boolean): PeeringSide => {
        const ids = [
          ...(publicTasks ? [stack.network.publicRouteTableId] : stack.network.appRouteTableIds),
          stack.network.dataRouteTableId,
        ];
        return {
          region: stack.region,
          vpcId: own ? stack.network.networkId : this.fromOtherStack(stack.network.networkId),
          cidr: stack.network.cidr,
          routeTableIds: own ? ids : ids.map((id) => this.fromOtherStack(id)),
        };
      };
      const earlier = props.primary ? [props.primary, ...(props.earlierSecondaries ?? [])] : [];
      this.peerings = earlier.map(
        (peer) => new RegionPeering(this, `peering_${peer.region}`, { name, local: side(this, true), peer: side(peer, false) }),
      );
    }
    new VpcEndpoints(this, 'endpoints', {
      region,
      vpcId: this.network.networkId,
      // ECR's image layers come from S3: where tasks run in the public subnets, their route table gets the endpoint too.
      routeTableIds: publicTasks
        ? [...this.network.privateRouteTableIds, this.network.publicRouteTableId]
        : this.network.privateRouteTableIds,
      interfaceEndpoints: this.securityGroups.endpoints
        ? { subnetIds: this.network.privateSubnetIds, securityGroupId: this.securityGroups.endpoints.id }
        : undefined,
    });

    this.secrets = new SecretContainers(this, 'secrets', {
      prefix: `${context.service.name}/${context.tier}`,
      keys: context.service.secretKeys,
      kmsKeyArn: keyArn,
    });
    const secretRef = (key: SecretKey) => this.secrets.secrets[key]!;
    // Generated once per tier, in the primary; secondaries copy the primary's secrets.
    if (!props.primary) {
      this.credentials = new GeneratedCredentials(this, 'credentials', { username: context.service.name, passwords: [DATABASE_PASSWORD] });
    }

    // DNS: an existing zone from config, else the primary region creates it and the others share it.
    const configuredZone = context.config.aws?.hostedZoneId;
    if (configuredZone) {
      this.hostedZoneId = configuredZone;
    } else if (props.primary) {
      this.hostedZoneId = this.fromOtherStack(props.primary.hostedZoneId);
    } else {
      const zone = new PublicHostedZone(this, 'hosted_zone', { hostname: context.hostname });
      this.hostedZoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
    const publicName = context.hostname;
    const hostName = regionalOriginHost(publicName, region);
    // An EKS ingress routes by the public host, so CloudFront forwards it and the certificate covers it.
    const certificateArn =
      context.config.tls?.mode === 'provided'
        ? context.config.tls.awsCertificateArn!
        : new DnsValidatedCertificate(this, 'certificate', {
            domainName: hostName,
            alternativeNames: onEks ? [originHost(publicName), publicName] : [originHost(publicName)],
            hostedZoneId: this.hostedZoneId,
          }).arn;

    // A secondary's values are the primary's, copied from its secrets (only their ARNs cross stacks).
    const primaryValue = (key: SecretKey) =>
      new RemoteSecretValue(this, `primary_${key.toLowerCase()}`, {
        region: props.primary!.region,
        secretId: this.fromOtherStack(props.primary!.secrets.secrets[key]!.id),
      }).value;
    if (this.securityGroups.database) {
      const replica = multiRegion && props.primary !== undefined;
      this.database = new PostgresInstance(this, 'database', {
        name,
        globalName: globalName('db'),
        spec: context.database,
        instanceClass: size.dbInstanceClass,
        allocatedStorageGiB: size.dbAllocatedStorageGiB,
        maxAllocatedStorageGiB: size.dbMaxAllocatedStorageGiB,
        subnetIds: this.network.dataSubnetIds,
        securityGroupId: this.securityGroups.database.id,
        kmsKeyArn: keyArn,
        connectionSecret: secretRef('DATABASE_URL'),
        masterPassword: replica ? undefined : this.credentials!.output(DATABASE_PASSWORD),
        connectionUrl: replica ? primaryValue('DATABASE_URL') : undefined,
        replicaOf: replica ? this.fromOtherStack(props.primary!.database!.arn) : undefined,
        exemptions: {
          multiAz: exemptionReason(context, 'zonal-data'),
          deletionProtection: exemptionReason(context, 'deletion-protection'),
        },
      });
    }
    if (this.securityGroups.cache) {
      this.cache = new RedisReplicationGroup(this, 'cache', {
        name,
        spec: context.cache,
        nodeType: size.cacheNodeType,
        shards: size.cacheShards,
        subnetIds: this.network.dataSubnetIds,
        securityGroupId: this.securityGroups.cache.id,
        kmsKeyArn: keyArn,
        connectionSecret: secretRef('REDIS_URL'),
        connectionUrl: context.cache.crossRegionReplication && props.primary ? primaryValue('REDIS_URL') : undefined,
        global: context.cache.crossRegionReplication
          ? props.primary
            ? { role: 'secondary', globalReplicationGroupId: this.fromOtherStack(props.primary.cache!.globalReplicationGroupId!) }
            : { role: 'primary' }
          : undefined,
        singleNodeExemption: exemptionReason(context, 'zonal-data'),
      });
    }

    const adminVersions = ADMIN_SECRET_KEYS.filter((key) => this.secrets.secrets[key]).map(
      (key) =>
        new InitialSecretValue(this, key.toLowerCase(), {
          secret: secretRef(key),
          value: this.credentials ? this.credentials.admin[key] : primaryValue(key),
        }),
    );
    this.secretVersions = [
      ...adminVersions,
      ...(this.database ? [this.database.connectionUrl] : []),
      ...(this.cache ? [this.cache.connectionUrl] : []),
    ];

    const image = new ImageCache(this, 'image_cache', {
      region,
      image: context.service.image,
      name,
      kmsKeyArn: keyArn,
    });
    this.imageUri = image.imageUri;
    this.alertTopic = new AlertTopic(this, 'alerts', {
      name: `${name}-alerts`,
      kmsKeyArn: keyArn,
      email: context.monitoring.notificationEmail,
    });
    const newWafLogs = () => new WafLogDelivery(this, 'waf_logs', { policyName: globalName('waf-logs'), region, kmsKeyArn: keyArn });
    let wafLogs: WafLogDelivery | undefined;
    const computeInput: RegionalComputeInput = {
      context,
      region,
      name,
      globalName,
      kmsKeyArn: keyArn,
      network: this.network,
      securityGroups: this.securityGroups,
      secrets: this.secrets,
      image,
      certificateArn,
      hostName,
      logBucketName: `${name}-${region}-alb-logs-${accountId}`,
      // Created on first use: an internal ALB behind a VPC origin has no web ACL, so nothing to log here.
      get wafLogs() {
        return (wafLogs ??= newWafLogs());
      },
      alertTopicArn: this.alertTopic.arn,
      secretVersions: this.secretVersions.map((v) => v.version),
    };
    let dashboardTargets: { loadBalancerArnSuffix?: string; ecs?: { clusterName: string; serviceName: string } } = {};
    if (onEks) {
      const eks = addEksCompute(this, computeInput);
      this.kubernetes = eks.cluster;
      this.ingressAnnotations = eks.ingressAnnotations;
    } else {
      const ecs = addEcsCompute(this, computeInput);
      this.loadBalancer = ecs.loadBalancer;
      this.vpcOriginId = ecs.loadBalancer.vpcOrigin?.id;
      this.service = ecs.service;
      this.alarms = ecs.alarms;
      this.statefulService = ecs.stateful?.service;
      this.stateVolume = ecs.stateful?.volume;
      this.statefulHostName = ecs.stateful?.hostName;
      dashboardTargets = { loadBalancerArnSuffix: ecs.loadBalancer.lb.arnSuffix, ecs: ecs.ecs };
    }
    const dashboard = new ServiceDashboard(this, 'dashboard', {
      name: `${name}-${region}`,
      region,
      ...dashboardTargets,
      databaseIdentifier: this.database?.identifier,
      cacheReplicationGroupId: this.cache?.replicationGroupId,
    });
    this.monitoring = { dashboardName: dashboard.dashboardName, alertTarget: this.alertTopic.arn };

    const schedules = context.backup.schedules;
    const jobs: BackupJob[] = [];
    if (this.database) {
      // The vault job runs clear of RDS's own backup and maintenance windows.
      const database = { ...schedules.database, cron: this.database.windows.vaultBackupCron };
      jobs.push({ name: 'database', schedule: database, resources: [this.database.arn] });
    }
    if (this.stateVolume) jobs.push({ name: 'state', schedule: schedules.state, resources: [this.stateVolume.fileSystemArn] });
    // The EBS CSI driver tags each claim's volume with its namespace, MockForge's service name.
    if (onEks && context.topology.hasStatefulPool) {
      jobs.push({ name: 'state', schedule: schedules.state, selectionTags: [{ key: PVC_NAMESPACE_TAG, value: context.service.name }] });
    }
    const regions = context.topology.regions;
    const copyRegion = context.backup.copyToSecondRegion ? regions[(regions.indexOf(region) + 1) % regions.length] : undefined;
    // A vault with no plan would back up nothing (dev on ECS: no database, no state volume).
    if (jobs.length > 0) {
      this.backup = new BackupPlans(this, 'backup', {
        name,
        globalName: globalName('backup'),
        kmsKeyArn: keyArn,
        jobs,
        locked: context.backup.locked,
        copyTo:
          copyRegion && copyRegion !== region
            ? { region: copyRegion, provider: new AwsProvider(this, 'aws_backup_copy', { region: copyRegion, alias: 'backup_copy' }) }
            : undefined,
      });
    }

    this.exportOutputs({
      vpc_id: { value: this.network.networkId, description: 'VPC id' },
      // Behind a VPC origin no public record names the region's origin, and the internal ALB answers only CloudFront.
      ...(this.vpcOriginId ? {} : { load_balancer_endpoint: { value: `https://${hostName}`, description: 'Regional HTTPS origin URL' } }),
      ...(this.loadBalancer
        ? {
            load_balancer_dns_name: {
              value: this.loadBalancer.dnsName,
              description: this.vpcOriginId
                ? 'Regional internal ALB DNS name (CloudFront reaches it through its VPC origin)'
                : 'Regional ALB DNS name (CloudFront origin)',
            },
          }
        : {}),
      ...(this.database
        ? {
            database_endpoint: { value: this.database.endpoint, description: 'PostgreSQL endpoint address' },
            database_connection_secret_arn: {
              value: this.database.connectionSecret.id,
              description: 'Secrets Manager ARN of DATABASE_URL',
            },
          }
        : {}),
      ...(this.cache
        ? {
            cache_endpoint: { value: this.cache.endpoint, description: 'Redis endpoint address' },
            cache_connection_secret_arn: {
              value: this.cache.connectionSecret.id,
              description: 'Secrets Manager ARN of REDIS_URL (written by Terraform)',
            },
          }
        : {}),
      ...(this.statefulService
        ? {
            ecs_stateful_service_name: { value: this.statefulService.serviceName, description: 'ECS service of the stateful pool' },
            ecs_stateful_host_name: { value: this.statefulHostName!, description: 'Private DNS name of the stateful pool' },
          }
        : {}),
      ...(this.service ? { ecs_service_name: { value: this.service.serviceName, description: 'ECS service name' } } : {}),
      ...(this.kubernetes
        ? {
            eks_cluster_name: { value: this.kubernetes.name, description: 'EKS cluster name' },
            eks_cluster_endpoint: {
              value: this.kubernetes.endpoint,
              description: 'EKS API endpoint (private unless aws.eksPublicAccessCidrs is set)',
            },
          }
        : {}),
      monitoring_alert_topic_arn: { value: this.monitoring.alertTarget, description: 'SNS topic every alarm notifies' },
      monitoring_dashboard_name: { value: this.monitoring.dashboardName, description: 'CloudWatch dashboard' },
      ...(this.backup ? { backup_vault_name: { value: this.backup.vaultName, description: 'AWS Backup vault' } } : {}),
      ...(this.nameServers
        ? {
            dns_name_servers: {
              value: this.nameServers,
              description:
                'Delegate the tier hostname to these name servers from its parent domain (certificates validate once it resolves)',
            },
          }
        : {}),
      image_credential_secret_arn: {
        value: image.credential.arn,
        description: 'Write ghcr.io credentials here for the ECR pull-through cache',
      },
    });
  }

  /** How the global stack reaches this region, when Terraform owns the ALB (ECS). */
  get endpoint(): RegionalEndpoint | undefined {
    if (!this.loadBalancer) return undefined;
    return {
      region: this.region,
      loadBalancerDnsName: this.loadBalancer.dnsName,
      loadBalancerZoneId: this.loadBalancer.zoneId,
      healthAlarmName: this.alarms?.noHealthyTargets.alarmName,
      regionalRecordName: regionalOriginHost(this.context.hostname, this.region),
    };
  }
}
