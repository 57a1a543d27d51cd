import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PrometheusAlertManagerDefinition } from '@cdktf/provider-aws/lib/prometheus-alert-manager-definition';
import { PrometheusRuleGroupNamespace } from '@cdktf/provider-aws/lib/prometheus-rule-group-namespace';
import { PrometheusScraper } from '@cdktf/provider-aws/lib/prometheus-scraper';
import { PrometheusWorkspace } from '@cdktf/provider-aws/lib/prometheus-workspace';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { METRICS_PATH, PORTS, type CommonProps } from '@mockforge-infra/core';
import { type PrometheusAlertRule, SCRAPE_INTERVAL } from '@mockforge-infra/kubernetes';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { KubernetesCluster } from '../compute/eks-cluster';
import type { RegionalComputeInput } from '../stacks/compute-input';
import { accountOf } from '../shared/account';
import { applyCommonProps } from '../shared/common-props';
import { policyDocument } from '../shared/iam';

export interface ManagedPrometheusProps extends CommonProps {
  /** Regional name prefix, e.g. mockforge-production. */
  readonly name: string;
  /** Account-wide prefix for the scraper's IAM roles. */
  readonly globalName: string;
  readonly region: string;
  readonly clusterArn: string;
  /** The cluster's subnets (at least two AZs); the scraper puts an interface in each. */
  readonly subnetIds: readonly string[];
  /** The cluster security group, which admits its own members to the nodes and the API endpoint. */
  readonly securityGroupId: string;
  /** The region's key: the workspace is encrypted with it, and the alert topic uses it too. */
  readonly kmsKeyArn: string;
  /** The region's SNS topic, which the alert manager publishes to. */
  readonly alertTopicArn: string;
  /** Namespace of the MockForge pods. */
  readonly namespace: string;
  /** Pod labels that select the MockForge server pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** The container whose memory the memory alert reads. */
  readonly containerName: string;
  /** The alerting rules (from @mockforge-infra/kubernetes, for this namespace). */
  readonly rules: readonly PrometheusAlertRule[];
}

export const AMP_RULE_GROUP = 'mockforge';
const SNS_RECEIVER = 'sns';
const TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** Long expressions stay on one line; nested YAML stays a literal block. */
const yaml = (value: unknown) => stringify(value, { lineWidth: 0, blockQuote: 'literal' });

