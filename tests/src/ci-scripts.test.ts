// The scripts behind the workflows (.github/scripts): stack order, plan files, the Checkov id list,
// SARIF categories, changelogs and commit subjects. Terraform is a stand-in that records its calls.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const scripts = join(root, '.github', 'scripts');
const load = createRequire(__filename);

interface Manifest {
  stacks: Record<string, { dependencies: string[] }>;
}
interface PlanEntry {
  stack: string;
  status: 'changes' | 'no-changes' | 'deferred';
  plan: string | null;
  sha256: string | null;
  add: number;
  change: number;
  destroy: number;
  replace: number;
  outputs: string[];
  waitingFor: string[];
}
const { stackOrder } = load(join(scripts, 'stack-order.cjs')) as {
  stackOrder: (manifest: Manifest, glob?: string) => { order: string[]; external: string[] };
};
const plans = load(join(scripts, 'plans.cjs')) as {
  summarizePlan: (show: unknown) => Record<string, unknown>;
  tokenEnvName: (host: string) => string;
  planMarkdown: (index: unknown, outdir?: string) => string;
};
const { checkovChecks } = load(join(scripts, 'checkov-checks.cjs')) as { checkovChecks: (rules: unknown) => string[] };
const { categorize } = load(join(scripts, 'sarif-category.cjs')) as { categorize: (sarif: any, stack: string) => any };
const changelog = load(join(scripts, 'changelog.cjs')) as {
  renderEntry: (o: { version: string; date: string; subjects: string[]; notes?: string }) => string;
  insertEntry: (text: string, entry: string) => string;
};
const { checkSubjects } = load(join(scripts, 'commit-subjects.cjs')) as { checkSubjects: (s: string[]) => string[] };

const manifest = (deps: Record<string, string[]>): Manifest => ({
  stacks: Object.fromEntries(Object.entries(deps).map(([name, dependencies]) => [name, { dependencies }])),
});

// The production tier of an EKS + GKE configuration, as cdktf writes its manifest.
const hybrid = manifest({
  'production-aws-eu-west-1': ['production-aws-us-east-1'],
  'production-aws-eu-west-1-workload': ['production-aws-eu-west-1'],
  'production-aws-global': [
    'production-aws-us-east-1',
    'production-aws-us-east-1-workload',
    'production-aws-eu-west-1',
    'production-aws-eu-west-1-workload',
  ],
  'production-aws-us-east-1': [],
  'production-aws-us-east-1-workload': ['production-aws-us-east-1'],
  'production-gcp-europe-west1': ['production-gcp-us-central1'],
  'production-gcp-europe-west1-workload': ['production-gcp-europe-west1'],
  // The GKE workload stacks' Services create the NEGs the global load balancer reads by name.
  'production-gcp-global': ['production-gcp-europe-west1-workload', 'production-gcp-us-central1-workload'],
  'production-gcp-us-central1': [],
  'production-gcp-us-central1-workload': ['production-gcp-us-central1'],
});

describe('stack order', () => {
  it('regional stacks, then workloads, then the global stacks that read their load balancers', () => {
    expect(stackOrder(hybrid).order).toEqual([
      'production-aws-us-east-1',
      'production-aws-eu-west-1',
      'production-gcp-us-central1',
      'production-gcp-europe-west1',
      'production-aws-eu-west-1-workload',
      'production-aws-us-east-1-workload',
      'production-gcp-europe-west1-workload',
      'production-gcp-us-central1-workload',
      'production-aws-global',
      'production-gcp-global',
    ]);
  });

  it('a global stack with no declared dependency still comes after the workloads', () => {
    const { order } = stackOrder({ stacks: { ...hybrid.stacks, 'production-gcp-global': { dependencies: [] } } }, 'production-gcp-*');
    expect(order.indexOf('production-gcp-global')).toBe(order.length - 1);
  });

  it('the GCP global stack comes after the GKE workload stacks whose NEGs it reads, even selected alone', () => {
    const { order } = stackOrder(hybrid, 'production-gcp-*');
    expect(order.slice(-3)).toEqual([
      'production-gcp-europe-west1-workload',
      'production-gcp-us-central1-workload',
      'production-gcp-global',
    ]);
    expect(stackOrder(hybrid, 'production-gcp-global').external).toEqual([
      'production-gcp-europe-west1-workload',
      'production-gcp-us-central1-workload',
    ]);
  });

  it('a glob selects stacks; dependencies outside it are reported as already applied', () => {
    expect(stackOrder(hybrid, 'production-aws-global')).toEqual({
      order: ['production-aws-global'],
      external: [
        'production-aws-eu-west-1',
        'production-aws-eu-west-1-workload',
        'production-aws-us-east-1',
        'production-aws-us-east-1-workload',
      ],
    });
  });

  it('refuses cycles, unknown dependencies and a glob that matches nothing', () => {
    expect(() => stackOrder(manifest({ a: ['b'], b: ['a'] }))).toThrow('dependency cycle among a, b');
    expect(() => stackOrder(manifest({ a: ['c'] }))).toThrow('a depends on c, which is not in the manifest');
    expect(() => stackOrder(hybrid, 'staging-*')).toThrow('no stack matches staging-*');
  });
});

