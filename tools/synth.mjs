// Synthesizes every tier (or the subset given by --tier/--cloud) from compiled JavaScript.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runSynthCli } = require('@mockforge-infra/composition');

process.exitCode = runSynthCli(process.argv.slice(2));