/** `__meta_kubernetes_pod_label_<name>` of a pod label (non-alphanumerics become `_`). */
const podLabelMeta = (label: string) => `__meta_kubernetes_pod_label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/**
 * The scrape configuration: MockForge's metrics port on its pods (Kubernetes pod discovery, kept by
 * label and port, with `namespace`, `pod` and `container` as the rules expect), and the kubelets'
 * cAdvisor through the API server for the container's memory and limit only.
 */
export function scrapeConfiguration(props: Pick<ManagedPrometheusProps, 'namespace' | 'podSelector' | 'containerName'>): string {
  const labelKeeps = Object.entries(props.podSelector).map(([label, value]) => ({
    source_labels: [podLabelMeta(label)],
    regex: value,
    action: 'keep',
  }));
  return yaml({
    global: { scrape_interval: SCRAPE_INTERVAL },
    scrape_configs: [
      {
        job_name: 'mockforge',
        metrics_path: METRICS_PATH,
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [props.namespace] } }],
        relabel_configs: [
          ...labelKeeps,
          { source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(PORTS.metrics), action: 'keep' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
          { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
        ],
      },
      {
        job_name: 'cadvisor',
        scheme: 'https',
        authorization: { type: 'Bearer', credentials_file: TOKEN_FILE },
        kubernetes_sd_configs: [{ role: 'node' }],
        relabel_configs: [
          { target_label: '__address__', replacement: 'kubernetes.default.svc:443' },
          {
            source_labels: ['__meta_kubernetes_node_name'],
            regex: '(.+)',
            target_label: '__metrics_path__',
            replacement: '/api/v1/nodes/$1/proxy/metrics/cadvisor',
          },
        ],
        // Only what the memory alert reads, for MockForge's container: cAdvisor reports every container.
        metric_relabel_configs: [
          {
            source_labels: ['__name__', 'namespace', 'container'],
            separator: ';',
            regex: `(container_memory_working_set_bytes|container_spec_memory_limit_bytes);${props.namespace};${props.containerName}`,
            action: 'keep',
          },
        ],
      },
    ],
  });
}

/** The rule group namespace's data: one group with the four alerts. */
export function ruleGroups(rules: readonly PrometheusAlertRule[]): string {
  return yaml({ groups: [{ name: AMP_RULE_GROUP, rules: rules.map((r) => ({ ...r })) }] });
}

/** The alert manager definition: every alert to the region's SNS topic, signed in the region. */
export function alertManagerDefinition(topicArn: string, region: string): string {
  const config = {
    route: { receiver: SNS_RECEIVER, group_by: ['alertname'] },
    receivers: [
      {
        name: SNS_RECEIVER,
        sns_configs: [
          {
            topic_arn: topicArn,
            sigv4: { region },
            subject: '[MockForge] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
            message: '{{ range .Alerts }}{{ .Annotations.summary }}: {{ .Status }}\n{{ end }}',
          },
        ],
      },
    ],
  };
  return yaml({ alertmanager_config: yaml(config) });
}

/**
 * The guide's four alerts on EKS without anything installed in the cluster: an Amazon Managed
 * Service for Prometheus workspace encrypted with the region's key, an AWS managed collector that
 * scrapes MockForge's metrics port and cAdvisor (EKS API authentication mode: the service creates the
 * collector's access entry itself), the rules, and an alert manager that publishes to the alert topic.
 * A workspace with a customer managed key takes writes from a collector only through a role pair
 * (`role_configuration`), so the collector assumes a source role that assumes a writer role.
 * `tags` and `overrides` apply to the workspace (`aws_prometheus_workspace`).
 */
export class ManagedPrometheus extends Construct {
  readonly workspace: PrometheusWorkspace;
  readonly scraper: PrometheusScraper;
  readonly rules: PrometheusRuleGroupNamespace;
  readonly alertManager: PrometheusAlertManagerDefinition;
  readonly topicPolicy: SnsTopicPolicy;

  constructor(scope: Construct, id: string, props: ManagedPrometheusProps) {
    super(scope, id);
    const { accountId, partition } = accountOf(this);
    this.workspace = new PrometheusWorkspace(this, 'workspace', {
      alias: props.name,
      kmsKeyArn: props.kmsKeyArn,
      // The collector tags its destination; declaring the tag keeps plans from removing it.
      tags: { AMPAgentlessScraper: '' },
    });
    applyCommonProps(this.workspace, props);

    const scrapers = `arn:${partition}:aps:${props.region}:${accountId}:scraper/*`;
    const source = new IamRole(this, 'scraper_source_role', {
      name: `${props.globalName}-source`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'scraper.aps.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { ArnLike: { 'aws:SourceArn': scrapers }, StringEquals: { 'aws:SourceAccount': accountId } },
          },
        ],
      }),
    });
    const writer = new IamRole(this, 'scraper_writer_role', {
      name: `${props.globalName}-writer`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: source.arn },
            Action: 'sts:AssumeRole',
            Condition: { StringLike: { 'sts:ExternalId': scrapers } },
          },
        ],
      }),
    });
    const sourcePolicy = new IamRolePolicy(this, 'scraper_source_policy', {
      role: source.name,
      name: 'least-privilege',
      policy: policyDocument([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: writer.arn }]),
    });
    const writerPolicy = new IamRolePolicy(this, 'scraper_writer_policy', {
      role: writer.name,
      name: 'least-privilege',
      policy: policyDocument([{ Effect: 'Allow', Action: 'aps:RemoteWrite', Resource: this.workspace.arn }]),
    });

    this.scraper = new PrometheusScraper(this, 'scraper', {
      alias: props.name,
      scrapeConfiguration: scrapeConfiguration(props),
      source: [
        {
          eks: [{ clusterArn: props.clusterArn, subnetIds: [...props.subnetIds], securityGroupIds: [props.securityGroupId] }],
        },
      ],
      destination: [{ amp: [{ workspaceArn: this.workspace.arn }] }],
      roleConfiguration: [{ sourceRoleArn: source.arn, targetRoleArn: writer.arn }],
      // The collector assumes the role pair when it starts, and writes until it is deleted.
      dependsOn: [sourcePolicy, writerPolicy],
    });

    this.rules = new PrometheusRuleGroupNamespace(this, 'rules', {
      name: AMP_RULE_GROUP,
      workspaceId: this.workspace.id,
      data: ruleGroups(props.rules),
    });

    // Replaces the topic's default policy: its statement (the account's own rights) stays, and this workspace may publish.
    this.topicPolicy = new SnsTopicPolicy(this, 'alert_topic_policy', {
      arn: props.alertTopicArn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountOwns',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: [
              'SNS:GetTopicAttributes',
              'SNS:SetTopicAttributes',
              'SNS:AddPermission',
              'SNS:RemovePermission',
              'SNS:DeleteTopic',
              'SNS:Subscribe',
              'SNS:ListSubscriptionsByTopic',
              'SNS:Publish',
            ],
            Resource: props.alertTopicArn,
            Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
          },
          {
            Sid: 'PrometheusAlerts',
            Effect: 'Allow',
            Principal: { Service: 'aps.amazonaws.com' },
            Action: ['sns:Publish', 'sns:GetTopicAttributes'],
            Resource: props.alertTopicArn,
            Condition: { ArnEquals: { 'aws:SourceArn': this.workspace.arn }, StringEquals: { 'AWS:SourceAccount': accountId } },
          },
        ],
      }),
    });
    this.alertManager = new PrometheusAlertManagerDefinition(this, 'alert_manager', {
      workspaceId: this.workspace.id,
      definition: alertManagerDefinition(props.alertTopicArn, props.region),
      dependsOn: [this.topicPolicy],
    });
  }
}

/** The collector, rules and alert manager of a region's EKS cluster (what `addEksCompute` builds). */
export function eksManagedPrometheus(scope: Construct, input: RegionalComputeInput, cluster: KubernetesCluster): ManagedPrometheus {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for EKS tiers, so ECS synths never load the Kubernetes package
  const k8s = require('@mockforge-infra/kubernetes') as typeof import('@mockforge-infra/kubernetes');
  return new ManagedPrometheus(scope, 'managed_prometheus', {
    name: input.name,
    globalName: input.globalName('amp'),
    region: input.region,
    clusterArn: cluster.cluster.arn,
    subnetIds: input.network.privateSubnetIds,
    securityGroupId: cluster.clusterSecurityGroupId,
    kmsKeyArn: input.kmsKeyArn,
    alertTopicArn: input.alertTopicArn,
    namespace: k8s.NAMESPACE,
    podSelector: k8s.SERVER_SELECTOR,
    containerName: k8s.CONTAINER_NAME,
    rules: k8s.prometheusAlertRules({ namespace: k8s.NAMESPACE }),
  });
}
