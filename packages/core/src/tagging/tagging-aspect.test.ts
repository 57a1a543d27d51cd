import { Testing, TerraformStack, Aspects, Fn, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Droplet } from '@cdktf/provider-digitalocean/lib/droplet';
import { standardTags, TaggingAspect } from './tagging-aspect';

function synthWith(cloud: 'aws' | 'gcp' | 'digitalocean', build: (stack: TerraformStack) => void) {
  const stack = new TerraformStack(Testing.app(), 'tags');
  build(stack);
  Aspects.of(stack).add(new TaggingAspect(standardTags('staging', cloud, 'eu-west-1')));
  return JSON.parse(Testing.synth(stack)).resource;
}

describe('the tagging aspect', () => {
  it('tags AWS resources, keeping tags set on the resource', () => {
    const resources = synthWith('aws', (s) => new S3Bucket(s, 'bucket', { tags: { owner: 'platform', app: 'custom' } }));
    expect(Object.values(resources.aws_s3_bucket)[0]).toMatchObject({
      tags: { app: 'custom', tier: 'staging', cloud: 'aws', region: 'eu-west-1', 'managed-by': 'cdktf', owner: 'platform' },
    });
  });

  it('merges the standard tags into a tag map known only at apply time', () => {
    const resources = synthWith('aws', (s) => {
      const source = new S3Bucket(s, 'source');
      new S3Bucket(s, 'bucket', { tags: Token.asStringMap(Fn.merge([source.tags])) });
    });
    const bucket = Object.entries(resources.aws_s3_bucket).find(([name]) => name.startsWith('bucket'))![1] as { tags: string };
    expect(bucket.tags).toMatch(/^\$\{merge\(\{.*"tier" = "staging".*\}, merge\(aws_s3_bucket\.source\.tags\)\)\}$/);
  });

  it('labels GCP resources', () => {
    const resources = synthWith('gcp', (s) => new StorageBucket(s, 'bucket', { name: 'b', location: 'EU' }));
    expect(Object.values(resources.google_storage_bucket)[0]).toMatchObject({
      labels: { app: 'mockforge', tier: 'staging', cloud: 'gcp', region: 'eu-west-1', 'managed-by': 'cdktf' },
    });
  });

  const standard = { app: 'mockforge', tier: 'staging', cloud: 'gcp', region: 'eu-west-1', 'managed-by': 'cdktf' };
  const only = (resources: Record<string, Record<string, any>>, type: string) => Object.values(resources[type])[0];

  it('labels Cloud SQL in settings.user_labels, keeping its own labels and other settings', () => {
    const resources = synthWith(
      'gcp',
      (s) =>
        new SqlDatabaseInstance(s, 'db', {
          databaseVersion: 'POSTGRES_16',
          region: 'eu-west-1',
          settings: { tier: 'db-custom-1-3840', userLabels: { team: 'mocks', region: 'own' } },
        }),
    );
    const instance = only(resources, 'google_sql_database_instance');
    expect(instance.settings).toEqual(
      expect.objectContaining({ tier: 'db-custom-1-3840', user_labels: { ...standard, team: 'mocks', region: 'own' } }),
    );
    expect(instance.labels).toBeUndefined();
  });

  it('labels GKE clusters in resource_labels and node pools in node_config.resource_labels', () => {
    const resources = synthWith('gcp', (s) => {
      new ContainerCluster(s, 'cluster', { name: 'c', location: 'eu-west-1' });
      new ContainerNodePool(s, 'pool', { cluster: 'c', nodeConfig: { machineType: 'e2-standard-2', labels: { k8s: 'node' } } });
    });
    expect(only(resources, 'google_container_cluster').resource_labels).toEqual(standard);
    const pool = only(resources, 'google_container_node_pool');
    expect(pool.node_config).toEqual(
      expect.objectContaining({ machine_type: 'e2-standard-2', labels: { k8s: 'node' }, resource_labels: standard }),
    );
  });

  it('labels notification channels in user_labels and leaves their labels, the channel settings, untouched', () => {
    const resources = synthWith('gcp', (s) => {
      new MonitoringNotificationChannel(s, 'email', {
        type: 'email',
        displayName: 'on-call',
        labels: { email_address: 'oncall@example.com' },
        userLabels: { team: 'mocks' },
      });
      new MonitoringAlertPolicy(s, 'alert', { displayName: 'alert', combiner: 'OR', conditions: [] });
    });
    const channel = only(resources, 'google_monitoring_notification_channel');
    expect(channel.labels).toEqual({ email_address: 'oncall@example.com' });
    expect(channel.user_labels).toEqual({ ...standard, team: 'mocks' });
    expect(only(resources, 'google_monitoring_alert_policy').user_labels).toEqual(standard);
  });

  it('adds key:value tags on DigitalOcean', () => {
    const resources = synthWith(
      'digitalocean',
      (s) => new Droplet(s, 'vm', { name: 'vm', image: 'ubuntu', size: 's-1vcpu-1gb', tags: ['team:platform'] }),
    );
    expect((Object.values(resources.digitalocean_droplet)[0] as { tags: string[] }).tags).toEqual([
      'app:mockforge',
      'tier:staging',
      'cloud:digitalocean',
      'region:eu-west-1',
      'managed-by:cdktf',
      'team:platform',
    ]);
  });
});
