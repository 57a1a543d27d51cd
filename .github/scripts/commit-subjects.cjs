#!/usr/bin/env node
// Release notes are written from commit subjects (changelog.cjs), so each subject must say what
// changed: no fixup/squash/WIP commits and no bare one-word messages.
//   git log --no-merges --format=%s base..head | node .github/scripts/commit-subjects.cjs
'use strict';
const fs = require('node:fs');

/** The problem with one subject, or null when it can go into the changelog. */
function subjectProblem(subject) {
  const s = subject.trim();
  if (!s) return 'the subject is empty';
  if (/^(fixup|squash|amend)! /.test(s)) return 'autosquash commit: squash it before merging';
  if (/^(wip|tmp|temp)\b/i.test(s)) return 'work-in-progress commit: squash it or describe the change';
  if (!/\s/.test(s.replace(/^[^:]+: /, ''))) return 'one word does not say what changed';
  return null;
}

function checkSubjects(subjects) {
  return subjects
    .filter((s) => s !== '')
    .flatMap((s) => {
      const problem = subjectProblem(s);
      return problem ? [`"${s}": ${problem}`] : [];
    });
}

module.exports = { subjectProblem, checkSubjects };

if (require.main === module) {
  const problems = checkSubjects(fs.readFileSync(0, 'utf8').split('\n'));
  for (const problem of problems) console.error(`::error::${problem}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
