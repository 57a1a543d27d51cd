import { ApplicationInsightsStandardWebTest } from '@cdktf/provider-azurerm/lib/application-insights-standard-web-test';
import { ContainerAppCustomDomain } from '@cdktf/provider-azurerm/lib/container-app-custom-domain';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ManagedRedisGeoReplication } from '@cdktf/provider-azurerm/lib/managed-redis-geo-replication';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import {
  ALERTS,
  GLOBAL_REGION,
  MockforgeStack,
  STACK_DIR,
  TARGET_HEALTH,
  type ManualStep,
  type MockforgeStack as Stack,
  type PolicyEngine,
  type TargetContext,
} from '@mockforge-infra/core';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { StateStorage } from '../backup/state-storage';
import { FrontDoorEdge, type FrontDoorOrigin, type PrivateLinkTarget } from '../cdn/front-door';
import { availabilityAlerting, diagnosticSetting, isoDuration } from '../monitoring/monitoring';
import { resourceName } from '../naming';
import { addAzureProvider } from '../provider';
import { METRIC_ALERT_WINDOWS_SECONDS, WEB_TEST, webTest } from '../sizing';
import { AZURE_STATEFUL_RESOURCE_TYPES } from '../stateful-types';
import { TierDns } from '../traffic/dns';
import { scalesToZero, servesWithoutFrontDoor, type AzureRegionalStack } from './regional-stack';

export interface AzureGlobalStackProps {
  readonly context: TargetContext;
  readonly policy?: PolicyEngine;
  readonly regions: readonly AzureRegionalStack[];
  /** AKS origins: the Private Link Service each workload stack's ingress Service creates. */
  readonly aksOrigins?: readonly {
    readonly region: string;
    readonly privateLinkTarget: PrivateLinkTarget;
    readonly privateLinkServiceId: (subscriptionId: string) => string;
    readonly stack: Stack;
  }[];
}

/**
 * Single-region dev and staging with a new zone: the Container Apps API checks the custom domain's
 * `asuid` TXT record in public DNS when it creates the domain, so the zone and its records are applied
 * alone and the hostname delegated before the whole stack.
 */
export function delegationFirstStep(hostname: string, dnsResources: readonly TerraformResource[]): ManualStep {
  const targets = dnsResources.map((r) => `-target=${r.terraformResourceType}.${r.friendlyUniqueId}`).join(' ');
  return {
    when: 'before the first apply',
    why:
      `the Container Apps API checks asuid.${hostname} in public DNS when it creates the custom domain, so the new zone and its two ` +
      `records come first: delegate ${hostname} from its parent zone to the name servers this prints, then apply the whole stack ` +
      `once \`dig +short TXT asuid.${hostname}\` answers`,
    command:
      `terraform -chdir=${STACK_DIR} init && terraform -chdir=${STACK_DIR} apply ${targets} && ` +
      `terraform -chdir=${STACK_DIR} output dns_zone_name_servers`,
  };
}

/**
 * The managed certificate of a Container Apps custom domain: azurerm 4.55 has no resource for it, so
 * the domain is created without one and the certificate is issued and bound once (HTTP validation
 * through the A record). `name` is the app's, its environment's and its resource group's.
 */
export function certificateBindStep(hostname: string, name: string): ManualStep {
  return {
    when: 'after the first apply',
    why: `azurerm 4.55 cannot issue the free managed certificate of ${hostname}; until it is bound, ${hostname} serves no certificate and the availability test fails`,
    command: `az containerapp hostname bind -g ${name} -n ${name} --environment ${name} --hostname ${hostname} --validation-method HTTP`,
  };
}

/** The smallest metric alert window Azure Monitor accepts that covers `seconds`. */
export function metricAlertWindow(seconds: number): string {
  return isoDuration(METRIC_ALERT_WINDOWS_SECONDS.find((w) => w >= seconds) ?? METRIC_ALERT_WINDOWS_SECONDS.at(-1)!);
}

/**
 * `<tier>-azure-global`: Front Door Premium with its WAF across the regions (or, in single-region
 * dev and staging, the Container Apps custom domain), the tier's DNS, the availability test on
 * /health/ready, the config/state storage account, and the Managed Redis active geo-replication
 * links of a multi-region tier.
 */
export class AzureGlobalStack extends MockforgeStack {
  readonly edge?: FrontDoorEdge;
  /** The tier hostname on the Container Apps environment's own ingress (no Front Door). */
  readonly customDomain?: ContainerAppCustomDomain;
  readonly dns: TierDns;
  readonly storage: StateStorage;

