#!/usr/bin/env node
// Writes the changelog entry of a release from the commit subjects since the previous v* tag,
// grouped by the area each subject starts with ("AWS: ...", "CLI: ..."), plus the notes written
// by hand under "## Unreleased" in CHANGELOG.md. Each released package's CHANGELOG.md gets the
// subjects of the commits that touched it. A release with nothing to say is refused.
//   node .github/scripts/changelog.cjs <version> [--notes-out <file>] [--date YYYY-MM-DD]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const HEADER = '# Changelog\n';
const UNRELEASED = '## Unreleased';
// Release commits of earlier versions describe no change of their own.
const RELEASE_SUBJECT = /^Release v?\d+\.\d+\.\d+/;

/** `AWS: the WAF log group...` -> { area: 'AWS', text: 'the WAF log group...' }; one or two words make an area. */
function parseSubject(subject) {
  const match = /^([A-Za-z][\w.+/-]*(?: [\w.+/-]+)?): (.+)$/.exec(subject.trim());
  return match ? { area: match[1], text: match[2] } : { area: null, text: subject.trim() };
}

/** The markdown of one release: hand-written notes first, then the subjects by area (areas sorted, unnamed last). */
function renderEntry({ version, date, subjects, notes = '' }) {
  const kept = subjects.map((s) => s.trim()).filter((s) => s && !RELEASE_SUBJECT.test(s));
  if (kept.length === 0 && !notes.trim())
    throw new Error(`nothing to release in ${version}: no commits since the previous release and no notes under "${UNRELEASED}"`);
  const groups = new Map();
  for (const subject of kept) {
    const { area, text } = parseSubject(subject);
    const key = area ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(text);
  }
  const lines = [`## ${version} (${date})`, ''];
  if (notes.trim()) lines.push(notes.trim(), '');
  const areas = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  for (const area of areas) {
    lines.push(`### ${area || 'Other changes'}`, '');
    for (const text of groups.get(area)) lines.push(`- ${text}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Splits a changelog into what precedes "## Unreleased", the notes under it, and the earlier releases. */
function splitUnreleased(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === UNRELEASED);
  if (start === -1) {
    const firstRelease = lines.findIndex((line) => line.startsWith('## '));
    const cut = firstRelease === -1 ? lines.length : firstRelease;
    return { head: lines.slice(0, cut).join('\n'), notes: '', rest: lines.slice(cut).join('\n') };
  }
  let end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  return {
    head: lines.slice(0, start).join('\n'),
    notes: lines
      .slice(start + 1, end)
      .join('\n')
      .trim(),
    rest: lines.slice(end).join('\n'),
  };
}

/** The changelog with `entry` as its newest release and an empty "## Unreleased" above it. */
function insertEntry(text, entry) {
  const { head, rest } = splitUnreleased(text || HEADER);
  const parts = [head.trimEnd(), '', UNRELEASED, '', entry.trimEnd(), ''];
  if (rest.trim()) parts.push(rest.trim(), '');
  return parts.join('\n');
}

function git(args, cwd) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function previousTag(cwd) {
  try {
    return git(['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD'], cwd);
  } catch {
    return null; // the first release
  }
}

function subjectsSince(tag, cwd, pathspec) {
  const range = tag ? [`${tag}..HEAD`] : ['HEAD'];
  const out = git(['log', '--no-merges', '--format=%s', ...range, ...(pathspec ? ['--', pathspec] : [])], cwd);
  return out ? out.split('\n') : [];
}

function releasedProjects(cwd) {
  const nx = JSON.parse(fs.readFileSync(path.join(cwd, 'nx.json'), 'utf8'));
  return nx.release?.projects ?? [];
}

/** Writes CHANGELOG.md and each released package's changelog; returns the files written and the release notes. */
function writeChangelogs({ version, date, cwd = process.cwd() }) {
  const tag = previousTag(cwd);
  const file = path.join(cwd, 'CHANGELOG.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const entry = renderEntry({ version, date, subjects: subjectsSince(tag, cwd), notes: splitUnreleased(current).notes });
  fs.writeFileSync(file, insertEntry(current, entry));
  const written = ['CHANGELOG.md'];
  for (const project of releasedProjects(cwd)) {
    const dir = path.posix.join('packages', project);
    if (!fs.existsSync(path.join(cwd, dir, 'package.json'))) throw new Error(`released project ${project} has no ${dir}/package.json`);
    const subjects = subjectsSince(tag, cwd, dir).filter((s) => !RELEASE_SUBJECT.test(s));
    const projectEntry = subjects.length
      ? renderEntry({ version, date, subjects })
      : `## ${version} (${date})\n\nNo change in this package; released with the others at the same version.\n`;
    const projectFile = path.join(cwd, dir, 'CHANGELOG.md');
    const before = fs.existsSync(projectFile) ? fs.readFileSync(projectFile, 'utf8') : HEADER;
    fs.writeFileSync(projectFile, insertEntry(before, projectEntry));
    written.push(path.posix.join(dir, 'CHANGELOG.md'));
  }
  return { written, notes: entry.split('\n').slice(1).join('\n').trim(), previousTag: tag };
}

module.exports = { parseSubject, renderEntry, splitUnreleased, insertEntry, writeChangelogs };

if (require.main === module) {
  const args = process.argv.slice(2);
  const version = args[0];
  const option = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    console.error('usage: changelog.cjs <version> [--notes-out <file>] [--date YYYY-MM-DD]');
    process.exit(2);
  }
  try {
    const date = option('--date') ?? new Date().toISOString().slice(0, 10);
    const { written, notes, previousTag: tag } = writeChangelogs({ version, date });
    const notesOut = option('--notes-out');
    if (notesOut) fs.writeFileSync(notesOut, `${notes}\n`);
    console.error(`changelog for ${version} since ${tag ?? 'the first commit'}`);
    process.stdout.write(written.map((f) => `${f}\n`).join(''));
  } catch (error) {
    console.error(`::error::${error.message}`);
    process.exit(1);
  }
}
