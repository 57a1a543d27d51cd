// The Nx project graph keeps CI fast: a change to one cloud package must not rebuild another.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function affectedBy(file: string): string[] {
  const out = execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'nx', 'bin', 'nx.js'), 'show', 'projects', '--affected', `--files=${file}`, '--json'],
    {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as string[]).sort();
}

describe('nx affected', () => {
  it('a change to packages/gcp affects gcp and what composes it, never another cloud package', () => {
    expect(affectedBy('packages/gcp/src/index.ts')).toEqual(['app-dev', 'app-production', 'app-staging', 'cli', 'composition', 'gcp']);
  });

  it('a change to core affects every project', () => {
    expect(affectedBy('packages/core/src/index.ts')).toEqual([
      'app-dev',
      'app-production',
      'app-staging',
      'aws',
      'azure',
      'cli',
      'composition',
      'core',
      'digitalocean',
      'gcp',
      'kubernetes',
    ]);
  });

  it('a change to one app affects only that app', () => {
    expect(affectedBy('apps/staging/src/main.ts')).toEqual(['app-staging']);
  });
});
