// The GitHub workflows, read as data: what can only run on GitHub is pinned here, and the shell
// of the gating steps is run locally against stand-in tools.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const workflowsDir = join(root, '.github', 'workflows');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  uses?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: unknown };
  strategy?: { matrix?: Record<string, unknown> };
  'timeout-minutes'?: number;
  with?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, any>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const files = readdirSync(workflowsDir)
  .filter((f) => f.endsWith('.yml'))
  .sort();
const text = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const load = (file: string) => parse(text(file)) as Workflow;
const ci = load('ci.yml');
const validate = load('validate.yml');
const deploy = load('deploy.yml');
const release = load('release.yml');

const needsOf = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);
const steps = (job: Job) => job.steps ?? [];
const stepUsing = (job: Job, action: string) => steps(job).filter((s) => s.uses?.startsWith(`${action}@`));
const stepNamed = (job: Job, name: string) => {
  const step = steps(job).find((s) => s.name === name);
  if (!step) throw new Error(`no step named ${name}`);
  return step;
};

// Runs a step's shell the way GitHub does for `shell: bash`, with stand-in commands first on PATH.
function runStep(step: Step, env: Record<string, string>, fakes: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-step-'));
  try {
    for (const [name, body] of Object.entries(fakes)) {
      writeFileSync(join(dir, name), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    const calls = join(dir, 'calls.log');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        HOME: dir,
        CALLS: calls,
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_ENV: join(dir, 'env'),
        GITHUB_WORKSPACE: root,
        ...env,
      },
    });
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
    return { status: result.status, stdout: result.stdout, calls: read('calls.log'), output: read('output'), env: read('env') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('supply chain', () => {
  it.each(files)('%s pins every action to a full commit SHA with its version beside it', (file) => {
    const uses = text(file)
      .split('\n')
      .filter((line) => /^\s*(-\s+)?uses:/.test(line))
      .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, ''));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      if (use.startsWith('./')) continue;
      expect(use).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it('pins the scanner and terraform versions', () => {
    expect(validate.env).toEqual({ TERRAFORM_VERSION: '1.10.5', CHECKOV_VERSION: '3.3.30', TRIVY_VERSION: 'v0.69.3' });
    expect(deploy.env!.TERRAFORM_VERSION).toBe(validate.env!.TERRAFORM_VERSION);
    const checkov = stepNamed(validate.jobs.validate, 'Checkov');
    expect(checkov.run).toContain('pipx install "checkov==$CHECKOV_VERSION"');
  });

  it('jobs that hold cloud or publish credentials install without scripts and without a shared cache', () => {
    const credentialed = [deploy, release].flatMap((wf) =>
      Object.values(wf.jobs).filter((job) => job.permissions?.['id-token'] === 'write' || job.permissions?.contents === 'write'),
    );
    expect(credentialed.length).toBe(4); // deploy plan and apply, release version and publish
    for (const job of credentialed) {
      for (const step of steps(job)) {
        if (/\bnpm (ci|install)\b/.test(step.run ?? '')) expect(step.run).toContain('--ignore-scripts');
        if (step.uses?.startsWith('actions/setup-node@')) expect(step.with?.cache).toBeUndefined();
      }
    }
  });

  it('Dependabot updates the actions and the npm lockfile', () => {
    const config = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8'));
    expect(config.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem'])).toEqual(['github-actions', 'npm']);
  });
});

describe('ci', () => {
  it('runs the full suite on Node 20, 22 and 24; other jobs use .nvmrc', () => {
    expect(ci.jobs.test.strategy!.matrix!.node).toEqual([20, 22, 24]);
    expect(stepUsing(ci.jobs.test, 'actions/setup-node')[0].with!['node-version']).toBe('${{ matrix.node }}');
    for (const wf of [ci, validate, deploy, release]) {
      for (const [name, job] of Object.entries(wf.jobs)) {
        if (wf === ci && name === 'test') continue;
        for (const step of stepUsing(job, 'actions/setup-node')) expect(step.with!['node-version-file']).toBe('.nvmrc');
      }
    }
  });

  it('restores no Nx cache that a new runner could not use', () => {
    expect(Object.values(ci.jobs).flatMap((job) => stepUsing(job, 'actions/cache'))).toEqual([]);
  });

  it('checks pull request commit subjects with the tested script', () => {
    expect(ci.jobs.commits.if).toBe("github.event_name == 'pull_request'");
    expect(steps(ci.jobs.commits).some((s) => s.run?.includes('node .github/scripts/commit-subjects.cjs'))).toBe(true);
  });
});

describe('concurrency', () => {
  it('is set per job, never for a whole workflow that deploys', () => {
    expect(deploy.concurrency).toBeUndefined();
    for (const wf of [ci, validate]) {
      expect(wf.concurrency).toBeUndefined();
      for (const job of Object.values(wf.jobs)) expect(job.concurrency?.group).toBeTruthy();
    }
    for (const name of ['plan', 'apply']) {
      expect(deploy.jobs[name].concurrency).toEqual({ group: 'deploy-${{ needs.setup.outputs.tier }}', 'cancel-in-progress': false });
    }
  });

  it('a skipped ci completion never reaches a job with a concurrency group', () => {
    expect(deploy.jobs.setup.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(deploy.jobs.setup.concurrency).toBeUndefined();
    expect(needsOf(deploy.jobs.plan)).toContain('setup');
  });
});

describe('validate', () => {
  it('synthesizes the deployment config as well as the example, and can be called for one tier', () => {
    const synth = stepNamed(validate.jobs.synth, 'Synthesize');
    expect(synth.env).toEqual({ CONFIG: '${{ vars.MOCKFORGE_INFRA_CONFIG }}', TIER: '${{ inputs.tier }}' });
    expect(synth.run).toContain('node tools/synth.mjs --outdir out/example');
    expect(synth.run).toContain('node tools/synth.mjs --config "$CONFIG" --outdir out/deployment ${TIER:+--tier "$TIER"}');
    expect(Object.keys(validate.on.workflow_call.inputs).sort()).toEqual(['ref', 'tier']);
    expect(validate.jobs.validate.strategy!.matrix).toEqual({ include: '${{ fromJson(needs.synth.outputs.matrix) }}' });
  });

  it('the Checkov step runs in bash with pipefail and refuses an empty id list before scanning', () => {
    const step = stepNamed(validate.jobs.validate, 'Checkov');
    expect(step.shell).toBe('bash');
    expect(step.run!.split('\n')[0]).toBe('set -euo pipefail');
    const fakes = { pipx: 'echo "pipx $*" >> "$CALLS"', checkov: 'echo "checkov $*" >> "$CALLS"' };
    const empty = runStep(step, { CHECKS: '', STACK: 'production-aws-us-east-1', CHECKOV_VERSION: '3.3.30' }, fakes);
    expect(empty.status).toBe(1);
    expect(empty.stdout).toContain('::error::no Checkov ids to enforce');
    expect(empty.calls).toBe('');
    const production = runStep(
      step,
      { CHECKS: 'CKV_AWS_2,CKV_GCP_6', STACK: 'production-aws-us-east-1', CHECKOV_VERSION: '3.3.30' },
      fakes,
    );
    expect(production.status).toBe(0);
    expect(production.calls).toContain('pipx install checkov==3.3.30\n');
    expect(production.calls).toContain('--hard-fail-on CKV_AWS_2,CKV_GCP_6 --output cli --output sarif');
    const dev = runStep(step, { CHECKS: 'CKV_AWS_2', STACK: 'dev-aws-us-east-1', CHECKOV_VERSION: '3.3.30' }, fakes);
    expect(dev.calls).toContain('--soft-fail');
  });

  it('the id list step fails when the CLI fails or lists no Checkov id', () => {
    const step = stepNamed(validate.jobs.synth, 'Checkov ids of the error rules');
    expect(step.shell).toBe('bash');
    expect(step.run).toContain('set -euo pipefail');
    const failing = runStep(step, {}, { npx: 'exit 3' });
    expect(failing.status).not.toBe(0);
    expect(failing.output).toBe('');
    const empty = runStep(step, {}, { npx: 'echo \'[{"id":"MF_K8S_1","aliases":[],"severity":"error"}]\'' });
    expect(empty.status).toBe(1);
    expect(empty.output).toBe('');
    const rules = JSON.stringify([
      { id: 'CKV_AWS_2', aliases: [], severity: 'error' },
      { id: 'AWS-0047', aliases: ['CKV_AWS_103'], severity: 'error' },
      { id: 'CKV_AWS_118', aliases: [], severity: 'warning' },
    ]);
    const ok = runStep(step, {}, { npx: `echo '${rules}'` });
    expect(ok.status).toBe(0);
    expect(ok.output).toBe('checkov-checks=CKV_AWS_103,CKV_AWS_2\n');
  });

  it('uploads SARIF to code scanning from one job, the only one that may write security events', () => {
    const writers = Object.entries(validate.jobs).filter(([, job]) => job.permissions?.['security-events'] === 'write');
    expect(writers.map(([name]) => name)).toEqual(['code-scanning']);
    expect(stepUsing(validate.jobs['code-scanning'], 'github/codeql-action/upload-sarif')).toHaveLength(1);
    expect(validate.permissions).toEqual({ contents: 'read' });
  });
});

describe('deploy', () => {
  const { plan, apply } = deploy.jobs;

  it('waits for ci and for validate of the same commit and tier', () => {
    expect(deploy.on.workflow_run).toEqual({ workflows: ['ci'], types: ['completed'], branches: ['main'] });
    expect(deploy.jobs.validate.uses).toBe('./.github/workflows/validate.yml');
    expect(deploy.jobs.validate.with).toEqual({ ref: '${{ needs.setup.outputs.ref }}', tier: '${{ needs.setup.outputs.tier }}' });
    expect(needsOf(plan)).toEqual(['setup', 'validate']);
    expect(needsOf(apply)).toEqual(['setup', 'plan']);
  });

  it('plans once per stack, writes the summary and uploads the plans with their stack folders', () => {
    expect(plan.environment).toBe('${{ needs.setup.outputs.tier }}-plan');
    expect(stepNamed(plan, 'terraform plan, one saved plan per stack').run).toContain('node .github/scripts/plans.cjs plan "$OUT" "$GLOB"');
    const pack = stepNamed(plan, 'Pack and encrypt the plans');
    expect(pack.run).toContain('--exclude=.terraform');
    const [upload] = stepUsing(plan, 'actions/upload-artifact');
    expect(upload.with).toMatchObject({ name: 'plans', path: '${{ runner.temp }}/plans/plans.tar.gz.enc', 'if-no-files-found': 'error' });
    expect(steps(plan).some((s) => /terraform apply|cdktf deploy/.test(s.run ?? ''))).toBe(false);
  });

  it('applies exactly the downloaded plans, serially, behind the tier environment', () => {
    expect(apply.environment).toBe('${{ needs.setup.outputs.tier }}');
    expect(apply.strategy).toBeUndefined();
    const [download] = stepUsing(apply, 'actions/download-artifact');
    expect(download.with!.name).toBe(stepUsing(plan, 'actions/upload-artifact')[0].with!.name);
    const runs = steps(apply)
      .map((s) => s.run ?? '')
      .join('\n');
    expect(runs).toContain('node .github/scripts/plans.cjs apply "$OUT"');
    expect(runs).not.toMatch(/terraform (plan|apply)|cdktf deploy/);
    for (const wf of files) expect(text(wf)).not.toContain('cdktf deploy');
  });

  it('staging and production deploy only from main, checked in setup and again in apply', () => {
    const setup = stepNamed(deploy.jobs.setup, 'Resolve the tier, commit and stacks');
    const env = { CONFIG: 'infra.yaml', REF: 'abc', STACKS: '' };
    const fromBranch = runStep(setup, { ...env, TIER: 'production', GITHUB_REF: 'refs/heads/feature' });
    expect(fromBranch.status).toBe(1);
    expect(fromBranch.stdout).toContain('production deploys only from main');
    const fromMain = runStep(setup, { ...env, TIER: 'production', GITHUB_REF: 'refs/heads/main' });
    expect(fromMain.status).toBe(0);
    expect(fromMain.output).toBe('tier=production\nref=abc\nglob=production-*\n');
    expect(runStep(setup, { ...env, TIER: 'dev', GITHUB_REF: 'refs/heads/feature' }).status).toBe(0);
    expect(runStep(setup, { ...env, TIER: 'dev', STACKS: 'production-*', GITHUB_REF: 'refs/heads/main' }).status).toBe(1);
    expect(runStep(setup, { ...env, CONFIG: '', TIER: 'dev', GITHUB_REF: 'refs/heads/main' }).status).toBe(1);
    const guard = stepNamed(apply, 'Staging and production deploy only from main');
    expect(runStep(guard, { TIER: 'production', GITHUB_REF: 'refs/heads/feature' }).status).toBe(1);
    expect(runStep(guard, { TIER: 'production', GITHUB_REF: 'refs/heads/main' }).status).toBe(0);
  });

  it('AWS sessions last as long as the job may run', () => {
    const withAws = Object.values(deploy.jobs).filter((job) => stepUsing(job, 'aws-actions/configure-aws-credentials').length > 0);
    expect(withAws).toEqual([plan, apply]);
    for (const job of withAws) {
      const [step] = stepUsing(job, 'aws-actions/configure-aws-credentials');
      expect(Number(step.with!['role-duration-seconds'])).toBeGreaterThanOrEqual(job['timeout-minutes']! * 60);
    }
  });

  it('logs in to HCP Terraform with TF_TOKEN_<host> for every host the stacks use', () => {
    for (const job of [plan, apply]) {
      const step = stepNamed(job, 'HCP Terraform token');
      const out = runStep(step, { HOSTS: 'app.terraform.io tfe.example-corp.com', TOKEN: 't0ken', TIER: 'staging' });
      expect(out.status).toBe(0);
      expect(out.env).toBe('TF_TOKEN_app_terraform_io=t0ken\nTF_TOKEN_tfe_example__corp_com=t0ken\n');
      const missing = runStep(step, { HOSTS: 'app.terraform.io', TOKEN: '', TIER: 'staging' });
      expect(missing.status).toBe(1);
      expect(missing.env).toBe('');
    }
  });

  it('gives plan and apply gcloud with the GKE auth plugin after the Google login, so GKE stacks log in as the running job', () => {
    for (const job of [plan, apply]) {
      const [auth] = stepUsing(job, 'google-github-actions/auth');
      const [gcloud] = stepUsing(job, 'google-github-actions/setup-gcloud');
      expect(gcloud!.with).toEqual({ install_components: 'gke-gcloud-auth-plugin' });
      expect(gcloud!.if).toBe(auth!.if);
      expect(steps(job).indexOf(gcloud!)).toBe(steps(job).indexOf(auth!) + 1);
    }
  });

  it('has no live step for clouds without a target', () => {
    expect(text('deploy.yml')).not.toMatch(/azure\/login|digitalocean/i);
  });
});

describe('release', () => {
  it('runs the suite without write or OIDC permissions, only on main', () => {
    expect(release.permissions).toEqual({});
    expect(release.jobs.test.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(release.jobs)) expect(job.if).toContain("github.ref == 'refs/heads/main'");
    expect(release.concurrency).toEqual({ group: 'release', 'cancel-in-progress': false });
  });

  it('writes the changelog with the tested script and publishes a tag from a job of its own', () => {
    expect(stepNamed(release.jobs.version, 'Version, changelog, commit, tag, push and GitHub release').run).toContain(
      'node .github/scripts/changelog.cjs "$version"',
    );
    expect(release.on.workflow_dispatch.inputs.tag.default).toBe('');
    const publish = release.jobs.publish;
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(publish.if).toContain("inputs.tag != ''");
    expect(stepUsing(publish, 'actions/checkout')[0].with!.ref).toBe('refs/tags/${{ env.TAG }}');
    expect(release.jobs.version.permissions).toEqual({ contents: 'write' });
  });
});
