// Measures synthesis on this machine: median, min and max wall time and peak RSS over several runs.
//   npm run bench [-- --runs 5]
// Rows: the floor (node loading cdktf plus exactly the provider modules the stacks use), a full
// uncached synthesis of every tier and target, each tier alone, and the same stacks through
// `npx cdktf synth`. Prints a table, then one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const probe = join(root, 'tools', 'bench-probe.cjs');

/** The provider modules a full synthesis actually loads, reported by the probe. */
function providerModules() {
  const result = spawnSync('node', ['tools/synth.mjs', '--outdir', join(mkdtempSync(join(tmpdir(), 'mf-bench-')), 'out')], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, MF_BENCH_LIST_MODULES: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  return JSON.parse(/__bench__ (\{.*\})/.exec(result.stderr)[1]).providerModules;
}

function measure(label, command, args, env = {}) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const outdir = mkdtempSync(join(tmpdir(), 'mf-bench-'));
    const start = process.hrtime.bigint();
    const result = spawnSync(
      command,
      args.map((a) => a.replace('{outdir}', join(outdir, 'cdktf.out'))),
      {
        cwd: root,
        env: { ...process.env, ...env, NODE_OPTIONS: `--require ${probe}` },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rmSync(outdir, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
    // The last report is the outermost process (children of npx report first).
    const reports = [...result.stderr.matchAll(/__bench__ (\{.*\})/g)].map((m) => JSON.parse(m[1]));
    samples.push({ seconds, peakMiB: Math.max(...reports.map((r) => r.peakMiB)) });
  }
  const stat = (key) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    return { median: values[Math.floor(values.length / 2)], min: values[0], max: values[values.length - 1] };
  };
  return { label, runs, seconds: stat('seconds'), peakMiB: stat('peakMiB') };
}

spawnSync('node', ['tools/build.mjs'], { cwd: root, stdio: 'inherit', env: { ...process.env, CI_QUIET: '1' } });
const modules = providerModules();
const loadFloor = `require('cdktf'); for (const m of ${JSON.stringify(modules)}) require(m);`;
const rows = [
  measure(`floor: cdktf + ${modules.length} provider modules`, 'node', ['-e', loadFloor]),
  measure('full synth (all tiers, all targets)', 'node', ['tools/synth.mjs', '--outdir', '{outdir}']),
  ...['dev', 'staging', 'production'].map((tier) =>
    measure(`synth --tier ${tier}`, 'node', ['tools/synth.mjs', '--tier', tier, '--outdir', '{outdir}']),
  ),
  measure('npx cdktf synth (all tiers)', 'npx', ['cdktf', 'synth', '--output', '{outdir}'], {
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
  }),
];

const fmt = (s, unit, digits) => `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const floor = rows[0].seconds.median;
console.log(`machine: ${machine}; ${runs} runs each; median (min-max)\n`);
const width = Math.max(...rows.map((r) => r.label.length));
console.log(`${'measurement'.padEnd(width)}  ${'wall time'.padEnd(24)}  peak RSS`);
for (const row of rows) console.log(`${row.label.padEnd(width)}  ${fmt(row.seconds, ' s', 2).padEnd(24)}  ${fmt(row.peakMiB, ' MiB', 0)}`);
const full = rows[1];
console.log(
  `\nfull synth / floor: ${(full.seconds.median / floor).toFixed(2)}x (budget 2.5x); full synth peak RSS ${full.peakMiB.max.toFixed(0)} MiB (budget 400 MiB)`,
);
console.log(JSON.stringify({ machine, runs, fullToFloorRatio: Number((full.seconds.median / floor).toFixed(3)), rows }));
