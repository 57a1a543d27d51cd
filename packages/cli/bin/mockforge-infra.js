#!/usr/bin/env node
// In the workspace the package may not be built yet: build once, then run the compiled CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const entry = join(__dirname, '..', 'dist', 'main.js');
const workspaceBuild = join(__dirname, '..', '..', '..', 'tools', 'build.mjs');
if (!existsSync(entry) && existsSync(workspaceBuild)) {
  spawnSync(process.execPath, [workspaceBuild], { stdio: 'inherit', env: { ...process.env, CI_QUIET: '1' } });
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
