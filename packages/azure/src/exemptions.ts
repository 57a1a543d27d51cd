import { PolicyEngine, type TierExemption, type TierProfile } from '@mockforge-infra/core';
import type { IConstruct } from 'constructs';

/** Records the tier's exemption (from core's profile) as suppressions of the rules it relaxes. */
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
