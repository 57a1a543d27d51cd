import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendConfig } from '../config/model';
import type { CloudName } from '../config/regions';
import type { PolicyEngine } from '../policy/engine';
import type { TierName } from '../seed';
import { standardTags, TaggingAspect } from '../tagging/tagging-aspect';
import { applyBackend } from './backend';

export const GLOBAL_REGION = 'global';

export interface MockforgeStackProps {
  readonly tier: TierName;
  readonly cloud: CloudName;
  /** A region, a cluster name, or `global`. */
  readonly region: string;
  readonly backend: BackendConfig;
  /** Checks the stack at synthesis; usually one engine for the whole app. */
  readonly policy?: PolicyEngine;
  /**
   * The stack refers to no other stack's resources (others may refer to it). cdktf then skips
   * the preparing pass that looks for cross-stack references, a full extra resolve of the stack.
   * The MF_CORE_1 policy rule fails synthesis if such a stack ever refers outside itself.
   * @default false
   */
  readonly selfContained?: boolean;
}

/** `<tier>-<cloud>-<region>`, or `<tier>-<cloud>-global`. */
export function stackName(tier: TierName, cloud: CloudName, region: string): string {
  return `${tier}-${cloud}-${region}`;
}

/**
 * A stack of one tier, cloud and region: named by convention, with its own state key,
 * the standard tags, and the policy engine attached.
 */
export class MockforgeStack extends TerraformStack {
  readonly tier: TierName;
  readonly cloud: CloudName;
  readonly region: string;
  readonly backend: BackendConfig;
  readonly selfContained: boolean;
  private synthesized?: ReturnType<TerraformStack['toTerraform']>;

  constructor(scope: Construct, props: MockforgeStackProps) {
    super(scope, stackName(props.tier, props.cloud, props.region));
    this.tier = props.tier;
    this.cloud = props.cloud;
    this.region = props.region;
    this.backend = props.backend;
    this.selfContained = props.selfContained ?? false;
    applyBackend(this, props.backend);
    Aspects.of(this).add(new TaggingAspect(standardTags(props.tier, props.cloud, props.region)));
    props.policy?.attach(this);
  }

  /** Publishes stable, resource-prefixed output names for pipelines (`database_endpoint`). */
  exportOutputs(outputs: Readonly<Record<string, { value: unknown; description: string; sensitive?: boolean }>>): void {
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, name, output).overrideLogicalId(name);
    }
  }

  /** Every stack here has an explicit backend, so a self-contained stack has nothing to prepare. */
  override prepareStack(): void {
    if (!this.selfContained) super.prepareStack();
  }

  /** The policy check and the file writer both need the JSON; build it once per synthesis. */
  override toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    this.synthesized ??= super.toTerraform();
    return this.synthesized;
  }
}
