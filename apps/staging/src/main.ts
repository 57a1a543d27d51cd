import { runSynthCli } from '@mockforge-infra/composition';

// The staging tier, for `cdktf synth` / `cdktf deploy` run in this folder.
process.exitCode = runSynthCli(['--tier', 'staging', ...process.argv.slice(2)]);
