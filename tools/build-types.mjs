// Emits .d.ts files into each publishable package's dist, in dependency order, so the packed
// packages carry their types. Each package resolves its siblings through their built dist.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PUBLISHED_IN_ORDER = ['core', 'kubernetes', 'aws', 'gcp', 'azure', 'digitalocean', 'composition', 'cli'];

for (const name of PUBLISHED_IN_ORDER) {
  const config = join(root, 'packages', name, 'tsconfig.build.json');
  if (!existsSync(config)) continue;
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { stdio: 'inherit' });
}
