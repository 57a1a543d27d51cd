import { HA_MINIMUMS, scalingRange, type TierProfile } from '@mockforge-infra/core';

/**
 * The stateful pool's own range: the HA minimum (one task where the tier is exempt) up to the
 * stateless pool's floor. It holds state, so it grows slower and stays smaller than the stateless pool.
 */
export function statefulRange(profile: TierProfile): { min: number; max: number } {
  const min = profile.highlyAvailable ? HA_MINIMUMS.minimum.instancesPerRegion : 1;
  return { min, max: Math.max(min, scalingRange(profile, 'ecs').min) };
}
