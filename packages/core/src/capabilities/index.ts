/**
 * The capabilities every cloud package implements. Inputs are core's specs; outputs are these
 * cloud-neutral shapes, so one capability's output feeds the next (network → database → service).
 * Values are Terraform expressions (tokens) at synthesis time.
 */
import type { Construct } from 'constructs';
import type { CloudName } from '../config/regions';
import type { PolicyEngine } from '../policy/engine';
import type { PolicyRule } from '../policy/rule';
import type { SecretKey } from '../seed';
import type { TargetContext } from '../specs/target-context';
import type { MockforgeStack } from '../stack/mockforge-stack';

/** Props every capability construct accepts, after Azure Verified Modules' standard inputs. */
export interface CommonProps {
  /** Extra tags or labels; the standard ones are always applied. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Escape hatch: Terraform attribute overrides on the construct's main resource (`addOverride`). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

export interface SecretReference {
  /** Cloud identifier: an ARN, a Secret Manager id, a Kubernetes Secret name. */
  readonly id: string;
  readonly name: string;
}

export interface RegionalNetwork {
  readonly networkId: string;
  readonly cidr: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly dataSubnetIds: readonly string[];
}

export interface SecretStore {
  readonly secrets: Readonly<Partial<Record<SecretKey, SecretReference>>>;
}

export interface PostgresDatabase {
  readonly endpoint: string;
  readonly port: number;
  /** Where DATABASE_URL (or the credentials that build it) is kept. */
  readonly connectionSecret: SecretReference;
}

export interface RedisCache {
  readonly endpoint: string;
  readonly port: number;
  readonly connectionSecret: SecretReference;
}

export interface ComputeService {
  readonly serviceName: string;
  /** Where the load balancer sends traffic (a target group, a NEG, a Service). */
  readonly backendId: string;
}

export interface LoadBalancer {
  readonly dnsName: string;
  /** Public HTTPS URL. */
  readonly endpoint: string;
}

export interface ContentDelivery {
  readonly domainName: string;
}

export interface GlobalTraffic {
  /** The name users resolve, e.g. mocks.example.com. */
  readonly domainName: string;
}

export interface Monitoring {
  /** Where alerts are sent (an SNS topic, a notification channel). */
  readonly alertTarget: string;
  readonly dashboardName: string;
}

export interface BackupPlan {
  readonly vaultName: string;
}

/** A cloud target: its policy rules and how it lays out a tier's stacks. */
export interface CloudTarget {
  readonly cloud: CloudName;
  readonly rules: readonly PolicyRule[];
  /**
   * Rules for the cloud's managed Kubernetes, loaded on demand: workload stacks register them when a
   * tier runs there, so other synths never load the Kubernetes package; the rules listing calls this.
   */
  readonly kubernetesRules?: () => readonly PolicyRule[];
  /** Resource types that hold data or identity; their Terraform addresses must never change. */
  readonly statefulResourceTypes: readonly string[];
  /** Adds the tier's regional and global stacks for this cloud to `scope` (the app). */
  addStacks(scope: Construct, context: TargetContext, policy: PolicyEngine): MockforgeStack[];
}
