import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  DATABASE_PORT,
  DNS_PORT,
  INTERNAL_CIDR,
  NETWORK_POLICY,
  PolicyEngine,
  PORTS,
  PUBLIC_PORTS,
  REDIS_PORT,
  type CommonProps,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { AWS_PLATFORM } from '../sizing';

/** Where a rule's traffic comes from or goes to. */
export type Peer = { readonly cidr: string } | { readonly securityGroupId: string } | { readonly prefixListId: string };

export interface PortRuleProps {
  readonly port: number;
  readonly peer: Peer;
  readonly description: string;
  /** @default tcp */
  readonly protocol?: 'tcp' | 'udp';
}

const NFS_PORT = 2049;

function peerProps(peer: Peer): { cidrIpv4?: string; referencedSecurityGroupId?: string; prefixListId?: string } {
  if ('cidr' in peer) return { cidrIpv4: peer.cidr };
  if ('securityGroupId' in peer) return { referencedSecurityGroupId: peer.securityGroupId };
  return { prefixListId: peer.prefixListId };
}

export interface FirewallProps extends CommonProps {
  readonly name: string;
  readonly vpcId: string;
  readonly description: string;
}

/**
 * A security group whose rules are separate resources, each with a description.
 * `tags` and `overrides` apply to the group (`aws_security_group`).
 */
export class Firewall extends Construct {
  readonly group: SecurityGroup;
  readonly id: string;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    this.group = new SecurityGroup(this, 'group', {
      name: props.name,
      vpcId: props.vpcId,
      description: props.description,
      tags: { Name: props.name },
    });
    applyCommonProps(this.group, props);
    this.id = this.group.id;
  }

  allowIn(id: string, rule: PortRuleProps): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: this.group.id,
      ipProtocol: rule.protocol ?? 'tcp',
      fromPort: rule.port,
      toPort: rule.port,
      description: rule.description,
      ...peerProps(rule.peer),
    });
  }

  allowOut(id: string, rule: PortRuleProps): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, id, {
      securityGroupId: this.group.id,
      ipProtocol: rule.protocol ?? 'tcp',
      fromPort: rule.port,
      toPort: rule.port,
      description: rule.description,
      ...peerProps(rule.peer),
    });
  }
}

export interface SecurityGroupsProps extends CommonProps {
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Adds an NFS group for the stateful pool's EFS. @default false */
  readonly efs?: boolean;
  /** Tasks reach each other on the HTTP port (the hybrid stateful pool). @default false */
  readonly appToApp?: boolean;
  /** Adds a group for interface endpoints. @default false */
  readonly endpoints?: boolean;
  /** Adds the Redis group and the app's egress to it. @default true */
  readonly cache?: boolean;
  /** Adds the PostgreSQL group and the app's egress to it. @default true */
  readonly database?: boolean;
  /** How the app reaches the internet: a NAT gateway, or the task's own public IP (dev on ECS). @default 'NAT' */
  readonly egressVia?: 'NAT' | 'public IP';
  /**
   * How CloudFront reaches the load balancer: over the internet from its origin-facing prefix list, or
   * through a VPC origin to an internal ALB (the rule then comes from `allowCloudFrontVpcOrigin`).
   * @default 'internet'
   */
  readonly cloudFrontReach?: 'internet' | 'vpc-origin';
}

/**
 * The seed's network policy as security groups. The load balancer takes HTTPS only from
 * CloudFront's origin-facing prefix list and HTTP (redirect only) from anywhere; the app takes
 * 3000 from the load balancer and admin/metrics from 10.0.0.0/8; data stores take the app only.
 * `tags` apply to every group; `overrides` to the app's group (`app`), the one MockForge runs in.
 */
