// --fix: safe fixes applied as text edits (comments, quoting, key order,
// blank lines and line endings kept), atomic writes, unfixable files left
// byte for byte, and a write refused when the file changed meanwhile.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { FIXTURES, copyFixture, loadSources, runCli, runJson, scratch } from './helpers.mjs';

const expected = fs.readFileSync(path.join(FIXTURES, 'fix', 'commented.expected.yaml'), 'utf8');

/** The CLI's own modules, bundled for direct tests of what a process run cannot time (a change mid-write). */
function loadModules() {
  return loadSources([
    "export { atomicWrite, FileChangedError } from './server/src/cli/atomicWrite';",
    "export { fixFile } from './server/src/cli/fix';",
    "export { readText } from './server/src/corpus/read';",
    "export { Validator } from './server/src/core/validate';",
    "export { loadBundledCatalog } from './server/src/core/catalogFile';",
  ]);
}

function leftovers(dir) {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

describe('--fix through the CLI', () => {
  test('LF file: aliases replaced, duplicate removed, comments/quotes/blank lines/key order intact', () => {
    const dir = copyFixture('fix');
    const run = runCli(['validate', '--fix', 'commented.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /fixed 6 problems in commented\.meeting\.yaml/);
    assert.equal(fs.readFileSync(path.join(dir, 'commented.meeting.yaml'), 'utf8'), expected);
    assert.deepEqual(leftovers(dir), []);
  });

  test('CRLF file with a BOM: the same fixes, CRLF and BOM kept', () => {
    const dir = copyFixture('fix');
    const file = path.join(dir, 'commented.meeting.yaml');
    fs.writeFileSync(file, `\ufeff${fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`);
    const run = runCli(['validate', '--fix', 'commented.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), `\ufeff${expected.replace(/\n/g, '\r\n')}`);
  });

  test('a file without safe fixes is left byte for byte, mtime included', () => {
    const dir = copyFixture('fix');
    const file = path.join(dir, 'unfixable.meeting.yaml');
    const before = fs.readFileSync(file);
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    const run = runJson(['validate', '--fix', 'unfixable.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.equal(fs.statSync(file).mtimeMs, old.getTime());
    assert.deepEqual(run.json[0].diagnostics.map((d) => d.code), ['schema', 'unknown-party']);
  });

  test('machine formats stay clean: the fix report goes to stderr', () => {
    const dir = copyFixture('fix');
    const run = runJson(['validate', '--fix', '.'], { cwd: dir });
    assert.match(run.stderr, /fixed 6 problems in commented\.meeting\.yaml/);
    assert.deepEqual(run.json.find((e) => e.file === 'commented.meeting.yaml').diagnostics, []);
  });

  test('a symlinked record is fixed through the link, which stays a link', () => {
    const dir = copyFixture('fix');
    fs.mkdirSync(path.join(dir, 'real'));
    fs.renameSync(path.join(dir, 'commented.meeting.yaml'), path.join(dir, 'real', 'target.yaml'));
    fs.symlinkSync(path.join('real', 'target.yaml'), path.join(dir, 'link.meeting.yaml'));
    const run = runCli(['validate', '--fix', 'link.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.meeting.yaml')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real', 'target.yaml'), 'utf8'), expected);
  });
});

describe('atomic writes', () => {
  let lib;
  before(() => {
    lib = loadModules();
  });

  test('atomicWrite replaces the content and leaves no temporary file', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    lib.atomicWrite(file, 'new');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual(leftovers(dir), []);
  });

  test('atomicWrite refuses a file that changed since it was read, and keeps the other writer\'s text', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.meeting.yaml');
    fs.writeFileSync(file, 'version: 1\n');
    const read = lib.readText(file, { maxFileSize: 2_000_000, maxFileSizeName: '--max-file-size', hash: true });
    assert.throws(
      () =>
        lib.atomicWrite(file, 'ours', {
          expect: { stamp: read.stat, hash: read.hash },
          beforeCommit: () => fs.writeFileSync(file, 'theirs\n'),
        }),
      lib.FileChangedError,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'theirs\n');
    assert.deepEqual(leftovers(dir), []);
  });

  test('the change check compares content, not only size and time', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.meeting.yaml');
    fs.writeFileSync(file, 'version: 1\n');
    const read = lib.readText(file, { maxFileSize: 2_000_000, maxFileSizeName: '--max-file-size', hash: true });
    const stamp = fs.statSync(file);
    assert.throws(
      () =>
        lib.atomicWrite(file, 'ours', {
          expect: { stamp: read.stat, hash: read.hash },
          beforeCommit: () => {
            fs.writeFileSync(file, 'versioN: 1\n'); // same size…
            fs.utimesSync(file, stamp.atime, stamp.mtime); // …and same time
          },
        }),
      lib.FileChangedError,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'versioN: 1\n');
  });

  test('a failure before the rename leaves the original intact and cleans up', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'original');
    assert.throws(() => lib.atomicWrite(file, 'new', { beforeCommit: () => { throw new Error('disk full'); } }), /disk full/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'original');
    assert.deepEqual(leftovers(dir), []);
  });

  test('fixFile reports a refused write as an io error and returns the text it read', () => {
    const dir = copyFixture('fix');
    const file = path.join(dir, 'commented.meeting.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const read = lib.readText(file, { maxFileSize: 2_000_000, maxFileSizeName: '--max-file-size', hash: true });
    const validator = new lib.Validator(lib.loadBundledCatalog());
    const outcome = lib.fixFile({ path: file }, read, validator, {}, { beforeCommit: () => fs.appendFileSync(file, '# edited meanwhile\n') });
    assert.equal(outcome.applied, 0);
    assert.equal(outcome.problem.code, 'io');
    assert.match(outcome.problem.message, /changed on disk/);
    assert.equal(outcome.text, original);
    assert.equal(fs.readFileSync(file, 'utf8'), `${original}# edited meanwhile\n`);
    assert.deepEqual(leftovers(dir), []);
  });
});
