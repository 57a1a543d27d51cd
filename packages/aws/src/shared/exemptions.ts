import type { TargetContext, TierExemption } from '@mockforge-infra/core';

/** The written reason for a tier exemption, when the tier has it. */
export function exemptionReason(context: TargetContext, what: TierExemption['what']): string | undefined {
  return context.profile.exemptions.find((e) => e.what === what)?.reason;
}
