// `meeting-records draft`: drafts validate, JSON evidence quotes the article,
// stdin works, and --out never replaces what is not ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli, runJson, scratch } from './helpers.mjs';

const ARTICLES = path.join(ROOT, 'seeds', 'articles');
const article = (name) => path.join(ARTICLES, name);

test('a YAML draft of each seed article validates; only a missing publisher (003 names none) is an error', () => {
  const dir = scratch();
  for (const name of fs.readdirSync(ARTICLES)) {
    const out = path.join(dir, name.replace(/\.txt$/, '.meeting.yaml'));
    const { code, stderr } = runCli(['draft', article(name), '--out', out]);
    assert.equal(code, 0, stderr);
  }
  const { json } = runJson(['validate', dir]);
  const problems = json.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.basename(f.file)}: ${d.message}`));
  assert.deepEqual(problems, ["003_061700444801228d.meeting.yaml: 'source' needs 'publisher' or 'url'"]);
});

test('--format json: records and evidence whose quotes are the article text at their offsets', () => {
  const { code, json } = runJson(['draft', article('004_5895cff1c47de498.txt')]);
  assert.equal(code, 0);
  const text = fs.readFileSync(article('004_5895cff1c47de498.txt'), 'utf8');
  assert.deepEqual(json.records.map((r) => r.mechanism), ['ASEAN+3', 'EAS']);
  assert.ok(json.evidence.length > 20);
  for (const e of json.evidence) assert.equal(text.slice(e.start, e.end), e.quote);
  const partner = json.evidence.find((e) => e.record === 0 && e.path === 'partners[0]');
  assert.equal(partner.quote, 'Trung Quốc');
});

test('"-" reads the article from standard input', () => {
  const input = fs.readFileSync(article('001_37f7f07d160a76fd.txt'), 'utf8');
  const { code, stdout } = runCli(['draft', '-'], { input });
  assert.equal(code, 0);
  assert.match(stdout, /^# Drafted by meeting-records draft:/);
  assert.equal((stdout.match(/^mechanism: ASEAN\+1$/gm) ?? []).length, 4);
});

test('--out refuses the article itself and a file that is not a draft, unless --force', () => {
  const dir = scratch();
  const copy = path.join(dir, 'article.txt');
  fs.copyFileSync(article('000_a0e0ce781c0f2028.txt'), copy);
  const before = fs.readFileSync(copy, 'utf8');
  const self = runCli(['draft', copy, '--out', copy]);
  assert.equal(self.code, 2);
  assert.match(self.stderr, /would overwrite the article/);
  const link = path.join(dir, 'link.meeting.yaml');
  fs.symlinkSync(copy, link);
  assert.equal(runCli(['draft', copy, '--out', link, '--force']).code, 2, 'not even through a link, not even with --force');
  assert.equal(fs.readFileSync(copy, 'utf8'), before);

  const notes = path.join(dir, 'notes.meeting.yaml');
  fs.writeFileSync(notes, 'version: 1\nid: mine\n');
  const other = runCli(['draft', copy, '--out', notes]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /exists and is not a draft; use --force/);
  assert.equal(fs.readFileSync(notes, 'utf8'), 'version: 1\nid: mine\n');
  assert.equal(runCli(['draft', copy, '--out', notes, '--force']).code, 0);
  assert.match(fs.readFileSync(notes, 'utf8'), /^# Drafted by meeting-records draft/);
  // An earlier draft may be replaced without --force.
  assert.equal(runCli(['draft', copy, '--out', notes]).code, 0);
});

test('bad usage and unreadable articles exit 2 with one line', () => {
  for (const args of [['draft'], ['draft', 'a', 'b'], ['draft', article('000_a0e0ce781c0f2028.txt'), '--format', 'xml'], ['draft', path.join(ROOT, 'nope.txt')], ['draft', ARTICLES]]) {
    const { code, stderr } = runCli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  }
  const help = runCli(['draft', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: meeting-records draft ARTICLE/);
});
