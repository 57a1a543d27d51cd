import { runSynthCli } from '@mockforge-infra/composition';

// The production tier, for `cdktf synth` / `cdktf deploy` run in this folder.
process.exitCode = runSynthCli(['--tier', 'production', ...process.argv.slice(2)]);
