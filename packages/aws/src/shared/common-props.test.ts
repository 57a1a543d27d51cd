import { BACKUPS, type CommonProps } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { BackupPlans } from '../backup/backup-plans';
import { ImageCache } from '../compute/image-cache';
import { DnsValidatedCertificate } from '../load-balancing/certificate';
import { AlertTopic } from '../monitoring/alert-topic';
import { AvailabilityAlarm } from '../monitoring/availability-alarm';
import { ServiceDashboard } from '../monitoring/dashboard';
import { RegionalAlarms } from '../monitoring/regional-alarms';
import { VpcEndpoints } from '../network/endpoints';
import { SecurityGroups } from '../network/security-groups';
import { SecretContainers } from '../secrets/secret-store';
import { GeoDns } from '../traffic/geo-dns';
import { PublicHostedZone } from '../traffic/hosted-zone';

type Json = Record<string, any>;

const TAGS = { team: 'mocks', 'cost-center': 'qa' };

type Build = (scope: Construct, common: CommonProps) => unknown;

const KMS = 'arn:kms';
const SNS = 'arn:sns';
const HOST = 'mocks.example.com';
const ORIGIN = `origin.${HOST}`;
const IMAGE = 'ghcr.io/saasy-solutions/mockforge:0.3.213';
const ecs = { clusterName: 'm', serviceName: 'm' };
const alb = { loadBalancerArnSuffix: 'app/m/1', targetGroupArnSuffix: 'targetgroup/m/1' };
const stores = { databaseIdentifier: 'm', cacheReplicationGroupId: 'm' };
const interfaceEndpoints = { subnetIds: ['subnet-1'], securityGroupId: 'sg-1' };
const geoRouting = { EU: 'eu-west-1' };
const endpoints = ['us-east-1', 'eu-west-1'].map((region) => ({
  region,
  loadBalancerDnsName: `${region}.elb.amazonaws.com`,
  loadBalancerZoneId: 'Z2',
  healthAlarmName: `m-${region}-no-healthy-targets`,
}));
const jobs = [{ name: 'database', schedule: BACKUPS.database, resources: ['arn:rds'] }];

const BUILD: Record<string, Build> = {
  SecurityGroups: (s, c) => new SecurityGroups(s, 'groups', { ...c, name: 'm', vpcId: 'vpc-1', vpcCidr: '10.0.0.0/16', endpoints: true }),
  VpcEndpoints: (s, c) =>
    new VpcEndpoints(s, 'endpoints', { ...c, region: 'eu-west-1', vpcId: 'vpc-1', routeTableIds: ['rtb-1'], interfaceEndpoints }),
  ImageCache: (s, c) => new ImageCache(s, 'images', { ...c, region: 'eu-west-1', image: IMAGE, name: 'm', kmsKeyArn: KMS }),
  RegionalAlarms: (s, c) => new RegionalAlarms(s, 'alarms', { ...c, ...alb, name: 'm', topicArn: SNS, ecs }),
  AlertTopic: (s, c) => new AlertTopic(s, 'alerts', { ...c, name: 'm-alerts', kmsKeyArn: KMS }),
  SecretContainers: (s, c) => new SecretContainers(s, 'secrets', { ...c, prefix: 'm', keys: ['DATABASE_URL'], kmsKeyArn: KMS }),
  DnsValidatedCertificate: (s, c) => new DnsValidatedCertificate(s, 'certificate', { ...c, domainName: ORIGIN, hostedZoneId: 'Z1' }),
  BackupPlans: (s, c) => new BackupPlans(s, 'backup', { ...c, name: 'm', globalName: 'm-eu-west-1', kmsKeyArn: KMS, jobs }),
  GeoDns: (s, c) =>
    new GeoDns(s, 'dns', { ...c, hostedZoneId: 'Z1', recordName: ORIGIN, primaryRegion: 'us-east-1', geoRouting, endpoints }),
  PublicHostedZone: (s, c) => new PublicHostedZone(s, 'zone', { ...c, hostname: HOST }),
  AvailabilityAlarm: (s, c) => new AvailabilityAlarm(s, 'availability', { ...c, name: 'm', domainName: HOST, topicArn: SNS }),
  ServiceDashboard: (s, c) => new ServiceDashboard(s, 'dashboard', { ...c, ...stores, name: 'm', region: 'eu-west-1' }),
};

