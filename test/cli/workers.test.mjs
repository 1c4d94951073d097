// Large runs share the work between the main thread and worker threads; the
// output must not depend on it. The
// result cache must give the same output as a cold run and notice changes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { generateCorpus, runCli, scratch } from './helpers.mjs';

/** Back-dates every file, as files in a real checkout are: the cache trusts their times at once. */
function age(dir) {
  const old = new Date(Date.now() - 3600_000);
  for (const entry of fs.readdirSync(dir, { recursive: true })) fs.utimesSync(path.join(dir, entry), old, old);
  return dir;
}

describe('worker threads', () => {
  let dir;
  before(() => {
    dir = generateCorpus(scratch(), 300, { perFolder: 60, invalidEvery: 7 });
    // Duplicate ids across files, which only the main thread can see.
    fs.copyFileSync(path.join(dir, 'part-000', 'r00001.meeting.yaml'), path.join(dir, 'part-004', 'copy.meeting.yaml'));
  });

  for (const format of ['json', 'sarif', 'junit']) {
    test(`in-process and worker runs print identical ${format}`, () => {
      const inProcess = runCli(['validate', '--format', format], { cwd: dir, env: { MEETING_RECORDS_THREADS: '0' } });
      const workers = runCli(['validate', '--format', format], { cwd: dir, env: { MEETING_RECORDS_THREADS: '3', MEETING_RECORDS_STATS: '1' } });
      const [, onWorkers, workerThreads] = /(\d+) on (\d+) worker thread/.exec(workers.stderr) ?? [];
      assert.equal(workerThreads, '2', workers.stderr);
      assert.ok(Number(onWorkers) > 0, `the workers validated files: ${workers.stderr}`);
      const automatic = runCli(['validate', '--format', format], { cwd: dir });
      assert.equal(inProcess.code, 1);
      assert.equal(workers.code, inProcess.code);
      assert.equal(workers.stdout, inProcess.stdout);
      assert.equal(automatic.stdout, inProcess.stdout);
      if (format === 'json') {
        const json = JSON.parse(inProcess.stdout);
        assert.equal(json.length, 301);
        assert.ok(json.some((e) => e.diagnostics.some((d) => d.code === 'duplicate-id')));
        assert.ok(json.some((e) => e.diagnostics.some((d) => d.code === 'unknown-party')));
      }
    });
  }
});

describe('broken files on worker threads', () => {
  const statsOf = (stderr) => {
    const match = /(\d+) on the main thread, (\d+) on (\d+) worker thread/.exec(stderr);
    assert.ok(match, stderr);
    return { main: Number(match[1]), workers: Number(match[2]), threads: Number(match[3]) };
  };

  /** Breaks the YAML of every `every`-th record file: only the full precise path reads such a file. */
  function breakYaml(dir, every) {
    const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.meeting.yaml')).sort();
    files.forEach((file, i) => {
      if (i % every === 0) fs.appendFileSync(path.join(dir, file), 'broken: [unclosed\n');
    });
  }

  for (const [name, invalidEvery, brokenEvery] of [
    ['some records with problems, some broken', 10, 25],
    ['every file broken', 3, 1],
  ]) {
    test(`${name}: workers and the main thread share them, and the output is the in-process one`, () => {
      const dir = generateCorpus(scratch(), 400, { perFolder: 100, invalidEvery });
      breakYaml(dir, brokenEvery);
      const inProcess = runCli(['validate', '--format', 'json'], { cwd: dir, env: { MEETING_RECORDS_THREADS: '0' } });
      const shared = runCli(['validate', '--format', 'json'], { cwd: dir, env: { MEETING_RECORDS_THREADS: '2', MEETING_RECORDS_STATS: '1' } });
      assert.equal(shared.stdout, inProcess.stdout);
      const stats = statsOf(shared.stderr);
      assert.ok(stats.workers > 0 && stats.main > 0, shared.stderr);
      const files = JSON.parse(shared.stdout);
      assert.ok(files.some((f) => f.diagnostics.some((d) => d.code === 'yaml-syntax')));
    });
  }
});

