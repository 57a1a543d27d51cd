#!/usr/bin/env node
// The order in which stacks are planned and applied, from cdktf.out/manifest.json.
// Usage: node .github/scripts/stack-order.cjs <cdktf.out> [glob]   (one stack per line)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Among stacks whose dependencies are met, regional stacks go first, then the Kubernetes workload
// on a managed cluster, then the global stack that reads their load balancers.
function rank(stack) {
  if (stack.endsWith('-global')) return 2;
  if (stack.endsWith('-workload')) return 1;
  return 0;
}

// The shell's `[[ $stack == $glob ]]` for the two wildcards stack names need.
function globToRegExp(glob) {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function readManifest(outdir) {
  const file = path.join(outdir, 'manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}`, { cause: error });
  }
  if (!manifest || typeof manifest.stacks !== 'object' || manifest.stacks === null) {
    throw new Error(`${file} has no "stacks" object`);
  }
  return manifest;
}

/**
 * Stacks matching `glob` (all when omitted) in dependency order. Dependencies outside the
 * selection are taken as already applied and returned in `external`.
 * @returns {{ order: string[], external: string[] }}
 */
function stackOrder(manifest, glob) {
  const stacks = manifest.stacks;
  const names = Object.keys(stacks).sort();
  for (const name of names) {
    for (const dep of stacks[name].dependencies ?? []) {
      if (!(dep in stacks)) throw new Error(`${name} depends on ${dep}, which is not in the manifest`);
    }
  }
  const pattern = glob ? globToRegExp(glob) : null;
  const selected = new Set(names.filter((name) => !pattern || pattern.test(name)));
  if (selected.size === 0) throw new Error(`no stack matches ${glob}`);

  const external = new Set();
  const waiting = new Map();
  for (const name of selected) {
    const deps = (stacks[name].dependencies ?? []).filter((dep) => {
      if (selected.has(dep)) return true;
      external.add(dep);
      return false;
    });
    waiting.set(name, new Set(deps));
  }

  const order = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, deps]) => deps.size === 0).map(([name]) => name);
    if (ready.length === 0) throw new Error(`dependency cycle among ${[...waiting.keys()].join(', ')}`);
    ready.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const next = ready[0];
    order.push(next);
    waiting.delete(next);
    for (const deps of waiting.values()) deps.delete(next);
  }
  return { order, external: [...external].sort() };
}

module.exports = { stackOrder, readManifest, globToRegExp };

if (require.main === module) {
  const [outdir, glob] = process.argv.slice(2);
  if (!outdir) {
    console.error('usage: stack-order.cjs <cdktf.out> [glob]');
    process.exit(2);
  }
  try {
    const { order, external } = stackOrder(readManifest(outdir), glob);
    for (const dep of external) console.error(`note: ${dep} is outside the selection and must already be applied`);
    process.stdout.write(order.map((name) => `${name}\n`).join(''));
  } catch (error) {
    console.error(`::error::${error.message}`);
    process.exit(1);
  }
}
