// Preloaded by tools/bench.mjs: reports the process's peak RSS when it exits.
process.on('exit', () => {
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(`\n__bench__ ${JSON.stringify({ peakMiB })}\n`);
});
