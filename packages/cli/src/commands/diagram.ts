import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseFlags, UsageError } from '@mockforge-infra/composition';
import { CLOUD_NAMES, TIER_NAMES, type CloudName, type TierName } from '@mockforge-infra/core';
import { instance } from '@viz-js/viz';
import { toDot, toMermaid, topologyGraph } from '../diagram/graph';
import type { Io } from '../io';
import { synthesizeScratch } from '../synthesized-tiers';

export const diagramHelp =
  'diagram [--tier t] [--cloud c] [--format svg|mermaid] [--output file] [--config f]\n                                 the topology of a tier (default production) as a picture';

export async function diagram(args: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(args, {
    '--tier': { kind: 'oneOf', allowed: TIER_NAMES },
    '--cloud': { kind: 'listOf', allowed: CLOUD_NAMES },
    '--format': { kind: 'oneOf', allowed: ['svg', 'mermaid'] },
    '--output': { kind: 'string', describe: 'a file to write' },
    '--config': { kind: 'string', describe: 'a YAML file' },
  });
  if (flags.output) checkWritable(flags.output as string);
  const tier = (flags.tier as TierName | undefined) ?? 'production';
  const { stacks } = synthesizeScratch(io, {
    tiers: [tier],
    clouds: flags.cloud as CloudName[] | undefined,
    configPath: flags.config as string | undefined,
  });
  const graph = topologyGraph(stacks);
  // Graphviz compiled to WebAssembly lays out and renders the SVG.
  const text = flags.format === 'svg' ? (await instance()).renderString(toDot(graph), { format: 'svg', engine: 'dot' }) : toMermaid(graph);
  if (flags.output) {
    writeFileSync(flags.output as string, text);
    io.err(`wrote ${flags.output as string}: ${graph.nodes.length} parts, ${graph.edges.length} connections`);
  } else {
    io.out(text);
  }
  return 0;
}

/** Checked before synthesizing, so a typo in the path does not cost a synthesis and a stack trace. */
function checkWritable(output: string): void {
  const file = resolve(output);
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--output ${output}: no folder ${folder}`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--output ${output}: is a folder; give a file name`);
}
