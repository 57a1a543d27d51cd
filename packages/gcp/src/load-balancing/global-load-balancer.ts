import { ComputeBackendService, type ComputeBackendServiceCdnPolicy } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import {
  PolicyEngine,
  PROBES,
  PUBLIC_PORTS,
  REQUEST_SCALING,
  TARGET_HEALTH,
  TERMINATION_GRACE_SECONDS,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
  type CommonProps,
  type ContentDelivery,
  type LoadBalancer,
  type TargetContext,
} from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { cdnPolicy } from '../cdn/cdn-policy';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { SSL_POLICY } from '../sizing';
import { CloudArmorPolicy } from './cloud-armor-policy';

const SCHEME = 'EXTERNAL_MANAGED';

/** `overrides` apply to the URL map; `tags` label the address and the forwarding rules. */
export interface GlobalLoadBalancerProps extends CommonProps {
  readonly context: TargetContext;
  readonly project: string;
  /** One serverless NEG per region (Cloud Run): the load balancer sends each client to the nearest healthy one. */
  readonly endpointGroupIds: readonly string[];
  /**
   * Zonal `GCE_VM_IP_PORT` NEGs of GKE pods instead (one per region and zone), health-checked on the
   * readiness path of the HTTP port.
   * @default none
   */
  readonly podEndpointGroups?: readonly string[];
}

/** Why backend services reach GKE pods over HTTP (MF_GCP_7). */
export const POD_BACKEND_HTTP_REASON =
  'MockForge serves plain HTTP on its port 3000; Google encrypts the traffic between its front ends and backends inside its network, and only Google front-end ranges reach the pods (firewall and NetworkPolicy)';

/**
 * Requests per second one pod is given before the load balancer spills over to other zones and
 * regions: the guide's scale-up rate per instance (REQUEST_SCALING, per minute). Not a measured
 * throughput, and the HPA does not scale on it (README: Not implemented).
 */
export const POD_MAX_RATE_PER_ENDPOINT = REQUEST_SCALING.scaleUpPerMinute / 60;

/**
 * The pod NEGs' health check: the path and port of core's TARGET_HEALTH, at the cadence of the pods'
 * readiness probe (core's PROBES.readiness), as GKE's own Ingress controller derives a NEG backend's
 * check from the readiness probe. A NEG endpoint is one pod, so the load balancer stops sending to a
 * pod that fails readiness (starting, draining) after 3 × 10 s instead of TARGET_HEALTH's 3 × 30 s,
 * inside the 60 s termination grace period.
 */
export const POD_HEALTH_CHECK = {
  path: TARGET_HEALTH.path,
  port: TARGET_HEALTH.port,
  intervalSeconds: PROBES.readiness.periodSeconds,
  timeoutSeconds: PROBES.readiness.timeoutSeconds,
  healthyThreshold: PROBES.readiness.successThreshold,
  unhealthyThreshold: PROBES.readiness.failureThreshold,
} as const;

/** A Certificate Manager certificate id as the proxy wants it. */
export function certificateManagerPath(project: string, certificate: string): string {
  return certificate.startsWith('projects/') || certificate.startsWith('//')
    ? certificate
    : `projects/${project}/locations/global/certificates/${certificate}`;
}

/**
 * The global external Application Load Balancer: an anycast IP, HTTPS with a pinned SSL policy, an
 * HTTP listener that only redirects, Cloud Armor on every backend, and Cloud CDN on the asset and
 * config paths (API traffic is never cached).
 */
