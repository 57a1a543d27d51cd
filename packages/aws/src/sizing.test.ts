import { TIER_SIZING, type SizeName } from '@mockforge-infra/core';
import { podsPerNode, schedulableCapacity, serverPodResources } from '@mockforge-infra/kubernetes';
import { AWS_SIZES, EKS_NODE_RESERVE, EKS_NODE_SHAPES } from './sizing';

/** Fargate's valid memory (MiB) for each CPU setting. */
function validFargateMemory(cpu: number): number[] {
  const gib = (from: number, to: number, step = 1) =>
    Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => (from + i * step) * 1024);
  switch (cpu) {
    case 256:
      return [512, 1024, 2048];
    case 512:
      return gib(1, 4);
    case 1024:
      return gib(2, 8);
    case 2048:
      return gib(4, 16);
    case 4096:
      return gib(8, 30);
    case 8192:
      return gib(16, 60, 4);
    case 16384:
      return gib(32, 120, 8);
    default:
      return [];
  }
}

describe('AWS_SIZES', () => {
  it.each(Object.keys(TIER_SIZING) as SizeName[])('%s is a valid Fargate pair with the tier vCPU and at least its memory', (size) => {
    const aws = AWS_SIZES[size];
    expect(validFargateMemory(aws.taskCpuUnits)).toContain(aws.taskMemoryMiB);
    expect(aws.taskCpuUnits).toBe(TIER_SIZING[size].cpu * 1024);
    expect(aws.taskMemoryMiB).toBeGreaterThanOrEqual(TIER_SIZING[size].memoryMiB);
  });

  it('moves memory up to the smallest valid amount where the guide asks for an invalid pair', () => {
    expect([AWS_SIZES.dev.taskCpuUnits, AWS_SIZES.dev.taskMemoryMiB]).toEqual([512, 1024]);
    expect([AWS_SIZES.small.taskCpuUnits, AWS_SIZES.small.taskMemoryMiB]).toEqual([2048, 4096]);
    expect([AWS_SIZES.medium.taskCpuUnits, AWS_SIZES.medium.taskMemoryMiB]).toEqual([4096, 8192]);
    expect([AWS_SIZES.large.taskCpuUnits, AWS_SIZES.large.taskMemoryMiB]).toEqual([8192, 16384]);
    for (const size of ['dev', 'small', 'medium', 'large'] as const) {
      expect(validFargateMemory(AWS_SIZES[size].taskCpuUnits)).not.toContain(TIER_SIZING[size].memoryMiB);
      expect(validFargateMemory(AWS_SIZES[size].taskCpuUnits)[0]).toBe(AWS_SIZES[size].taskMemoryMiB);
    }
  });
});

describe('EKS node capacity', () => {
  it('models an AL2023 node: the kubelet CPU formula, 255 MiB + 11 MiB per pod, 100 MiB eviction, the DaemonSet allowance', () => {
    const m6i2xl = EKS_NODE_SHAPES.m6i.find((s) => s.name === 'm6i.2xlarge')!;
    // 8000 − 90 − 250; 32768 − (255 + 11 × 58) − 100 − 512.
    expect(schedulableCapacity(m6i2xl, EKS_NODE_RESERVE)).toEqual({ cpuMillis: 7660, memoryMiB: 31263 });
  });

  it.each([
    ['dev', 't3.medium'],
    ['staging', 'm6i.large'],
    ['small', 'm6i.xlarge'],
    ['medium', 'm6i.xlarge'],
    ['large', 'm6i.2xlarge'],
  ] as const)('%s pods get the smallest node of the family that holds one', (size, expected) => {
    const pod = serverPodResources(TIER_SIZING[size]).requests;
    const fits = EKS_NODE_SHAPES[AWS_SIZES[size].eksNodeFamily].filter((s) => podsPerNode(s, EKS_NODE_RESERVE, pod) > 0);
    expect(fits[0]!.name).toBe(expected);
  });
});
