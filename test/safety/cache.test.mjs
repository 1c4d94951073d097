// Issue 14, items 2-4: `--cache` and `--cache-location` never cost anyone a
// file, never hang and never break later runs.
//  - a cache location that is not a regular file (a device, a FIFO, a link to
//    one) is refused at once: exit 2, one line, nothing read or written;
//  - only a file that is recognisably our cache is ever replaced: not a
//    user's notes, not the record being validated, not the target of a
//    symlinked cache file;
//  - a damaged cache entry (any shape check failing) is a miss: the run
//    gives the uncached answer and rewrites the cache.
// Through the real CLI process; time and peak memory are printed, not asserted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { RECORD } from './hostile.mjs';
import { CLI, requireBuilt, scratch } from './paths.mjs';

before(() => requireBuilt(CLI));

const FLAWED = RECORD.replace('partners: [China, Japan, Republic of Korea]', 'partners: [China, Japn, Nhật Bản]');
const DEFAULT_CACHE = 'node_modules/.cache/meeting-records/validate-cache.json';

/** A folder with one clean and one flawed record. */
function corpus(t) {
  const dir = scratch(t);
  writeFileSync(join(dir, 'clean.meeting.yaml'), RECORD);
  writeFileSync(join(dir, 'flawed.meeting.yaml'), FLAWED);
  return dir;
}

