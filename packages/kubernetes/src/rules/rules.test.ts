import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { TerraformStack } from 'cdktf';
import { kubernetesRules } from '.';
import { deployment, FIXTURE_LABELS, findingsOf, firstContainer, ruleStack } from '../testing/rule-fixtures';

type Build = (stack: TerraformStack) => void;
const withDeployment =
  (change: Parameters<typeof deployment>[1], options?: Parameters<typeof deployment>[2]): Build =>
  (s) => {
    deployment(s, change, options);
  };
const container = (mutate: (c: Record<string, any>) => void): Build => withDeployment((t) => mutate(firstContainer(t)));
const pod = (mutate: (spec: Record<string, any>) => void): Build => withDeployment((t) => mutate(t.spec as Record<string, any>));
const networkPolicy =
  (spec: Record<string, any>): Build =>
  (s) => {
    new NetworkPolicyV1(s, 'np', {
      metadata: { name: 'np', namespace: 'fixture' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ...spec },
    });
  };
const pdb = (s: TerraformStack, labels: Record<string, string>) =>
  new PodDisruptionBudgetV1(s, 'pdb', {
    metadata: { name: 'fixture', namespace: 'fixture' },
    spec: { maxUnavailable: '1', selector: { matchLabels: labels } },
  });
const hpa = (s: TerraformStack, name: string) =>
  new HorizontalPodAutoscalerV2(s, 'hpa', {
    metadata: { name, namespace: 'fixture' },
    spec: { maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name } },
  });
const namespaceWith =
  (policy: Record<string, any> | undefined): Build =>
  (s) => {
    const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'fixture' } });
    if (policy) {
      new NetworkPolicyV1(s, 'np', {
        metadata: { name: 'np', namespace: ns.metadata.name },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ...policy },
      });
    }
  };

/** One passing and one failing fixture per rule. */
const CASES: Record<string, { pass: Build; fail: Build }> = {
  CKV_K8S_16: { pass: container(() => undefined), fail: container((c) => (c.securityContext.privileged = true)) },
  CKV_K8S_20: { pass: container(() => undefined), fail: container((c) => delete c.securityContext.allowPrivilegeEscalation) },
  CKV_K8S_22: { pass: container(() => undefined), fail: container((c) => (c.securityContext.readOnlyRootFilesystem = false)) },
  CKV_K8S_28: {
    pass: container((c) => (c.securityContext.capabilities = { drop: ['NET_RAW'] })),
    fail: container((c) => (c.securityContext.capabilities = { drop: ['SYS_ADMIN'] })),
  },
  CKV_K8S_37: {
    pass: container(() => undefined),
    fail: container((c) => (c.securityContext.capabilities = { drop: ['NET_RAW'] })),
  },
  CKV_K8S_30: { pass: container(() => undefined), fail: container((c) => delete c.securityContext) },
  CKV_K8S_10: { pass: container(() => undefined), fail: container((c) => delete c.resources.requests.cpu) },
  CKV_K8S_11: { pass: container(() => undefined), fail: container((c) => delete c.resources.limits.cpu) },
  CKV_K8S_12: { pass: container(() => undefined), fail: container((c) => delete c.resources.requests.memory) },
  CKV_K8S_13: { pass: container(() => undefined), fail: container((c) => delete c.resources.limits.memory) },
  CKV_K8S_8: { pass: container(() => undefined), fail: container((c) => delete c.livenessProbe) },
  CKV_K8S_9: { pass: container(() => undefined), fail: container((c) => delete c.readinessProbe) },
  CKV_K8S_14: {
    pass: container((c) => (c.image = 'ghcr.io/saasy-solutions/mockforge:0.3.213')),
    fail: container((c) => (c.image = 'ghcr.io/saasy-solutions/mockforge:latest')),
  },
  CKV_K8S_43: { pass: container(() => undefined), fail: container((c) => (c.image = 'ghcr.io/saasy-solutions/mockforge:0.3.213')) },
  CKV_K8S_35: {
    pass: container((c) => (c.env = [{ name: 'MOCKFORGE_LOG_LEVEL', value: 'info' }])),
    fail: container((c) => (c.env = [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 's', key: 'DATABASE_URL' } } }])),
  },
  CKV_K8S_29: { pass: pod(() => undefined), fail: pod((spec) => delete spec.securityContext) },
  CKV_K8S_17: { pass: pod(() => undefined), fail: pod((spec) => (spec.hostPid = true)) },
  CKV_K8S_18: { pass: pod(() => undefined), fail: pod((spec) => (spec.hostIpc = true)) },
  CKV_K8S_19: { pass: pod(() => undefined), fail: pod((spec) => (spec.hostNetwork = true)) },
  CKV_K8S_21: {
    pass: (s) => void new ServiceV1(s, 'svc', { metadata: { name: 'svc', namespace: 'mockforge' }, spec: {} }),
    fail: (s) => void new ServiceV1(s, 'svc', { metadata: { name: 'svc', namespace: 'default' }, spec: {} }),
  },
  'KUBE-0001': {
    pass: networkPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
    fail: networkPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }),
  },
  'KUBE-0002': {
    pass: networkPolicy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
    fail: networkPolicy({ egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }),
  },
  MF_K8S_1: {
    pass: (s) => {
      deployment(s);
      pdb(s, FIXTURE_LABELS);
    },
    fail: (s) => {
      deployment(s);
      pdb(s, { 'app.kubernetes.io/name': 'other' });
    },
  },
  MF_K8S_2: { pass: withDeployment(() => undefined, { replicas: '2' }), fail: withDeployment(() => undefined, { replicas: '1' }) },
  MF_K8S_3: {
    pass: namespaceWith({}),
    // A policy that allows some ingress is not a default-deny.
    fail: namespaceWith({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
  },
  MF_K8S_4: { pass: container(() => undefined), fail: container((c) => delete c.startupProbe) },
  MF_K8S_5: {
    pass: (s) => {
      deployment(s);
      hpa(s, 'fixture');
    },
    fail: (s) => {
      deployment(s);
      hpa(s, 'another');
    },
  },
  MF_K8S_6: {
    pass: container((c) => (c.env = [{ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 's', key: 'REDIS_URL' } } }])),
    fail: container((c) => (c.env = [{ name: 'REDIS_URL', value: 'redis://:hunter2@redis:6379' }])),
  },
};

describe('kubernetes rules', () => {
  test('every registered rule has fixtures, and every fixture a rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(kubernetesRules.map((r) => r.id).sort());
  });

  test('rule ids are unique', () => {
    expect(new Set(kubernetesRules.map((r) => r.id)).size).toBe(kubernetesRules.length);
  });

  test.each(kubernetesRules.map((rule) => [rule.id, rule] as const))(
    '%s passes its passing fixture and fails its failing one',
    (id, rule) => {
      const cases = CASES[id]!;
      expect(findingsOf(rule, ruleStack(cases.pass))).toEqual([]);
      const failing = findingsOf(rule, ruleStack(cases.fail));
      expect(failing).toHaveLength(1);
      expect(failing[0]!.ruleId).toBe(id);
    },
  );

  test('Trivy HIGH checks are errors; Checkov-only checks are warnings', () => {
    const severity = Object.fromEntries(kubernetesRules.map((r) => [r.id, r.severity]));
    expect(severity['KUBE-0001']).toBe('error');
    expect(severity['KUBE-0002']).toBe('error');
    expect(severity.CKV_K8S_16).toBe('warning');
    expect(severity.MF_K8S_6).toBe('error');
  });
});
