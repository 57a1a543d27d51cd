import { ALERTS, defaultConfig, METRICS_PATH, PolicyEngine, PORTS, targetContext, type MockforgeConfig } from '@mockforge-infra/core';
import { prometheusAlertRules } from '@mockforge-infra/kubernetes';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { awsTarget } from '../target';

type Json = Record<string, any>;
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const only = (json: Json, type: string): Json => {
  const found = all(json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

function eksConfig(prometheusOperator = false): MockforgeConfig {
  const config = defaultConfig(['aws']);
  return {
    ...config,
    tiers: { ...config.tiers, production: { ...config.tiers.production!, regions: { aws: ['us-east-1'] }, compute: { aws: 'eks' } } },
    ...(prometheusOperator ? { kubernetes: { prometheusOperator } } : {}),
  };
}

function synth(config: MockforgeConfig) {
  const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
  const app = Testing.app();
  const stacks = awsTarget.addStacks(app, targetContext(config, 'production', 'aws'), policy);
  app.synth();
  const read = (name: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
  return { stacks: Object.fromEntries(stacks.map((s) => [s.node.id, read(s.node.id)])), policy };
}

describe('Amazon Managed Service for Prometheus on EKS', () => {
  const { stacks, policy } = synth(eksConfig());
  const region = stacks['production-aws-us-east-1']!;
  const workload = stacks['production-aws-us-east-1-workload']!;
  const workspace = only(region, 'aws_prometheus_workspace');
  const scraper = only(region, 'aws_prometheus_scraper');
  const cluster = Object.keys(region.resource.aws_eks_cluster)[0]!;
  const topic = Object.keys(region.resource.aws_sns_topic)[0]!;
  const workspaceId = Object.keys(region.resource.aws_prometheus_workspace)[0]!;

  it('encrypts the workspace with the region key', () => {
    expect(workspace.kms_key_arn).toBe(`\${${Object.keys(region.resource.aws_kms_key).map((k) => `aws_kms_key.${k}`)[0]}.arn}`);
    expect(workspace.tags.AMPAgentlessScraper).toBe('');
  });

  it('scrapes the EKS cluster from its subnets and security group into the workspace', () => {
    expect(scraper.source).toEqual([
      {
        eks: [
          {
            cluster_arn: `\${aws_eks_cluster.${cluster}.arn}`,
            subnet_ids: Object.keys(region.resource.aws_subnet)
              .filter((k) => k.startsWith('network_private_'))
              .map((k) => `\${aws_subnet.${k}.id}`),
            security_group_ids: [`\${aws_eks_cluster.${cluster}.vpc_config[0].cluster_security_group_id}`],
          },
        ],
      },
    ]);
    expect(scraper.source[0].eks[0].subnet_ids).toHaveLength(3);
    expect(scraper.destination).toEqual([{ amp: [{ workspace_arn: `\${aws_prometheus_workspace.${workspaceId}.arn}` }] }]);
  });

  it('finds the MockForge pods on port 9090 at /metrics, labelled as the rules expect', () => {
    const config = parse(scraper.scrape_configuration);
    expect(config.global.scrape_interval).toBe('30s');
    const job = config.scrape_configs.find((j: Json) => j.job_name === 'mockforge');
    expect(job.metrics_path).toBe('/metrics');
    expect(job.metrics_path).toBe(METRICS_PATH);
    expect(job.kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: ['mockforge'] } }]);
    expect(job.relabel_configs).toEqual([
      { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], regex: 'mockforge', action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: '9090', action: 'keep' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
    ]);
    expect(PORTS.metrics).toBe(9090);
    const cadvisor = config.scrape_configs.find((j: Json) => j.job_name === 'cadvisor');
    expect(cadvisor.relabel_configs[1].replacement).toBe('/api/v1/nodes/$1/proxy/metrics/cadvisor');
    expect(cadvisor.metric_relabel_configs[0].regex).toBe(
      '(container_memory_working_set_bytes|container_spec_memory_limit_bytes);mockforge;mockforge',
    );
  });

  it('writes through a source and writer role pair, since the workspace uses a customer managed key', () => {
    const roles = region.resource.aws_iam_role as Json;
    const { source_role_arn: source, target_role_arn: writer } = scraper.role_configuration[0];
    const id = (ref: string) => /aws_iam_role\.([^.]+)\.arn/.exec(ref)![1]!;
    const sourceTrust = JSON.parse(roles[id(source)].assume_role_policy).Statement[0];
    expect(sourceTrust.Principal).toEqual({ Service: 'scraper.aps.amazonaws.com' });
    const writerTrust = JSON.parse(roles[id(writer)].assume_role_policy).Statement[0];
    expect(writerTrust.Principal).toEqual({ AWS: source });
    const writerPolicy = Object.values(region.resource.aws_iam_role_policy as Json).find((p: Json) => p.role.includes(id(writer)));
    expect(JSON.parse(writerPolicy.policy).Statement).toEqual([
      { Effect: 'Allow', Action: 'aps:RemoteWrite', Resource: `\${aws_prometheus_workspace.${workspaceId}.arn}` },
    ]);
  });

  it('creates the collector after, and deletes it before, the role pair’s permissions', () => {
    const policies = Object.entries(region.resource.aws_iam_role_policy as Record<string, Json>);
    const of = (role: string) => policies.find(([, p]) => p.role === `\${aws_iam_role.${role}.name}`)![0];
    const roleId = (ref: string) => /aws_iam_role\.([^.]+)\.arn/.exec(ref)![1]!;
    const { source_role_arn: source, target_role_arn: writer } = scraper.role_configuration[0];
    expect(scraper.depends_on).toEqual([`aws_iam_role_policy.${of(roleId(source))}`, `aws_iam_role_policy.${of(roleId(writer))}`]);
  });

  it('evaluates the four alerts with the seed’s expressions, thresholds and durations', () => {
    const data = parse(only(region, 'aws_prometheus_rule_group_namespace').data);
    const rules = data.groups[0].rules;
    expect(rules).toEqual(prometheusAlertRules({ namespace: 'mockforge' }));
    const byName = Object.fromEntries(rules.map((r: Json) => [r.alert, r]));
    expect(Object.keys(byName)).toEqual(Object.values(ALERTS).map((a) => a.name));
    expect(byName.high_error_rate).toEqual({
      alert: 'high_error_rate',
      expr: '(sum(rate(mockforge_requests_total{namespace="mockforge",status=~"5.."}[300s])) / sum(rate(mockforge_requests_total{namespace="mockforge"}[300s]))) > 0.05',
      for: '0s',
      labels: { severity: 'critical' },
      annotations: { summary: ALERTS.highErrorRate.description },
    });
    expect(byName.high_latency.expr).toBe(
      '(histogram_quantile(0.95, sum by (le) (rate(mockforge_request_duration_seconds_bucket{namespace="mockforge"}[300s]))) * 1000) > 1000',
    );
    expect(byName.low_availability.expr).toBe(
      '(1 - (sum(rate(mockforge_requests_total{namespace="mockforge",status=~"5.."}[600s])) / sum(rate(mockforge_requests_total{namespace="mockforge"}[600s])))) < 0.99',
    );
    expect(byName.high_memory_usage).toMatchObject({ for: '300s', labels: { severity: 'warning' } });
    expect(byName.high_memory_usage.expr).toBe(
      '(max by (pod) (container_memory_working_set_bytes{namespace="mockforge",container="mockforge"}) / max by (pod) (container_spec_memory_limit_bytes{namespace="mockforge",container="mockforge"} > 0)) > 0.9',
    );
  });

  it('sends every alert to the region’s SNS topic, which lets this workspace publish', () => {
    const definition = only(region, 'aws_prometheus_alert_manager_definition');
    expect(definition.workspace_id).toBe(`\${aws_prometheus_workspace.${workspaceId}.id}`);
    const config = parse(parse(definition.definition).alertmanager_config);
    expect(config.route.receiver).toBe('sns');
    expect(config.receivers).toHaveLength(1);
    expect(config.receivers[0].sns_configs[0]).toMatchObject({
      topic_arn: `\${aws_sns_topic.${topic}.arn}`,
      sigv4: { region: 'us-east-1' },
    });
    const topicPolicy = only(region, 'aws_sns_topic_policy');
    expect(topicPolicy.arn).toBe(`\${aws_sns_topic.${topic}.arn}`);
    const statements = Object.fromEntries(JSON.parse(topicPolicy.policy).Statement.map((s: Json) => [s.Sid, s]));
    expect(statements.PrometheusAlerts).toMatchObject({
      Principal: { Service: 'aps.amazonaws.com' },
      Action: ['sns:Publish', 'sns:GetTopicAttributes'],
      Condition: { ArnEquals: { 'aws:SourceArn': `\${aws_prometheus_workspace.${workspaceId}.arn}` } },
    });
    expect(statements.AccountOwns.Condition).toEqual({
      StringEquals: { 'AWS:SourceOwner': '${data.aws_caller_identity.caller_identity.account_id}' },
    });
    // The topic is encrypted: the key lets the service encrypt for it.
    const key = only(region, 'aws_kms_key');
    const services = JSON.parse(key.policy).Statement.find((s: Json) => s.Sid === 'AccountServices');
    expect(services.Principal.Service).toContain('aps.amazonaws.com');
  });

  it('opens the metrics port to the collector’s interfaces in the cluster’s subnets', () => {
    const server = Object.values(workload.resource.kubernetes_network_policy_v1 as Json).find(
      (p: Json) => p.metadata.name === 'mockforge-server',
    )!;
    const metrics = server.spec.ingress.find((r: Json) => r.ports[0].port === '9090');
    expect(metrics.from.slice(1).map((f: Json) => f.ip_block.cidr)).toHaveLength(3);
    expect(metrics.from.slice(1).every((f: Json) => typeof f.ip_block.cidr === 'string')).toBe(true);
  });

  it('passes the policy checks', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('is left to the Prometheus Operator when config says the cluster runs one', () => {
    const operator = synth(eksConfig(true)).stacks['production-aws-us-east-1']!;
    expect(all(operator, 'aws_prometheus_workspace')).toEqual([]);
    expect(all(operator, 'aws_prometheus_scraper')).toEqual([]);
  });
});
