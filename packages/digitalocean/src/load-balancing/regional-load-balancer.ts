import type { ITerraformDependable } from 'cdktf';
import { Certificate } from '@cdktf/provider-digitalocean/lib/certificate';
import { Loadbalancer } from '@cdktf/provider-digitalocean/lib/loadbalancer';
import { PUBLIC_PORTS, TARGET_HEALTH, WEBSOCKET_IDLE_TIMEOUT_SECONDS, type CommonProps, type TargetContext } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { DOKS, LOAD_BALANCER } from '../sizing';

/** DigitalOcean's HTTP idle timeout ceiling, seconds; WebSockets need the longest one allowed. */
const MAX_HTTP_IDLE_TIMEOUT_SECONDS = 600;

/** The regional load balancer's idle timeout: the seed's WebSocket timeout within DigitalOcean's ceiling. */
export const LB_HTTP_IDLE_TIMEOUT_SECONDS = Math.min(WEBSOCKET_IDLE_TIMEOUT_SECONDS, MAX_HTTP_IDLE_TIMEOUT_SECONDS);

/** The load balancer's name, which the Service annotation repeats so the cloud controller keeps it. */
export function regionalLoadBalancerName(context: TargetContext, region: string): string {
  return resourceName(context.tier, region);
}

export interface RegionalLoadBalancerProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly vpcId: string;
  readonly projectId: string;
  /** What the certificate's DNS challenge needs first: the DigitalOcean domain, where this stack creates it. */
  readonly certificateDependsOn?: ITerraformDependable[];
}

/**
 * The region's load balancer, created here and adopted by the DOKS LoadBalancer Service
 * (`kubernetes.digitalocean.com/load-balancer-id`): HTTPS on 443 with a Let's Encrypt certificate
 * for the tier hostname, HTTP redirected, both to the Service's fixed NodePort, checked on
 * /health/ready. The cloud controller owns the rules after adoption, so Terraform ignores them, and
 * the Service's annotations carry the same name, size, idle timeout and health check. Let's Encrypt
 * writes no DNS records: the tier hostname points at the Global Load Balancer (or the global stack's
 * record), never at one region. No TLS cipher policy: the cloud controller has no annotation for it and
 * resets it on every update, so setting one here would not hold.
 */
export class RegionalLoadBalancer extends Construct {
  readonly loadBalancer: Loadbalancer;
  readonly certificate: Certificate;

  constructor(scope: Construct, id: string, props: RegionalLoadBalancerProps) {
    super(scope, id);
    const { context, region } = props;
    this.certificate = new Certificate(this, 'certificate', {
      name: resourceName(context.tier, region, 'lb'),
      type: 'lets_encrypt',
      domains: [context.hostname],
      lifecycle: { createBeforeDestroy: true },
      ...(props.certificateDependsOn ? { dependsOn: props.certificateDependsOn } : {}),
    });
    const target = { targetPort: DOKS.nodePorts.http, targetProtocol: 'http' };
    this.loadBalancer = new Loadbalancer(this, 'lb', {
      name: regionalLoadBalancerName(context, region),
      region,
      vpcUuid: props.vpcId,
      projectId: props.projectId,
      sizeUnit: LOAD_BALANCER.sizeUnit,
      redirectHttpToHttps: true,
      disableLetsEncryptDnsRecords: true,
      httpIdleTimeoutSeconds: LB_HTTP_IDLE_TIMEOUT_SECONDS,
      forwardingRule: [
        { entryPort: PUBLIC_PORTS.https, entryProtocol: 'https', certificateName: this.certificate.name, ...target },
        { entryPort: PUBLIC_PORTS.http, entryProtocol: 'http', ...target },
      ],
      healthcheck: {
        protocol: 'http',
        port: DOKS.nodePorts.http,
        path: TARGET_HEALTH.path,
        checkIntervalSeconds: TARGET_HEALTH.intervalSeconds,
        responseTimeoutSeconds: TARGET_HEALTH.timeoutSeconds,
        healthyThreshold: TARGET_HEALTH.healthyThreshold,
        unhealthyThreshold: TARGET_HEALTH.unhealthyThreshold,
      },
      lifecycle: { ignoreChanges: ['forwarding_rule', 'healthcheck', 'droplet_ids', 'droplet_tag', 'sticky_sessions'] },
    });
    applyCommonProps(this, this.loadBalancer, props);
  }
}
