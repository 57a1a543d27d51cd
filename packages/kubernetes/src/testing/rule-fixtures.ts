import { PolicyEngine, type Finding, type PolicyRule } from '@mockforge-infra/core';
import { DeploymentV1, type DeploymentV1SpecTemplate } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { hardenedPodBasics, restrictedContainerSecurity, restrictedPodSecurity } from '../compute/pod-template';

export const DIGEST_IMAGE = `ghcr.io/saasy-solutions/mockforge@sha256:${'a'.repeat(64)}`;
export const FIXTURE_LABELS = { 'app.kubernetes.io/name': 'fixture' };

const probe = (path: string) => ({ httpGet: { path, port: '3000' }, periodSeconds: 10 });

/** A pod template that passes every container and pod rule. */
export function passingTemplate(): DeploymentV1SpecTemplate {
  return {
    metadata: { labels: { ...FIXTURE_LABELS } },
    spec: {
      ...hardenedPodBasics('fixture'),
      securityContext: restrictedPodSecurity(1000),
      container: [
        {
          name: 'app',
          image: DIGEST_IMAGE,
          startupProbe: probe('/health/startup'),
          livenessProbe: probe('/health/live'),
          readinessProbe: probe('/health/ready'),
          resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
          securityContext: restrictedContainerSecurity(1000),
        },
      ],
    },
  };
}

/** A fresh stack with a provider; `build` adds the resources under test. */
export function ruleStack(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  build(stack);
  return stack;
}

export function deployment(
  stack: TerraformStack,
  change: (t: DeploymentV1SpecTemplate) => void = () => undefined,
  options: { namespace?: string; replicas?: string; name?: string } = {},
): DeploymentV1 {
  const template = passingTemplate();
  change(template);
  return new DeploymentV1(stack, options.name ?? 'deployment', {
    metadata: { name: options.name ?? 'fixture', namespace: options.namespace ?? 'fixture' },
    spec: { replicas: options.replicas ?? '2', selector: { matchLabels: { ...FIXTURE_LABELS } }, template },
  });
}

/** First container of a fixture template, for mutation. */
export function firstContainer(t: DeploymentV1SpecTemplate): Record<string, any> {
  return (t.spec.container as Record<string, any>[])[0]!;
}

export function findingsOf(rule: PolicyRule, stack: TerraformStack): Finding[] {
  return [...new PolicyEngine([rule]).evaluate(stack, new Map()).findings];
}
