import type { BalancingAlgorithm, ProductionSize, ScalingPresetName, TierName } from '../seed';
import type { AwsSettings } from './clouds/aws';
import type { GcpSettings } from './clouds/gcp';
import type { AzureCompute, AzureSettings } from './clouds/azure';
import type { DigitalOceanCompute, DigitalOceanSettings } from './clouds/digitalocean';
import type { KubernetesSettings } from './clouds/kubernetes';
import type { CloudName } from './regions';

export const TOPOLOGIES = ['stateless', 'multi-region', 'hybrid'] as const;
export type TopologyName = (typeof TOPOLOGIES)[number];

export const AWS_COMPUTE = ['ecs', 'eks'] as const;
export const GCP_COMPUTE = ['cloud-run', 'gke'] as const;
export type AwsCompute = (typeof AWS_COMPUTE)[number];
export type GcpCompute = (typeof GCP_COMPUTE)[number];

/** An explicit, justified opt-out from a secure or highly available default. */
export interface OptOut {
  readonly reason: string;
}

export interface TierConfig {
  /** Production only. @default small */
  readonly size?: ProductionSize;
  /** @default stateless */
  readonly topology?: TopologyName;
  /** Regions per cloud (cluster names for `kubernetes`). The first region is the primary. */
  readonly regions: Partial<Record<CloudName, readonly string[]>>;
  /** Deployment model per cloud. @default ecs on AWS, cloud-run on GCP, app-platform on DigitalOcean, container-apps on Azure */
  readonly compute?: {
    readonly aws?: AwsCompute;
    readonly gcp?: GcpCompute;
    readonly digitalocean?: DigitalOceanCompute;
    readonly azure?: AzureCompute;
  };
  /** @default conservative in dev, balanced otherwise */
  readonly scalingPreset?: ScalingPresetName;
  /** @default round-robin */
  readonly loadBalancing?: BalancingAlgorithm;
  /** VPC CIDR per cloud and region, inside 10.0.0.0/8. @default allocated without overlap */
  readonly cidrs?: Partial<Record<CloudName, Readonly<Record<string, string>>>>;
  /**
   * Public hostname per cloud. @default `<tier>.<cloud>.<domain>`, dropping the tier in production
   * and the cloud when only one cloud is configured (so a single-cloud production is `<domain>`)
   */
  readonly hostnames?: Partial<Record<CloudName, string>>;
  /** Opt-outs from HA defaults in staging or production; each needs a written reason. */
  readonly optOuts?: { readonly multiAz?: OptOut; readonly deletionProtection?: OptOut };
  /**
   * Staging only: zone-redundant PostgreSQL and Redis, to rehearse production's failover.
   * @default false in staging (its service still spans two zones); production is always zone-redundant
   */
  readonly zoneRedundantData?: boolean;
  /** Monthly USD each cloud's estimate of this tier may reach; synthesis fails above it. @default no budget */
  readonly budgetUsd?: number;
}

export type BackendConfig =
  | { readonly type: 'local' }
  | {
      readonly type: 's3';
      readonly bucket: string;
      readonly region: string;
      readonly keyPrefix?: string;
      readonly dynamodbTable?: string;
      readonly kmsKeyId?: string;
    }
  | { readonly type: 'gcs'; readonly bucket: string; readonly prefix?: string }
  | { readonly type: 'azurerm'; readonly resourceGroupName: string; readonly storageAccountName: string; readonly containerName: string }
  | { readonly type: 'hcp'; readonly organization: string; readonly workspacePrefix?: string; readonly hostname?: string }
  /** DigitalOcean Spaces through Terraform's S3 backend; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (a Spaces key). */
  | { readonly type: 'spaces'; readonly bucket: string; readonly region: string; readonly keyPrefix?: string };

export const TLS_MODES = ['managed', 'provided'] as const;

export interface TlsConfig {
  /** `managed`: certificates are issued and DNS-validated here. `provided`: bring your own. @default managed */
  readonly mode?: (typeof TLS_MODES)[number];
  /** With `provided`: ACM certificate ARN for the regional ALBs (AWS). */
  readonly awsCertificateArn?: string;
  /** With `provided`: ACM certificate ARN in us-east-1 for CloudFront (AWS). */
  readonly awsCloudFrontCertificateArn?: string;
  /** With `provided`: Certificate Manager certificate id (GCP). */
  readonly gcpCertificate?: string;
  /** With `provided`: TLS Secret name for the Kubernetes ingress. */
  readonly kubernetesSecretName?: string;
}

export interface FeaturesConfig {
  /** Separate WebSocket listener on 3001. @default false (WebSocket is served on 3000 at /ws) */
  readonly websocketPort?: boolean;
  /** gRPC on 50051 (needs an HTTP/2 load balancer). @default false */
  readonly grpc?: boolean;
  /** A custom metrics adapter is installed: scale on WebSocket connections and requests per second. @default false */
  readonly metricsAdapter?: boolean;
}

/** The configuration file, as the user writes it. */
export interface MockforgeConfig {
  readonly image: string;
  readonly domain: string;
  readonly clouds: readonly CloudName[];
  readonly tiers: Partial<Record<TierName, TierConfig>>;
  readonly backend?: Partial<Record<TierName, BackendConfig>>;
  readonly tls?: TlsConfig;
  readonly features?: FeaturesConfig;
  /** Where alerts go. */
  readonly alerts?: { readonly email?: string };
  readonly aws?: AwsSettings;
  readonly gcp?: GcpSettings;
  readonly digitalocean?: DigitalOceanSettings;
  readonly azure?: AzureSettings;
  readonly kubernetes?: KubernetesSettings;
}