export class SecurityGroups extends Construct {
  readonly loadBalancer: Firewall;
  readonly app: Firewall;
  /** Only when the tier runs a managed database. */
  readonly database?: Firewall;
  /** Only when the tier runs a managed cache. */
  readonly cache?: Firewall;
  readonly efs?: Firewall;
  readonly endpoints?: Firewall;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const group = (gid: string, suffix: string, description: string, overrides?: CommonProps['overrides']) =>
      new Firewall(this, gid, { name: `${props.name}-${suffix}`, vpcId: props.vpcId, description, tags: props.tags, overrides });
    this.loadBalancer = group('load_balancer', 'alb', 'MockForge public load balancer');
    this.app = group('app', 'app', 'MockForge tasks', props.overrides);
    if (props.database ?? true) this.database = group('database', 'postgres', 'MockForge PostgreSQL, from the app only');
    if (props.cache ?? true) this.cache = group('cache', 'redis', 'MockForge Redis, from the app only');

    const [https, http] = NETWORK_POLICY.publicIngress.ports;
    if ((props.cloudFrontReach ?? 'internet') === 'internet') {
      const cloudFront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront_origin_facing', { name: AWS_PLATFORM.cloudFrontPrefixList });
      this.loadBalancer.allowIn('https_from_cloudfront', {
        port: https,
        peer: { prefixListId: cloudFront.id },
        description: 'HTTPS from CloudFront origin-facing servers only',
      });
      // The CloudFront prefix list weighs ~55 rules against the 60-rule quota, so HTTP (a redirect) stays open.
      const redirect = this.loadBalancer.allowIn('http_redirect', {
        port: http,
        peer: { cidr: NETWORK_POLICY.publicIngress.cidrs[0] },
        description: 'HTTP from anywhere, answered with a 301 to HTTPS',
      });
      PolicyEngine.suppress(redirect, 'CKV_AWS_260', 'public edge: port 80 only answers with a 301 redirect to HTTPS and forwards nothing');
    }
    this.loadBalancer.allowOut('to_app', {
      port: PORTS.http,
      peer: { securityGroupId: this.app.id },
      description: 'Mock traffic to the tasks',
    });

    this.app.allowIn('http_from_load_balancer', {
      port: PORTS.http,
      peer: { securityGroupId: this.loadBalancer.id },
      description: 'Mock traffic from the load balancer only',
    });
    this.app.allowIn('admin_internal', {
      port: PORTS.admin,
      peer: { cidr: INTERNAL_CIDR },
      description: 'Admin API from the private network only',
    });
    this.app.allowIn('metrics_internal', {
      port: PORTS.metrics,
      peer: { cidr: INTERNAL_CIDR },
      description: 'Prometheus scrape from the private network only',
    });
    const webPorts = NETWORK_POLICY.egress.ports.filter((p) => p !== DNS_PORT);
    const via = props.egressVia ?? 'NAT';
    const reason =
      `internet egress through ${via}, ports ${webPorts.join('/')} only: the ADOT collector image from public.ecr.aws, the X-Ray API, ` +
      'OTLP endpoints, and the webhooks and remote OpenAPI specs mocks call (ECR, not the tasks, pulls the MockForge image from ghcr.io)';
    for (const port of webPorts) {
      const rule = this.app.allowOut(`out_${port}`, {
        port,
        peer: { cidr: NETWORK_POLICY.egress.cidrs[0] },
        description: `Port ${port} to the internet through ${via}`,
      });
      PolicyEngine.suppress(rule, 'CKV_AWS_382', reason);
    }
    this.app.allowOut('dns_udp', {
      port: DNS_PORT,
      protocol: 'udp',
      peer: { cidr: props.vpcCidr },
      description: 'DNS to the VPC resolver',
    });
    this.app.allowOut('dns_tcp', { port: DNS_PORT, peer: { cidr: props.vpcCidr }, description: 'DNS over TCP to the VPC resolver' });
    if (this.database) {
      this.app.allowOut('to_database', { port: DATABASE_PORT, peer: { securityGroupId: this.database.id }, description: 'PostgreSQL' });
    }
    if (this.cache) this.app.allowOut('to_cache', { port: REDIS_PORT, peer: { securityGroupId: this.cache.id }, description: 'Redis' });

