import { doksNodePlan } from './compute/doks-cluster';
import { dataNodeSize, DIGITALOCEAN_SIZES, DOKS_NODE_RESERVE, DOKS_NODE_SHAPES } from './sizing';
import { doContext } from './testing/fixtures';
import { schedulableCapacity } from '@mockforge-infra/kubernetes';

describe('DigitalOcean sizing table', () => {
  it('maps every guide size to App Platform, database and DOKS sizes', () => {
    expect(DIGITALOCEAN_SIZES).toEqual({
      dev: {
        appInstance: 'apps-s-1vcpu-0.5gb',
        appAutoscales: false,
        databaseSize: 'db-s-1vcpu-1gb',
        cacheSize: 'db-s-1vcpu-1gb',
        doksNodeFamily: 'basic',
      },
      staging: {
        appInstance: 'apps-s-1vcpu-1gb',
        appAutoscales: false,
        databaseSize: 'db-s-1vcpu-1gb',
        cacheSize: 'db-s-1vcpu-1gb',
        doksNodeFamily: 'basic',
      },
      small: {
        appInstance: 'apps-d-2vcpu-4gb',
        appAutoscales: true,
        databaseSize: 'db-s-2vcpu-4gb',
        cacheSize: 'db-s-2vcpu-4gb',
        doksNodeFamily: 'general-purpose',
      },
      medium: {
        appInstance: 'apps-d-4vcpu-8gb',
        appAutoscales: true,
        databaseSize: 'db-s-4vcpu-8gb',
        cacheSize: 'db-s-4vcpu-8gb',
        doksNodeFamily: 'general-purpose',
      },
      large: {
        appInstance: 'apps-d-8vcpu-32gb',
        appAutoscales: true,
        databaseSize: 'db-s-6vcpu-16gb',
        cacheSize: 'db-s-6vcpu-16gb',
        doksNodeFamily: 'general-purpose',
      },
    });
  });

  it('raises a 1 GB database plan to 2 GB once it has a standby node, which DigitalOcean supports only from 2 GB', () => {
    expect(dataNodeSize('db-s-1vcpu-1gb', 0)).toBe('db-s-1vcpu-1gb');
    expect(dataNodeSize('db-s-1vcpu-1gb', 1)).toBe('db-s-1vcpu-2gb');
    expect(dataNodeSize('db-s-4vcpu-8gb', 2)).toBe('db-s-4vcpu-8gb');
  });

  it("leaves pods DOKS's allocatable memory minus the DaemonSet allowance", () => {
    const free = (name: string) =>
      schedulableCapacity(
        Object.values(DOKS_NODE_SHAPES)
          .flat()
          .find((s) => s.name === name)!,
        DOKS_NODE_RESERVE,
      );
    // 4 GiB → 2.5 GiB allocatable; 2 vCPU − 70m reserve − 500m DaemonSets.
    expect(free('s-2vcpu-4gb')).toEqual({ cpuMillis: 1430, memoryMiB: 2048 });
    expect(free('g-8vcpu-32gb')).toEqual({ cpuMillis: 7410, memoryMiB: 28160 });
  });

  it.each([
    // s-1vcpu-2gb leaves 440m, below the dev pod's 450m.
    ['dev', {}, 's-2vcpu-4gb', 3, 1, 1],
    ['staging', {}, 's-2vcpu-4gb', 1, 2, 5],
    ['production', { size: 'small' }, 'g-4vcpu-16gb', 1, 3, 25],
    ['production', { size: 'medium' }, 'g-8vcpu-32gb', 2, 3, 13],
    ['production', { size: 'large' }, 'g-8vcpu-32gb', 1, 10, 25],
  ] as const)('sizes the %s %o DOKS pool: %s, %i pods per node, %i to %i nodes', (tier, changes, droplet, perNode, min, max) => {
    const plan = doksNodePlan(doContext(tier, { ...changes, compute: { digitalocean: 'doks' } }));
    expect([plan.machine.name, plan.podsPerNode, plan.minNodes, plan.maxNodes]).toEqual([droplet, perNode, min, max]);
  });
});
