// Issue 8, promise 3 (the hostile angles of `--fix`; the CLI's own tests in
// test/cli/fix.test.mjs cover what a fix keeps). Through the real CLI process:
//  - another program saving the file while the CLI fixes it wins: the CLI
//    refuses to write, exits non-zero with a one-line message, and the file
//    is exactly as the other program left it;
//  - a read-only folder or a read-only file: the original stays byte for
//    byte, exit non-zero, one line saying why;
//  - no temporary file is ever left behind.
// Permissions are tested as an unprivileged user (root ignores them).
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { CLI, ROOT, requireBuilt, scratch } from './paths.mjs';

const RACE = join(ROOT, 'test/safety/concurrent-writer.cjs');

/**
 * Runs `--fix` on a fixable file while concurrent-writer.cjs, preloaded into
 * the CLI, acts on the same file between its read and its write: `mode` says
 * how (write OTHER_WRITER, write text of the same size, or delete the file).
 */
async function fixWhileAnotherWriterRuns(t, mode) {
  const dir = scratch(t);
  const file = join(dir, 'r.meeting.yaml');
  writeFileSync(file, FIXABLE);
  const run = await runCli(['validate', '--fix', '--format', 'json', file], {
    cwd: dir,
    nodeArgs: ['--require', RACE],
    env: { SAFETY_RACE_FILE: file, SAFETY_RACE_MODE: mode, SAFETY_RACE_TEXT: OTHER_WRITER },
  });
  return { dir, file, run };
}

/** A record whose only problems have safe fixes (aliases → canonical names), with comments, quotes and blank lines. */
const FIXABLE = [
  '# Comment that must survive.',
  'version: 1',
  "id: '2024-07-26-safety-fix'",
  'title: "Hội nghị ASEAN+3"',
  '',
  'mechanism: ASEAN 3 # the plus sign was lost',
  'level: ministerial',
  'date: 2024-07-26',
  'partners: [Nhật Bản, Trung Quốc]',
  'source:',
  '  publisher: VOV',
  '',
].join('\n');
const FIXED_LINES = ['mechanism: ASEAN+3 # the plus sign was lost', 'partners: [Japan, China]'];

const OTHER_WRITER = '# Saved by someone else while the CLI was fixing.\nversion: 1\n';

/** Unprivileged identity for permission tests: root passes every permission check. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const chownToUser = (path) => {
  if (asUser.uid !== undefined) chownSync(path, asUser.uid, asUser.gid);
};

function leftovers(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.tmp') || (n.startsWith('.') && n.includes('.meeting.yaml')));
}

function oneLine(message) {
  return !/[\r\n]/.test(message) && message.length < 300;
}

/** The `io` diagnostic a refused write leaves in the file's entry. */
function notFixed(run) {
  const entry = run.json?.[0];
  return entry?.diagnostics.find((d) => d.code === 'io');
}

before(() => requireBuilt(CLI));

describe('--fix against other writers', () => {
  test('the fix works when nobody interferes (control for the tests below)', async (t) => {
    const dir = scratch(t);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    const run = await runCli(['validate', '--fix', '--format', 'json', file], { cwd: dir });
    assert.equal(run.code, 0, describeRun(run));
    const text = readFileSync(file, 'utf8');
    for (const line of FIXED_LINES) assert.ok(text.includes(line), text);
    assert.equal(text.replace(FIXED_LINES[0], 'mechanism: ASEAN 3 # the plus sign was lost').replace(FIXED_LINES[1], 'partners: [Nhật Bản, Trung Quốc]'), FIXABLE, 'nothing else changed');
    assert.deepEqual(leftovers(dir), []);
  });

  for (const [mode, what] of [
    ['write', 'saves new content'],
    ['same-size', 'saves content of the same size with the same modification time'],
  ]) {
    test(`a file another program ${what} between read and write is refused and left as the other program left it`, async (t) => {
      const { dir, file, run } = await fixWhileAnotherWriterRuns(t, mode);
      assert.ok(existsSync(`${file}.race-log`), 'the other writer did run in the middle of the fix');
      const log = readFileSync(`${file}.race-log`, 'utf8');
      if (mode === 'same-size') assert.match(log, /same-size true/);
      const now = readFileSync(file, 'utf8');
      if (mode === 'write') assert.equal(now, OTHER_WRITER, 'the other writer\'s text is kept');
      else {
        assert.notEqual(now, FIXABLE);
        assert.equal(now.length, FIXABLE.length);
        for (const line of FIXED_LINES) assert.ok(!now.includes(line), 'the fixed text was not written');
      }
      assert.equal(run.code, 1, describeRun(run));
      const d = notFixed(run);
      assert.ok(d, `an io error in the file's entry: ${run.stdout}`);
      assert.equal(d.severity, 'error');
      assert.match(d.message, /changed/i);
      assert.ok(oneLine(d.message), d.message);
      assert.deepEqual(leftovers(dir), []);
    });
  }

  test('a file deleted by another program during the fix is not brought back', async (t) => {
    const { dir, file, run } = await fixWhileAnotherWriterRuns(t, 'delete');
    assert.ok(existsSync(`${file}.race-log`), 'the deletion did happen in the middle of the fix');
    assert.equal(existsSync(file), false, 'the deleted file stays deleted');
    assert.equal(run.code, 1, describeRun(run));
    assert.ok(notFixed(run) && oneLine(notFixed(run).message));
    assert.deepEqual(leftovers(dir), []);
  });
});

describe('--fix where it may not write (as an unprivileged user)', () => {
  test('a read-only folder: the original stays byte for byte, exit 1, one line saying why, no temp file', async (t) => {
    const dir = scratch(t);
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    const file = join(folder, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    chmodSync(file, 0o644);
    chmodSync(folder, 0o555);
    const before = statSync(file);
    const run = await runCli(['validate', '--fix', '--format', 'json', file], { cwd: dir, ...asUser });
    assert.equal(run.code, 1, describeRun(run));
    assert.equal(readFileSync(file, 'utf8'), FIXABLE);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
    const d = notFixed(run);
    assert.ok(d, `an io error in the file's entry: ${run.stdout}`);
    assert.match(d.message, /permission|read-only|EACCES/i);
    assert.ok(oneLine(d.message), d.message);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.deepEqual(leftovers(folder), []);
    chmodSync(folder, 0o755); // so the scratch folder can be removed by a non-root user
  });

  test('a read-only file in a writable folder: not replaced, exit 1, one line saying why, no temp file', async (t) => {
    const dir = scratch(t);
    const folder = join(dir, 'open');
    mkdirSync(folder);
    chownToUser(folder);
    const file = join(folder, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    chownToUser(file);
    chmodSync(file, 0o444);
    const before = statSync(file);
    const run = await runCli(['validate', '--fix', '--format', 'json', file], { cwd: dir, ...asUser });
    assert.equal(readFileSync(file, 'utf8'), FIXABLE, 'a file marked read-only is not rewritten');
    assert.equal(statSync(file).ino, before.ino, 'not replaced by another file either');
    assert.equal(run.code, 1, describeRun(run));
    const d = notFixed(run);
    assert.ok(d, `an io error in the file's entry: ${run.stdout}`);
    assert.match(d.message, /permission|read-only|EACCES/i);
    assert.ok(oneLine(d.message), d.message);
    assert.deepEqual(leftovers(folder), []);
  });
});
