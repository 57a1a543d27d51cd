import { HA_MINIMUMS, type TierProfile } from '@mockforge-infra/core';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { Construct } from 'constructs';

export interface DisruptionBudgetProps {
  readonly profile: TierProfile;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector: Readonly<Record<string, string>>;
  /** A single-instance pool (in-cluster Redis): its one pod may go, so node drains are never blocked. @default false */
  readonly singleInstance?: boolean;
}

/**
 * Production keeps at least two pods through node drains (its minimum replicas are higher, so
 * drains still proceed); smaller tiers and single-replica pools let one pod go at a time
 * (`minAvailable: 1` on one replica would block every drain).
 */
export function disruptionLimits(profile: TierProfile, singleInstance = false): { minAvailable?: string; maxUnavailable?: string } {
  if (singleInstance) return { maxUnavailable: '1' };
  if (profile.tier === 'production') return { minAvailable: String(HA_MINIMUMS.minimum.instancesPerRegion) };
  return { maxUnavailable: '1' };
}

export class DisruptionBudget extends Construct {
  readonly resource: PodDisruptionBudgetV1;

  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    super(scope, id);
    this.resource = new PodDisruptionBudgetV1(this, 'pdb', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: { ...disruptionLimits(props.profile, props.singleInstance), selector: { matchLabels: { ...props.selector } } },
    });
  }
}
