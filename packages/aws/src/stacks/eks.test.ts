import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from '../target';

type Json = Record<string, any>;
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

function eksConfig(publicCidrs?: string[]): MockforgeConfig {
  const config = defaultConfig(['aws']);
  return {
    ...config,
    tiers: {
      ...config.tiers,
      production: { ...config.tiers.production!, regions: { aws: ['us-east-1', 'eu-west-1'] }, compute: { aws: 'eks' } },
    },
    ...(publicCidrs ? { aws: { eksPublicAccessCidrs: publicCidrs } } : {}),
  };
}

function synth(config: MockforgeConfig) {
  const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
  const app = Testing.app();
  const stacks = awsTarget.addStacks(app, targetContext(config, 'production', 'aws'), policy);
  app.synth();
  const read = (name: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
  return { names: stacks.map((s) => s.node.id), stacks: Object.fromEntries(stacks.map((s) => [s.node.id, read(s.node.id)])), policy };
}

describe('EKS compute (tiers.production.compute.aws = eks)', () => {
  const { names, stacks, policy } = synth(eksConfig());
  const region = stacks['production-aws-us-east-1']!;
  const cluster = all(region, 'aws_eks_cluster')[0]!;

  it('adds a workload stack per region and no ECS service', () => {
    expect(names).toEqual([
      'production-aws-us-east-1',
      'production-aws-eu-west-1',
      'production-aws-us-east-1-workload',
      'production-aws-eu-west-1-workload',
      'production-aws-global',
    ]);
    expect(all(region, 'aws_ecs_service')).toHaveLength(0);
    expect(all(region, 'aws_lb')).toHaveLength(0);
  });

  it('names real addresses in the README first-deploy targets', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const targets = [...readme.matchAll(/-target=(\w+)\.([\w-]+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(targets.map(([type]) => type)).toEqual([
      'aws_route53_zone',
      'aws_secretsmanager_secret',
      'aws_route53_zone',
      'kubernetes_namespace_v1',
    ]);
    const workload = stacks['production-aws-us-east-1-workload']!;
    for (const [type, id] of targets) expect((type.startsWith('kubernetes_') ? workload : region).resource[type]).toHaveProperty([id]);
  });

  it('keeps the API private, encrypts Secrets with KMS and logs every control-plane component', () => {
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.encryption_config.resources).toEqual(['secrets']);
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(cluster.version).toBe('1.33');
  });

  it('runs managed nodes sized from the pods across the private subnets with the core add-ons', () => {
    const nodes = all(region, 'aws_eks_node_group')[0]!;
    // Production medium: 3600m pods fit one per m6i.xlarge (3670m free). Nothing grows the group, so the minimum holds
    // 5 pods and their rollout surge of 2 in every AZ: ceil(7 / 3) = 3 nodes per AZ; 20 + 5 surge at the maximum.
    expect(nodes.instance_types).toEqual(['m6i.xlarge']);
    expect(nodes.scaling_config).toEqual({ min_size: 9, max_size: 25, desired_size: 9 });
    expect(nodes.labels).toEqual({
      'sizing.mockforge.dev/pod-cpu-millis': '3600',
      'sizing.mockforge.dev/pod-memory-mib': '4096',
      'sizing.mockforge.dev/max-pods': '25',
    });
    expect(nodes.subnet_ids).toHaveLength(3);
    expect(
      all(region, 'aws_eks_addon')
        .map((a) => a.addon_name)
        .sort(),
    ).toEqual(['coredns', 'eks-pod-identity-agent', 'kube-proxy', 'metrics-server', 'vpc-cni']);
  });

  it('enforces NetworkPolicies in the VPC CNI and serves the HPAs their metrics', () => {
    const addon = (name: string) => all(region, 'aws_eks_addon').find((a) => a.addon_name === name)!;
    expect(JSON.parse(addon('vpc-cni').configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(addon('metrics-server').depends_on).toEqual(['aws_eks_node_group.kubernetes_nodes_9FA0DC3C']);
  });

  it('gives the AWS Load Balancer Controller an IAM role through Pod Identity', () => {
    expect(all(region, 'aws_eks_pod_identity_association')[0]).toMatchObject({
      namespace: 'kube-system',
      service_account: 'aws-load-balancer-controller',
    });
  });

  it('lets the cluster reach the data stores', () => {
    const fromCluster = all(region, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.referenced_security_group_id).includes('aws_eks_cluster'),
    );
    expect(fromCluster.map((r) => r.from_port).sort()).toEqual([5432, 6379]);
  });

  it('deploys the workload with ingress class alb and the hardened ALB annotations', () => {
    const workload = stacks['production-aws-us-east-1-workload']!;
    const ingress = all(workload, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.spec.ingress_class_name).toBe('alb');
    // CloudFront's cached paths send the origin's name (origin.<host>) as Host: the ALB's default action serves it.
    expect(ingress.spec.default_backend.service.port).toEqual({ name: 'http' });
    expect(ingress.spec.rule[0].host).toBe('mocks.example.com');
    const annotations = ingress.metadata.annotations as Record<string, string>;
    expect(annotations['alb.ingress.kubernetes.io/ssl-policy']).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(annotations['alb.ingress.kubernetes.io/load-balancer-attributes']).toContain(
      'routing.http.drop_invalid_header_fields.enabled=true',
    );
    expect(annotations['alb.ingress.kubernetes.io/wafv2-acl-arn']).toMatch(/cross-stack/);
    // The controller's ALB sits behind CloudFront too, so its ACL has no per-IP rate limit.
    const acl = all(region, 'aws_wafv2_web_acl')[0]!;
    expect(acl.scope).toBe('REGIONAL');
    expect(acl.rule_json).not.toContain('RateBasedStatement');
    const image = all(workload, 'kubernetes_deployment_v1')[0]!.spec.template.spec.container[0].image;
    expect(image).toMatch(/dkr\.ecr\.us-east-1\.amazonaws\.com\/mockforge-production-ghcr\/saasy-solutions\/mockforge:0\.3\.213/);
  });

  it("logs the ingress ACL's requests to an encrypted aws-waf-logs- group under the region's resource policy", () => {
    const [aclId] = Object.keys(region.resource.aws_wafv2_web_acl);
    const [logging] = all(region, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging!.resource_arn).toBe(`\${aws_wafv2_web_acl.${aclId}.arn}`);
    expect(logging!.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\.waf_logs_policy_\w+$/)]);
    expect(all(region, 'aws_cloudwatch_log_resource_policy').map((p) => p.policy_name)).toEqual([
      'mockforge-production-us-east-1-waf-logs',
    ]);
    expect(all(region, 'aws_cloudwatch_log_group').find((g) => g.name === 'aws-waf-logs-mockforge-production-alb')).toMatchObject({
      kms_key_id: '${aws_kms_key.encryption_key_0F00DADF.arn}',
      retention_in_days: 365,
    });
  });

  it('routes the global stack to the controller-built ALBs and forwards the viewer host', () => {
    const global = stacks['production-aws-global']!;
    expect(Object.keys(global.data.aws_lb)).toHaveLength(2);
    expect(all(global, 'aws_cloudfront_distribution')[0]!.default_cache_behavior.origin_request_policy_id).toBe(
      '216adef6-5c7f-47e4-b989-5492eafa07d3',
    );
  });

  it('plans on a fresh cluster: no kubernetes_manifest without kubernetes.prometheusOperator', () => {
    expect(all(stacks['production-aws-us-east-1-workload']!, 'kubernetes_manifest')).toEqual([]);
  });

  it('registers the node capacity checks and passes them', () => {
    expect(policy.registeredRules.map((r) => r.id)).toEqual(expect.arrayContaining(['MF_AWS_3', 'MF_AWS_4']));
    expect(policy.findings.filter((f) => f.ruleId === 'MF_AWS_3' || f.ruleId === 'MF_AWS_4')).toEqual([]);
  });

  it('has no unsuppressed findings', () => {
    expect(policy.findings.filter((f) => !f.suppressedBecause && f.severity === 'error')).toEqual([]);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('EKS with a public endpoint', () => {
  it('restricts it to aws.eksPublicAccessCidrs and records the choice', () => {
    const { stacks, policy } = synth(eksConfig(['203.0.113.0/24']));
    const cluster = all(stacks['production-aws-us-east-1']!, 'aws_eks_cluster')[0]!;
    expect(cluster.vpc_config).toMatchObject({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
    expect(policy.findings.find((f) => f.ruleId === 'CKV_AWS_39')!.suppressedBecause).toContain('aws.eksPublicAccessCidrs');
  });
});

describe('EKS production large hybrid', () => {
  it('derives m6i.2xlarge nodes: 27 for 10 + 10 pods of 7200m spread over 3 AZs through a rollout, 45 for 20 + 20 + 5 surge', () => {
    const base = eksConfig();
    const production = { ...base.tiers.production!, topology: 'hybrid' as const, size: 'large' as const };
    const { stacks, policy } = synth({ ...base, tiers: { ...base.tiers, production } });
    const nodes = all(stacks['production-aws-us-east-1']!, 'aws_eks_node_group')[0]!;
    expect(nodes.instance_types).toEqual(['m6i.2xlarge']);
    expect(nodes.scaling_config).toEqual({ min_size: 27, max_size: 45, desired_size: 27 });
    const container = all(stacks['production-aws-us-east-1-workload']!, 'kubernetes_deployment_v1')[0]!.spec.template.spec.container[0];
    expect(container.resources).toEqual({ requests: { cpu: '7200m', memory: '8192Mi' }, limits: { cpu: '8000m', memory: '8192Mi' } });
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('EKS with the hybrid topology', () => {
  it('installs the EBS CSI driver and an encrypted, retained storage class for per-replica claims', () => {
    const base = eksConfig();
    const config = { ...base, tiers: { ...base.tiers, production: { ...base.tiers.production!, topology: 'hybrid' as const } } };
    const { stacks, policy } = synth(config);
    const region = stacks['production-aws-us-east-1']!;
    const ebs = all(region, 'aws_eks_addon').find((a) => a.addon_name === 'aws-ebs-csi-driver')!;
    expect(ebs.pod_identity_association[0].service_account).toBe('ebs-csi-controller-sa');
    const workload = stacks['production-aws-us-east-1-workload']!;
    expect(all(workload, 'kubernetes_storage_class_v1')[0]).toMatchObject({
      reclaim_policy: 'Retain',
      parameters: { encrypted: 'true', type: 'gp3' },
    });
    expect(all(workload, 'kubernetes_stateful_set_v1')[0]!.spec.volume_claim_template[0].spec.storage_class_name).toBe(
      'mockforge-encrypted-gp3',
    );
    expect(all(region, 'aws_efs_file_system')).toHaveLength(0);
    const state = all(region, 'aws_backup_selection').find((b) => b.name === 'mockforge-production-state')!;
    expect(state.selection_tag).toEqual([{ type: 'STRINGEQUALS', key: 'kubernetes.io/created-for/pvc/namespace', value: 'mockforge' }]);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
