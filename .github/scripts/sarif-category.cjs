#!/usr/bin/env node
// Gives every run of a scanner's SARIF file its own code scanning category (`<tool>/<stack>/`), so
// the reports of all stacks can be uploaded together: code scanning rejects two runs of one tool
// with the same category in an upload.
//   node .github/scripts/sarif-category.cjs <file.sarif> <stack>
'use strict';
const fs = require('node:fs');

function categorize(sarif, stack) {
  if (!sarif || !Array.isArray(sarif.runs)) throw new Error('not a SARIF log (no "runs" array)');
  if (!/^[a-z0-9-]+$/.test(stack)) throw new Error(`invalid stack name ${JSON.stringify(stack)}`);
  for (const run of sarif.runs) {
    const tool = String(run.tool?.driver?.name ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (!tool) throw new Error('a run has no tool.driver.name');
    run.automationDetails = { ...(run.automationDetails ?? {}), id: `${tool}/${stack}/` };
  }
  return sarif;
}

module.exports = { categorize };

if (require.main === module) {
  const [file, stack] = process.argv.slice(2);
  if (!file || !stack) {
    console.error('usage: sarif-category.cjs <file.sarif> <stack>');
    process.exit(2);
  }
  try {
    const sarif = categorize(JSON.parse(fs.readFileSync(file, 'utf8')), stack);
    fs.writeFileSync(file, JSON.stringify(sarif));
  } catch (error) {
    console.error(`::error::${file}: ${error.message}`);
    process.exit(1);
  }
}