  constructor(scope: Construct, props: AzureGlobalStackProps) {
    const { context } = props;
    super(scope, {
      tier: context.tier,
      cloud: 'azure',
      region: GLOBAL_REGION,
      backend: context.backend,
      policy: props.policy,
      protectedResourceTypes: context.profile.preventDestroy ? AZURE_STATEFUL_RESOURCE_TYPES : undefined,
    });
    addAzureProvider(this, context);
    const primaryRegion = context.topology.primaryRegion;
    const group = new ResourceGroup(this, 'resource-group', { name: resourceName(context.tier, GLOBAL_REGION), location: primaryRegion });
    this.dns = new TierDns(this, 'dns', { context, resourceGroupName: group.name });
    const primary = props.regions[0]!;
    const workspaceId = this.fromOtherStack(primary.monitoring.workspace.id);
    if (servesWithoutFrontDoor(context) && primary.service) {
      const { environment, app } = primary.service;
      const records = this.dns.addEnvironment(
        this.fromOtherStack(environment.staticIpAddress),
        this.fromOtherStack(environment.customDomainVerificationId),
      );
      // No certificate here: the managed certificate is issued and bound after the domain exists
      // (azurerm 4.55 has no resource for it), and Azure then sets these two fields itself.
      this.customDomain = new ContainerAppCustomDomain(this, 'custom-domain', {
        name: context.hostname,
        containerAppId: this.fromOtherStack(app.id),
        dependsOn: records,
        lifecycle: { ignoreChanges: ['certificate_binding_type', 'container_app_environment_certificate_id'] },
      });
      if (this.dns.zone) this.addManualStep(delegationFirstStep(context.hostname, [this.dns.zone, ...records]));
      this.addManualStep(certificateBindStep(context.hostname, resourceName(context.tier, primary.region)));
    } else {
      const origins: FrontDoorOrigin[] = props.regions.flatMap((r) =>
        r.service
          ? [
              {
                region: r.region,
                hostName: this.fromOtherStack(r.service.app.ingress.fqdn),
                privateLinkTargetId: this.fromOtherStack(r.service.environment.id),
                // The regional stack names the environment and its resource group after the region.
                privateLinkTarget: {
                  resourceGroupName: resourceName(context.tier, r.region),
                  name: resourceName(context.tier, r.region),
                  type: 'Microsoft.App/managedEnvironments',
                },
                targetType: 'managedEnvironments',
                https: true,
              },
            ]
          : [],
      );
      if (props.aksOrigins?.length) {
        const client = new DataAzurermClientConfig(this, 'client');
        for (const o of props.aksOrigins) {
          this.addDependency(o.stack);
          origins.push({
            region: o.region,
            hostName: context.hostname,
            privateLinkTargetId: o.privateLinkServiceId(client.subscriptionId),
            privateLinkTarget: o.privateLinkTarget,
            https: false,
          });
        }
      }
      this.edge = new FrontDoorEdge(this, 'edge', { context, resourceGroupName: group.name, origins, dnsZoneId: this.dns.zoneId });
      this.dns.addEdge(this.edge.endpoint.id, this.edge.customDomain.validationToken);
      if (this.dns.zone)
        this.addManualStep({
          when: 'after the first apply',
          why:
            `Front Door validates the managed certificate of ${context.hostname} through its _dnsauth record, which public DNS ` +
            `serves once ${context.hostname} is delegated to the new zone: delegate it from its parent zone to these name servers`,
          command: `terraform -chdir=${STACK_DIR} output dns_zone_name_servers`,
        });
      diagnosticSetting(this, 'front-door', this.edge.profile.id, workspaceId);
    }

    const insightsId = this.fromOtherStack(primary.monitoring.insights.id);
    const cadence = webTest(context.tier);
    const test = new ApplicationInsightsStandardWebTest(this, 'availability', {
      name: resourceName(context.tier, 'ready'),
      location: primaryRegion,
      resourceGroupName: group.name,
      applicationInsightsId: insightsId,
      description: `MockForge readiness through ${this.edge ? 'Front Door' : 'the Container Apps ingress'}`,
      enabled: true,
      frequency: cadence.frequencySeconds,
      timeout: WEB_TEST.timeoutSeconds,
      retryEnabled: true,
      geoLocations: [...cadence.locations],
      request: { url: `https://${context.hostname}${TARGET_HEALTH.path}`, httpVerb: 'GET', followRedirectsEnabled: false },
      validationRules: { expectedStatusCode: 200, sslCheckEnabled: true, sslCertRemainingLifetime: 7 },
    });
    const alerting = availabilityAlerting(context, scalesToZero(context));
    new MonitorMetricAlert(this, 'availability-alert', {
      name: resourceName(context.tier, 'ready-test'),
      resourceGroupName: group.name,
      description:
        alerting.description ?? `${ALERTS.lowAvailability.description} (availability test from ${cadence.locations.length} locations)`,
      scopes: [test.id, insightsId],
      severity: alerting.severity,
      // In a window size Azure Monitor accepts.
      windowSize: metricAlertWindow(alerting.windowSeconds),
      frequency: 'PT1M',
      applicationInsightsWebTestLocationAvailabilityCriteria: {
        webTestId: test.id,
        componentId: insightsId,
        // A majority of several locations, so one location's own trouble alerts no one; the only location when there is one.
        failedLocationCount: Math.max(1, cadence.locations.length - 1),
      },
      action: [{ actionGroupId: this.fromOtherStack(primary.monitoring.actionGroup.id) }],
    });

    this.storage = new StateStorage(this, 'state', { context, location: primaryRegion, resourceGroupName: group.name });

    const caches = props.regions.flatMap((r) => (r.cache ? [this.fromOtherStack(r.cache.redis.id)] : []));
    if (context.cache.crossRegionReplication && caches.length > 1)
      new ManagedRedisGeoReplication(this, 'redis-geo-replication', { managedRedisId: caches[0]!, linkedManagedRedisIds: caches.slice(1) });

    this.exportOutputs({
      ...(this.edge ? { front_door_endpoint: { value: this.edge.endpoint.hostName, description: 'Front Door endpoint host name' } } : {}),
      ...(this.customDomain && primary.service
        ? {
            container_app_name: {
              value: this.fromOtherStack(primary.service.app.name),
              description: 'Bind the managed certificate to this app',
            },
          }
        : {}),
      hostname: { value: context.hostname, description: 'The name users resolve' },
      state_storage_account: { value: this.storage.account.name, description: 'Configuration and state storage account' },
      ...(this.dns.zone
        ? { dns_zone_name_servers: { value: this.dns.zone.nameServers, description: 'Delegate the tier hostname to these' } }
        : {}),
    });
  }
}
