import { runSynthCli } from '@mockforge-infra/composition';

// The dev tier, for `cdktf synth` / `cdktf deploy` run in this folder.
process.exitCode = runSynthCli(['--tier', 'dev', ...process.argv.slice(2)]);