describe('Checkov ids', () => {
  it('are the Checkov ids and aliases of the error rules, sorted and unique', () => {
    const rules = [
      { id: 'CKV_AWS_2', aliases: [], severity: 'error' },
      { id: 'AWS-0047', aliases: ['CKV_AWS_103'], severity: 'error' },
      { id: 'CKV2_AWS_20', aliases: ['CKV_AWS_2'], severity: 'error' },
      { id: 'CKV_AWS_118', aliases: [], severity: 'warning' },
      { id: 'MF_K8S_1', aliases: [], severity: 'error' },
    ];
    expect(checkovChecks(rules)).toEqual(['CKV2_AWS_20', 'CKV_AWS_103', 'CKV_AWS_2']);
  });

  it('an empty list is an error, never an empty --hard-fail-on', () => {
    expect(() => checkovChecks([])).toThrow('refusing an empty --hard-fail-on');
    expect(() => checkovChecks([{ id: 'CKV_AWS_118', aliases: [], severity: 'warning' }])).toThrow('refusing an empty --hard-fail-on');
    expect(() => checkovChecks({ rules: [] })).toThrow('not a JSON array');
    const cli = spawnSync(process.execPath, [join(scripts, 'checkov-checks.cjs')], { input: 'not json', encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toBe('');
  });
});

describe('SARIF categories', () => {
  it('every run gets <tool>/<stack>/', () => {
    const sarif = categorize(
      { runs: [{ tool: { driver: { name: 'Checkov' } } }, { tool: { driver: { name: 'Trivy' } } }] },
      'deployment-staging-aws-global',
    );
    expect(sarif.runs.map((r: any) => r.automationDetails.id)).toEqual([
      'checkov/deployment-staging-aws-global/',
      'trivy/deployment-staging-aws-global/',
    ]);
    expect(() => categorize({}, 'x')).toThrow('not a SARIF log');
  });
});

describe('plan files', () => {
  let dir: string;
  let out: string;
  let log: string;
  let terraform: string;

  // A terraform stand-in: `plan -out` writes a plan file, `show -json` prints the stack's show.json,
  // and a `fail-<command>` file in a stack folder makes that command fail there.
  const fakeTerraform = `#!/usr/bin/env node
const fs = require('node:fs'), path = require('node:path');
const args = process.argv.slice(2), stack = path.basename(process.cwd());
if (args[0] === 'version') { console.log(JSON.stringify({ terraform_version: process.env.FAKE_TF_VERSION || '1.10.5' })); process.exit(0); }
fs.appendFileSync(process.env.FAKE_TF_LOG, stack + ' ' + args.join(' ') + '\\n');
if (fs.existsSync('fail-' + args[0])) process.exit(1);
if (args[0] === 'plan') fs.writeFileSync('tfplan', 'plan of ' + stack);
if (args[0] === 'show' && args[1] === '-json') process.stdout.write(fs.existsSync('show.json') ? fs.readFileSync('show.json', 'utf8') : '{}');
if (args[0] === 'show' && args[1] === '-no-color') process.stdout.write('text plan of ' + stack + '\\n');
`;

  const create = { change: { actions: ['create'] } };
  const show = (resources: unknown[], outputs: Record<string, string[]> = {}) => ({
    resource_changes: resources,
    output_changes: Object.fromEntries(Object.entries(outputs).map(([name, actions]) => [name, { actions }])),
  });

  function stackFolder(stack: string, showJson: unknown, terraformBlock: unknown = { backend: { s3: { bucket: 'b' } } }) {
    mkdirSync(join(out, 'stacks', stack), { recursive: true });
    writeFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ terraform: terraformBlock }));
    writeFileSync(join(out, 'stacks', stack, 'show.json'), JSON.stringify(showJson));
  }

  function cli(args: string[], env: Record<string, string> = {}) {
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output');
    rmSync(summary, { force: true });
    rmSync(output, { force: true });
    const result = spawnSync(process.execPath, [join(scripts, 'plans.cjs'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, TERRAFORM: terraform, FAKE_TF_LOG: log, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, ...env },
    });
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, summary: read(summary), output: read(output) };
  }

  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  const index = () => JSON.parse(readFileSync(join(out, 'plans.json'), 'utf8')) as { terraformVersion: string; stacks: PlanEntry[] };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plans-'));
    out = join(dir, 'out');
    log = join(dir, 'terraform.log');
    terraform = join(dir, 'terraform');
    writeFileSync(terraform, fakeTerraform);
    chmodSync(terraform, 0o755);
    mkdirSync(out);
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify(
        manifest({
          'staging-aws-us-east-1': [],
          'staging-aws-us-east-1-workload': ['staging-aws-us-east-1'],
          'staging-aws-global': ['staging-aws-us-east-1', 'staging-aws-us-east-1-workload'],
          'dev-aws-us-east-1': [],
        }),
      ),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('plans in dependency order and defers a stack whose upstream outputs change', () => {
    stackFolder('staging-aws-us-east-1', show([create, create], { cluster_endpoint: ['create'] }));
    stackFolder('staging-aws-us-east-1-workload', show([create]));
    stackFolder('staging-aws-global', show([create]));
    const result = cli(['plan', out, 'staging-*']);
    expect(result.status).toBe(0);
    expect(calls()).toEqual([
      'staging-aws-us-east-1 init -input=false -no-color',
      'staging-aws-us-east-1 plan -input=false -no-color -lock-timeout=10m -out=tfplan',
      'staging-aws-us-east-1 show -json tfplan',
      'staging-aws-us-east-1 show -no-color tfplan',
    ]);
    const plan = join(out, 'stacks', 'staging-aws-us-east-1', 'tfplan');
    expect(index()).toEqual({
      terraformVersion: '1.10.5',
      glob: 'staging-*',
      external: [],
      stacks: [
        {
          stack: 'staging-aws-us-east-1',
          status: 'changes',
          plan: 'stacks/staging-aws-us-east-1/tfplan',
          sha256: createHash('sha256').update(readFileSync(plan)).digest('hex'),
          add: 2,
          change: 0,
          destroy: 0,
          replace: 0,
          outputs: ['cluster_endpoint'],
          waitingFor: [],
        },
        expect.objectContaining({
          stack: 'staging-aws-us-east-1-workload',
          status: 'deferred',
          plan: null,
          waitingFor: ['staging-aws-us-east-1'],
        }),
        expect.objectContaining({
          stack: 'staging-aws-global',
          status: 'deferred',
          plan: null,
          waitingFor: ['staging-aws-us-east-1', 'staging-aws-us-east-1-workload'],
        }),
      ],
    });
    expect(result.output).toBe('changes=true\n');
    expect(result.summary).toContain('| staging-aws-us-east-1 | changes | 2 | 0 | 0 | 0 | cluster_endpoint |');
    expect(result.summary).toContain(
      '| staging-aws-global | waits for staging-aws-us-east-1, staging-aws-us-east-1-workload | 0 | 0 | 0 | 0 |  |',
    );
    expect(result.summary).toContain('<details><summary>staging-aws-us-east-1</summary>');
    expect(result.summary).toContain('text plan of staging-aws-us-east-1');
  });

  it('plans every stack when no upstream output changes, and reports stacks without changes', () => {
    stackFolder('staging-aws-us-east-1', show([{ change: { actions: ['update'] } }], { endpoint: ['no-op'] }));
    stackFolder('staging-aws-us-east-1-workload', show([{ change: { actions: ['no-op'] } }]));
    stackFolder('staging-aws-global', show([{ change: { actions: ['delete', 'create'] } }]));
    expect(cli(['plan', out, 'staging-*']).status).toBe(0);
    expect(index().stacks.map((e) => [e.stack, e.status, e.change, e.replace])).toEqual([
      ['staging-aws-us-east-1', 'changes', 1, 0],
      ['staging-aws-us-east-1-workload', 'no-changes', 0, 0],
      ['staging-aws-global', 'changes', 0, 1],
    ]);
  });

  it('applies the saved plans with changes, one at a time, in the planned order', () => {
    stackFolder('staging-aws-us-east-1', show([{ change: { actions: ['update'] } }]));
    stackFolder('staging-aws-us-east-1-workload', show([]));
    stackFolder('staging-aws-global', show([create]));
    cli(['plan', out, 'staging-*']);
    rmSync(log);
    const result = cli(['apply', out]);
    expect(result.status).toBe(0);
    expect(calls()).toEqual([
      'staging-aws-us-east-1 init -input=false -no-color -lockfile=readonly',
      'staging-aws-us-east-1 apply -input=false -no-color -lock-timeout=10m tfplan',
      'staging-aws-global init -input=false -no-color -lockfile=readonly',
      'staging-aws-global apply -input=false -no-color -lock-timeout=10m tfplan',
    ]);
    expect(result.summary).toContain('| staging-aws-us-east-1-workload | no-changes |');
  });

  it('stops at the first failed apply and leaves the later stacks alone', () => {
    stackFolder('staging-aws-us-east-1', show([{ change: { actions: ['update'] } }]));
    stackFolder('staging-aws-us-east-1-workload', show([{ change: { actions: ['update'] } }]));
    stackFolder('staging-aws-global', show([create]));
    cli(['plan', out, 'staging-*']);
    rmSync(log);
    writeFileSync(join(out, 'stacks', 'staging-aws-us-east-1-workload', 'fail-apply'), '');
    const result = cli(['apply', out]);
    expect(result.status).toBe(1);
    expect(calls().filter((c) => c.includes(' apply '))).toEqual([
      'staging-aws-us-east-1 apply -input=false -no-color -lock-timeout=10m tfplan',
      'staging-aws-us-east-1-workload apply -input=false -no-color -lock-timeout=10m tfplan',
    ]);
    expect(result.summary).toContain('| staging-aws-global | not-applied |');
    expect(result.stderr).toContain('the stacks after it were not applied');
  });

  it('refuses a plan file that is not the one planned, or another terraform version, before applying anything', () => {
    stackFolder('staging-aws-us-east-1', show([create]));
    stackFolder('staging-aws-us-east-1-workload', show([create]));
    stackFolder('staging-aws-global', show([create]));
    cli(['plan', out, 'staging-aws-us-east-1*']);
    rmSync(log);
    expect(cli(['apply', out], { FAKE_TF_VERSION: '1.11.0' }).stderr).toContain(
      'the plans were written by terraform 1.10.5; this is 1.11.0',
    );
    writeFileSync(join(out, 'stacks', 'staging-aws-us-east-1-workload', 'tfplan'), 'another plan');
    const result = cli(['apply', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the plan of staging-aws-us-east-1-workload is not the one that was planned');
    expect(calls()).toEqual([]);
    rmSync(join(out, 'plans.json'));
    expect(cli(['apply', out]).stderr).toContain('plans.json is missing');
  });

  it('check lists the stacks in order, refuses local state and names the HCP Terraform hosts', () => {
    stackFolder('staging-aws-us-east-1', {}, { cloud: { organization: 'acme', workspaces: { name: 'w' } } });
    stackFolder('staging-aws-us-east-1-workload', {}, { backend: { remote: { hostname: 'tfe.example.com', organization: 'acme' } } });
    stackFolder('staging-aws-global', {});
    stackFolder('dev-aws-us-east-1', {}, {});
    const ok = cli(['check', out, 'staging-*']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('staging-aws-us-east-1\nstaging-aws-us-east-1-workload\nstaging-aws-global\n');
    expect(ok.output).toBe('kubernetes=false\nhcp-hosts=app.terraform.io tfe.example.com\n');
    const local = cli(['check', out, 'dev-*']);
    expect(local.status).toBe(1);
    expect(local.stderr).toContain('::error::dev-aws-us-east-1 uses local state');
  });

  it('counts replacements apart from creations and deletions', () => {
    expect(
      plans.summarizePlan(
        show(
          [create, { change: { actions: ['delete'] } }, { change: { actions: ['create', 'delete'] } }, { change: { actions: ['read'] } }],
          { a: ['no-op'], b: ['update'] },
        ),
      ),
    ).toEqual({ add: 1, change: 0, destroy: 1, replace: 1, outputs: ['b'], changes: true });
    expect(plans.summarizePlan(show([{ change: { actions: ['no-op'] } }], { a: ['no-op'] }))).toEqual({
      add: 0,
      change: 0,
      destroy: 0,
      replace: 0,
      outputs: [],
      changes: false,
    });
  });

  it('names the token variable terraform reads for a host', () => {
    expect(plans.tokenEnvName('app.terraform.io')).toBe('TF_TOKEN_app_terraform_io');
    expect(plans.tokenEnvName('tfe.my-corp.example')).toBe('TF_TOKEN_tfe_my__corp_example');
    expect(() => plans.tokenEnvName('a b')).toThrow('invalid host name');
  });
});

describe('changelog', () => {
  it('groups the subjects by area, keeps the hand-written notes first and leaves out release commits', () => {
    expect(
      changelog.renderEntry({
        version: '0.2.0',
        date: '2026-01-02',
        subjects: [
          'AWS: one cache rule per tier',
          'Release 0.1.0',
          'CLI rules command; Checkov fails production',
          'AWS: private log prefix',
        ],
        notes: '- Highlights.',
      }),
    ).toBe(
      [
        '## 0.2.0 (2026-01-02)',
        '',
        '- Highlights.',
        '',
        '### AWS',
        '',
        '- one cache rule per tier',
        '- private log prefix',
        '',
        '### Other changes',
        '',
        '- CLI rules command; Checkov fails production',
        '',
      ].join('\n'),
    );
  });

  it('refuses an empty release', () => {
    expect(() => changelog.renderEntry({ version: '0.2.0', date: '2026-01-02', subjects: ['Release 0.1.0'] })).toThrow(
      'nothing to release in 0.2.0',
    );
  });

  it('moves the notes under "## Unreleased" into the new entry, above the earlier releases', () => {
    const before = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- A note.\n\n## 0.1.0 (2026-01-01)\n\n- First.\n';
    const entry = changelog.renderEntry({ version: '0.2.0', date: '2026-01-02', subjects: ['GCP: x and y'], notes: '- A note.' });
    expect(changelog.insertEntry(before, entry)).toBe(
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 (2026-01-02)\n\n- A note.\n\n### GCP\n\n- x and y\n\n## 0.1.0 (2026-01-01)\n\n- First.\n',
    );
  });

  it('writes the workspace and package changelogs from the commits since the previous tag', () => {
    const repo = mkdtempSync(join(tmpdir(), 'changelog-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      git('config', 'user.email', 'ci@example.com');
      git('config', 'user.name', 'ci');
      writeFileSync(join(repo, 'nx.json'), JSON.stringify({ release: { projects: ['core', 'aws'] } }));
      writeFileSync(join(repo, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n');
      for (const p of ['core', 'aws']) {
        mkdirSync(join(repo, 'packages', p), { recursive: true });
        writeFileSync(join(repo, 'packages', p, 'package.json'), '{}');
      }
      git('add', '.');
      git('commit', '-q', '-m', 'Core: before the release');
      git('tag', 'v0.1.0');
      writeFileSync(join(repo, 'packages', 'aws', 'a.ts'), '');
      git('add', '.');
      git('commit', '-q', '-m', 'AWS: a new file');
      const out = execFileSync(
        process.execPath,
        [join(scripts, 'changelog.cjs'), '0.2.0', '--date', '2026-01-02', '--notes-out', 'notes.md'],
        {
          cwd: repo,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      expect(out).toBe('CHANGELOG.md\npackages/core/CHANGELOG.md\npackages/aws/CHANGELOG.md\n');
      expect(readFileSync(join(repo, 'CHANGELOG.md'), 'utf8')).toBe(
        '# Changelog\n\n## Unreleased\n\n## 0.2.0 (2026-01-02)\n\n### AWS\n\n- a new file\n',
      );
      expect(readFileSync(join(repo, 'packages', 'core', 'CHANGELOG.md'), 'utf8')).toContain('No change in this package');
      expect(readFileSync(join(repo, 'packages', 'aws', 'CHANGELOG.md'), 'utf8')).toContain('### AWS\n\n- a new file\n');
      expect(readFileSync(join(repo, 'notes.md'), 'utf8')).toBe('### AWS\n\n- a new file\n');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('commit subjects', () => {
  it('accepts subjects that say what changed and rejects autosquash, WIP and one-word commits', () => {
    expect(checkSubjects(['AWS: one ECR pull-through cache rule per tier', 'Tidy: one home for the internal block', ''])).toEqual([]);
    expect(checkSubjects(['fixup! AWS: x y', 'WIP on gcp', 'AWS: update', 'update'])).toEqual([
      '"fixup! AWS: x y": autosquash commit: squash it before merging',
      '"WIP on gcp": work-in-progress commit: squash it or describe the change',
      '"AWS: update": one word does not say what changed',
      '"update": one word does not say what changed',
    ]);
  });
});
