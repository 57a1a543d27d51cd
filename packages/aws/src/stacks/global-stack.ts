import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { GLOBAL_REGION, MockforgeStack, type PolicyEngine, type TargetContext } from '@mockforge-infra/core';
import type { Construct } from 'constructs';
import { BackupPlans } from '../backup/backup-plans';
import { CloudFrontCdn } from '../cdn/cloudfront-cdn';
import { DnsValidatedCertificate } from '../load-balancing/certificate';
import { WafLogDelivery } from '../load-balancing/waf-logs';
import { WebAcl } from '../load-balancing/web-acl';
import { AlertTopic } from '../monitoring/alert-topic';
import { AvailabilityAlarm } from '../monitoring/availability-alarm';
import { EncryptionKey } from '../secrets/kms-key';
import { accountOf } from '../shared/account';
import { baseName, regionalName } from '../shared/naming';
import { logBucketLifecycle } from '../shared/log-lifecycle';
import { SecureBucket } from '../shared/secure-bucket';
import { AWS_PLATFORM } from '../sizing';
import { AWS_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { GeoDns, type RoutingPolicy } from '../traffic/geo-dns';
import { originHost, regionalOriginHost } from '../traffic/hostnames';
import type { AwsRegionalStack } from './regional-stack';
import type { KubernetesWorkloadStack } from '@mockforge-infra/kubernetes';
import { ControllerLoadBalancer } from '../load-balancing/controller-load-balancer';
import type { RegionalEndpoint } from '../traffic/geo-dns';

/** Where the config bucket's S3 server access logs land in the CloudFront log bucket. */
export const CONFIG_ACCESS_LOG_PREFIX = 's3-access/config/';

export interface AwsGlobalStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  /** Regional stacks, primary first. */
  readonly regions: readonly AwsRegionalStack[];
  /** EKS workload stacks by region; their controller-built ALBs are looked up by tag. @default none */
  readonly workloads?: ReadonlyMap<string, KubernetesWorkloadStack>;
  /** @default geolocation */
  readonly routing?: RoutingPolicy;
}

/**
 * The tier's global edge and shared state: CloudFront with its WAF and certificate, GeoDNS with
 * health checks, the availability alarm, and the versioned config bucket with its backups.
 */
export class AwsGlobalStack extends MockforgeStack {
  readonly cdn: CloudFrontCdn;
  /** The geo-routed origin name; none when CloudFront reaches the tier's one ALB through a VPC origin. */
  readonly dns?: GeoDns;
  readonly configBucket: SecureBucket;
  readonly backup: BackupPlans;

