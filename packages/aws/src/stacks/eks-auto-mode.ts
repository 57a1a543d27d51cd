import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { IngressClassV1 } from '@cdktf/provider-kubernetes/lib/ingress-class-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import type { EksNodePoolSizing } from './eks-compute';

/** The controller Auto Mode's load balancing capability answers to, and its parameters' API group. */
export const AUTO_MODE_ALB_CONTROLLER = 'eks.amazonaws.com/alb';
const AUTO_MODE_API_GROUP = 'eks.amazonaws.com';
/** The NodeClass Auto Mode creates with its built-in pools: the cluster's subnets and security group. */
const DEFAULT_NODE_CLASS = 'default';
/** Auto Mode's default node lifetime; nodes are replaced (and patched) within it. */
const NODE_EXPIRY = '336h';
/** Above the built-in pools, which set no weight, so Karpenter places the MockForge pods here first. */
const NODE_POOL_WEIGHT = 50;

export interface AutoModeObjectsProps {
  /** The IngressClass the workload's Ingress names (`spec.ingressClassName`). */
  readonly ingressClassName: string;
  /** The only namespace whose Ingresses may use the class (it carries the tier's certificate and WAF). */
  readonly namespace: string;
  readonly nodePoolName: string;
  readonly nodePool: EksNodePoolSizing;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * What Auto Mode needs from the cluster's users, in the workload stack (kubernetes_manifest needs the
 * CRDs at plan time, and Auto Mode installs them with the cluster): the IngressClass and its
 * IngressClassParams that hand the workload's Ingress to Auto Mode's load balancer controller, the
 * NodePool the MockForge pods run on, and the ConfigMap that turns on NetworkPolicy enforcement.
 */
export class AutoModeObjects extends Construct {
  readonly ingressClassParams: Manifest;
  readonly ingressClass: IngressClassV1;
  readonly nodePool: Manifest;
  readonly networkPolicyController: ConfigMapV1;

  constructor(scope: Construct, id: string, props: AutoModeObjectsProps) {
    super(scope, id);
    const labels = { ...props.labels };
    this.ingressClassParams = new Manifest(this, 'ingress_class_params', {
      manifest: {
        apiVersion: `${AUTO_MODE_API_GROUP}/v1`,
        kind: 'IngressClassParams',
        metadata: { name: props.ingressClassName, labels },
        spec: {
          scheme: 'internet-facing',
          ipAddressType: 'ipv4',
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.namespace } },
        },
      },
    });
    this.ingressClass = new IngressClassV1(this, 'ingress_class', {
      metadata: { name: props.ingressClassName, labels },
      spec: {
        controller: AUTO_MODE_ALB_CONTROLLER,
        parameters: [{ apiGroup: AUTO_MODE_API_GROUP, kind: 'IngressClassParams', name: props.ingressClassName, scope: 'Cluster' }],
      },
      dependsOn: [this.ingressClassParams],
    });

    const pool = props.nodePool;
    this.nodePool = new Manifest(this, 'node_pool', {
      manifest: {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: props.nodePoolName, labels },
        spec: {
          weight: NODE_POOL_WEIGHT,
          template: {
            metadata: { labels: { ...pool.labels } },
            spec: {
              nodeClassRef: { group: AUTO_MODE_API_GROUP, kind: 'NodeClass', name: DEFAULT_NODE_CLASS },
              requirements: [
                { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...pool.instanceTypes] },
                { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...pool.capacityTypes] },
              ],
              expireAfter: NODE_EXPIRY,
            },
          },
          limits: { cpu: String(pool.limits.cpu), memory: `${pool.limits.memoryMiB}Mi` },
        },
      },
    });

    // Auto Mode's network policy agent enforces NetworkPolicies once its controller is on.
    this.networkPolicyController = new ConfigMapV1(this, 'network_policy_controller', {
      metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system', labels },
      data: { 'enable-network-policy-controller': 'true' },
    });
  }
}