    this.database?.allowIn('from_app', {
      port: DATABASE_PORT,
      peer: { securityGroupId: this.app.id },
      description: 'PostgreSQL from the app only',
    });
    this.cache?.allowIn('from_app', { port: REDIS_PORT, peer: { securityGroupId: this.app.id }, description: 'Redis from the app only' });

    if (props.appToApp) {
      this.app.allowIn('http_from_app', {
        port: PORTS.http,
        peer: { securityGroupId: this.app.id },
        description: 'Stateless tasks to the stateful pool',
      });
      this.app.allowOut('http_to_app', {
        port: PORTS.http,
        peer: { securityGroupId: this.app.id },
        description: 'Stateless tasks to the stateful pool',
      });
    }
    if (props.efs) {
      this.efs = group('efs', 'efs', 'MockForge stateful pool volumes, from the app only');
      this.efs.allowIn('from_app', { port: NFS_PORT, peer: { securityGroupId: this.app.id }, description: 'NFS from the app only' });
      this.app.allowOut('to_efs', { port: NFS_PORT, peer: { securityGroupId: this.efs.id }, description: 'NFS to the stateful volumes' });
    }
    if (props.endpoints) {
      this.endpoints = group('endpoints', 'endpoints', 'VPC interface endpoints, from inside the VPC');
      this.endpoints.allowIn('https_from_vpc', {
        port: https,
        peer: { cidr: props.vpcCidr },
        description: 'HTTPS to AWS APIs from inside the VPC',
      });
    }
  }

  /** HTTPS into the internal load balancer from CloudFront's VPC-origin interfaces of this account only. */
  allowCloudFrontVpcOrigin(serviceSecurityGroupId: string): void {
    this.loadBalancer.allowIn('https_from_cloudfront_vpc_origin', {
      port: PUBLIC_PORTS.https,
      peer: { securityGroupId: serviceSecurityGroupId },
      description: "HTTPS from this account's CloudFront VPC origins only",
    });
  }

  /**
   * Another region of the tier, over VPC peering: its workload subnets may reach this region's data
   * stores (a cross-region rule cannot name the other region's security group), and this region's
   * tasks may reach its data subnets. Every region is wired to every other, so whichever region holds
   * the writers (the primary, or the one promoted after a failover) is reachable from all of them.
   */
  peerRegion(region: string, peer: { readonly workloadCidrs: readonly string[]; readonly dataCidrs: readonly string[] }): void {
    peer.workloadCidrs.forEach((cidr, i) => {
      this.database?.allowIn(`from_${region}_${i}`, {
        port: DATABASE_PORT,
        peer: { cidr },
        description: `PostgreSQL from the ${region} workloads over VPC peering`,
      });
      this.cache?.allowIn(`from_${region}_${i}`, {
        port: REDIS_PORT,
        peer: { cidr },
        description: `Redis from the ${region} workloads over VPC peering`,
      });
    });
    peer.dataCidrs.forEach((cidr, i) => {
      if (this.database) {
        this.app.allowOut(`to_${region}_database_${i}`, {
          port: DATABASE_PORT,
          peer: { cidr },
          description: `PostgreSQL in ${region} over VPC peering`,
        });
      }
      if (this.cache) {
        this.app.allowOut(`to_${region}_cache_${i}`, {
          port: REDIS_PORT,
          peer: { cidr },
          description: `Redis in ${region} over VPC peering`,
        });
      }
    });
  }

  /** Lets another group (EKS nodes) reach the data stores like the app does. */
  allowDataAccessFrom(id: string, securityGroupId: string): void {
    this.database?.allowIn(`from_${id}`, { port: DATABASE_PORT, peer: { securityGroupId }, description: `PostgreSQL from ${id}` });
    this.cache?.allowIn(`from_${id}`, { port: REDIS_PORT, peer: { securityGroupId }, description: `Redis from ${id}` });
  }
}