  constructor(scope: Construct, props: AwsGlobalStackProps) {
    const { context } = props;
    super(scope, {
      tier: context.tier,
      cloud: 'aws',
      region: GLOBAL_REGION,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? AWS_STATEFUL_RESOURCE_TYPES : undefined,
    });
    const home = AWS_PLATFORM.globalServicesRegion;
    new AwsProvider(this, 'aws', { region: home });
    const name = baseName(context);
    const hostname = context.hostname;
    const primary = props.regions[0]!;
    const zoneId = this.fromOtherStack(primary.hostedZoneId);
    const { accountId } = accountOf(this);

    const key = new EncryptionKey(this, 'encryption_key', { alias: `${name}-global`, region: home });
    const topic = new AlertTopic(this, 'alerts', {
      name: `${name}-global-alerts`,
      kmsKeyArn: key.arn,
      email: context.monitoring.notificationEmail,
    });

    // CLOUDFRONT-scope ACLs, and so their logs, live in the home region (this stack's provider).
    const wafLogs = new WafLogDelivery(this, 'waf_logs', {
      policyName: regionalName(context, GLOBAL_REGION, 'waf-logs'),
      region: home,
      kmsKeyArn: key.arn,
    });
    const waf = new WebAcl(this, 'waf', { name: `${name}-cloudfront`, scope: 'CLOUDFRONT', logs: wafLogs });
    const certificateArn =
      context.config.tls?.mode === 'provided'
        ? context.config.tls.awsCloudFrontCertificateArn!
        : new DnsValidatedCertificate(this, 'certificate', { domainName: hostname, hostedZoneId: zoneId }).arn;
    const logs = new SecureBucket(this, 'cdn_logs', {
      bucketName: `${name}-cdn-logs-${accountId}`,
      sseS3Reason:
        'CloudFront standard logging cannot deliver to SSE-KMS buckets without a key grant to the log delivery account; logs hold no secrets',
      noReplicationReason: 'access logs are operational data; they are not replicated to save cost',
      aclsForLogDelivery: true,
      lifecycleRules: logBucketLifecycle(),
      noAccessLogsReason:
        "an access-log bucket: it receives CloudFront's and the config bucket's access logs, and logging it into itself would loop",
    });

    const secondRegion = props.regions[1]?.region;
    this.cdn = new CloudFrontCdn(this, 'cdn', {
      name,
      domainName: hostname,
      certificateArn,
      webAclArn: waf.arn,
      logBucketDomainName: logs.bucket.bucketDomainName,
      originHost: originHost(hostname),
      failoverOriginHost: regionalOriginHost(hostname, secondRegion ?? primary.region),
      spec: context.cdn,
      forwardViewerHost: context.tierConfig.compute?.aws === 'eks',
      // Only a single-region tier on ECS has one: CloudFront's one origin is its internal ALB.
      vpcOriginId: primary.vpcOriginId ? this.fromOtherStack(primary.vpcOriginId) : undefined,
      // CloudFront logging needs the bucket's ACLs enabled before the distribution exists.
      dependsOn: [logs.ownership],
    });
    for (const type of ['A', 'AAAA']) {
      new Route53Record(this, `cdn_${type.toLowerCase()}`, {
        zoneId,
        name: hostname,
        type,
        alias: { name: this.cdn.domainName, zoneId: this.cdn.hostedZoneId, evaluateTargetHealth: false },
      });
    }

    // A VPC origin connects to its ALB directly: origin records would go unused and publish private addresses.
    if (!primary.vpcOriginId) {
      this.dns = new GeoDns(this, 'geo_dns', {
        hostedZoneId: zoneId,
        recordName: originHost(hostname),
        primaryRegion: context.topology.primaryRegion,
        geoRouting: context.topology.geoRouting,
        routing: props.routing,
        endpoints: props.regions.map((r) =>
          r.endpoint ? this.fromOtherStack(r.endpoint) : this.controllerEndpoint(r, props.workloads?.get(r.region)),
        ),
      });
    }
    const availability = new AvailabilityAlarm(this, 'availability', { name, domainName: hostname, topicArn: topic.arn });

    const configRetention = context.backup.schedules.config.retentionDays;
    const copyRegion = context.topology.regions.find((r) => r !== home);
    const copies = context.backup.copyToSecondRegion && copyRegion !== undefined;
    this.configBucket = new SecureBucket(this, 'config_bucket', {
      bucketName: `${name}-config-${accountId}`,
      kmsKeyArn: key.arn,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-configs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: configRetention }],
        },
      ],
      noReplicationReason: copies
        ? "AWS Backup copies the bucket's daily recovery points to a vault in a second region"
        : 'single-region tier: AWS Backup keeps daily recovery points in the home region',
      // The log bucket is SSE-S3 and in the same region, as server access logging requires.
      accessLogs: { bucket: logs, prefix: CONFIG_ACCESS_LOG_PREFIX },
    });
    this.backup = new BackupPlans(this, 'backup', {
      name: `${name}-global`,
      globalName: regionalName(context, GLOBAL_REGION, 'backup'),
      kmsKeyArn: key.arn,
      jobs: [{ name: 'config', schedule: context.backup.schedules.config, resources: [this.configBucket.arn] }],
      locked: context.backup.locked,
      copyTo: copies
        ? { region: copyRegion!, provider: new AwsProvider(this, 'aws_backup_copy', { region: copyRegion!, alias: 'backup_copy' }) }
        : undefined,
    });

    this.exportOutputs({
      cdn_domain_name: { value: this.cdn.domainName, description: 'CloudFront distribution domain' },
      cdn_distribution_id: { value: this.cdn.distribution.id, description: 'CloudFront distribution id' },
      dns_domain_name: { value: hostname, description: 'The public name users resolve' },
      ...(this.dns ? { dns_origin_name: { value: this.dns.domainName, description: 'GeoDNS name CloudFront uses as its origin' } } : {}),
      dns_hosted_zone_id: { value: zoneId, description: 'Route 53 hosted zone' },
      monitoring_availability_health_check_id: {
        value: availability.healthCheckId,
        description: 'Route 53 health check behind the availability alarm',
      },
      config_bucket_name: { value: this.configBucket.name, description: 'Versioned, KMS-encrypted config bucket' },
      backup_vault_name: { value: this.backup.vaultName, description: 'AWS Backup vault for global resources' },
    });
  }

  private controllerEndpoint(regional: AwsRegionalStack, workload: KubernetesWorkloadStack | undefined): RegionalEndpoint {
    if (!regional.kubernetes || !workload) throw new Error(`${regional.node.id} has neither a Terraform ALB nor an EKS workload`);
    const ingress = workload.workload.ingress.ingress.metadata;
    const lb = new ControllerLoadBalancer(this, `controller_alb_${regional.region}`, {
      region: regional.region,
      clusterName: this.fromOtherStack(regional.kubernetes.name),
      ingressNamespace: this.fromOtherStack(ingress.namespace),
      ingressName: this.fromOtherStack(ingress.name),
    });
    return {
      region: regional.region,
      loadBalancerDnsName: lb.dnsName,
      loadBalancerZoneId: lb.zoneId,
      regionalRecordName: regionalOriginHost(regional.context.hostname, regional.region),
    };
  }
}
