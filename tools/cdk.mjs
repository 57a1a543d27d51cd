#!/usr/bin/env node
// Runs the Terraform CDK CLI that works on this Node.js, with the arguments given:
// `npm run cdk -- deploy 'staging-*'` from the root, or from an app folder.
// cdktf-cli 0.21 (archived) loads a native terminal module built only up to Node 22, so it cannot
// start on Node 24; CDK Terrain's cdktn-cli 0.24 has no native module but needs Node 22.19 or later.
// Both read the same cdktf.json and write the same cdktf.out.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CDKTN_MIN_NODE = [22, 19];

/** `cdktn` where the running Node.js supports it, else `cdktf`. */
export function cliFor(nodeVersion) {
  const [major, minor] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const [minMajor, minMinor] = CDKTN_MIN_NODE;
  return major > minMajor || (major === minMajor && minor >= minMinor) ? 'cdktn' : 'cdktf';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const cli = cliFor(process.version);
  const result = spawnSync(join(root, 'node_modules', '.bin', cli), process.argv.slice(2), { stdio: 'inherit' });
  if (result.error) {
    console.error(`could not start ${cli}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
