import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { Continent, GlobalTraffic } from '@mockforge-infra/core';
import { Construct } from 'constructs';

/** One region's edge, as the global stack sees it. */
export interface RegionalEndpoint {
  readonly region: string;
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
  /** The regional "no healthy targets" alarm the health check follows. @default none (alias target health only) */
  readonly healthAlarmName?: string;
  /** A per-region name for the endpoint (CloudFront's failover origin). @default none */
  readonly regionalRecordName?: string;
}

export type RoutingPolicy = 'geolocation' | 'failover';

export interface GeoDnsProps {
  readonly hostedZoneId: string;
  /** The name the records answer, e.g. origin.mocks.example.com. */
  readonly recordName: string;
  readonly endpoints: readonly RegionalEndpoint[];
  /** Continent → region; continents not listed go to the default record. */
  readonly geoRouting: Readonly<Partial<Record<Continent, string>>>;
  readonly primaryRegion: string;
  /**
   * `geolocation` (active-active, the seed's GeoDNS) or `failover` (active-passive: the primary
   * answers while healthy, else the second region).
   * @default geolocation
   */
  readonly routing?: RoutingPolicy;
}

/**
 * GeoDNS for the regional origins: per-continent alias records with a default, each evaluating
 * the ALB's target health and tied to a health check that follows `/health/ready` (Route 53
 * checkers cannot reach ALBs that only admit CloudFront, so the check reads the ALB's
 * HealthyHostCount alarm). Also one plain alias per region, CloudFront's failover origin.
 */
export class GeoDns extends Construct implements GlobalTraffic {
  readonly domainName: string;
  readonly healthCheckIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: GeoDnsProps) {
    super(scope, id);
    this.domainName = props.recordName;
    const byRegion = new Map(props.endpoints.map((e) => [e.region, e]));
    const endpoint = (region: string) => {
      const found = byRegion.get(region);
      if (!found) throw new Error(`geo routing names ${region}, which has no regional stack`);
      return found;
    };
    for (const e of props.endpoints) {
      if (e.regionalRecordName) {
        new Route53Record(this, `regional_${e.region}`, {
          zoneId: props.hostedZoneId,
          name: e.regionalRecordName,
          type: 'A',
          alias: { name: e.loadBalancerDnsName, zoneId: e.loadBalancerZoneId, evaluateTargetHealth: true },
        });
      }
      if (!e.healthAlarmName) continue;
      const check = new Route53HealthCheck(this, `health_${e.region}`, {
        type: 'CLOUDWATCH_METRIC',
        cloudwatchAlarmName: e.healthAlarmName,
        cloudwatchAlarmRegion: e.region,
        insufficientDataHealthStatus: 'LastKnownStatus',
        tags: { Name: `${props.recordName} ${e.region}` },
      });
      this.healthCheckIds[e.region] = check.id;
    }
    const alias = (region: string) => {
      const e = endpoint(region);
      return { name: e.loadBalancerDnsName, zoneId: e.loadBalancerZoneId, evaluateTargetHealth: true };
    };
    const record = (rid: string, region: string, routing: Record<string, unknown>) =>
      new Route53Record(this, rid, {
        zoneId: props.hostedZoneId,
        name: props.recordName,
        type: 'A',
        setIdentifier: rid,
        alias: alias(region),
        ...(this.healthCheckIds[region] ? { healthCheckId: this.healthCheckIds[region] } : {}),
        ...routing,
      });

    if ((props.routing ?? 'geolocation') === 'failover') {
      const secondary = props.endpoints.find((e) => e.region !== props.primaryRegion);
      if (!secondary) throw new Error('failover routing needs a second region');
      record('primary', props.primaryRegion, { failoverRoutingPolicy: { type: 'PRIMARY' } });
      record('secondary', secondary.region, { failoverRoutingPolicy: { type: 'SECONDARY' } });
      return;
    }
    for (const [continent, region] of Object.entries(props.geoRouting) as [Continent, string][]) {
      record(`geo_${continent.toLowerCase()}`, region, { geolocationRoutingPolicy: { continent } });
    }
    record('geo_default', props.primaryRegion, { geolocationRoutingPolicy: { country: '*' } });
  }
}
