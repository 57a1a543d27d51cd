import { defaultConfig, PolicyEngine, targetContext, type MockforgeConfig } from '@mockforge-infra/core';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsTarget } from '../target';

type Json = Record<string, any>;
const all = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const manifest = (json: Json, kind: string): Json => all(json, 'kubernetes_manifest').find((m) => m.manifest.kind === kind)!.manifest;

function eksConfig(aws?: MockforgeConfig['aws']): MockforgeConfig {
  const config = defaultConfig(['aws']);
  return {
    ...config,
    tiers: {
      ...config.tiers,
      production: { ...config.tiers.production!, regions: { aws: ['us-east-1', 'eu-west-1'] }, compute: { aws: 'eks' } },
    },
    ...(aws ? { aws } : {}),
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
  const workload = stacks['production-aws-us-east-1-workload']!;
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

  it('names real addresses in the README first-deploy targets, and no Kubernetes object to create by hand', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const targets = [...readme.matchAll(/-target=(\w+)\.([\w-]+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(targets.map(([type]) => type)).toEqual(['aws_route53_zone', 'aws_secretsmanager_secret', 'aws_route53_zone']);
    for (const [type, id] of targets) expect(region.resource[type]).toHaveProperty([id]);
    expect(readme).not.toMatch(/kubectl[^\n]*create secret/);
    expect(readme).not.toMatch(/helm install/);
  });

  it('keeps the API private, encrypts Secrets with KMS and logs every control-plane component', () => {
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.encryption_config.resources).toEqual(['secrets']);
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(cluster.version).toBe('1.33');
  });

  it('runs EKS Auto Mode: compute with the built-in pools, block storage and load balancing, no self-managed add-ons', () => {
    expect(cluster.compute_config).toEqual({
      enabled: true,
      node_pools: ['general-purpose', 'system'],
      node_role_arn: '${aws_iam_role.kubernetes_node_role_545DFB10.arn}',
    });
    expect(cluster.storage_config).toEqual({ block_storage: { enabled: true } });
    expect(cluster.kubernetes_network_config).toEqual({ elastic_load_balancing: { enabled: true } });
    expect(cluster.bootstrap_self_managed_addons).toBe(false);
    expect(cluster.access_config.authentication_mode).toBe('API');
    expect(all(region, 'aws_eks_node_group')).toEqual([]);
    // Auto Mode runs the CNI, kube-proxy, CoreDNS, the Pod Identity agent and EBS CSI itself.
    expect(
      all(region, 'aws_eks_addon')
        .map((a) => a.addon_name)
        .sort(),
    ).toEqual(['aws-secrets-store-csi-driver-provider', 'metrics-server']);
  });

  it("pins each add-on to the newest build for the cluster's Kubernetes version", () => {
    const versions = region.data.aws_eks_addon_version as Record<string, Json>;
    for (const addon of all(region, 'aws_eks_addon')) {
      const [id, lookup] = Object.entries(versions).find(([, v]) => v.addon_name === addon.addon_name)!;
      expect(lookup).toMatchObject({ kubernetes_version: '1.33', most_recent: true });
      expect(addon.addon_version).toBe(`\${data.aws_eks_addon_version.${id}.version}`);
    }
    expect(Object.keys(versions)).toHaveLength(2);
  });

  it("gives the cluster role Auto Mode's managed policies and the region key for volumes, the nodes the minimal ones", () => {
    const attached = (role: string) =>
      all(region, 'aws_iam_role_policy_attachment')
        .filter((a) => a.role === `\${aws_iam_role.${role}.name}`)
        .map((a) => String(a.policy_arn).replace(/^.*:policy\//, ''));
    expect(attached('kubernetes_cluster_role_BD1B7901')).toEqual([
      'AmazonEKSClusterPolicy',
      'AmazonEKSComputePolicy',
      'AmazonEKSBlockStoragePolicy',
      'AmazonEKSLoadBalancingPolicy',
      'AmazonEKSNetworkingPolicy',
    ]);
    expect(attached('kubernetes_node_role_545DFB10')).toEqual(['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']);
    const trust = JSON.parse(region.resource.aws_iam_role.kubernetes_cluster_role_BD1B7901.assume_role_policy);
    expect(trust.Statement[0].Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    const clusterPolicy = all(region, 'aws_iam_role_policy').find(
      (p) => p.role === '${aws_iam_role.kubernetes_cluster_role_BD1B7901.name}',
    )!;
    expect(JSON.parse(clusterPolicy.policy).Statement[0]).toMatchObject({
      Sid: 'EncryptVolumesWithRegionKey',
      Resource: '${aws_kms_key.encryption_key_0F00DADF.arn}',
    });
  });

  it("keeps the roles' permissions until Auto Mode has removed what it launched: the cluster and add-ons depend on them", () => {
    const grants = (role: string) => [
      ...Object.entries(region.resource.aws_iam_role_policy as Record<string, Json>)
        .filter(([, p]) => p.role === `\${aws_iam_role.${role}.name}`)
        .map(([id]) => `aws_iam_role_policy.${id}`),
      ...Object.entries(region.resource.aws_iam_role_policy_attachment as Record<string, Json>)
        .filter(([, a]) => a.role === `\${aws_iam_role.${role}.name}`)
        .map(([id]) => `aws_iam_role_policy_attachment.${id}`),
    ];
    const clusterGrants = grants('kubernetes_cluster_role_BD1B7901');
    expect(clusterGrants).toHaveLength(6);
    const [logGroup] = Object.keys(region.resource.aws_cloudwatch_log_group).filter((id) => id.includes('control_plane_logs'));
    expect([...cluster.depends_on].sort()).toEqual([`aws_cloudwatch_log_group.${logGroup}`, ...clusterGrants].sort());
    const nodeGrants = grants('kubernetes_node_role_545DFB10');
    expect(nodeGrants).toHaveLength(3);
    for (const addon of all(region, 'aws_eks_addon')) expect([...addon.depends_on].sort()).toEqual([...nodeGrants].sort());
  });

  it('sizes the MockForge NodePool from the pods: m6i.xlarge upward, a ceiling of 25 of them, on-demand in production', () => {
    // Production medium: 3600m pods fit one per m6i.xlarge (3670m free); 20 pods + 5 surge at the HPAs' maximum.
    const pool = manifest(workload, 'NodePool');
    expect(pool.metadata.name).toBe('mockforge');
    expect(pool.spec.weight).toBe(50);
    expect(pool.spec.limits).toEqual({ cpu: '100', memory: '409600Mi' });
    expect(pool.spec.template.metadata.labels).toEqual({
      'sizing.mockforge.dev/pod-cpu-millis': '3600',
      'sizing.mockforge.dev/pod-memory-mib': '4096',
      'sizing.mockforge.dev/max-pods': '25',
    });
    expect(pool.spec.template.spec).toEqual({
      nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' },
      requirements: [
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m6i.xlarge', 'm6i.2xlarge', 'm6i.4xlarge', 'm6i.8xlarge'] },
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
      ],
      expireAfter: '336h',
    });
  });

  it("turns on Auto Mode's NetworkPolicy enforcement and keeps metrics-server for the HPAs", () => {
    expect(all(workload, 'kubernetes_config_map_v1').find((c) => c.metadata.name === 'amazon-vpc-cni')).toMatchObject({
      metadata: { namespace: 'kube-system' },
      data: { 'enable-network-policy-controller': 'true' },
    });
    expect(all(workload, 'kubernetes_network_policy_v1').length).toBeGreaterThan(0);
  });

  it('lets the cluster reach the data stores', () => {
    const fromCluster = all(region, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.referenced_security_group_id).includes('aws_eks_cluster'),
    );
    expect(fromCluster.map((r) => r.from_port).sort()).toEqual([5432, 6379]);
  });

  it("hands the ingress to Auto Mode's controller through the alb IngressClass and its IngressClassParams", () => {
    const params = manifest(workload, 'IngressClassParams');
    expect(params.apiVersion).toBe('eks.amazonaws.com/v1');
    expect(params.metadata.name).toBe('alb');
    expect(params.spec).toEqual({
      scheme: 'internet-facing',
      ipAddressType: 'ipv4',
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mockforge' } },
    });
    const [classId] = Object.keys(workload.resource.kubernetes_ingress_class_v1);
    const ingressClass = workload.resource.kubernetes_ingress_class_v1[classId!];
    expect(ingressClass.metadata.name).toBe('alb');
    expect(ingressClass.spec).toEqual({
      controller: 'eks.amazonaws.com/alb',
      parameters: [{ api_group: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'alb', scope: 'Cluster' }],
    });
    const ingress = all(workload, 'kubernetes_ingress_v1')[0]!;
    expect(ingress.spec.ingress_class_name).toBe('alb');
    expect(ingress.depends_on).toEqual([`kubernetes_ingress_class_v1.${classId}`]);
    expect(ingress.wait_for_load_balancer).toBe(true);
  });

  it('keeps the hardened ALB settings as annotations Auto Mode supports', () => {
    const ingress = all(workload, 'kubernetes_ingress_v1')[0]!;
    // CloudFront's cached paths send the origin's name (origin.<host>) as Host: the ALB's default action serves it.
    expect(ingress.spec.default_backend.service.port).toEqual({ name: 'http' });
    expect(ingress.spec.rule[0].host).toBe('mocks.example.com');
    // TLS ends at the ALB with the regional ACM certificate; no Secret in the cluster holds one.
    expect(ingress.spec).not.toHaveProperty('tls');
    expect(all(workload, 'kubernetes_ingress_v1')).toHaveLength(1);
    const annotations = ingress.metadata.annotations as Record<string, string>;
    const fromRegion = (output: string) =>
      `\${data.terraform_remote_state.cross-stack-reference-input-production-aws-us-east-1.outputs.cross-stack-output-${output}}`;
    expect(annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/certificate-arn': fromRegion(
        'aws_acm_certificate_validationcertificate_validation_5EC41E25certificate_arn',
      ),
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/wafv2-acl-arn': fromRegion('aws_wafv2_web_aclload_balancer_waf_acl_E867C602arn'),
      'alb.ingress.kubernetes.io/security-groups': fromRegion('aws_security_groupsecurity_groups_load_balancer_group_57DE4A45id'),
      'alb.ingress.kubernetes.io/healthcheck-path': '/health/ready',
      'alb.ingress.kubernetes.io/healthcheck-interval-seconds': '30',
      'alb.ingress.kubernetes.io/healthcheck-timeout-seconds': '5',
      'alb.ingress.kubernetes.io/healthy-threshold-count': '2',
      'alb.ingress.kubernetes.io/unhealthy-threshold-count': '3',
    });
    expect(annotations['alb.ingress.kubernetes.io/load-balancer-attributes']!.split(',')).toEqual([
      'idle_timeout.timeout_seconds=3600',
      'routing.http.drop_invalid_header_fields.enabled=true',
      'routing.http.desync_mitigation_mode=strictest',
      'deletion_protection.enabled=true',
      'access_logs.s3.enabled=true',
      `access_logs.s3.bucket=${fromRegion('aws_s3_bucketload_balancer_logs_bucket_077C6E60bucket')}`,
      'access_logs.s3.prefix=alb',
    ]);
    // Auto Mode rejects these: classic WAF, Shield Advanced, Ingress groups by annotation, the class annotation.
    for (const unsupported of ['waf-acl-id', 'web-acl-id', 'shield-advanced-protection', 'group.name'])
      expect(annotations).not.toHaveProperty([`alb.ingress.kubernetes.io/${unsupported}`]);
    expect(annotations).not.toHaveProperty(['kubernetes.io/ingress.class']);
    // The ALB sits behind CloudFront too, so its ACL has no per-IP rate limit.
    const acl = all(region, 'aws_wafv2_web_acl')[0]!;
    expect(acl.scope).toBe('REGIONAL');
    expect(acl.rule_json).not.toContain('RateBasedStatement');
    const image = all(workload, 'kubernetes_deployment_v1')[0]!.spec.template.spec.container[0].image;
    expect(image).toMatch(/dkr\.ecr\.us-east-1\.amazonaws\.com\/mockforge-production-ghcr\/saasy-solutions\/mockforge:0\.3\.213/);
  });

  it("gives the workload's service account, through Pod Identity, read access to this region's tier secrets only", () => {
    const [association] = all(region, 'aws_eks_pod_identity_association');
    const serviceAccount = all(workload, 'kubernetes_service_account_v1')[0]!;
    expect(association).toMatchObject({ namespace: 'mockforge', service_account: serviceAccount.metadata.name });
    expect(all(region, 'aws_eks_pod_identity_association')).toHaveLength(1);
    const role = region.resource.aws_iam_role.kubernetes_workload_secrets_role_EA5A84D9;
    expect(association!.role_arn).toBe('${aws_iam_role.kubernetes_workload_secrets_role_EA5A84D9.arn}');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: ['pods.eks.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
    const policy = all(region, 'aws_iam_role_policy').find(
      (p) => p.role === '${aws_iam_role.kubernetes_workload_secrets_role_EA5A84D9.name}',
    )!;
    const secretArns = Object.keys(region.resource.aws_secretsmanager_secret)
      .filter((id) => id.startsWith('secrets_'))
      .map((id) => `\${aws_secretsmanager_secret.${id}.arn}`);
    expect(secretArns).toHaveLength(5);
    const statements = JSON.parse(policy.policy).Statement as Json[];
    expect([...statements[0]!.Resource].sort()).toEqual(secretArns.sort());
    expect(statements).toEqual([
      {
        Sid: 'ReadTierSecrets',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: expect.any(Array),
      },
      {
        Sid: 'DecryptThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '${aws_kms_key.encryption_key_0F00DADF.arn}',
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
      },
    ]);
    expect(
      JSON.parse(all(region, 'aws_eks_addon').find((a) => a.addon_name === 'aws-secrets-store-csi-driver-provider')!.configuration_values),
    ).toEqual({
      'secrets-store-csi-driver': { syncSecret: { enabled: true } },
    });
  });

  it('syncs the tier secrets from Secrets Manager into the Secret the pods read, through a volume every server pod mounts', () => {
    const spc = manifest(workload, 'SecretProviderClass');
    expect(spc.metadata).toMatchObject({ name: 'mockforge-secrets', namespace: 'mockforge' });
    expect(spc.spec.provider).toBe('aws');
    expect(spc.spec.parameters).toMatchObject({ region: 'us-east-1', usePodIdentity: 'true' });
    const objects = JSON.parse(spc.spec.parameters.objects) as { objectName: string; objectType: string; objectAlias: string }[];
    const keys = ['DATABASE_URL', 'REDIS_URL', 'MOCKFORGE_ADMIN_JWT_SECRET', 'MOCKFORGE_ADMIN_USERNAME', 'MOCKFORGE_ADMIN_PASSWORD'];
    expect(objects.map((o) => o.objectAlias)).toEqual(keys);
    expect(objects[0]).toEqual({
      objectName:
        '${data.terraform_remote_state.cross-stack-reference-input-production-aws-us-east-1.outputs.cross-stack-output-aws_secretsmanager_secretsecrets_database_url_8E7BE9D4arn}',
      objectType: 'secretsmanager',
      objectAlias: 'DATABASE_URL',
    });
    expect(spc.spec.secretObjects).toHaveLength(1);
    expect(spc.spec.secretObjects[0]).toMatchObject({ secretName: 'mockforge-secrets', type: 'Opaque' });
    expect(spc.spec.secretObjects[0].data).toEqual(keys.map((key) => ({ objectName: key, key })));

    const pod = all(workload, 'kubernetes_deployment_v1')[0]!.spec.template.spec;
    expect(pod.volume.find((v: Json) => v.name === 'secrets-store')).toEqual({
      name: 'secrets-store',
      csi: { driver: 'secrets-store.csi.k8s.io', read_only: true, volume_attributes: { secretProviderClass: 'mockforge-secrets' } },
    });
    expect(pod.container[0].volume_mount.find((m: Json) => m.name === 'secrets-store')).toEqual({
      name: 'secrets-store',
      mount_path: '/mnt/secrets-store',
      read_only: true,
    });
    const env = pod.container[0].env.find((e: Json) => e.name === 'DATABASE_URL');
    expect(env.value_from.secret_key_ref).toEqual({ name: 'mockforge-secrets', key: 'DATABASE_URL' });
  });

  it('mounts only secrets whose value the regional stack writes, so no pod waits on an empty one at the workload apply', () => {
    for (const name of ['production-aws-us-east-1', 'production-aws-eu-west-1']) {
      const spc = manifest(stacks[`${name}-workload`]!, 'SecretProviderClass');
      const read = (JSON.parse(spc.spec.parameters.objects) as { objectName: string }[]).map(
        (o) => /cross-stack-output-aws_secretsmanager_secret(\w+)arn\}$/.exec(o.objectName)?.[1] ?? o.objectName,
      );
      const written = all(stacks[name]!, 'aws_secretsmanager_secret_version').map(
        (v) => /^\$\{aws_secretsmanager_secret\.(\w+)\.(arn|id)\}$/.exec(v.secret_id)![1]!,
      );
      expect(read).toHaveLength(5);
      expect(read.filter((id) => !written.includes(id))).toEqual([]);
    }
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

  it('routes the global stack to the ALBs Auto Mode built, found by the cluster and ingress tags it sets', () => {
    const global = stacks['production-aws-global']!;
    const lookups = Object.values(global.data.aws_lb) as Json[];
    expect(lookups).toHaveLength(2);
    expect(lookups[0]!.tags).toEqual({
      'eks:eks-cluster-name': expect.stringMatching(/cross-stack-output-aws_eks_clusterkubernetes_cluster_C712C9BDname/),
      'ingress.eks.amazonaws.com/stack': expect.stringMatching(
        /^\$\{data\.terraform_remote_state\..*\}\/\$\{data\.terraform_remote_state\..*\}$/,
      ),
    });
    expect(all(global, 'aws_cloudfront_distribution')[0]!.default_cache_behavior.origin_request_policy_id).toBe(
      '216adef6-5c7f-47e4-b989-5492eafa07d3',
    );
  });

  it("plans on a fresh cluster: its kubernetes_manifest objects are only of CRDs the regional stack's apply installs", () => {
    const kinds = all(workload, 'kubernetes_manifest').map((m) => `${m.manifest.apiVersion} ${m.manifest.kind}`);
    expect(kinds.sort()).toEqual([
      'eks.amazonaws.com/v1 IngressClassParams',
      'karpenter.sh/v1 NodePool',
      'secrets-store.csi.x-k8s.io/v1 SecretProviderClass',
    ]);
    // Names and namespaces are literals, known at plan time.
    for (const m of all(workload, 'kubernetes_manifest')) expect(JSON.stringify(m.manifest.metadata)).not.toContain('${');
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
    const { stacks, policy } = synth(eksConfig({ eksPublicAccessCidrs: ['203.0.113.0/24'] }));
    const cluster = all(stacks['production-aws-us-east-1']!, 'aws_eks_cluster')[0]!;
    expect(cluster.vpc_config).toMatchObject({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
    expect(policy.findings.find((f) => f.ruleId === 'CKV_AWS_39')!.suppressedBecause).toContain('aws.eksPublicAccessCidrs');
  });
});

describe('EKS administrators (aws.eksAdminRoleArns)', () => {
  const admins = ['arn:aws:iam::123456789012:role/ci/mockforge-deploy', 'arn:aws:iam::123456789012:role/platform-admin'];
  const { stacks, policy } = synth(eksConfig({ eksAdminRoleArns: admins }));

  it('gives each listed role cluster admin through an access entry, in every region', () => {
    for (const name of ['production-aws-us-east-1', 'production-aws-eu-west-1']) {
      const region = stacks[name]!;
      const [clusterId] = Object.keys(region.resource.aws_eks_cluster);
      const entries = Object.entries(region.resource.aws_eks_access_entry as Record<string, Json>);
      expect(entries.map(([, { cluster_name, principal_arn }]) => ({ cluster_name, principal_arn }))).toEqual(
        admins.map((principal_arn) => ({ cluster_name: `\${aws_eks_cluster.${clusterId}.name}`, principal_arn })),
      );
      const associations = all(region, 'aws_eks_access_policy_association').map(({ '//': _, ...body }) => body);
      expect(associations).toEqual(
        entries.map(([id]) => ({
          cluster_name: `\${aws_eks_cluster.${clusterId}.name}`,
          principal_arn: `\${aws_eks_access_entry.${id}.principal_arn}`,
          policy_arn: 'arn:${data.aws_partition.partition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
          access_scope: { type: 'cluster' },
        })),
      );
    }
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  it('gives the creator no implicit entry, which would collide with its listed one, and never replaces a cluster over it', () => {
    const cluster = all(stacks['production-aws-us-east-1']!, 'aws_eks_cluster')[0]!;
    expect(cluster.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
    expect(cluster.lifecycle).toEqual({ ignore_changes: ['access_config[0].bootstrap_cluster_creator_admin_permissions'] });
  });

  it('leaves the creator the only administrator when none is listed', () => {
    const region = synth(eksConfig()).stacks['production-aws-us-east-1']!;
    expect(all(region, 'aws_eks_cluster')[0]!.access_config.bootstrap_cluster_creator_admin_permissions).toBe(true);
    expect(all(region, 'aws_eks_access_entry')).toEqual([]);
  });
});

describe('EKS production large hybrid', () => {
  it('derives a NodePool of m6i.2xlarge upward for 7200m pods, with a ceiling of 45 of them for 20 + 20 pods and 5 surge', () => {
    const base = eksConfig();
    const production = { ...base.tiers.production!, topology: 'hybrid' as const, size: 'large' as const };
    const { stacks, policy } = synth({ ...base, tiers: { ...base.tiers, production } });
    const workload = stacks['production-aws-us-east-1-workload']!;
    const pool = manifest(workload, 'NodePool');
    expect(pool.spec.template.spec.requirements[0].values).toEqual(['m6i.2xlarge', 'm6i.4xlarge', 'm6i.8xlarge']);
    expect(pool.spec.limits).toEqual({ cpu: '360', memory: '1474560Mi' });
    const container = all(workload, 'kubernetes_deployment_v1')[0]!.spec.template.spec.container[0];
    expect(container.resources).toEqual({ requests: { cpu: '7200m', memory: '8192Mi' }, limits: { cpu: '8000m', memory: '8192Mi' } });
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('EKS with the hybrid topology', () => {
  it("gives per-replica claims an encrypted, retained storage class on Auto Mode's EBS provisioner, and the StatefulSet the secrets", () => {
    const base = eksConfig();
    const config = { ...base, tiers: { ...base.tiers, production: { ...base.tiers.production!, topology: 'hybrid' as const } } };
    const { stacks, policy } = synth(config);
    const region = stacks['production-aws-us-east-1']!;
    expect(all(region, 'aws_eks_addon').map((a) => a.addon_name)).not.toContain('aws-ebs-csi-driver');
    const workload = stacks['production-aws-us-east-1-workload']!;
    expect(all(workload, 'kubernetes_storage_class_v1')[0]).toMatchObject({
      storage_provisioner: 'ebs.csi.eks.amazonaws.com',
      reclaim_policy: 'Retain',
      parameters: { encrypted: 'true', type: 'gp3' },
    });
    const stateful = all(workload, 'kubernetes_stateful_set_v1')[0]!.spec;
    expect(stateful.volume_claim_template[0].spec.storage_class_name).toBe('mockforge-encrypted-gp3');
    expect(stateful.template.spec.volume.map((v: Json) => v.name)).toContain('secrets-store');
    expect(stateful.template.spec.container[0].volume_mount.map((m: Json) => m.name)).toContain('secrets-store');
    expect(all(region, 'aws_efs_file_system')).toHaveLength(0);
    const state = all(region, 'aws_backup_selection').find((b) => b.name === 'mockforge-production-state')!;
    expect(state.selection_tag).toEqual([{ type: 'STRINGEQUALS', key: 'kubernetes.io/created-for/pvc/namespace', value: 'mockforge' }]);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});

describe('EKS dev', () => {
  it('syncs only the secrets dev has, and lets the NodePool take Spot with on-demand behind it', () => {
    const config = defaultConfig(['aws']);
    const dev = { ...config.tiers.dev!, compute: { aws: 'eks' as const } };
    const policy = new PolicyEngine(awsTarget.rules, { failOnError: false });
    const app = Testing.app();
    const stacks = awsTarget.addStacks(app, targetContext({ ...config, tiers: { ...config.tiers, dev } }, 'dev', 'aws'), policy);
    app.synth();
    const workloadId = stacks.map((s) => s.node.id).find((id) => id.endsWith('-workload'))!;
    const workload = JSON.parse(readFileSync(join(app.outdir, 'stacks', workloadId, 'cdk.tf.json'), 'utf8')) as Json;
    const objects = JSON.parse(manifest(workload, 'SecretProviderClass').spec.parameters.objects) as { objectAlias: string }[];
    expect(objects.map((o) => o.objectAlias)).toEqual([
      'MOCKFORGE_ADMIN_JWT_SECRET',
      'MOCKFORGE_ADMIN_USERNAME',
      'MOCKFORGE_ADMIN_PASSWORD',
    ]);
    const pool = manifest(workload, 'NodePool');
    expect(pool.spec.template.spec.requirements[1].values).toEqual(['spot', 'on-demand']);
    expect(pool.spec.template.spec.requirements[0].values[0]).toMatch(/^t3\./);
    expect(policy.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
