import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { CommonProps, Continent, GlobalTraffic } from '@mockforge-infra/core';
import { Construct } from 'constructs';
import { applyCommonProps } from '../shared/common-props';
import { regionalFailoverHost } from './hostnames';

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

export interface GeoDnsProps extends CommonProps {
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
 * GeoDNS for the regional origins. With several regions every region gets a failover pair under
 * `<region>.failover.<origin>`: PRIMARY is its own ALB, SECONDARY the next region's (wrapping), each
 * evaluating the ALB's target health and tied to a health check that follows `/health/ready` (Route 53
 * checkers cannot reach ALBs that only admit CloudFront, so the check reads the ALB's HealthyHostCount
 * alarm). The per-continent records and the default alias the pair of the region they serve, so every
 * geolocation answer fails over (Route 53 falls back from a continent only to the default record). A
 * single region is aliased directly. Also one plain alias per region, CloudFront's failover origin.
 * `overrides` apply to the record that answers by default (`geo_default`, or `primary` with failover
 * routing); `tags` to every health check, since records take none.
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
        tags: { Name: `${props.recordName} ${e.region}`, ...props.tags },
      });
      this.healthCheckIds[e.region] = check.id;
    }
    /** An alias to a region's ALB, behind that region's health check. */
    const loadBalancer = (region: string) => {
      const e = endpoint(region);
      return {
        alias: { name: e.loadBalancerDnsName, zoneId: e.loadBalancerZoneId, evaluateTargetHealth: true },
        ...(this.healthCheckIds[region] ? { healthCheckId: this.healthCheckIds[region] } : {}),
      };
    };
    const record = (rid: string, name: string, target: Record<string, unknown>, routing: Record<string, unknown>) =>
      new Route53Record(this, rid, { zoneId: props.hostedZoneId, name, type: 'A', setIdentifier: rid, ...target, ...routing });

    if ((props.routing ?? 'geolocation') === 'failover') {
      const secondary = props.endpoints.find((e) => e.region !== props.primaryRegion);
      if (!secondary) throw new Error('failover routing needs a second region');
      const primary = record('primary', props.recordName, loadBalancer(props.primaryRegion), {
        failoverRoutingPolicy: { type: 'PRIMARY' },
      });
      applyCommonProps(primary, props);
      record('secondary', props.recordName, loadBalancer(secondary.region), { failoverRoutingPolicy: { type: 'SECONDARY' } });
      return;
    }

    // One region has nothing to fail over to: its geolocation answers alias the ALB directly.
    const pairs = new Map<string, Route53Record[]>();
    if (props.endpoints.length > 1) {
      props.endpoints.forEach((e, i) => {
        const next = props.endpoints[(i + 1) % props.endpoints.length]!;
        const name = regionalFailoverHost(props.recordName, e.region);
        pairs.set(e.region, [
          record(`failover_${e.region}_primary`, name, loadBalancer(e.region), { failoverRoutingPolicy: { type: 'PRIMARY' } }),
          record(`failover_${e.region}_secondary`, name, loadBalancer(next.region), { failoverRoutingPolicy: { type: 'SECONDARY' } }),
        ]);
      });
    }
    // A pair answers while either of its ALBs is healthy, so a record aliasing it needs no check of its own.
    // Route 53 refuses an alias to a record that does not exist yet, hence depends_on.
    const serve = (region: string) => {
      const pair = pairs.get(endpoint(region).region);
      if (!pair) return loadBalancer(region);
      const alias = { name: regionalFailoverHost(props.recordName, region), zoneId: props.hostedZoneId, evaluateTargetHealth: true };
      return { alias, dependsOn: pair };
    };
    for (const [continent, region] of Object.entries(props.geoRouting) as [Continent, string][]) {
      record(`geo_${continent.toLowerCase()}`, props.recordName, serve(region), { geolocationRoutingPolicy: { continent } });
    }
    const fallback = record('geo_default', props.recordName, serve(props.primaryRegion), { geolocationRoutingPolicy: { country: '*' } });
    applyCommonProps(fallback, props);
  }
}
