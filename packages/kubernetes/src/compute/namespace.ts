import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';

export interface WorkloadNamespaceProps {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** On the ServiceAccount, e.g. GKE Workload Identity's `iam.gke.io/gcp-service-account`. @default none */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
}

/** Pod Security Standards level enforced, audited and warned on in the namespace. */
export const POD_SECURITY_LEVEL = 'restricted';
export const POD_SECURITY_MODES = ['enforce', 'audit', 'warn'] as const;

/** The namespace, labelled for the `restricted` Pod Security Standard, and a token-less ServiceAccount. */
export class WorkloadNamespace extends Construct {
  readonly namespace: NamespaceV1;
  readonly serviceAccount: ServiceAccountV1;
  /** The namespace name as a reference, so every object waits for the namespace. */
  readonly name: string;
  readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: WorkloadNamespaceProps) {
    super(scope, id);
    const podSecurity = Object.fromEntries(POD_SECURITY_MODES.map((mode) => [`pod-security.kubernetes.io/${mode}`, POD_SECURITY_LEVEL]));
    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: { name: props.name, labels: { ...props.labels, ...podSecurity } },
    });
    this.name = this.namespace.metadata.name;
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: {
        name: props.name,
        namespace: this.name,
        labels: { ...props.labels },
        ...(props.serviceAccountAnnotations ? { annotations: { ...props.serviceAccountAnnotations } } : {}),
      },
      automountServiceAccountToken: false,
    });
    this.serviceAccountName = this.serviceAccount.metadata.name;
  }
}
