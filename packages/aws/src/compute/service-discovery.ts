import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import type { CommonProps } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';

const RECORD_TTL_SECONDS = 10;

export interface PrivateServiceNameProps extends CommonProps {
  /** The private DNS namespace, e.g. production.mockforge.internal. */
  readonly namespace: string;
  readonly service: string;
  readonly vpcId: string;
}

/**
 * A private DNS name (`<service>.<namespace>`) for tasks that are reached inside the VPC only.
 * `tags` and `overrides` apply to the service (`aws_service_discovery_service`); `tags` also to the namespace.
 */
export class PrivateServiceName extends Construct {
  readonly registryArn: string;
  readonly hostName: string;

  constructor(scope: Construct, id: string, props: PrivateServiceNameProps) {
    super(scope, id);
    const namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.namespace,
      vpc: props.vpcId,
      description: 'MockForge internal names',
      tags: props.tags,
    });
    const service = new ServiceDiscoveryService(this, 'service', {
      name: props.service,
      dnsConfig: { namespaceId: namespace.id, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: RECORD_TTL_SECONDS }] },
    });
    applyCommonProps(service, props);
    this.registryArn = service.arn;
    this.hostName = `${props.service}.${props.namespace}`;
  }
}
