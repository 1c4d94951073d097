// Issue 8, promise 5: the CLI's directory walk. Symlink loops end, node_modules
// is skipped, a file or folder that cannot be read is an error with exit 1
// (really unreadable: the CLI runs as an unprivileged user, since root reads
// anything), nothing hangs on a pipe, and a glob never reaches outside the
// folder it names, whatever `..` or symlinks it meets.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { CLI, requireBuilt, scratch } from './paths.mjs';

const WALK_BOUND_MS = 20_000;
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const record = (id) => `version: 1\nid: ${id}\ntitle: Walk ${id}\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-01-01\nsource:\n  publisher: VOV\n`;
/** A file that, if it were ever validated, would show up as an error. */
const BAD = 'level: nope\n';

function write(file, text) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** Files of a JSON run, by path relative to the working folder. */
const files = (run) => (run.json ?? []).map((e) => e.file).sort();
const entry = (run, suffix) => (run.json ?? []).find((e) => e.file.endsWith(suffix));

before(() => requireBuilt(CLI));

describe('the CLI walks folders safely', () => {
  test('symlink loops end: each real record is validated once, in bounded time', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/a/one.meeting.yaml'), record('2024-01-01-walk-one'));
    write(join(dir, 'records/b/two.meeting.yaml'), record('2024-01-01-walk-two'));
    symlinkSync('..', join(dir, 'records/a/up')); // a → records → a → …
    symlinkSync('../a', join(dir, 'records/b/to-a')); // b → a → up → records → b …
    symlinkSync('.', join(dir, 'records/b/here'));
    symlinkSync(join(dir, 'records'), join(dir, 'records/a/absolute'));
    const run = await runCli(['validate', 'records', '--format', 'json'], { cwd: dir, timeoutMs: WALK_BOUND_MS });
    assert.equal(run.timedOut, false, 'the walk ended');
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(files(run), ['records/a/one.meeting.yaml', 'records/b/two.meeting.yaml']);
  });

  test('node_modules is skipped at any depth, in folder walks and in globs', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/ok.meeting.yaml'), record('2024-01-01-walk-ok'));
    write(join(dir, 'node_modules/pkg/bad.meeting.yaml'), BAD);
    write(join(dir, 'records/deep/node_modules/pkg/bad.meeting.yaml'), BAD);
    for (const args of [['.'], ['records'], ['**/*.meeting.yaml']]) {
      const run = await runCli(['validate', ...args, '--format', 'json'], { cwd: dir });
      assert.equal(run.code, 0, `${args}: ${describeRun(run)}`);
      assert.deepEqual(files(run), ['records/ok.meeting.yaml'], String(args));
    }
  });

  test('a record file that cannot be read (permission denied) is an io error, exit 1, and the rest is still validated', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/ok.meeting.yaml'), record('2024-01-01-walk-ok'));
    write(join(dir, 'records/locked.meeting.yaml'), record('2024-01-01-walk-locked'));
    chmodSync(join(dir, 'records'), 0o755);
    chmodSync(join(dir, 'records/ok.meeting.yaml'), 0o644);
    chmodSync(join(dir, 'records/locked.meeting.yaml'), 0o000);
    const run = await runCli(['validate', 'records', '--format', 'json'], { cwd: dir, ...asUser });
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(entry(run, 'ok.meeting.yaml').diagnostics, []);
    const locked = entry(run, 'locked.meeting.yaml');
    assert.ok(locked, `the unreadable file is listed: ${run.stdout}`);
    assert.equal(locked.diagnostics.length, 1);
    assert.equal(locked.diagnostics[0].code, 'io');
    assert.equal(locked.diagnostics[0].severity, 'error');
    assert.match(locked.diagnostics[0].message, /permission denied/i);
  });

  test('a folder that cannot be read is an io error, exit 1', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/ok.meeting.yaml'), record('2024-01-01-walk-ok'));
    write(join(dir, 'records/closed/hidden.meeting.yaml'), record('2024-01-01-walk-hidden'));
    chmodSync(join(dir, 'records'), 0o755);
    chmodSync(join(dir, 'records/ok.meeting.yaml'), 0o644);
    chmodSync(join(dir, 'records/closed'), 0o000);
    const run = await runCli(['validate', 'records', '--format', 'json'], { cwd: dir, ...asUser });
    chmodSync(join(dir, 'records/closed'), 0o755); // so a non-root user can remove the scratch folder
    assert.equal(run.code, 1, describeRun(run));
    const closed = entry(run, 'closed');
    assert.ok(closed, `the unreadable folder is listed: ${run.stdout}`);
    assert.equal(closed.diagnostics[0].code, 'io');
    assert.equal(closed.diagnostics[0].severity, 'error');
  });

  test('a record entry that is a broken link (dangling, or a link to itself) is an io error, exit 1', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/ok.meeting.yaml'), record('2024-01-01-walk-ok'));
    symlinkSync('gone.yaml', join(dir, 'records/dangling.meeting.yaml'));
    symlinkSync('self.meeting.yaml', join(dir, 'records/self.meeting.yaml'));
    const run = await runCli(['validate', 'records', '--format', 'json'], { cwd: dir });
    assert.equal(run.code, 1, `a record that cannot be read must not pass silently: ${describeRun(run)}`);
    for (const name of ['dangling.meeting.yaml', 'self.meeting.yaml']) {
      const e = entry(run, name);
      assert.ok(e, `${name} is listed: ${run.stdout}`);
      assert.equal(e.diagnostics[0]?.code, 'io');
    }
  });

  test('a pipe named like a record never blocks the run: skipped in a walk, an io error when named', async (t) => {
    const dir = scratch(t);
    write(join(dir, 'records/ok.meeting.yaml'), record('2024-01-01-walk-ok'));
    execFileSync('mkfifo', [join(dir, 'records/pipe.meeting.yaml')]);
    const walked = await runCli(['validate', 'records', '--format', 'json'], { cwd: dir, timeoutMs: WALK_BOUND_MS });
    assert.equal(walked.timedOut, false, 'the walk did not block on the pipe');
    assert.ok(walked.code === 0 || walked.code === 1, describeRun(walked));
    const named = await runCli(['validate', 'records/pipe.meeting.yaml', '--format', 'json'], { cwd: dir, timeoutMs: WALK_BOUND_MS });
    assert.equal(named.timedOut, false, 'reading the named pipe did not block');
    assert.equal(named.code, 1, describeRun(named));
    assert.equal(named.json[0].diagnostics[0].code, 'io');
  });

  test('a glob never reaches outside the folder it names: not by .. segments, not through symlinks', async (t) => {
    const dir = scratch(t);
    const cwd = join(dir, 'project');
    write(join(cwd, 'records/a/in.meeting.yaml'), record('2024-01-01-walk-in'));
    write(join(dir, 'outside/secret.meeting.yaml'), BAD);
    write(join(cwd, 'other/sibling.meeting.yaml'), BAD);
    symlinkSync(join(dir, 'outside'), join(cwd, 'records/a/escape'));
    symlinkSync('../../other', join(cwd, 'records/a/sideways'));
    symlinkSync(join(dir, 'outside/secret.meeting.yaml'), join(cwd, 'records/a/linked.meeting.yaml'));
    const patterns = [
      'records/**/*.meeting.yaml',
      'records/**/../../../outside/*.meeting.yaml',
      'records/*/../../other/*.meeting.yaml',
      'records/**/escape/*.meeting.yaml',
      'records/a/{escape,sideways}/*.meeting.yaml',
    ];
    for (const pattern of patterns) {
      const run = await runCli(['validate', pattern, '--format', 'json'], { cwd, timeoutMs: WALK_BOUND_MS });
      assert.equal(run.signal, null, `${pattern}: ${describeRun(run)}`);
      // Either nothing matched (a usage error, exit 2) or only files inside records/ did.
      const listed = files(run);
      assert.ok(listed.every((f) => f.startsWith('records/') && !/secret|sibling/.test(f)), `${pattern} reached ${listed}`);
      assert.doesNotMatch(run.stdout, /secret|sibling|nope/, pattern);
      assert.ok(run.code === 0 || run.code === 2, `${pattern}: ${describeRun(run)}`);
    }
  });
});
