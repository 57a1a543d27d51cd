import { DataAwsLb } from '@cdktf/provider-aws/lib/data-aws-lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface ControllerLoadBalancerProps {
  readonly region: string;
  readonly clusterName: string;
  readonly ingressNamespace: string;
  readonly ingressName: string;
}

/**
 * Finds the ALB the AWS Load Balancer Controller built for an ingress, by the tags it sets.
 * Read at plan time, so the workload stack must be applied (and reconciled) before this one.
 */
export class ControllerLoadBalancer extends Construct {
  readonly dnsName: string;
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: ControllerLoadBalancerProps) {
    super(scope, id);
    const provider = new AwsProvider(this, 'provider', { region: props.region, alias: `${props.region.replace(/-/g, '_')}_lookup` });
    const lb = new DataAwsLb(this, 'alb', {
      provider,
      tags: { 'elbv2.k8s.aws/cluster': props.clusterName, 'ingress.k8s.aws/stack': `${props.ingressNamespace}/${props.ingressName}` },
    });
    this.dnsName = lb.dnsName;
    this.zoneId = lb.zoneId;
  }
}
