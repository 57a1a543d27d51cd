import { ContainerApp, type ContainerAppTemplateContainer } from '@cdktf/provider-azurerm/lib/container-app';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import {
  CLOUD_RUN,
  CONFIG_FILE_PATH,
  ENV,
  OTLP_PORTS,
  PolicyEngine,
  PORTS,
  scalingRange,
  TERMINATION_GRACE_SECONDS,
  WRITABLE_PATHS,
  type CommonProps,
  type ComputeService,
  type ProbeSpec,
  type SecretKey,
  type SecretReference,
  type TargetContext,
} from '@mockforge-infra/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyCommonProps } from '../common';
import { resourceName } from '../naming';
import { secretName } from '../secrets/key-vault';
import { AZURE_SIZES, CONSUMPTION, OTEL_COLLECTOR, type ContainerAppsShape } from '../sizing';
import { collectorConfig } from './otel-collector';

export const DEDICATED_PROFILE = 'dedicated';
const CONFIG_SECRET = 'mockforge-config';
const COLLECTOR_CONFIG_ENV = 'OTEL_COLLECTOR_CONFIG';
const INSIGHTS_SECRET = 'appinsights-connection-string';

/** Why a dev app may have no warm replica (MF_AZ_APP_2). */
export const SCALE_TO_ZERO_REASON =
  'dev tier: scales to zero so an idle environment costs nothing (hosting guide: serverless, no idle costs); the first request after idle waits for a cold start';

/** Why a dev or staging environment serves the internet without Front Door's WAF (MF_AZ_EDGE_4). */
export const NO_WAF_REASON =
  "single-region dev and staging: the environment's own ingress serves HTTPS with a managed certificate (HTTP redirected, TLS 1.2+) instead of Front Door Premium ($330 a month base fee); there is no WAF, bot protection or edge rate limit, so these tiers carry no production data; production and multi-region tiers keep Front Door";

/** The MockForge container's share of a replica: the replica less the collector sidecar. */
export function mockforgeResources(shape: ContainerAppsShape): { cpu: number; memory: string } {
  return { cpu: shape.cpu - OTEL_COLLECTOR.cpu, memory: `${shape.memoryGi - OTEL_COLLECTOR.memoryGi}Gi` };
}

/** A Container Apps replica range: Cloud Run's, so dev scales to zero and pays nothing while idle. */
export function containerAppScaling(profile: TargetContext['profile']): { min: number; max: number } {
  return scalingRange(profile, 'cloudRun');
}

/** The guide's HTTP concurrency target per replica: Cloud Run's concurrency at its target utilisation. */
export const HTTP_CONCURRENCY = Math.round((CLOUD_RUN.containerConcurrency * CLOUD_RUN.targetConcurrencyPercent) / 100);

function probe(spec: ProbeSpec) {
  return {
    transport: 'HTTP',
    port: spec.port,
    path: spec.path,
    intervalSeconds: spec.periodSeconds,
    timeout: spec.timeoutSeconds,
    failureCountThreshold: spec.failureThreshold,
  };
}

export interface ContainerAppsServiceProps extends CommonProps {
  readonly context: TargetContext;
  readonly region: string;
  readonly resourceGroupName: string;
  readonly subnetId: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly applicationInsightsConnectionString: string;
  /** The image (through the regional registry, or straight from ghcr.io), and the identity that reads the vault. */
  readonly image: string;
  /** The registry the identity pulls from; absent when the public image comes straight from ghcr.io. */
  readonly registryServer?: string;
  readonly identityId: string;
  /**
   * The environment takes public HTTPS itself (external load balancer, public network access on)
   * instead of sitting behind Front Door's private link.
   */
  readonly publicIngress?: boolean;
  readonly secrets: Readonly<Partial<Record<SecretKey, SecretReference>>>;
  /** Role grants and secret values that must exist before the first revision. */
  readonly dependsOn?: ITerraformDependable[];
  /** The subnet's NSG and NAT gateway associations: the environment is created once its subnet is complete. */
  readonly subnetDependsOn?: ITerraformDependable[];
}

/**
 * MockForge on Azure Container Apps: a workload-profiles environment in the VNet behind an internal
 * load balancer, or public in single-region dev and staging (zone redundant where the tier is highly available), logs to Log Analytics, and one
 * app running the pinned image with `serve --config`, the guide's three probes, replicas and scale
 * rules from the tier profile, secrets from Key Vault through the managed identity, and an
 * OpenTelemetry Collector sidecar exporting traces to Application Insights.
 */
export class ContainerAppsService extends Construct implements ComputeService {
  readonly environment: ContainerAppEnvironment;
  readonly app: ContainerApp;
  readonly serviceName: string;
  readonly backendId: string;
  readonly shape: ContainerAppsShape;

