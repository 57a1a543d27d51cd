import { ALERTS, METRICS_PATH, PORTS } from '@mockforge-infra/core';
import { resourcesOf, synthTier } from '../testing/fixtures';
import { serverIngressRules, type WorkloadNetworkPoliciesProps } from '../network/network-policies';
import { alertExpression, alertFor, prometheusAlertRules } from './alert-expressions';

const manifests = (json: Record<string, any>) => resourcesOf(json, 'kubernetes_manifest').map((m) => m.manifest);

describe('Prometheus Operator monitoring', () => {
  const json = synthTier('production', (c) => ({ ...c, kubernetes: { prometheusOperator: true } })).json;
  const [serviceMonitor, prometheusRule] = ['ServiceMonitor', 'PrometheusRule'].map((kind) =>
    manifests(json).find((m) => m.kind === kind)!,
  );

  test('a ServiceMonitor scrapes the metrics port at /metrics', () => {
    expect(serviceMonitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(serviceMonitor.metadata.namespace).toBe('mockforge-production');
    expect(serviceMonitor.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'mockforge' } },
      endpoints: [{ port: 'metrics', path: METRICS_PATH }],
    });
    expect(serviceMonitor.spec.endpoints[0].path).toBe('/metrics');
  });

  test('the PrometheusRule carries the seed’s four alerts with their thresholds, durations and severities', () => {
    const rules = prometheusRule.spec.groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual(Object.values(ALERTS).map((a) => a.name));
    for (const alert of Object.values(ALERTS)) {
      const rule = rules.find((r: any) => r.alert === alert.name);
      // Rate queries span the rule's duration themselves; only the memory reading waits with for:.
      if (alert.name === ALERTS.highMemoryUsage.name) expect(rule.for).toBe(`${alert.durationSeconds}s`);
      else {
        expect(rule.for).toBe('0s');
        expect(rule.expr).toContain(`[${alert.durationSeconds}s]`);
      }
      expect(rule.labels).toEqual({ severity: alert.severity });
      expect(rule.expr.endsWith(`${alert.comparison === 'above' ? '>' : '<'} ${alert.threshold}`)).toBe(true);
    }
    const byName = Object.fromEntries(rules.map((r: any) => [r.alert, r]));
    expect(byName.high_error_rate).toMatchObject({ for: '0s', labels: { severity: 'critical' } });
    expect(byName.high_error_rate.expr).toBe(
      '(sum(rate(mockforge_requests_total{namespace="mockforge-production",status=~"5.."}[300s])) / sum(rate(mockforge_requests_total{namespace="mockforge-production"}[300s]))) > 0.05',
    );
    expect(byName.high_latency).toMatchObject({ for: '0s', labels: { severity: 'warning' } });
    expect(byName.high_latency.expr).toBe(
      '(histogram_quantile(0.95, sum by (le) (rate(mockforge_request_duration_seconds_bucket{namespace="mockforge-production"}[300s]))) * 1000) > 1000',
    );
    expect(byName.high_latency.expr).toContain(`histogram_quantile(${ALERTS.highLatency.percentile / 100},`);
    expect(byName.low_availability).toMatchObject({ for: '0s', labels: { severity: 'critical' } });
    expect(byName.low_availability.expr).toBe(
      '(1 - (sum(rate(mockforge_requests_total{namespace="mockforge-production",status=~"5.."}[600s])) / sum(rate(mockforge_requests_total{namespace="mockforge-production"}[600s])))) < 0.99',
    );
    expect(byName.high_memory_usage).toMatchObject({ for: '300s', labels: { severity: 'warning' } });
    expect(byName.high_memory_usage.expr).toBe(
      '(max by (pod) (container_memory_working_set_bytes{namespace="mockforge-production",container="mockforge"}) / max by (pod) (container_spec_memory_limit_bytes{namespace="mockforge-production",container="mockforge"} > 0)) > 0.9',
    );
  });

  test('expressions follow the seed when it changes', () => {
    expect(alertExpression('highLatency', { namespace: 'x' })).toContain(`> ${ALERTS.highLatency.threshold}`);
  });

  test('is skipped when the Prometheus Operator is absent', () => {
    expect(manifests(synthTier('production', (c) => ({ ...c, kubernetes: { prometheusOperator: false } })).json)).toEqual([]);
  });

  test('is off by default: kubernetes_manifest needs the CRDs at plan time', () => {
    expect(resourcesOf(synthTier('production').json, 'kubernetes_manifest')).toEqual([]);
  });
});

describe('alert rules for managed Prometheus services', () => {
  test('every rule comes from the seed, in its order, with for: and severity', () => {
    const rules = prometheusAlertRules({ namespace: 'mockforge' });
    expect(rules.map((r) => r.alert)).toEqual(Object.values(ALERTS).map((a) => a.name));
    expect(rules[0]).toEqual({
      alert: 'high_error_rate',
      expr: alertExpression('highErrorRate', { namespace: 'mockforge' }),
      for: alertFor('highErrorRate'),
      labels: { severity: 'critical' },
      annotations: { summary: ALERTS.highErrorRate.description },
    });
  });

  test('a cluster scope adds the cluster label to every MockForge and cAdvisor series', () => {
    expect(alertExpression('highErrorRate', { namespace: 'ns', cluster: 'c1' })).toBe(
      '(sum(rate(mockforge_requests_total{namespace="ns",cluster="c1",status=~"5.."}[300s])) / sum(rate(mockforge_requests_total{namespace="ns",cluster="c1"}[300s]))) > 0.05',
    );
    expect(alertExpression('highMemoryUsage', { namespace: 'ns', cluster: 'c1' })).toBe(
      '(max by (pod) (container_memory_working_set_bytes{namespace="ns",cluster="c1",container="mockforge"}) / max by (pod) (container_spec_memory_limit_bytes{namespace="ns",cluster="c1",container="mockforge"} > 0)) > 0.9',
    );
  });

  test("GKE's memory metric is the non-evictable share of the limit, per pod, in one cluster", () => {
    expect(alertExpression('highMemoryUsage', { namespace: 'ns', cluster: 'c1', memorySource: 'gke-system' })).toBe(
      '(max by (pod_name) (kubernetes_io:container_memory_limit_utilization{monitored_resource="k8s_container",cluster_name="c1",namespace_name="ns",container_name="mockforge",memory_type="non-evictable"})) > 0.9',
    );
    expect(() => alertExpression('highMemoryUsage', { namespace: 'ns', memorySource: 'gke-system' })).toThrow('cluster name');
  });

  test('the metrics port admits scraper CIDRs besides the monitoring namespace', () => {
    const props = { servicePorts: [], monitoringNamespace: 'gmp-system', loadBalancerCidrs: [], ingressNamespace: 'x' };
    const rules = serverIngressRules({ ...props, metricsScraperCidrs: ['10.1.0.0/24'] } as unknown as WorkloadNetworkPoliciesProps);
    expect(rules[2]).toEqual({
      ports: [{ port: String(PORTS.metrics), protocol: 'TCP' }],
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gmp-system' } } }, { ipBlock: { cidr: '10.1.0.0/24' } }],
    });
  });
});
