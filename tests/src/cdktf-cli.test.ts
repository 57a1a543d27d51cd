// `npm run cdk -- synth` (root cdktf.json, through whichever CDK CLI this Node.js runs) writes what `npm run synth` writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { synthesize } from '@mockforge-infra/composition';

const root = join(__dirname, '..', '..');

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) =>
    readdirSync(d)
      .sort()
      .forEach((entry) => {
        const full = join(d, entry);
        if (statSync(full).isDirectory()) walk(full);
        else out[relative(dir, full)] = readFileSync(full, 'utf8');
      });
  walk(dir);
  return out;
}

/** Every cdktf.json the CLIs read, with its bytes. */
function cdktfConfigs(): Record<string, string> {
  const paths = ['cdktf.json', ...readdirSync(join(root, 'apps')).map((app) => join('apps', app, 'cdktf.json'))];
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(root, p), 'utf8')]));
}

describe('the deploy-path CLI (npm run cdk)', () => {
  it('picks cdktn-cli from Node.js 22.19 on and cdktf-cli before it', () => {
    const picks = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { cliFor } from ${JSON.stringify(join(root, 'tools', 'cdk.mjs'))};` +
          `console.log(['v20.19.0', 'v22.18.0', 'v22.19.0', 'v24.22.3'].map(cliFor).join(' '));`,
      ],
      { encoding: 'utf8' },
    );
    expect(picks.trim()).toBe('cdktf cdktf cdktn cdktn');
  });

  it('writes the same stacks and manifest as npm run synth, and leaves every cdktf.json as committed', () => {
    const before = cdktfConfigs();
    const viaCli = join(mkdtempSync(join(tmpdir(), 'mf-cdktf-')), 'out');
    // Outside CI the CLIs add a projectId to a cdktf.json that lacks one; the committed files carry theirs.
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
    delete env.CI;
    execFileSync(process.execPath, [join(root, 'tools', 'cdk.mjs'), 'synth', '--output', viaCli], { cwd: root, env, stdio: 'pipe' });
    const direct = join(mkdtempSync(join(tmpdir(), 'mf-direct-')), 'cdktf.out');
    synthesize({ outdir: direct });
    const cliFiles = files(viaCli);
    const directFiles = files(direct);
    expect(Object.keys(cliFiles).sort()).toEqual(Object.keys(directFiles).sort());
    for (const [file, content] of Object.entries(directFiles)) expect({ file, content }).toEqual({ file, content: cliFiles[file] });
    expect(cdktfConfigs()).toEqual(before);
    for (const config of Object.values(before)) expect(JSON.parse(config).projectId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