  constructor(scope: Construct, id: string, props: ContainerAppsServiceProps) {
    super(scope, id);
    const { context, region } = props;
    const spec = context.service;
    const name = resourceName(context.tier, region);
    this.shape = AZURE_SIZES[context.profile.size].containerApps;
    const dedicated = this.shape.workloadProfileType !== CONSUMPTION.name;
    const scaling = containerAppScaling(context.profile);
    this.environment = new ContainerAppEnvironment(this, 'environment', {
      name,
      location: region,
      resourceGroupName: props.resourceGroupName,
      infrastructureSubnetId: props.subnetId,
      infrastructureResourceGroupName: `${name}-apps-infra`,
      // Behind Front Door it is internal and reached over private link only.
      internalLoadBalancerEnabled: !props.publicIngress,
      publicNetworkAccess: props.publicIngress ? 'Enabled' : 'Disabled',
      zoneRedundancyEnabled: context.profile.highlyAvailable,
      logsDestination: 'log-analytics',
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      workloadProfile: [
        { name: CONSUMPTION.name, workloadProfileType: CONSUMPTION.name },
        ...(dedicated
          ? [
              {
                name: DEDICATED_PROFILE,
                workloadProfileType: this.shape.workloadProfileType,
                minimumCount: scaling.min,
                maximumCount: scaling.max,
              },
            ]
          : []),
      ],
      dependsOn: props.subnetDependsOn,
    });
    const resources = mockforgeResources(this.shape);
    const secretEnv = Object.keys(props.secrets).map((key) => ({ name: key, secretName: secretName(key as SecretKey) }));
    const container: ContainerAppTemplateContainer = {
      name: spec.name,
      image: props.image,
      args: [...spec.args],
      cpu: resources.cpu,
      memory: resources.memory,
      env: [
        ...Object.entries(spec.env).map(([key, value]) => ({ name: key, value })),
        { name: ENV.otlpEndpoint, value: `http://localhost:${OTLP_PORTS.grpc}` },
        ...secretEnv,
      ],
      startupProbe: [probe(spec.probes.startup)],
      livenessProbe: [probe(spec.probes.liveness)],
      readinessProbe: [{ ...probe(spec.probes.readiness), successCountThreshold: spec.probes.readiness.successThreshold }],
      volumeMounts: [
        { name: 'config', path: CONFIG_FILE_PATH, subPath: CONFIG_SECRET },
        { name: 'data', path: WRITABLE_PATHS.data },
        { name: 'tmp', path: WRITABLE_PATHS.tmp },
      ],
    };
    const collector: ContainerAppTemplateContainer = {
      name: 'otel-collector',
      image: OTEL_COLLECTOR.image,
      args: [`--config=env:${COLLECTOR_CONFIG_ENV}`],
      cpu: OTEL_COLLECTOR.cpu,
      memory: `${OTEL_COLLECTOR.memoryGi}Gi`,
      env: [
        { name: COLLECTOR_CONFIG_ENV, value: collectorConfig() },
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretName: INSIGHTS_SECRET },
      ],
    };
    this.app = new ContainerApp(this, 'app', {
      name,
      resourceGroupName: props.resourceGroupName,
      containerAppEnvironmentId: this.environment.id,
      revisionMode: 'Single',
      workloadProfileName: dedicated ? DEDICATED_PROFILE : CONSUMPTION.name,
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      registry: props.registryServer ? [{ server: props.registryServer, identity: props.identityId }] : undefined,
      secret: [
        ...Object.entries(props.secrets).map(([key, ref]) => ({
          name: secretName(key as SecretKey),
          keyVaultSecretId: ref!.id,
          identity: props.identityId,
        })),
        // Not secret, but Container Apps mounts files only from secrets; it holds the rendered mockforge.yaml.
        { name: CONFIG_SECRET, value: spec.configFile.content },
        { name: INSIGHTS_SECRET, value: props.applicationInsightsConnectionString },
      ],
      ingress: {
        externalEnabled: true,
        targetPort: PORTS.http,
        transport: 'auto',
        allowInsecureConnections: false,
        trafficWeight: [{ latestRevision: true, percentage: 100 }],
      },
      template: {
        minReplicas: scaling.min,
        maxReplicas: scaling.max,
        cooldownPeriodInSeconds: context.profile.scaling.scaleDownSeconds,
        terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
        httpScaleRule: [{ name: 'http-concurrency', concurrentRequests: String(HTTP_CONCURRENCY) }],
        // KEDA's CPU and memory scalers never scale to zero, so a scale-to-zero app scales on HTTP only.
        customScaleRule:
          scaling.min === 0
            ? undefined
            : [
                {
                  name: 'cpu',
                  customRuleType: 'cpu',
                  metadata: { type: 'Utilization', value: String(context.profile.scaling.cpuTargetPercent) },
                },
                {
                  name: 'memory',
                  customRuleType: 'memory',
                  metadata: { type: 'Utilization', value: String(context.profile.scaling.memoryTargetPercent) },
                },
              ],
        container: [container, collector],
        volume: [
          { name: 'config', storageType: 'Secret' },
          { name: 'data', storageType: 'EmptyDir' },
          { name: 'tmp', storageType: 'EmptyDir' },
        ],
      },
      dependsOn: props.dependsOn,
    });
    if (scaling.min === 0) PolicyEngine.suppress(this.app, 'MF_AZ_APP_2', SCALE_TO_ZERO_REASON);
    if (props.publicIngress) PolicyEngine.suppress(this.environment, 'MF_AZ_EDGE_4', NO_WAF_REASON);
    this.serviceName = this.app.name;
    this.backendId = this.environment.id;
    applyCommonProps(this, this.app, props);
  }
}
