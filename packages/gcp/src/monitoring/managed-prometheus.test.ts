import { App, Testing } from 'cdktf';
import { ALERTS, METRICS_PATH, PolicyEngine, PORTS } from '@mockforge-infra/core';
import { prometheusAlertRules } from '@mockforge-infra/kubernetes';
import { gcpRules } from '../rules';
import { gcpTarget } from '../target';
import { gcpContext, resourcesOf, synthesizedJson } from '../testing/fixtures';

type Json = Record<string, any>;

/** The production tier on GKE in one region, synthesized whole. */
function gke(prometheusOperator = false) {
  const app: App = Testing.app();
  const policy = new PolicyEngine(gcpRules, { failOnError: false });
  const context = gcpContext(
    'production',
    { compute: { gcp: 'gke' }, regions: { gcp: ['europe-west1'] } },
    { alerts: { email: 'oncall@example.com' }, ...(prometheusOperator ? { kubernetes: { prometheusOperator } } : {}) },
  );
  const stacks = gcpTarget.addStacks(app, context, policy);
  app.synth();
  const json = (suffix: string) => synthesizedJson(stacks.find((s) => s.node.id === `production-gcp-${suffix}`)!) as Json;
  return { policy, workload: json('europe-west1-workload'), regional: json('europe-west1') };
}

describe('Google Cloud Managed Service for Prometheus on GKE', () => {
  const { policy, workload, regional } = gke();
  const cluster = resourcesOf(regional as any, 'google_container_cluster')[0] as Json;
  const policies = resourcesOf(workload as any, 'google_monitoring_alert_policy') as Json[];
  const byRule = Object.fromEntries(policies.map((p) => [p.conditions[0].condition_prometheus_query_language.alert_rule, p]));
  const query = (alert: string) => byRule[alert].conditions[0].condition_prometheus_query_language;

  it('turns managed collection on in the cluster', () => {
    expect(cluster.monitoring_config).toEqual({ managed_prometheus: { enabled: true } });
  });

  it('scrapes the MockForge pods on port 9090 at /metrics with a PodMonitoring', () => {
    const [podMonitoring] = resourcesOf(workload as any, 'kubernetes_manifest').map((m: Json) => m.manifest);
    expect(podMonitoring).toEqual({
      apiVersion: 'monitoring.googleapis.com/v1',
      kind: 'PodMonitoring',
      metadata: { name: 'mockforge', namespace: 'mockforge', labels: { 'app.kubernetes.io/name': 'mockforge' } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'mockforge' } },
        endpoints: [{ port: 9090, path: '/metrics', interval: '30s' }],
      },
    });
    expect(podMonitoring.spec.endpoints[0]).toMatchObject({ port: PORTS.metrics, path: METRICS_PATH });
  });

  it('lets the managed collectors in gmp-system reach the metrics port', () => {
    const server = (resourcesOf(workload as any, 'kubernetes_network_policy_v1') as Json[]).find(
      (p) => p.metadata.name === 'mockforge-server',
    )!;
    const metrics = server.spec.ingress.find((r: Json) => r.ports[0].port === '9090');
    expect(metrics.from).toEqual([{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'gmp-system' } } }]);
  });

  it('evaluates the four alerts as PromQL over this cluster’s series, with the seed’s thresholds and durations', () => {
    expect(Object.keys(byRule).sort()).toEqual(
      Object.values(ALERTS)
        .map((a) => a.name)
        .sort(),
    );
    // The cluster label GMP writes is the cluster's name.
    const scope = { namespace: 'mockforge', cluster: cluster.name, memorySource: 'gke-system' } as const;
    expect(cluster.name).toBe('mockforge-production-europe-west1');
    for (const rule of prometheusAlertRules(scope)) {
      expect(query(rule.alert)).toEqual({
        query: rule.expr,
        duration: rule.for,
        evaluation_interval: '60s',
        alert_rule: rule.alert,
        labels: rule.labels,
        disable_metric_validation: true,
      });
    }
    expect(query('high_error_rate').query).toBe(
      '(sum(rate(mockforge_requests_total{namespace="mockforge",cluster="mockforge-production-europe-west1",status=~"5.."}[300s])) / sum(rate(mockforge_requests_total{namespace="mockforge",cluster="mockforge-production-europe-west1"}[300s]))) > 0.05',
    );
    expect(query('high_error_rate').duration).toBe('0s');
    expect(query('high_latency').query).toBe(
      '(histogram_quantile(0.95, sum by (le) (rate(mockforge_request_duration_seconds_bucket{namespace="mockforge",cluster="mockforge-production-europe-west1"}[300s]))) * 1000) > 1000',
    );
    expect(query('low_availability').query).toBe(
      '(1 - (sum(rate(mockforge_requests_total{namespace="mockforge",cluster="mockforge-production-europe-west1",status=~"5.."}[600s])) / sum(rate(mockforge_requests_total{namespace="mockforge",cluster="mockforge-production-europe-west1"}[600s])))) < 0.99',
    );
    expect(query('high_memory_usage').query).toBe(
      '(max by (pod_name) (kubernetes_io:container_memory_limit_utilization{monitored_resource="k8s_container",cluster_name="mockforge-production-europe-west1",namespace_name="mockforge",container_name="mockforge",memory_type="non-evictable"})) > 0.9',
    );
    expect(query('high_memory_usage').duration).toBe('300s');
    expect(Object.values(ALERTS).map((a) => byRule[a.name].severity)).toEqual(['CRITICAL', 'WARNING', 'CRITICAL', 'WARNING']);
  });

  it('notifies the tier’s email through the region’s channel', () => {
    const channels = resourcesOf(workload as any, 'google_monitoring_notification_channel') as Json[];
    expect(channels).toHaveLength(1);
    expect(channels[0]).toMatchObject({ type: 'email', labels: { email_address: 'oncall@example.com' } });
    const channelId = Object.keys(workload.resource.google_monitoring_notification_channel)[0]!;
    for (const p of policies) expect(p.notification_channels).toEqual([`\${google_monitoring_notification_channel.${channelId}.name}`]);
  });

  it('passes the policy checks', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('is left to the Prometheus Operator when config says the cluster runs one', () => {
    const operator = gke(true).workload;
    expect(resourcesOf(operator as any, 'google_monitoring_alert_policy')).toEqual([]);
    // The operator's rule and monitor; the SecretProviderClass is the pods' Secret, with or without it.
    expect(
      resourcesOf(operator as any, 'kubernetes_manifest')
        .map((m: Json) => m.manifest.kind)
        .sort(),
    ).toEqual(['PrometheusRule', 'SecretProviderClass', 'ServiceMonitor']);
  });
});
