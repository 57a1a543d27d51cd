import { Aspects, DefaultTokenResolver, StringConcat, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendConfig } from '../config/model';
import type { CloudName } from '../config/regions';
import type { PolicyEngine } from '../policy/engine';
import type { TierName } from '../seed';
import { standardTags, TaggingAspect } from '../tagging/tagging-aspect';
import { applyBackend } from './backend';
import { renderStack } from './render';
import { StatefulProtectionAspect } from './stateful-protection';

export const GLOBAL_REGION = 'global';

export interface MockforgeStackProps {
  readonly tier: TierName;
  readonly cloud: CloudName;
  /** A region, a cluster name, or `global`. */
  readonly region: string;
  /** What the stack holds beside the region's own stack, e.g. `workload`: `<tier>-<cloud>-<region>-<role>`. */
  readonly role?: string;
  readonly backend: BackendConfig;
  /** Checks the stack at synthesis; usually one engine for the whole app. */
  readonly policy?: PolicyEngine;
  /**
   * Terraform types whose resources get `prevent_destroy` (`StatefulProtectionAspect`): the target's
   * stateful types when the tier protects state (`TierProfile.preventDestroy`). @default none
   */
  readonly protectedResourceTypes?: readonly string[];
}

/** A step an operator takes by hand, and when. */
export interface ManualStep {
  readonly when: 'before the first apply' | 'after the first apply';
  /** What it is for, in a sentence. */
  readonly why: string;
  /** The command, ready to paste apart from `<placeholders>`; `STACK_DIR` stands for the stack's synthesized folder. */
  readonly command: string;
}

/** Replaced in a manual step's command by the stack's folder in the synthesis output. */
export const STACK_DIR = '{stack-dir}';

/** `<tier>-<cloud>-<region>`, `<tier>-<cloud>-<region>-<role>`, or `<tier>-<cloud>-global`. */
export function stackName(tier: TierName, cloud: CloudName, region: string, role?: string): string {
  return role ? `${tier}-${cloud}-${region}-${role}` : `${tier}-${cloud}-${region}`;
}

/**
 * A stack of one tier, cloud and region: named by convention, with its own state key,
 * the standard tags, `prevent_destroy` on the protected types, and the policy engine attached.
 */
export class MockforgeStack extends TerraformStack {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly region: string;
  readonly backend: BackendConfig;
  private readonly otherStacksValues: unknown[] = [];
  private readonly stepsByHand: ManualStep[] = [];
  private synthesized?: Record<string, unknown>;

  constructor(scope: Construct, props: MockforgeStackProps) {
    super(scope, stackName(props.tier, props.cloud, props.region, props.role));
    this.tier = props.tier;
    this.cloud = props.cloud;
    this.region = props.region;
    this.backend = props.backend;
    applyBackend(this, props.backend);
    Aspects.of(this).add(new TaggingAspect(standardTags(props.tier, props.cloud, props.region)));
    if (props.protectedResourceTypes?.length) Aspects.of(this).add(new StatefulProtectionAspect(props.protectedResourceTypes));
    props.policy?.attach(this);
  }

  /** Publishes stable, resource-prefixed output names for pipelines (`database_endpoint`). */
  exportOutputs(outputs: Readonly<Record<string, { value: unknown; description: string; sensitive?: boolean }>>): void {
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, name, output).overrideLogicalId(name);
    }
  }

  /**
   * Records a step Terraform cannot take for the operator (a third-party credential, a command the
   * provider has no resource for). Synthesis prints each one with its stack, so none hides in a README.
   */
  addManualStep(step: ManualStep): void {
    this.stepsByHand.push(step);
  }

  /** The steps by hand this stack needs, in the order they were recorded. */
  get manualSteps(): readonly ManualStep[] {
    return [...this.stepsByHand];
  }

  /**
   * Declares a value read from another stack's resources (an ARN, a zone id, a list of ids).
   * cdktf publishes it as an output of that stack and reads it here through remote state.
   * Synthesis fails on a reference to another stack that did not pass through here.
   */
  fromOtherStack<T>(value: T): T {
    this.otherStacksValues.push(value);
    return value;
  }

  /**
   * cdktf finds cross-stack references by resolving the whole stack once more before synthesis;
   * here only the declared values are resolved, which wires the same outputs and remote state.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
    const resolver = new DefaultTokenResolver(new StringConcat());
    Tokenization.resolve(this.otherStacksValues, { scope: this, preparing: true, resolver });
  }

  /** The policy check and the file writer both need the JSON; build it once per synthesis. */
  override toTerraform(): Record<string, unknown> {
    this.synthesized ??= renderStack(this);
    return this.synthesized;
  }
}
