#!/usr/bin/env node
// The Checkov ids the synthesized stacks must pass: every error rule of the policy pack that is a
// Checkov check or has one as an alias. An empty list would make `--hard-fail-on` fail nothing,
// so it is an error.
//   npx mockforge-infra rules --json > rules.json && node .github/scripts/checkov-checks.cjs rules.json
'use strict';
const fs = require('node:fs');

/** Sorted, unique Checkov ids of the error rules in `mockforge-infra rules --json` output. */
function checkovChecks(rules) {
  if (!Array.isArray(rules)) throw new Error('the rules are not a JSON array (expected `mockforge-infra rules --json` output)');
  const ids = new Set();
  for (const rule of rules) {
    if (rule?.severity !== 'error') continue;
    for (const id of [rule.id, ...(rule.aliases ?? [])]) {
      if (typeof id === 'string' && /^CKV2?_[A-Z0-9]+_\d+$/.test(id)) ids.add(id);
    }
  }
  if (ids.size === 0) throw new Error('the policy pack lists no Checkov id among its error rules; refusing an empty --hard-fail-on');
  return [...ids].sort();
}

module.exports = { checkovChecks };

if (require.main === module) {
  const file = process.argv[2];
  try {
    const text = fs.readFileSync(file ?? 0, 'utf8');
    let rules;
    try {
      rules = JSON.parse(text);
    } catch {
      throw new Error(`${file ?? 'stdin'} is not JSON`);
    }
    process.stdout.write(`${checkovChecks(rules).join(',')}\n`);
  } catch (error) {
    console.error(`::error::${error.message}`);
    process.exit(1);
  }
}
