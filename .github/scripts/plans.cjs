#!/usr/bin/env node
// Plan files for the deploy workflow: one saved plan per stack, written in dependency order, and
// applied later exactly as planned, serially, stopping at the first failure (a failed apply never
// leaves another stack's apply running, so no state lock is stranded).
//
//   node .github/scripts/plans.cjs check <cdktf.out> <glob>   stacks to deploy; fails on local state
//   node .github/scripts/plans.cjs plan  <cdktf.out> <glob>   init + plan -out per stack, writes plans.json
//   node .github/scripts/plans.cjs apply <cdktf.out>          applies the plans listed in plans.json
//   node .github/scripts/plans.cjs token-env <host>           TF_TOKEN_<host>, the variable of an HCP Terraform token
//
// TERRAFORM names the terraform binary (default: terraform). Markdown summaries go to
// $GITHUB_STEP_SUMMARY when it is set.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { readManifest, stackOrder } = require('./stack-order.cjs');

const PLAN_FILE = 'tfplan';
const INDEX_FILE = 'plans.json';
// $GITHUB_STEP_SUMMARY takes at most 1 MiB per step.
const SUMMARY_TEXT_LIMIT = 60_000;
const SUMMARY_LIMIT = 900_000;

const stackDir = (outdir, stack) => path.join(outdir, 'stacks', stack);
const planPath = (outdir, stack) => path.join(stackDir(outdir, stack), PLAN_FILE);
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function readStackJson(outdir, stack) {
  return JSON.parse(fs.readFileSync(path.join(stackDir(outdir, stack), 'cdk.tf.json'), 'utf8'));
}

/** The state backend a synthesized stack uses: the backend type, `cloud` for HCP Terraform, or `local`. */
function backendOf(stackJson) {
  const block = stackJson.terraform ?? {};
  if (block.cloud) return 'cloud';
  const types = Object.keys(block.backend ?? {});
  return types[0] ?? 'local';
}

const HCP_DEFAULT_HOST = 'app.terraform.io';

/** HCP Terraform (or Terraform Enterprise) hosts a stack talks to: its own state and the remote state it reads. */
function hcpHosts(stackJson) {
  const hosts = new Set();
  const block = stackJson.terraform ?? {};
  if (block.cloud) hosts.add(block.cloud.hostname ?? HCP_DEFAULT_HOST);
  if (block.backend?.remote) hosts.add(block.backend.remote.hostname ?? HCP_DEFAULT_HOST);
  for (const source of Object.values(stackJson.data?.terraform_remote_state ?? {})) {
    if (source.backend === 'remote') hosts.add(source.config?.hostname ?? HCP_DEFAULT_HOST);
  }
  return [...hosts];
}

/** Terraform reads the API token of `host` from TF_TOKEN_<host>, dots as `_` and dashes as `__`. */
function tokenEnvName(host) {
  if (!/^[A-Za-z0-9.-]+$/.test(host)) throw new Error(`invalid host name ${JSON.stringify(host)}`);
  return `TF_TOKEN_${host.replace(/-/g, '__').replace(/\./g, '_')}`;
}

/** The stacks a deploy of `glob` covers, in order, and what stops them being deployed from a runner. */
function checkStacks(outdir, glob) {
  const { order, external } = stackOrder(readManifest(outdir), glob);
  const problems = [];
  const hosts = new Set();
  for (const stack of order) {
    const json = readStackJson(outdir, stack);
    if (backendOf(json) === 'local') {
      problems.push(`${stack} uses local state, which would be lost with the runner; configure a remote backend for its tier`);
    }
    for (const host of hcpHosts(json)) hosts.add(host);
  }
  const kubernetes = order.some((stack) => /^[a-z]+-kubernetes-/.test(stack));
  return { order, external, problems, kubernetes, hcpHosts: [...hosts].sort() };
}

function isReplace(actions) {
  return actions.includes('delete') && actions.includes('create');
}

/** Counts from `terraform show -json <plan>`, and the outputs whose value changes. */
function summarizePlan(show) {
  const counts = { add: 0, change: 0, destroy: 0, replace: 0 };
  for (const rc of show.resource_changes ?? []) {
    const actions = rc.change?.actions ?? [];
    if (isReplace(actions)) counts.replace += 1;
    else if (actions.includes('create')) counts.add += 1;
    else if (actions.includes('update')) counts.change += 1;
    else if (actions.includes('delete')) counts.destroy += 1;
  }
  const outputs = Object.entries(show.output_changes ?? {})
    .filter(([, oc]) => (oc.actions ?? []).some((action) => action !== 'no-op'))
    .map(([name]) => name)
    .sort();
  const changes = counts.add + counts.change + counts.destroy + counts.replace > 0 || outputs.length > 0;
  return { ...counts, outputs, changes };
}

