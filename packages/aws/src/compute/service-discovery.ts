import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { Construct } from 'constructs';

const RECORD_TTL_SECONDS = 10;

/** A private DNS name (`<service>.<namespace>`) for tasks that are reached inside the VPC only. */
export class PrivateServiceName extends Construct {
  readonly registryArn: string;
  readonly hostName: string;

  constructor(scope: Construct, id: string, props: { namespace: string; service: string; vpcId: string }) {
    super(scope, id);
    const namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.namespace,
      vpc: props.vpcId,
      description: 'MockForge internal names',
    });
    const service = new ServiceDiscoveryService(this, 'service', {
      name: props.service,
      dnsConfig: { namespaceId: namespace.id, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: RECORD_TTL_SECONDS }] },
    });
    this.registryArn = service.arn;
    this.hostName = `${props.service}.${props.namespace}`;
  }
}
