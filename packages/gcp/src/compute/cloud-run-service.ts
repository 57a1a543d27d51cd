import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import {
  CLOUD_RUN,
  PolicyEngine,
  CONFIG_FILE_NAME,
  CONFIG_MOUNT_DIR,
  ENV,
  OTLP_PORTS,
  PORTS,
  scalingRange,
  WEBSOCKET_IDLE_TIMEOUT_SECONDS,
  type CommonProps,
  type ComputeService,
  type SecretStore,
  type TargetContext,
} from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { CLOUD_RUN_EXECUTION_ENVIRONMENT, CLOUD_RUN_MAX_REQUEST_TIMEOUT_SECONDS, OTEL_COLLECTOR } from '../sizing';
import { SECRET_ACCESSOR_ROLE } from '../secrets/secret-store';
import { cloudRunProbe, cloudRunResources, collectorResources } from './cloud-run-settings';
import { renderCollectorConfig } from './otel-collector-config';

export const CLOUD_RUN_INGRESS = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER';

/** Why a dev service may have no warm instance (MF_GCP_3). */
export const SCALE_TO_ZERO_REASON =
  'dev tier: scales to zero so an idle environment costs nothing (hosting guide: serverless, no idle costs); the first request after idle waits for a cold start';
const APP_CONTAINER = 'mockforge';
const COLLECTOR_CONTAINER = 'otel-collector';
const COLLECTOR_CONFIG_DIR = '/etc/otelcol';
const COLLECTOR_CONFIG_FILE = 'config.yaml';

export interface CloudRunServiceProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  /** The image as Cloud Run pulls it (through the Artifact Registry remote repository). */
  readonly image: string;
  readonly serviceAccountEmail: string;
  /** `serviceAccount:<email>`, granted read on the file secrets. */
  readonly serviceAccountMember: string;
  readonly secrets: SecretStore;
  readonly networkId: string;
  readonly subnetId: string;
  /** @default the tier's deletion protection */
  readonly deletionProtection?: boolean;
  /**
   * What the first revision needs besides its own files: the secret versions Terraform writes
   * (`REDIS_URL`, the generated ones), the service account's accessor grants on every secret, and the
   * database user the URL names.
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * MockForge on Cloud Run v2, reachable only through the global load balancer (a serverless NEG),
 * with direct VPC egress, secrets from Secret Manager and an OpenTelemetry sidecar for Cloud Trace.
 */
export class CloudRunService extends Construct implements ComputeService {
  readonly service: CloudRunV2Service;
  readonly endpointGroup: ComputeRegionNetworkEndpointGroup;
  readonly serviceName: string;
  readonly backendId: string;