/** The main resource of each construct: its type, its Terraform name before the hash, and an attribute to override. */
const MAIN: Record<string, readonly [type: string, name: string, attribute: string, value: unknown]> = {
  SecurityGroups: ['aws_security_group', 'groups_app_group', 'revoke_rules_on_delete', true],
  VpcEndpoints: ['aws_vpc_endpoint', 'endpoints_s3', 'auto_accept', true],
  ImageCache: ['aws_ecr_pull_through_cache_rule', 'images_rule', 'upstream_repository_prefix', 'saasy-solutions'],
  RegionalAlarms: ['aws_cloudwatch_metric_alarm', 'alarms_no_healthy_targets', 'actions_enabled', false],
  AlertTopic: ['aws_sns_topic', 'alerts_topic', 'display_name', 'MockForge alerts'],
  SecretContainers: ['aws_secretsmanager_secret', 'secrets_database_url', 'force_overwrite_replica_secret', true],
  DnsValidatedCertificate: ['aws_acm_certificate', 'certificate', 'key_algorithm', 'EC_prime256v1'],
  BackupPlans: ['aws_backup_vault', 'backup_vault', 'force_destroy', false],
  GeoDns: ['aws_route53_record', 'dns_geo_default', 'allow_overwrite', true],
  PublicHostedZone: ['aws_route53_zone', 'zone', 'comment', 'MockForge zone, managed by the platform team'],
  AvailabilityAlarm: ['aws_cloudwatch_metric_alarm', 'availability_alarm', 'actions_enabled', false],
  ServiceDashboard: ['aws_cloudwatch_dashboard', 'dashboard', 'dashboard_name', 'mockforge-overview'],
};

/**
 * Resource types whose every instance carries the extra tags (CloudWatch dashboards take none),
 * with how many of that type the construct creates.
 */
const TAGGED: Record<string, Readonly<Record<string, number>>> = {
  SecurityGroups: { aws_security_group: 5 },
  VpcEndpoints: { aws_vpc_endpoint: 5 },
  ImageCache: { aws_secretsmanager_secret: 1 },
  RegionalAlarms: { aws_cloudwatch_metric_alarm: 4 },
  AlertTopic: { aws_sns_topic: 1 },
  SecretContainers: { aws_secretsmanager_secret: 1 },
  DnsValidatedCertificate: { aws_acm_certificate: 1 },
  BackupPlans: { aws_backup_vault: 1, aws_backup_plan: 1 },
  GeoDns: { aws_route53_health_check: 2 },
  PublicHostedZone: { aws_route53_zone: 1 },
  AvailabilityAlarm: { aws_cloudwatch_metric_alarm: 1, aws_route53_health_check: 1 },
  ServiceDashboard: {},
};

function synth(build: Build, common: CommonProps): Record<string, Record<string, Json>> {
  return (JSON.parse(Testing.synthScope((scope) => build(scope, common))) as Json).resource as Record<string, Record<string, Json>>;
}

describe.each(Object.keys(BUILD))('%s with common props', (construct) => {
  const [type, name, attribute, value] = MAIN[construct]!;
  const tagged = TAGGED[construct]!;
  const resources = synth(BUILD[construct]!, { tags: TAGS, overrides: { [attribute]: value } });

  it('overrides an attribute of its main resource only', () => {
    const overridden = Object.entries(resources[type] ?? {}).filter(([, r]) => attribute in r && r[attribute] === value);
    expect(overridden.map(([id]) => id)).toEqual([expect.stringMatching(new RegExp(`^${name}_[0-9A-F]{8}$`))]);
  });

  if (Object.keys(tagged).length === 0) return;
  it.each(Object.entries(tagged))('tags every %s', (t, count) => {
    const instances = Object.values(resources[t] ?? {});
    expect(instances).toHaveLength(count);
    for (const r of instances) expect(r.tags).toMatchObject(TAGS);
  });
});

describe('common props', () => {
  it('keep the tags a construct sets itself', () => {
    const groups = synth(BUILD.SecurityGroups!, { tags: TAGS }).aws_security_group!;
    expect(Object.values(groups).map((g) => g.tags)).toContainEqual({ Name: 'm-app', ...TAGS });
  });

  it('change nothing when absent', () => {
    const alarms = synth(BUILD.RegionalAlarms!, {}).aws_cloudwatch_metric_alarm!;
    for (const alarm of Object.values(alarms)) {
      expect(alarm.tags).toBeUndefined();
      expect(alarm.actions_enabled).toBeUndefined();
    }
  });
});
