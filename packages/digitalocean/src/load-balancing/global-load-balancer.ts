import { Loadbalancer } from '@cdktf/provider-digitalocean/lib/loadbalancer';
import { PUBLIC_PORTS, TARGET_HEALTH, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { LOAD_BALANCER } from '../sizing';

export interface GlobalLoadBalancerProps extends CommonProps {
  readonly context: TargetContext;
  readonly projectId: string;
  /** Regional load balancer ids, in region order (the primary first). */
  readonly targetLoadBalancerIds: readonly string[];
}

/**
 * DigitalOcean's Global Load Balancer over the regional ones: the tier hostname on a managed domain
 * and certificate, HTTPS to the regional load balancers, region priorities in the tier's region
 * order (the primary first) and failover when a region's targets fail their /health/ready checks.
 * Its CDN stays off: mock responses are dynamic, and the Spaces CDN serves the cacheable files.
 */
export class GlobalLoadBalancer extends Construct {
  readonly loadBalancer: Loadbalancer;

  constructor(scope: Construct, id: string, props: GlobalLoadBalancerProps) {
    super(scope, id);
    const { context } = props;
    this.loadBalancer = new Loadbalancer(this, 'glb', {
      name: resourceName(context.tier, 'global'),
      type: 'GLOBAL',
      projectId: props.projectId,
      domains: [{ name: context.hostname, isManaged: true }],
      targetLoadBalancerIds: [...props.targetLoadBalancerIds],
      glbSettings: {
        targetProtocol: 'https',
        targetPort: PUBLIC_PORTS.https,
        cdn: { isEnabled: false },
        failoverThreshold: LOAD_BALANCER.failoverThreshold,
        regionPriorities: Object.fromEntries(context.topology.regions.map((region, i) => [region, i + 1])),
      },
      healthcheck: {
        protocol: 'https',
        port: PUBLIC_PORTS.https,
        path: TARGET_HEALTH.path,
        checkIntervalSeconds: TARGET_HEALTH.intervalSeconds,
        responseTimeoutSeconds: TARGET_HEALTH.timeoutSeconds,
        healthyThreshold: TARGET_HEALTH.healthyThreshold,
        unhealthyThreshold: TARGET_HEALTH.unhealthyThreshold,
      },
    });
    applyCommonProps(this, this.loadBalancer, props);
  }
}
