// Transpile-only build: every project's src/**/*.ts becomes dist/**/*.js.
// Type checking is a separate step (`npm run typecheck`), so this stays ~1 s.
import { transformFileSync } from '@swc/core';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const swcOptions = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: false,
  swcrc: false,
};

/** TypeScript sources to transpile and JSON data files to copy; tests stay behind. */
function* sourceFiles(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if ((entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) || entry.endsWith('.json')) yield full;
  }
}

export function buildProject(projectDir) {
  const src = join(projectDir, 'src');
  const dist = join(projectDir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  let count = 0;
  for (const file of sourceFiles(src)) {
    const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.json')) copyFileSync(file, out);
    else writeFileSync(out, transformFileSync(file, swcOptions).code);
    count += 1;
  }
  return count;
}

function projects() {
  const dirs = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const dir = join(root, group, name);
      try {
        if (statSync(join(dir, 'src')).isDirectory()) dirs.push(dir);
      } catch {
        // not a project
      }
    }
  }
  return dirs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv[2];
  const selected = only ? [join(root, only)] : projects();
  let files = 0;
  for (const dir of selected) files += buildProject(dir);
  if (!process.env.CI_QUIET) console.log(`built ${files} files in ${selected.length} projects`);
}
