import { defaultConfig, targetContext, type MockforgeConfig } from '@mockforge-infra/core';
import {
  nodeSizingLabels,
  fixedCapacityNodes,
  planNodePool,
  podsPerNode,
  reservedCpuMillis,
  schedulableCapacity,
  workloadDemand,
  type MachineShape,
  type NodeReserveModel,
} from './node-fit';

const model: NodeReserveModel = { reservedMemoryMiB: () => 1000, evictionMiB: 100, daemonSets: { cpuMillis: 250, memoryMiB: 500 } };
const shape = (name: string, vcpu: number): MachineShape => ({ name, vcpu, memoryMiB: vcpu * 4096, maxPods: 110 });
const catalog = [shape('two', 2), shape('four', 4), shape('eight', 8), shape('sixteen', 16)];

const large = (topology: 'stateless' | 'hybrid') => {
  const config: MockforgeConfig = {
    ...defaultConfig(['aws']),
    tiers: { production: { size: 'large', topology, regions: { aws: ['us-east-1'] } } },
  };
  return targetContext(config, 'production', 'aws');
};

describe('node fit', () => {
  test('reserves 6 % of the first core, 1 % of the second, 0.5 % of cores 3-4 and 0.25 % above', () => {
    expect(reservedCpuMillis(1)).toBe(60);
    expect(reservedCpuMillis(2)).toBe(70);
    expect(reservedCpuMillis(4)).toBe(80);
    expect(reservedCpuMillis(8)).toBe(90);
    expect(reservedCpuMillis(16)).toBe(110);
  });

  test('schedulable capacity is capacity minus the kubelet reserve, eviction threshold and DaemonSets', () => {
    expect(schedulableCapacity(shape('eight', 8), model)).toEqual({ cpuMillis: 8000 - 90 - 250, memoryMiB: 32768 - 1000 - 100 - 500 });
  });

  test('production large hybrid: 90 % of the guide CPU, 10 + 10 pods at the minimum, 20 + 20 + 5 surge at the maximum', () => {
    expect(workloadDemand(large('hybrid'))).toEqual({
      pod: { cpuMillis: 7200, memoryMiB: 8192 },
      minPods: 20,
      maxPods: 45,
      poolMinimums: [10, 10],
      minSurge: 3,
    });
    expect(workloadDemand(large('stateless'))).toEqual({
      pod: { cpuMillis: 7200, memoryMiB: 8192 },
      minPods: 10,
      maxPods: 25,
      poolMinimums: [10],
      minSurge: 3,
    });
  });

  test('the node type and counts follow from the pods', () => {
    const demand = workloadDemand(large('hybrid'));
    // 7660m schedulable on 8 vCPU holds one 7200m pod; 4 vCPU holds none.
    expect(podsPerNode(shape('four', 4), model, demand.pod)).toBe(0);
    expect(planNodePool(catalog, model, demand, 3)).toEqual({ machine: catalog[2], podsPerNode: 1, minNodes: 20, maxNodes: 45 });
    const small = { pod: { cpuMillis: 1000, memoryMiB: 1024 }, minPods: 3, maxPods: 10, poolMinimums: [3], minSurge: 1 };
    expect(planNodePool(catalog, model, small, 3)).toEqual({ machine: catalog[0], podsPerNode: 1, minNodes: 3, maxNodes: 10 });
  });

  test('without a node autoscaler the minimum holds every pool spread over the zones through a rollout', () => {
    const demand = workloadDemand(large('hybrid'));
    // Per zone: ceil((10 + 3 surge) / 3) = 5 Deployment pods and ceil(10 / 3) = 4 StatefulSet pods, one pod a node.
    expect(fixedCapacityNodes(demand, 1, 3)).toBe(27);
    expect(planNodePool(catalog, model, demand, 3, { autoscaled: false, zones: 3 })).toEqual({
      machine: catalog[2],
      podsPerNode: 1,
      minNodes: 27,
      maxNodes: 45,
    });
    // Four small pods a node: ceil(5 / 2) + ceil(4 / 2) = 5 pods a zone, two nodes in each of two zones.
    expect(fixedCapacityNodes({ ...demand, poolMinimums: [4, 4], minSurge: 1 }, 4, 2)).toBe(4);
  });

  test('refuses a pod no machine holds', () => {
    expect(() => planNodePool(catalog.slice(0, 2), model, workloadDemand(large('hybrid')), 3)).toThrow(/no machine in two, four holds/);
  });

  test('labels the pool with the pod it was sized for', () => {
    expect(nodeSizingLabels(workloadDemand(large('hybrid')))).toEqual({
      'sizing.mockforge.dev/pod-cpu-millis': '7200',
      'sizing.mockforge.dev/pod-memory-mib': '8192',
      'sizing.mockforge.dev/max-pods': '45',
    });
  });
});