export class GlobalLoadBalancer extends Construct implements LoadBalancer, ContentDelivery {
  readonly address: ComputeGlobalAddress;
  readonly apiBackend: ComputeBackendService;
  readonly urlMap: ComputeUrlMap;
  readonly dnsName: string;
  readonly endpoint: string;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: GlobalLoadBalancerProps) {
    super(scope, id);
    const { context, project } = props;
    const domain = context.hostname;
    const name = (...parts: string[]) => resourceName(context.tier, ...parts);
    this.address = new ComputeGlobalAddress(this, 'address', {
      name: name('edge'),
      description: 'MockForge anycast address',
      addressType: 'EXTERNAL',
      ipVersion: 'IPV4',
    });
    const armor = new CloudArmorPolicy(this, 'armor', { name: name('edge') });

    const pods = props.podEndpointGroups ?? [];
    if (pods.length > 0 === props.endpointGroupIds.length > 0)
      throw new Error(`${this.node.path}: pass serverless NEGs (endpointGroupIds) or pod NEGs (podEndpointGroups), one of the two`);
    // Serverless NEGs take no health check; pod NEGs are checked on the readiness path (POD_HEALTH_CHECK).
    const check = POD_HEALTH_CHECK;
    const healthCheck =
      pods.length > 0
        ? new ComputeHealthCheck(this, 'health-check', {
            name: name('edge', 'ready'),
            description: `MockForge readiness (${check.path} on port ${check.port})`,
            checkIntervalSec: check.intervalSeconds,
            timeoutSec: check.timeoutSeconds,
            healthyThreshold: check.healthyThreshold,
            unhealthyThreshold: check.unhealthyThreshold,
            httpHealthCheck: { port: check.port, portSpecification: 'USE_FIXED_PORT', requestPath: check.path },
            logConfig: { enable: true },
          })
        : undefined;
    const backendSettings = healthCheck
      ? {
          protocol: 'HTTP',
          healthChecks: [healthCheck.id],
          // WebSocket connections on /ws live up to the idle timeout; a draining pod finishes its requests.
          timeoutSec: WEBSOCKET_IDLE_TIMEOUT_SECONDS,
          connectionDrainingTimeoutSec: TERMINATION_GRACE_SECONDS,
          // Zonal NEG backends balance by rate; UTILIZATION is for instance groups.
          backend: pods.map((group) => ({ group, balancingMode: 'RATE', maxRatePerEndpoint: POD_MAX_RATE_PER_ENDPOINT })),
        }
      : { protocol: 'HTTPS', backend: props.endpointGroupIds.map((group) => ({ group })) };
    const backend = (id: string, description: string, cdn?: ComputeBackendServiceCdnPolicy) => {
      const service = new ComputeBackendService(this, id, {
        name: name(id),
        description,
        loadBalancingScheme: SCHEME,
        securityPolicy: armor.policy.id,
        logConfig: { enable: true, sampleRate: 1 },
        enableCdn: cdn !== undefined,
        ...(cdn ? { cdnPolicy: cdn } : {}),
        ...backendSettings,
      });
      if (healthCheck) PolicyEngine.suppress(service, 'MF_GCP_7', POD_BACKEND_HTTP_REASON);
      return service;
    };
    const { ttls, paths } = context.cdn;
    this.apiBackend = backend('api', 'Mock API traffic, never cached');
    const assets = backend('assets', 'Static assets, cached at the edge', cdnPolicy(ttls.assetsSeconds));
    const configs = backend('configs', 'Mock configuration documents, cached at the edge', cdnPolicy(ttls.configsSeconds));

    this.urlMap = new ComputeUrlMap(this, 'url-map', {
      name: name('edge'),
      description: 'Cached paths to the CDN backends, everything else to the API',
      defaultService: this.apiBackend.id,
      hostRule: [{ hosts: ['*'], pathMatcher: 'mockforge' }],
      pathMatcher: [
        {
          name: 'mockforge',
          defaultService: this.apiBackend.id,
          pathRule: [
            { paths: [...paths.assets], service: assets.id },
            { paths: [...paths.configs], service: configs.id },
          ],
        },
      ],
    });

    const sslPolicy = new ComputeSslPolicy(this, 'ssl-policy', {
      name: name('edge'),
      description: 'TLS 1.2+ with modern ciphers',
      ...SSL_POLICY,
    });
    const provided = context.config.tls?.mode === 'provided' ? context.config.tls.gcpCertificate : undefined;
    const certificate = provided
      ? { certificateManagerCertificates: [certificateManagerPath(project, provided)] }
      : {
          sslCertificates: [
            new ComputeManagedSslCertificate(this, 'certificate', { name: name('edge'), managed: { domains: [domain] } }).id,
          ],
        };
    const httpsProxy = new ComputeTargetHttpsProxy(this, 'https-proxy', {
      name: name('edge'),
      urlMap: this.urlMap.id,
      sslPolicy: sslPolicy.id,
      ...certificate,
    });
    new ComputeGlobalForwardingRule(this, 'https', {
      name: name('edge', 'https'),
      loadBalancingScheme: SCHEME,
      ipProtocol: 'TCP',
      portRange: String(PUBLIC_PORTS.https),
      ipAddress: this.address.id,
      target: httpsProxy.id,
    });

    const redirect = new ComputeUrlMap(this, 'redirect', {
      name: name('edge', 'redirect'),
      description: 'HTTP to HTTPS',
      defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT', stripQuery: false },
    });
    const httpProxy = new ComputeTargetHttpProxy(this, 'http-proxy', { name: name('edge', 'redirect'), urlMap: redirect.id });
    new ComputeGlobalForwardingRule(this, 'http', {
      name: name('edge', 'http'),
      loadBalancingScheme: SCHEME,
      ipProtocol: 'TCP',
      portRange: String(PUBLIC_PORTS.http),
      ipAddress: this.address.id,
      target: httpProxy.id,
    });
    applyCommonProps(this, this.urlMap, props);
    this.dnsName = domain;
    this.domainName = domain;
    this.endpoint = `https://${domain}`;
  }
}