function runner(terraform) {
  return (args, cwd, capture = false) => {
    const result = spawnSync(terraform, args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    });
    if (result.error) throw new Error(`${terraform} ${args[0]}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed in ${cwd} (exit ${result.status})`);
    return result.stdout ?? '';
  };
}

function terraformVersion(run, cwd) {
  return JSON.parse(run(['version', '-json'], cwd, true)).terraform_version;
}

/**
 * Plans every selected stack in dependency order. A stack waits (status `deferred`) while a
 * dependency it reads through remote state has changing outputs or is itself waiting: its plan
 * would be computed from values the apply is about to replace. Run the workflow again after the
 * apply to plan it.
 */
function planStacks({ outdir, glob, terraform = 'terraform', log = console.error }) {
  const run = runner(terraform);
  const manifest = readManifest(outdir);
  const { order, external } = stackOrder(manifest, glob);
  const version = terraformVersion(run, outdir);
  const byStack = new Map();
  const entries = [];
  for (const stack of order) {
    const deps = (manifest.stacks[stack].dependencies ?? []).filter((dep) => byStack.has(dep));
    const waitingFor = deps.filter((dep) => {
      const entry = byStack.get(dep);
      return entry.status === 'deferred' || entry.outputs.length > 0;
    });
    const dir = stackDir(outdir, stack);
    fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
    fs.rmSync(path.join(dir, `${PLAN_FILE}.txt`), { force: true });
    let entry;
    if (waitingFor.length > 0) {
      log(`${stack}: waits for ${waitingFor.join(', ')}`);
      entry = { stack, status: 'deferred', plan: null, sha256: null, add: 0, change: 0, destroy: 0, replace: 0, outputs: [], waitingFor };
    } else {
      log(`${stack}: init and plan`);
      run(['init', '-input=false', '-no-color'], dir);
      run(['plan', '-input=false', '-no-color', '-lock-timeout=10m', `-out=${PLAN_FILE}`], dir);
      const summary = summarizePlan(JSON.parse(run(['show', '-json', PLAN_FILE], dir, true)));
      fs.writeFileSync(path.join(dir, `${PLAN_FILE}.txt`), run(['show', '-no-color', PLAN_FILE], dir, true));
      const { changes, ...counts } = summary;
      entry = {
        stack,
        status: changes ? 'changes' : 'no-changes',
        plan: path.posix.join('stacks', stack, PLAN_FILE),
        sha256: sha256(path.join(dir, PLAN_FILE)),
        ...counts,
        waitingFor: [],
      };
    }
    byStack.set(stack, entry);
    entries.push(entry);
  }
  const index = { terraformVersion: version, glob: glob ?? null, external, stacks: entries };
  fs.writeFileSync(path.join(outdir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

function readIndex(outdir) {
  const file = path.join(outdir, INDEX_FILE);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: download the plan artifact first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Applies the saved plans of plans.json in its order, one at a time, and stops at the first
 * failure. Each plan file must be the one that was planned (same sha256) and the terraform
 * version the one that wrote it.
 */
function applyPlans({ outdir, terraform = 'terraform', log = console.error }) {
  const run = runner(terraform);
  const index = readIndex(outdir);
  const manifest = readManifest(outdir);
  const version = terraformVersion(run, outdir);
  if (version !== index.terraformVersion) {
    throw new Error(`the plans were written by terraform ${index.terraformVersion}; this is ${version}`);
  }
  for (const entry of index.stacks) {
    if (!(entry.stack in manifest.stacks)) throw new Error(`${entry.stack} is in ${INDEX_FILE} but not in the manifest`);
    if (entry.status !== 'changes') continue;
    const file = planPath(outdir, entry.stack);
    if (entry.plan !== path.posix.join('stacks', entry.stack, PLAN_FILE) || !fs.existsSync(file)) {
      throw new Error(`the plan of ${entry.stack} is missing`);
    }
    if (sha256(file) !== entry.sha256) throw new Error(`the plan of ${entry.stack} is not the one that was planned (sha256 differs)`);
  }
  const results = [];
  let failed = null;
  for (const entry of index.stacks) {
    if (failed || entry.status !== 'changes') {
      results.push({ stack: entry.stack, result: failed && entry.status === 'changes' ? 'not-applied' : entry.status });
      continue;
    }
    const dir = stackDir(outdir, entry.stack);
    try {
      log(`${entry.stack}: apply`);
      run(['init', '-input=false', '-no-color', '-lockfile=readonly'], dir);
      run(['apply', '-input=false', '-no-color', '-lock-timeout=10m', PLAN_FILE], dir);
      results.push({ stack: entry.stack, result: 'applied' });
    } catch (error) {
      failed = error;
      results.push({ stack: entry.stack, result: 'failed', error: error.message });
    }
  }
  return { results, failed: failed ? failed.message : null };
}

function fence(text) {
  const body =
    text.length > SUMMARY_TEXT_LIMIT ? `${text.slice(0, SUMMARY_TEXT_LIMIT)}\n... (truncated; the full plan is in the artifact)` : text;
  return `\`\`\`\n${body.replace(/```/g, "'''")}\n\`\`\``;
}

function planMarkdown(index, outdir) {
  const lines = [
    `### Plans (terraform ${index.terraformVersion})`,
    '',
    '| stack | plan | add | change | replace | destroy | outputs |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const e of index.stacks) {
    const status = e.status === 'deferred' ? `waits for ${e.waitingFor.join(', ')}` : e.status;
    lines.push(`| ${e.stack} | ${status} | ${e.add} | ${e.change} | ${e.replace} | ${e.destroy} | ${e.outputs.join(', ')} |`);
  }
  if (index.stacks.some((e) => e.status === 'deferred')) {
    lines.push('', 'Stacks that wait read outputs this apply changes: run the workflow again after it to plan them.');
  }
  if (index.external.length > 0) lines.push('', `Outside this selection, already applied: ${index.external.join(', ')}.`);
  let text = `${lines.join('\n')}\n`;
  for (const e of index.stacks) {
    if (e.status !== 'changes' || !outdir) continue;
    const file = path.join(stackDir(outdir, e.stack), `${PLAN_FILE}.txt`);
    if (!fs.existsSync(file)) continue;
    const block = `\n<details><summary>${e.stack}</summary>\n\n${fence(fs.readFileSync(file, 'utf8'))}\n\n</details>\n`;
    if (text.length + block.length > SUMMARY_LIMIT) {
      text += '\nThe remaining plans are in the plan artifact.\n';
      break;
    }
    text += block;
  }
  return text;
}

function applyMarkdown(outcome) {
  const lines = ['### Apply', '', '| stack | result |', '|---|---|'];
  for (const r of outcome.results) lines.push(`| ${r.stack} | ${r.result}${r.error ? `: ${r.error}` : ''} |`);
  if (outcome.results.some((r) => r.result === 'deferred')) {
    lines.push('', 'Deferred stacks were not planned: run the workflow again to plan and apply them.');
  }
  return `${lines.join('\n')}\n`;
}

function appendSummary(markdown) {
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}

function appendOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

module.exports = {
  PLAN_FILE,
  INDEX_FILE,
  backendOf,
  hcpHosts,
  tokenEnvName,
  checkStacks,
  summarizePlan,
  planStacks,
  applyPlans,
  planPath,
  planMarkdown,
  applyMarkdown,
};

function main(argv) {
  const [command, outdir, glob] = argv;
  const terraform = process.env.TERRAFORM || 'terraform';
  if (!outdir || !['check', 'plan', 'apply', 'token-env'].includes(command)) {
    console.error('usage: plans.cjs check|plan <cdktf.out> <glob> | plans.cjs apply <cdktf.out> | plans.cjs token-env <host>');
    return 2;
  }
  try {
    if (command === 'token-env') {
      console.log(tokenEnvName(outdir));
      return 0;
    }
    if (command === 'check') {
      const { order, external, problems, kubernetes, hcpHosts: hosts } = checkStacks(outdir, glob);
      for (const stack of order) console.log(stack);
      for (const dep of external) console.error(`note: ${dep} is outside the selection and must already be applied`);
      for (const problem of problems) console.error(`::error::${problem}`);
      appendOutput('kubernetes', String(kubernetes));
      appendOutput('hcp-hosts', hosts.join(' '));
      return problems.length > 0 ? 1 : 0;
    }
    if (command === 'plan') {
      const index = planStacks({ outdir, glob, terraform });
      appendSummary(planMarkdown(index, outdir));
      appendOutput('changes', String(index.stacks.some((e) => e.status === 'changes')));
      return 0;
    }
    const outcome = applyPlans({ outdir, terraform });
    appendSummary(applyMarkdown(outcome));
    if (outcome.failed) {
      console.error(`::error::${outcome.failed}; the stacks after it were not applied`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`::error::${error.message}`);
    return 1;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
