import { Testing } from 'cdktf';
import { GeoDns, type RegionalEndpoint } from './geo-dns';

const endpoints: RegionalEndpoint[] = [
  {
    region: 'us-east-1',
    loadBalancerDnsName: 'use1.elb.amazonaws.com',
    loadBalancerZoneId: 'Z1',
    healthAlarmName: 'use1-no-healthy-targets',
    regionalRecordName: 'us-east-1.origin.mocks.example.com',
  },
  {
    region: 'eu-west-1',
    loadBalancerDnsName: 'euw1.elb.amazonaws.com',
    loadBalancerZoneId: 'Z2',
    healthAlarmName: 'euw1-no-healthy-targets',
  },
];

function records(routing: 'geolocation' | 'failover') {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new GeoDns(scope, 'dns', {
        hostedZoneId: 'ZONE',
        recordName: 'origin.mocks.example.com',
        endpoints,
        geoRouting: { NA: 'us-east-1', EU: 'eu-west-1' },
        primaryRegion: 'us-east-1',
        routing,
      });
    }),
  ) as { resource: Record<string, Record<string, Record<string, any>>> };
  return { records: Object.values(json.resource.aws_route53_record!), checks: Object.values(json.resource.aws_route53_health_check!) };
}

describe('GeoDns', () => {
  it('answers per continent with a default record, each evaluating target health behind a health check', () => {
    const { records: all, checks } = records('geolocation');
    const geo = all.filter((r) => r.geolocation_routing_policy);
    const routes = Object.fromEntries(
      geo.map((r) => [r.geolocation_routing_policy.continent ?? r.geolocation_routing_policy.country, r.alias.name]),
    );
    expect(routes).toEqual({ NA: 'use1.elb.amazonaws.com', EU: 'euw1.elb.amazonaws.com', '*': 'use1.elb.amazonaws.com' });
    expect(geo.every((r) => r.alias.evaluate_target_health === true && r.health_check_id)).toBe(true);
    expect(checks.map((c) => [c.type, c.cloudwatch_alarm_region]).sort()).toEqual([
      ['CLOUDWATCH_METRIC', 'eu-west-1'],
      ['CLOUDWATCH_METRIC', 'us-east-1'],
    ]);
    expect(all.filter((r) => r.name === 'us-east-1.origin.mocks.example.com')).toHaveLength(1);
  });

  it('offers active-passive failover routing', () => {
    const failover = records('failover').records.filter((r) => r.failover_routing_policy);
    expect(failover.map((r) => [r.failover_routing_policy.type, r.alias.name])).toEqual([
      ['PRIMARY', 'use1.elb.amazonaws.com'],
      ['SECONDARY', 'euw1.elb.amazonaws.com'],
    ]);
  });
});
