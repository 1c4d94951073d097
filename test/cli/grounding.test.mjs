// The grounding rule through `meeting-records validate`: a record whose
// source.article is found is checked against it (not-in-article, information);
// the seed records are clean; nothing outside the current folder is read; the
// cache notices an article that changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli, runJson, scratch } from './helpers.mjs';

const RECORD = '004-som-apt-eas-singapore.meeting.yaml';
const ARTICLE = '004_5895cff1c47de498.txt';

/** A copy of the seeds' layout: records/ and articles/ side by side. */
function seedsCopy() {
  const dir = scratch();
  fs.cpSync(path.join(ROOT, 'seeds', 'records'), path.join(dir, 'records'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds', 'articles'), path.join(dir, 'articles'), { recursive: true });
  return dir;
}

/** The first record of the 004 seed with Canada, which the article never names, added to its partners. */
function addCanada(dir) {
  const file = path.join(dir, 'records', RECORD);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace('partners: [China, Japan, Republic of Korea]', 'partners: [China, Japan, Republic of Korea, Canada]');
  assert.notEqual(edited, text, 'the seed record changed: update this test');
  fs.writeFileSync(file, edited);
  const line = edited.split('\n').findIndex((l) => l.includes('Canada]')) + 1;
  return { file, line, column: edited.split('\n')[line - 1].indexOf('Canada') + 1 };
}

const grounding = (json) => json.flatMap((f) => f.diagnostics.filter((d) => d.code === 'not-in-article').map((d) => ({ file: path.basename(f.file), ...d })));

test('the seed records are grounded in the seed articles: no not-in-article', () => {
  const { code, json } = runJson(['validate', 'seeds/records'], { cwd: ROOT });
  assert.equal(code, 0);
  assert.deepEqual(json.flatMap((f) => f.diagnostics), []);
});

test('a partner the article does not name gets an information diagnostic on the value, with the nearest sentence', () => {
  const dir = seedsCopy();
  const { line, column } = addCanada(dir);
  const { code, json } = runJson(['validate', 'records'], { cwd: dir });
  // Information only: the run still passes (the membership rule warns about Canada in ASEAN+3 too).
  assert.equal(code, 0);
  const found = grounding(json);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepEqual({ file: found[0].file, severity: found[0].severity, line: found[0].line, column: found[0].column, endColumn: found[0].endColumn }, { file: RECORD, severity: 'information', line, column, endColumn: column + 'Canada'.length });
  assert.match(found[0].message, new RegExp(`^The article ${ARTICLE.replace('.', '\\.')} does not mention 'Canada'; nearest sentence: "Ngày 1/8 tại Singapore`));
  // SARIF carries the sentence as a related location in the article.
  const sarif = JSON.parse(runCli(['validate', 'records', '--format', 'sarif'], { cwd: dir }).stdout);
  const result = sarif.runs[0].results.find((r) => r.ruleId === 'not-in-article');
  assert.match(result.relatedLocations[0].physicalLocation.artifactLocation.uri, new RegExp(`/articles/${ARTICLE}$`));
});

test('a date the article does not give, and a document it does not name, are reported too; --severity turns the rule off', () => {
  const dir = seedsCopy();
  const file = path.join(dir, 'records', RECORD);
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/^date: 2018-08-01$/m, 'date: 2018-08-03').replace('  - title: ASEAN Plus Three Cooperation Work Plan 2018-2022', '  - title: ASEAN Community Vision 2025'));
  const messages = grounding(runJson(['validate', 'records'], { cwd: dir }).json).map((d) => d.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages[0], /does not give the date 2018-08-03; nearest sentence: "Ngày 1\/8/);
  assert.match(messages[1], /does not mention the document 'ASEAN Community Vision 2025'/);
  assert.deepEqual(grounding(runJson(['validate', 'records', '--severity', 'not-in-article=off'], { cwd: dir }).json), []);
});

test('an article that is not found, or is outside the current folder, grounds nothing', () => {
  const dir = seedsCopy();
  addCanada(dir);
  // From inside records/, ../articles is outside the current folder: not read.
  assert.deepEqual(grounding(runJson(['validate', '.'], { cwd: path.join(dir, 'records') }).json), []);
  // A link in the folder to articles outside it does not bring them in.
  const elsewhere = scratch();
  fs.renameSync(path.join(dir, 'articles'), path.join(elsewhere, 'articles'));
  fs.symlinkSync(path.join(elsewhere, 'articles'), path.join(dir, 'articles'));
  assert.deepEqual(grounding(runJson(['validate', 'records'], { cwd: dir }).json), []);
  fs.rmSync(path.join(dir, 'articles'));
  assert.deepEqual(grounding(runJson(['validate', 'records'], { cwd: dir }).json), []);
});

test('--cache: a result grounded in an article is not reused once the article changes, or appears', () => {
  const dir = seedsCopy();
  addCanada(dir);
  const run = () => grounding(runJson(['validate', 'records', '--cache'], { cwd: dir }).json).map((d) => d.message);
  assert.equal(run().length, 1);
  // The article now names Canada: the cached result would be wrong.
  const article = path.join(dir, 'articles', ARTICLE);
  fs.writeFileSync(article, fs.readFileSync(article, 'utf8').replace('Nga)', 'Nga, Ca-na-đa)'));
  assert.deepEqual(run(), []);
  // Gone, then back: found again where it was not.
  const text = fs.readFileSync(article, 'utf8');
  fs.rmSync(article);
  assert.deepEqual(run(), []);
  fs.writeFileSync(article, text.replace('Nga, Ca-na-đa)', 'Nga)'));
  assert.equal(run().length, 1);
});