/** The one line a refused run prints, checked for what a user needs: which path, and why. */
function assertRefused(run, pattern) {
  assert.equal(run.code, 2, describeRun(run));
  assert.equal(run.stdout, '', 'no report: the run did not start');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${run.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
}

const bounded = { timeoutMs: 20_000, killAboveMb: 300 };

/**
 * A character device to point the cache at. Root could replace the real
 * /dev/null by renaming over it (as the bug did): root gets private device
 * nodes with the same numbers in the scratch folder instead.
 */
function device(dir, name) {
  if (process.getuid?.() !== 0) return `/dev/${name}`;
  const minor = { null: 3, zero: 5, full: 7 }[name];
  execFileSync('mknod', [join(dir, name), 'c', '1', String(minor)]);
  return join(dir, name);
}

describe('--cache-location that is not a regular file is refused (exit 2, one line)', () => {
  for (const name of ['zero', 'full', 'null']) {
    test(`a character device like /dev/${name}: refused at once, nothing read or written`, async (t) => {
      const dir = corpus(t);
      const at = device(dir, name);
      const run = await runCli(['validate', '.', '--cache-location', at, '--format', 'json'], { cwd: dir, ...bounded });
      t.diagnostic(`${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB`);
      assert.equal(run.timedOut, false, describeRun(run));
      assert.equal(run.memoryExceeded, false, describeRun(run));
      assertRefused(run, new RegExp(`--cache-location.*${name}.*not a regular file`));
      assert.ok(lstatSync(at).isCharacterDevice(), `${at} is still a device`);
    });
  }

  test('a FIFO: refused at once, never blocks', async (t) => {
    const dir = corpus(t);
    execFileSync('mkfifo', [join(dir, 'cache.fifo')]);
    const run = await runCli(['validate', '.', '--cache-location', 'cache.fifo'], { cwd: dir, ...bounded });
    t.diagnostic(`${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB`);
    assert.equal(run.timedOut, false, describeRun(run));
    assertRefused(run, /--cache-location.*cache\.fifo.*not a regular file/);
    assert.ok(lstatSync(join(dir, 'cache.fifo')).isFIFO());
  });

  test('a symlink to a device at the default location: refused, the link left alone', async (t) => {
    const dir = corpus(t);
    mkdirSync(join(dir, 'node_modules/.cache/meeting-records'), { recursive: true });
    const zero = device(dir, 'zero');
    symlinkSync(zero, join(dir, DEFAULT_CACHE));
    const run = await runCli(['validate', '.', '--cache'], { cwd: dir, ...bounded });
    t.diagnostic(`${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB`);
    assert.equal(run.memoryExceeded, false, describeRun(run));
    assertRefused(run, /validate-cache\.json.*symbolic link/);
    assert.equal(readlinkSync(join(dir, DEFAULT_CACHE)), zero);
    assert.ok(lstatSync(zero).isCharacterDevice());
  });
});

describe('the cache only ever replaces a file that is recognisably its own', () => {
  test("--cache-location notes.txt: the user's notes are kept, exit 2, one line", async (t) => {
    const dir = corpus(t);
    const notes = 'Things to check before the summit:\n- partners of the ASEAN+3 record\n';
    writeFileSync(join(dir, 'notes.txt'), notes);
    const run = await runCli(['validate', '.', '--cache-location', 'notes.txt'], { cwd: dir });
    assertRefused(run, /--cache-location.*notes\.txt.*not a meeting-records cache/);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), notes);
  });

  test('--cache-location naming the record being validated: the record is kept, and the run does not say "no problems"', async (t) => {
    const dir = corpus(t);
    const run = await runCli(['validate', 'clean.meeting.yaml', '--cache-location', 'clean.meeting.yaml'], { cwd: dir });
    assertRefused(run, /not a meeting-records cache/);
    assert.equal(readFileSync(join(dir, 'clean.meeting.yaml'), 'utf8'), RECORD);
  });

  test('a symlinked default cache file: never written through, its target kept', async (t) => {
    const dir = corpus(t);
    writeFileSync(join(dir, 'target.txt'), 'precious\n');
    mkdirSync(join(dir, 'node_modules/.cache/meeting-records'), { recursive: true });
    symlinkSync('../../../target.txt', join(dir, DEFAULT_CACHE));
    const run = await runCli(['validate', '.', '--cache'], { cwd: dir });
    assertRefused(run, /validate-cache\.json.*symbolic link/);
    assert.equal(readFileSync(join(dir, 'target.txt'), 'utf8'), 'precious\n');
    assert.ok(lstatSync(join(dir, DEFAULT_CACHE)).isSymbolicLink(), 'the link is still a link');
  });

  test('our own cache is read and replaced (control): the second run answers from it, an empty file may be replaced', async (t) => {
    const dir = corpus(t);
    writeFileSync(join(dir, 'empty-cache.json'), '');
    const first = await runCli(['validate', '.', '--cache-location', 'empty-cache.json', '--format', 'json'], { cwd: dir });
    assert.equal(first.code, 1, describeRun(first));
    assert.match(readFileSync(join(dir, 'empty-cache.json'), 'utf8'), /^\{"tool":"meeting-records validate --cache"/);
    const second = await runCli(['validate', '.', '--cache-location', 'empty-cache.json', '--format', 'json'], { cwd: dir, env: { MEETING_RECORDS_STATS: '1' } });
    assert.equal(second.stdout, first.stdout);
    assert.match(second.stderr, /2 from the cache/);
  });

  test('a cache written by an earlier version (format 3) is recognised and replaced', async (t) => {
    const dir = corpus(t);
    writeFileSync(join(dir, 'old-cache.json'), JSON.stringify({ format: 3, key: 'old', files: {} }));
    const run = await runCli(['validate', '.', '--cache-location', 'old-cache.json'], { cwd: dir });
    assert.equal(run.code, 1, describeRun(run));
    assert.match(readFileSync(join(dir, 'old-cache.json'), 'utf8'), /^\{"tool":"meeting-records validate --cache","format":5,/);
  });
});

describe('a damaged cache entry is a miss, and the cache is rewritten', () => {
  /** Each way an entry for flawed.meeting.yaml can be damaged while the file stays valid JSON with the right key. */
  const DAMAGE = {
    'missing r': (e) => delete e.r,
    'diagnostics: "x"': (e) => (e.r.diagnostics = 'x'),
    'records: null': (e) => (e.r.records = null),
    'a diagnostic without a range': (e) => delete e.r.diagnostics[0].range,
    'an unknown severity': (e) => (e.r.diagnostics[0].severity = 'fatal'),
    'an unknown code': (e) => (e.r.diagnostics[0].code = 'constructor'),
    'a position that is not a number': (e) => (e.r.diagnostics[0].range.start.line = '9'),
    'a message that is not text': (e) => (e.r.diagnostics[0].message = { toString: 1 }),
    'related: 5': (e) => (e.r.diagnostics[0].related = 5),
    'a record without its line': (e) => delete e.r.records[0].line,
    'the entry is an array': (e, files, path) => (files[path] = []),
    'hash that is not text': (e) => (e.h = 7),
    'articles that are not a list': (e) => (e.a = 5),
    'an article without its name': (e) => (e.a = [{ file: '/x.txt' }]),
  };

  for (const [name, damage] of Object.entries(DAMAGE)) {
    test(`${name}: the uncached answer, not an internal error; the cache is rewritten and answers the next run`, async (t) => {
      const dir = corpus(t);
      const cache = join(dir, 'cache.json');
      const args = ['validate', '.', '--cache-location', 'cache.json', '--format', 'json'];
      const fresh = await runCli(args, { cwd: dir });
      assert.equal(fresh.code, 1, describeRun(fresh));
      const data = JSON.parse(readFileSync(cache, 'utf8'));
      const path = Object.keys(data.files).find((p) => p.endsWith('flawed.meeting.yaml'));
      // A stamp that matches, so the entry is used without reading the file.
      damage(data.files[path], data.files, path);
      writeFileSync(cache, JSON.stringify(data));
      const damaged = readFileSync(cache, 'utf8');
      const run = await runCli(args, { cwd: dir });
      assert.equal(run.code, 1, describeRun(run));
      assert.doesNotMatch(run.stderr, /internal error/);
      assert.equal(run.stdout, fresh.stdout, 'the same report as without the damaged entry');
      assert.notEqual(readFileSync(cache, 'utf8'), damaged, 'the cache was rewritten');
      const again = await runCli(args, { cwd: dir, env: { MEETING_RECORDS_STATS: '1' } });
      assert.equal(again.stdout, fresh.stdout);
      assert.match(again.stderr, /2 from the cache/, 'the rewritten entry answers');
    });
  }

  test('a cache whose files are not a mapping, or that is not JSON at all but starts like ours, is started afresh', async (t) => {
    const dir = corpus(t);
    const fresh = await runCli(['validate', '.', '--format', 'json'], { cwd: dir });
    for (const text of ['{"tool":"meeting-records validate --cache","format":4,"key":"k","files":[1,2]}', '{"tool":"meeting-records validate --cache","format":4,"key":', '{"format":3,"key":"x","files":null}']) {
      writeFileSync(join(dir, 'cache.json'), text);
      const run = await runCli(['validate', '.', '--cache-location', 'cache.json', '--format', 'json'], { cwd: dir });
      assert.equal(run.code, 1, `${text}: ${describeRun(run)}`);
      assert.equal(run.stdout, fresh.stdout);
      assert.ok(existsSync(join(dir, 'cache.json')));
      assert.doesNotThrow(() => JSON.parse(readFileSync(join(dir, 'cache.json'), 'utf8')), 'rewritten whole');
    }
  });
});
