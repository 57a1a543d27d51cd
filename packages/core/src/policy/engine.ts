import { Aspects, TerraformResource, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ruleIds, type Finding, type PolicyRule } from './rule';
import { SynthesizedStack } from './synthesized';

const SUPPRESSION = 'mockforge:policy-suppression';

/** Stands in for a value Terraform knows only at apply time, in text people read. */
const APPLY_TIME_PLACEHOLDER = '<known after apply>';

/** cdktf's string form of a token, e.g. `${TfToken[TOKEN.12]}`. */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/** A reason built from resource attributes reads `<known after apply>` where a token would be. */
function readableReason(reason: string): string {
  return reason.trim().replace(STRING_TOKEN, APPLY_TIME_PLACEHOLDER);
}

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

export interface StackReport {
  readonly stack: string;
  readonly resourceCount: number;
  readonly findings: readonly Finding[];
}

/** Thrown when a suppression has no written reason. */
export class SuppressionError extends Error {}

/**
 * A cdk-nag style policy engine. Attach it to stacks; at synthesis it checks every resource of
 * the synthesized JSON against the registered rules. Unsuppressed errors fail synthesis with the
 * construct path and rule id; everything else lands in the report.
 */
export interface PolicyEngineOptions {
  /**
   * Fail each stack's synthesis on its unsuppressed errors. Runners that report every stack's
   * findings at once turn this off and check `findings` after `app.synth()`.
   * @default true
   */
  readonly failOnError?: boolean;
}

export class PolicyEngine {
  private readonly rules: PolicyRule[] = [];
  private readonly reports = new Map<string, StackReport>();
  readonly failOnError: boolean;

  constructor(rules: readonly PolicyRule[] = [], options: PolicyEngineOptions = {}) {
    this.register(rules);
    this.failOnError = options.failOnError ?? true;
  }

  /** Unsuppressed error findings of every stack checked so far. */
  get blockingFindings(): readonly Finding[] {
    return this.findings.filter((f) => f.severity === 'error' && !f.suppressedBecause);
  }

  /** Adds rules, ignoring ones already registered under the same id. */
  register(rules: readonly PolicyRule[]): this {
    for (const rule of rules) {
      if (!this.rules.some((r) => r.id === rule.id)) this.rules.push(rule);
    }
    return this;
  }

  get registeredRules(): readonly PolicyRule[] {
    return this.rules;
  }

  /** Exempts `construct` and everything below it from a rule. The reason is shown in every summary. */
  static suppress(construct: IConstruct, ruleId: string, reason: string): void {
    if (!ruleId.trim()) throw new SuppressionError(`a suppression at ${construct.node.path} needs a rule id`);
    if (!reason || reason.trim().length < 10) {
      throw new SuppressionError(`suppression of ${ruleId} at ${construct.node.path} needs a written reason (10+ characters)`);
    }
    construct.node.addMetadata(SUPPRESSION, { ruleId, reason: readableReason(reason) } satisfies Suppression);
  }

  static suppressionsOn(construct: IConstruct): Suppression[] {
    return construct.node.metadata.filter((m) => m.type === SUPPRESSION).map((m) => m.data as Suppression);
  }

  attach(stack: TerraformStack): void {
    Aspects.of(stack).add(new PolicyAspect(this, stack));
  }

  /** Reports of every stack checked so far, in synthesis order. */
  get stackReports(): readonly StackReport[] {
    return [...this.reports.values()];
  }

  get findings(): readonly Finding[] {
    return this.stackReports.flatMap((r) => r.findings);
  }

  /** Checks a stack's synthesized JSON; `constructs` maps Terraform addresses to their constructs. */
  evaluate(stack: TerraformStack, constructs: ReadonlyMap<string, IConstruct>): StackReport {
    const view = new SynthesizedStack(stack.node.id, stack.toTerraform());
    const findings: Finding[] = [];
    for (const rule of this.rules) {
      for (const type of rule.resourceTypes) {
        for (const resource of view.ofType(type)) {
          const message = rule.check(resource, view);
          if (message === undefined) continue;
          const construct = constructs.get(resource.address);
          const suppression = construct && findSuppression(construct, ruleIds(rule));
          findings.push({
            stack: view.name,
            ruleId: rule.id,
            severity: rule.severity,
            address: resource.address,
            path: resource.path,
            message: `${rule.description}: ${message}`,
            ...(suppression ? { suppressedBecause: suppression.reason } : {}),
          });
        }
      }
    }
    const report = { stack: view.name, resourceCount: view.resources.length, findings };
    this.reports.set(view.name, report);
    return report;
  }
}

function findSuppression(construct: IConstruct, ids: readonly string[]): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const match = PolicyEngine.suppressionsOn(scope).find((s) => ids.includes(s.ruleId));
    if (match) return match;
  }
  return undefined;
}

export function formatFinding(f: Finding): string {
  return `[${f.ruleId}] ${f.path} (${f.address}): ${f.message}`;
}

/** One pass over the tree collects the stack's resources; evaluation runs as a stack validation. */
class PolicyAspect implements IAspect {
  private readonly constructs = new Map<string, IConstruct>();
  private validationAdded = false;

  constructor(
    private readonly engine: PolicyEngine,
    private readonly stack: TerraformStack,
  ) {}

  visit(node: IConstruct): void {
    if (node === this.stack) {
      if (!this.validationAdded) node.node.addValidation({ validate: () => this.validate() });
      this.validationAdded = true;
    } else if (node instanceof TerraformResource) {
      this.constructs.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, node);
    }
  }

  private validate(): string[] {
    const report = this.engine.evaluate(this.stack, this.constructs);
    if (!this.engine.failOnError) return [];
    return report.findings.filter((f) => f.severity === 'error' && !f.suppressedBecause).map(formatFinding);
  }
}