  constructor(scope: Construct, id: string, props: CloudRunServiceProps) {
    super(scope, id);
    const { context, region } = props;
    const spec = context.service;
    const name = resourceName(context.tier, region);
    const files = {
      config: this.fileSecret(
        'config-file',
        resourceName(context.tier, region, 'config-file'),
        spec.configFile.content,
        props.serviceAccountMember,
      ),
      collector: this.fileSecret(
        'collector-config',
        resourceName(context.tier, region, 'otel-collector-config'),
        renderCollectorConfig(),
        props.serviceAccountMember,
      ),
    };
    const scaling = scalingRange(context.profile, 'cloudRun');
    const secretEnv = Object.entries(props.secrets.secrets).map(([key, ref]) => ({
      name: key,
      valueSource: { secretKeyRef: { secret: ref!.id, version: 'latest' } },
    }));
    this.service = new CloudRunV2Service(this, 'service', {
      name,
      location: region,
      description: 'MockForge mock server',
      ingress: CLOUD_RUN_INGRESS,
      // The load balancer calls the service unauthenticated; ingress admits only the load balancer.
      invokerIamDisabled: true,
      deletionProtection: props.deletionProtection ?? context.profile.deletionProtection,
      template: {
        serviceAccount: props.serviceAccountEmail,
        executionEnvironment: CLOUD_RUN_EXECUTION_ENVIRONMENT,
        maxInstanceRequestConcurrency: CLOUD_RUN.containerConcurrency,
        timeout: `${Math.min(WEBSOCKET_IDLE_TIMEOUT_SECONDS, CLOUD_RUN_MAX_REQUEST_TIMEOUT_SECONDS)}s`,
        scaling: { minInstanceCount: scaling.min, maxInstanceCount: scaling.max },
        vpcAccess: { egress: 'ALL_TRAFFIC', networkInterfaces: [{ network: props.networkId, subnetwork: props.subnetId }] },
        volumes: [
          { name: 'config', secret: { secret: files.config.secretId, items: [{ path: CONFIG_FILE_NAME, version: 'latest' }] } },
          {
            name: 'collector-config',
            secret: { secret: files.collector.secretId, items: [{ path: COLLECTOR_CONFIG_FILE, version: 'latest' }] },
          },
        ],
        containers: [
          {
            name: APP_CONTAINER,
            image: props.image,
            args: [...spec.args],
            ports: { name: 'http1', containerPort: PORTS.http },
            dependsOn: [COLLECTOR_CONTAINER],
            // Set explicitly: with resources present the API defaults to CPU always allocated, and every
            // minimum instance would bill full CPU. Idle instances keep memory and a throttled CPU.
            resources: { limits: { ...cloudRunResources(context.profile) }, cpuIdle: true, startupCpuBoost: true },
            startupProbe: cloudRunProbe(spec.probes.startup, 'startup'),
            livenessProbe: cloudRunProbe(spec.probes.liveness, 'liveness'),
            env: [
              ...Object.entries(spec.env).map(([envName, value]) => ({ name: envName, value })),
              { name: ENV.otlpEndpoint, value: `http://localhost:${OTLP_PORTS.grpc}` },
              ...secretEnv,
            ],
            volumeMounts: [{ name: 'config', mountPath: CONFIG_MOUNT_DIR }],
          },
          {
            name: COLLECTOR_CONTAINER,
            image: OTEL_COLLECTOR.image,
            args: [`--config=${COLLECTOR_CONFIG_DIR}/${COLLECTOR_CONFIG_FILE}`],
            // Same billing as MockForge: spans buffered between requests are exported during the next one.
            // Boost on both containers: with it on MockForge's alone, revisions have been reported to start
            // without it (https://github.com/hashicorp/terraform-provider-google/issues/20784).
            resources: { limits: { ...collectorResources(context.profile) }, cpuIdle: true, startupCpuBoost: true },
            startupProbe: { httpGet: { path: '/', port: OTEL_COLLECTOR.healthPort } },
            volumeMounts: [{ name: 'collector-config', mountPath: COLLECTOR_CONFIG_DIR }],
          },
        ],
      },
      // The service account must read every secret before the first revision starts.
      dependsOn: [...files.config.dependencies, ...files.collector.dependencies, ...(props.dependsOn ?? [])],
    });
    this.serviceName = this.service.name;
    this.endpointGroup = new ComputeRegionNetworkEndpointGroup(this, 'endpoint-group', {
      name,
      region,
      networkEndpointType: 'SERVERLESS',
      cloudRun: { service: this.service.name },
    });
    this.backendId = this.endpointGroup.id;
    if (scaling.min === 0) PolicyEngine.suppress(this.service, 'MF_GCP_3', SCALE_TO_ZERO_REASON);
    applyCommonProps(this, this.service, props);
  }

  /** A non-secret file Cloud Run mounts from Secret Manager (its only file source without a bucket). */
  private fileSecret(id: string, secretId: string, content: string, member: string) {
    const secret = new SecretManagerSecret(this, id, { secretId, replication: { auto: {} } });
    const version = new SecretManagerSecretVersion(this, `${id}-version`, { secret: secret.id, secretData: content });
    const accessor = new SecretManagerSecretIamMember(this, `${id}-accessor`, { secretId: secret.id, role: SECRET_ACCESSOR_ROLE, member });
    return { secretId: secret.secretId, dependencies: [version, accessor] };
  }
}
