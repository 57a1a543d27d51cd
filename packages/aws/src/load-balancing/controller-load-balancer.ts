import { DataAwsLb } from '@cdktf/provider-aws/lib/data-aws-lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface ControllerLoadBalancerProps {
  readonly region: string;
  readonly clusterName: string;
  readonly ingressNamespace: string;
  readonly ingressName: string;
}

/** The tags EKS Auto Mode's load balancer controller puts on an Ingress's ALB (its managed policy allows only these). */
export const AUTO_MODE_ALB_TAGS = { cluster: 'eks:eks-cluster-name', stack: 'ingress.eks.amazonaws.com/stack' } as const;

/**
 * Finds the ALB EKS Auto Mode built for an ingress, by the tags it sets: the cluster, and the
 * ingress's `<namespace>/<name>` stack. Read at plan time, so the workload stack must be applied
 * before this one (its Ingress waits for the ALB's address).
 */
export class ControllerLoadBalancer extends Construct {
  readonly dnsName: string;
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: ControllerLoadBalancerProps) {
    super(scope, id);
    const provider = new AwsProvider(this, 'provider', { region: props.region, alias: `${props.region.replace(/-/g, '_')}_lookup` });
    const lb = new DataAwsLb(this, 'alb', {
      provider,
      tags: {
        [AUTO_MODE_ALB_TAGS.cluster]: props.clusterName,
        [AUTO_MODE_ALB_TAGS.stack]: `${props.ingressNamespace}/${props.ingressName}`,
      },
    });
    this.dnsName = lb.dnsName;
    this.zoneId = lb.zoneId;
  }
}
