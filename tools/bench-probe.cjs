// Preloaded by tools/bench.mjs: reports the process's peak RSS when it exits and, when asked,
// the provider modules it loaded (the floor loads exactly those).
process.on('exit', () => {
  const report = { peakMiB: process.resourceUsage().maxRSS / 1024 };
  if (process.env.MF_BENCH_LIST_MODULES) {
    const pattern = /node_modules\/(@cdktf\/provider-[a-z0-9-]+\/lib\/[^/]+)\/index\.js$/;
    report.providerModules = [
      ...new Set(
        Object.keys(require.cache)
          .map((f) => pattern.exec(f)?.[1])
          .filter(Boolean),
      ),
    ].sort();
  }
  process.stderr.write(`\n__bench__ ${JSON.stringify(report)}\n`);
});
