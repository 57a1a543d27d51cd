// `npx cdktf synth` (root cdktf.json) runs the same compiled app as `npm run synth`.
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

describe('npx cdktf synth', () => {
  it('writes the same stacks and manifest as npm run synth', () => {
    const viaCli = join(mkdtempSync(join(tmpdir(), 'mf-cdktf-')), 'out');
    execFileSync(join(root, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', viaCli], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' },
      stdio: 'pipe',
    });
    const direct = join(mkdtempSync(join(tmpdir(), 'mf-direct-')), 'cdktf.out');
    synthesize({ outdir: direct });
    const cliFiles = files(viaCli);
    expect(Object.keys(cliFiles).filter((f) => f.endsWith('cdk.tf.json')).length).toBeGreaterThan(10);
    for (const [file, content] of Object.entries(files(direct))) expect({ file, content }).toEqual({ file, content: cliFiles[file] });
  });
});
