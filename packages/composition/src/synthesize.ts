import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import {
  describeBackend,
  formatFinding,
  loadConfig,
  PolicyEngine,
  TIER_NAMES,
  type CloudName,
  type Finding,
  type ManualStep,
  type MockforgeConfig,
  type TierName,
} from '@mockforge-infra/core';
import { UsageError } from './args';
import { composeTiers } from './compose';
import { BudgetExceededError, budgetOverruns } from './cost/budget';
import { estimateTargets, readSynthesizedStacks } from './cost/targets';
import { withoutTokenTraces } from './token-traces';
import { IMPLEMENTED_CLOUDS } from './targets';

export interface SynthOptions {
  readonly tiers?: readonly TierName[];
  readonly clouds?: readonly CloudName[];
  /** Config file; else MOCKFORGE_INFRA_CONFIG; else the built-in default. */
  readonly configPath?: string;
  /** @default cdktf.out in the working directory, or CDKTF_OUTDIR when the cdktf CLI runs us */
  readonly outdir?: string;
  /** Stop on unsuppressed error findings. Off only to report them (`mockforge-infra list`). @default true */
  readonly failOnPolicy?: boolean;
}

export interface StackSummary {
  readonly stack: string;
  readonly resources: number;
  readonly backend: string;
  readonly findings: readonly Finding[];
  /** What the operator does by hand for this stack (the synth summary prints them). */
  readonly manualSteps: readonly ManualStep[];
}

export interface SynthResult {
  readonly config: MockforgeConfig;
  readonly configSource: string;
  readonly outdir: string;
  /** The tiers synthesized: the requested ones, or every configured tier. */
  readonly tiers: readonly TierName[];
  readonly stacks: readonly StackSummary[];
  /** Stacks of the previous output that this synthesis (a subset, say) no longer has. */
  readonly removedStacks: readonly string[];
}

/** Unsuppressed error findings; synthesis stops on these. */
export class PolicyViolationError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(`policy check failed:\n${findings.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
    this.name = 'PolicyViolationError';
  }
}

/**
 * Validates the config, builds the stacks into a temporary folder and swaps it into place only
 * when everything passed, so a failed synth leaves the previous cdktf.out untouched.
 */
export function synthesize(options: SynthOptions = {}): SynthResult {
  const { config, source } = loadConfig({ path: options.configPath, implementedClouds: IMPLEMENTED_CLOUDS });
  // The cdktf CLI owns its output folder and reads it after we exit.
  const managedByCli = !options.outdir && process.env.CDKTF_OUTDIR !== undefined;
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const tiers = selectedTiers(config, options.tiers);
  const clouds = selectedClouds(config, options.clouds);
  if (!managedByCli) checkReplaceable(outdir);
  const workdir = managedByCli ? outdir : join(dirname(outdir), `.${basename(outdir)}.tmp-${process.pid}`);
  if (!managedByCli) rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  try {
    const app = new App({ outdir: workdir, stackTraces: false });
    const policy = new PolicyEngine([], { failOnError: false });
    const stacks = withoutTokenTraces(() => {
      const composed = composeTiers(app, config, policy, { tiers, clouds });
      app.synth();
      return composed;
    });
    if ((options.failOnPolicy ?? true) && policy.blockingFindings.length > 0) throw new PolicyViolationError(policy.blockingFindings);
    checkBudgets(config, workdir, tiers, clouds);
    const summaries = stacks.map((stack) => {
      const report = policy.stackReports.find((r) => r.stack === stack.node.id);
      return {
        stack: stack.node.id,
        resources: report?.resourceCount ?? 0,
        backend: describeBackend(stack.backend),
        findings: report?.findings ?? [],
        manualSteps: stack.manualSteps,
      };
    });
    const removedStacks = managedByCli ? [] : stacksIn(outdir).filter((s) => !summaries.some((x) => x.stack === s));
    if (!managedByCli) swapInto(workdir, outdir);
    return { config, configSource: source, outdir, tiers, stacks: summaries, removedStacks };
  } catch (error) {
    if (!managedByCli) rmSync(workdir, { recursive: true, force: true });
    throw error;
  }
}

/** Prices the tiers that set `budgetUsd` from what was just written; throws when one is over. */
function checkBudgets(config: MockforgeConfig, workdir: string, tiers: readonly TierName[], clouds: readonly CloudName[]): void {
  const budgeted = tiers.filter((t) => config.tiers[t]?.budgetUsd !== undefined);
  if (budgeted.length === 0) return;
  const overruns = budgetOverruns(config, estimateTargets(readSynthesizedStacks(workdir), budgeted, clouds));
  if (overruns.length > 0) throw new BudgetExceededError(overruns);
}

/** The requested tiers, each of which must be in the configuration. */
function selectedTiers(config: MockforgeConfig, requested: readonly TierName[] | undefined): readonly TierName[] {
  const configured = TIER_NAMES.filter((t) => config.tiers[t]);
  const missing = (requested ?? []).filter((t) => !configured.includes(t));
  if (missing.length > 0)
    throw new UsageError(`--tier ${missing.join(',')}: not in the configuration (configured: ${configured.join(', ')})`);
  return requested ?? configured;
}

/** The requested clouds, each of which must be in the configuration's `clouds`. */
function selectedClouds(config: MockforgeConfig, requested: readonly CloudName[] | undefined): readonly CloudName[] {
  const missing = (requested ?? []).filter((c) => !config.clouds.includes(c));
  if (missing.length > 0)
    throw new UsageError(`--cloud ${missing.join(',')}: not in the configuration's clouds (${config.clouds.join(', ')})`);
  return requested ?? config.clouds;
}

/** Synthesis replaces the output folder, so it must be new, empty, or an earlier synthesis (with a manifest). */
function checkReplaceable(outdir: string): void {
  const parent = dirname(outdir);
  if (existsSync(parent) && !statSync(parent).isDirectory()) throw new UsageError(`--outdir ${outdir}: ${parent} is not a folder`);
  if (!existsSync(outdir)) return;
  const earlierOutput = statSync(outdir).isDirectory() && (readdirSync(outdir).length === 0 || existsSync(join(outdir, 'manifest.json')));
  if (!earlierOutput) {
    throw new UsageError(
      `--outdir ${outdir}: holds files that are not a synthesis output (no manifest.json); choose a new or empty folder`,
    );
  }
}

/** The stacks an earlier synthesis wrote to `outdir`, from its manifest. */
function stacksIn(outdir: string): string[] {
  const manifest = join(outdir, 'manifest.json');
  if (!existsSync(manifest)) return [];
  return Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { stacks?: object }).stacks ?? {});
}

function swapInto(workdir: string, outdir: string): void {
  const previous = `${workdir}.previous`;
  if (existsSync(outdir)) renameSync(outdir, previous);
  renameSync(workdir, outdir);
  rmSync(previous, { recursive: true, force: true });
}
