import type { IConstruct } from 'constructs';
import type { TierExemption, TierProfile } from '../specs/tier-profile';
import { PolicyEngine } from './engine';

/** Records the tier's exemption (from its profile) as suppressions of the rules it relaxes, with the profile's reason. */
export function suppressExempted(
  construct: IConstruct,
  profile: TierProfile,
  what: TierExemption['what'],
  ruleIds: readonly string[],
): void {
  const exemption = profile.exemptions.find((e) => e.what === what);
  if (!exemption) return;
  for (const ruleId of ruleIds) PolicyEngine.suppress(construct, ruleId, exemption.reason);
}