describe('--fix with threads asked for', () => {
  test('writes the same files as an in-process run, from the main thread alone', () => {
    const a = generateCorpus(scratch(), 260, { perFolder: 65, invalidEvery: 4 });
    const b = scratch();
    fs.cpSync(a, b, { recursive: true });
    const inProcess = runCli(['validate', '--fix', '--format', 'json'], { cwd: a, env: { MEETING_RECORDS_THREADS: '0' } });
    const workers = runCli(['validate', '--fix', '--format', 'json'], { cwd: b, env: { MEETING_RECORDS_THREADS: '2', MEETING_RECORDS_STATS: '1' } });
    assert.equal(workers.stdout, inProcess.stdout);
    assert.match(workers.stderr, / 0 on 0 worker thread/, 'a file is only ever written by the thread that owns the run');
    const fixedLines = (stderr) => stderr.split('\n').filter((l) => l.includes(': fixed '));
    assert.deepEqual(fixedLines(workers.stderr), fixedLines(inProcess.stderr));
    assert.match(inProcess.stderr, /fixed 1 problem in part-000\/r00000\.meeting\.yaml/);
    for (const entry of fs.readdirSync(a, { recursive: true })) {
      const file = path.join(a, entry);
      if (fs.statSync(file).isFile()) assert.equal(fs.readFileSync(path.join(b, entry), 'utf8'), fs.readFileSync(file, 'utf8'), entry);
    }
    assert.doesNotMatch(fs.readFileSync(path.join(a, 'part-000', 'r00000.meeting.yaml'), 'utf8'), /Nhật Bản/);
  });
});

describe('--cache', () => {
  test('a warm run prints what a cold run prints, and a changed file is validated again', () => {
    const dir = age(generateCorpus(scratch(), 40, { perFolder: 10, invalidEvery: 5 }));
    const location = path.join(scratch(), 'cache.json');
    const cold = runCli(['validate', '--format', 'json'], { cwd: dir });
    const first = runCli(['validate', '--format', 'json', '--cache', '--cache-location', location], { cwd: dir });
    assert.equal(first.stdout, cold.stdout);
    assert.ok(fs.statSync(location).isFile(), 'the cache is one file');
    const stamp = fs.statSync(location).mtimeMs;
    const warm = runCli(['validate', '--format', 'json', '--cache-location', location], { cwd: dir });
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(fs.statSync(location).mtimeMs, stamp, 'an unchanged cache is not rewritten');

    const file = path.join(dir, 'part-000', 'r00001.meeting.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^level: .*$/m, 'level: nonsense'));
    const changed = runCli(['validate', '--format', 'json', '--cache-location', location], { cwd: dir });
    const entry = JSON.parse(changed.stdout).find((e) => e.file === 'part-000/r00001.meeting.yaml');
    assert.ok(entry.diagnostics.some((d) => d.code === 'schema'));
    assert.equal(changed.stdout, runCli(['validate', '--format', 'json'], { cwd: dir }).stdout);
  });

  test('an edit that keeps size and time is still seen when the time was too recent to trust', () => {
    const dir = generateCorpus(scratch(), 2);
    const location = path.join(scratch(), 'cache.json');
    const file = path.join(dir, 'part-000', 'r00000.meeting.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const stamp = fs.statSync(file);
    runCli(['validate', '--cache-location', location], { cwd: dir });
    // Same size, same mtime, different content: only the content hash can tell.
    const edited = text.replace(/^level: \w/m, 'level: X');
    assert.equal(edited.length, text.length);
    assert.notEqual(edited, text);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, stamp.atime, stamp.mtime);
    const run = runCli(['validate', '--format', 'json', '--cache-location', location], { cwd: dir });
    assert.ok(JSON.parse(run.stdout).some((e) => e.diagnostics.some((d) => d.code === 'schema')), run.stdout);
  });

  test('other options make other cache keys; a corrupt cache is ignored', () => {
    const dir = generateCorpus(scratch(), 10, { invalidEvery: 3 });
    const location = path.join(scratch(), 'cache.json');
    runCli(['validate', '--cache-location', location], { cwd: dir });
    const off = runCli(['validate', '--format', 'json', '--cache-location', location, '--severity', 'unknown-party=off'], { cwd: dir });
    assert.ok(JSON.parse(off.stdout).every((e) => e.diagnostics.every((d) => d.code !== 'unknown-party')));
    // Cut short, yet recognisably a cache (a file that is not one is refused: test/safety/cache.test.mjs).
    fs.writeFileSync(location, fs.readFileSync(location, 'utf8').slice(0, 80));
    const run = runCli(['validate', '--format', 'json', '--cache-location', location], { cwd: dir });
    assert.equal(run.stdout, runCli(['validate', '--format', 'json'], { cwd: dir }).stdout);
  });

  test('the default location is node_modules/.cache/meeting-records/ under the working folder', () => {
    const dir = generateCorpus(scratch(), 3);
    runCli(['validate', '--cache'], { cwd: dir });
    assert.ok(fs.existsSync(path.join(dir, 'node_modules', '.cache', 'meeting-records', 'validate-cache.json')));
  });
});
