// Issue 14, items 5 and 6: every file the CLI writes (`render -o`, `--fix`,
// the cache) goes through one safe-write helper (server/src/cli/atomicWrite.ts).
// Through the real CLI process:
//  - `render -o` never writes over its input (by name, hard link or
//    symlink), writes through a symlink (the link stays a link, as vim, cp
//    and shell redirection do), refuses a link to nothing, and never renames
//    over what is not a regular file (a device, a FIFO, a folder);
//  - `--fix` keeps the file's mode (the temporary file must not take the
//    umask), its owner and its hard links (written in place after a safe
//    copy), and fixes a file whose name is as long as the system allows;
//  - a failure while writing in place puts the old text back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeRun, runCli } from './cli.mjs';
import { CLI, ROOT, requireBuilt, scratch } from './paths.mjs';

before(() => requireBuilt(CLI));

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A record whose only problems have safe fixes. */
const FIXABLE = ['version: 1', 'id: 2024-07-26-safety-fix', 'title: Hội nghị ASEAN+3', 'mechanism: ASEAN 3', 'level: ministerial', 'date: 2024-07-26', 'partners: [Nhật Bản, Trung Quốc]', 'source:', '  publisher: VOV', ''].join('\n');
const FIXED = FIXABLE.replace('ASEAN 3', 'ASEAN+3').replace('[Nhật Bản, Trung Quốc]', '[Japan, China]');

function leftovers(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

/** One line on stderr, exit 2: what a refused render prints. */
function assertRefused(run, pattern) {
  assert.equal(run.code, 2, describeRun(run));
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], pattern);
}

describe('render -o: never over an input, never over what is not a regular file', () => {
  test('-o naming the input: refused, the record kept byte for byte', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    const run = await runCli(['render', 'a.meeting.yaml', '-o', 'a.meeting.yaml'], { cwd: dir });
    assertRefused(run, /a\.meeting\.yaml.*input/);
    assert.equal(readFileSync(join(dir, 'a.meeting.yaml'), 'utf8'), FIXABLE);
    assert.deepEqual(leftovers(dir), []);
  });

  test('-o naming the input by another path, a hard link or a symlink: refused', async (t) => {
    const dir = scratch(t);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    linkSync(join(dir, 'a.meeting.yaml'), join(dir, 'hard.html'));
    symlinkSync('a.meeting.yaml', join(dir, 'soft.html'));
    for (const out of ['./sub/../a.meeting.yaml', join(dir, 'a.meeting.yaml'), 'hard.html', 'soft.html']) {
      const run = await runCli(['render', 'a.meeting.yaml', '-o', out], { cwd: dir });
      assertRefused(run, /input/);
      assert.equal(readFileSync(join(dir, 'a.meeting.yaml'), 'utf8'), FIXABLE, out);
    }
    assert.ok(lstatSync(join(dir, 'soft.html')).isSymbolicLink());
  });

  test('-o a symlink: the page is written through it, and the link stays a link', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    writeFileSync(join(dir, 'page.html'), 'old page');
    symlinkSync('page.html', join(dir, 'link.html'));
    const run = await runCli(['render', 'a.meeting.yaml', '-o', 'link.html'], { cwd: dir });
    assert.equal(run.code, 0, describeRun(run));
    assert.ok(lstatSync(join(dir, 'link.html')).isSymbolicLink(), 'still a link');
    assert.equal(readlinkSync(join(dir, 'link.html')), 'page.html');
    assert.match(readFileSync(join(dir, 'page.html'), 'utf8'), /^<!DOCTYPE html>/i);
  });

  test('-o a symlink to nothing: refused (as cp refuses), nothing created', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    symlinkSync('missing/page.html', join(dir, 'dangling.html'));
    const run = await runCli(['render', 'a.meeting.yaml', '-o', 'dangling.html'], { cwd: dir });
    assertRefused(run, /dangling\.html.*symbolic link.*does not exist/);
    assert.ok(lstatSync(join(dir, 'dangling.html')).isSymbolicLink());
  });

  test('-o a FIFO or a folder: refused, left as it was, no temporary file', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    execFileSync('mkfifo', [join(dir, 'pipe.html')]);
    mkdirSync(join(dir, 'folder.html'));
    for (const [out, kind] of [['pipe.html', /pipe/], ['folder.html', /folder/]]) {
      const run = await runCli(['render', 'a.meeting.yaml', '-o', out], { cwd: dir, timeoutMs: 20_000 });
      assert.equal(run.timedOut, false, describeRun(run));
      assertRefused(run, new RegExp(`${out.replace('.', '\\.')}.*${kind.source}.*not a regular file`));
    }
    assert.ok(lstatSync(join(dir, 'pipe.html')).isFIFO());
    assert.ok(lstatSync(join(dir, 'folder.html')).isDirectory());
    assert.deepEqual(leftovers(dir), []);
  });

  test('-o a device, as root (who may rename over it): refused, still a device', { skip: !asRoot && 'needs root to make a device node' }, async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'a.meeting.yaml'), FIXABLE);
    // A private node with /dev/full's numbers: the real one must never be at risk.
    execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const run = await runCli(['render', 'a.meeting.yaml', '-o', 'full'], { cwd: dir });
    assertRefused(run, /full.*device.*not a regular file/);
    assert.ok(lstatSync(join(dir, 'full')).isCharacterDevice(), 'the device node is still there');
    assert.deepEqual(leftovers(dir), []);
  });
});

describe('--fix keeps what the file is', () => {
  let umask;
  before(() => {
    // The usual umask, which narrowed a 664 file to 644: the CLI inherits it.
    umask = process.umask(0o022);
  });
  after(() => process.umask(umask));

  for (const mode of [0o664, 0o600, 0o775]) {
    test(`mode ${mode.toString(8)} is kept under umask 022`, async (t) => {
      const dir = scratch(t);
      const file = join(dir, 'r.meeting.yaml');
      writeFileSync(file, FIXABLE);
      chmodSync(file, mode);
      const run = await runCli(['validate', '--fix', 'r.meeting.yaml'], { cwd: dir });
      assert.equal(run.code, 0, describeRun(run));
      assert.equal(readFileSync(file, 'utf8'), FIXED);
      assert.equal((statSync(file).mode & 0o7777).toString(8), mode.toString(8));
      assert.deepEqual(leftovers(dir), []);
    });
  }

  test('a file with two hard links: both names see the fix, one inode, two links', async (t) => {
    const dir = scratch(t);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    linkSync(file, join(dir, 'other-name.yaml'));
    const before = statSync(file);
    const run = await runCli(['validate', '--fix', 'r.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, describeRun(run));
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.equal(readFileSync(join(dir, 'other-name.yaml'), 'utf8'), FIXED, 'the other name keeps no old text');
    assert.equal(statSync(file).ino, before.ino);
    assert.equal(statSync(file).nlink, 2);
    assert.deepEqual(leftovers(dir), []);
  });

  test('the owner is kept: as root, a file owned by another user stays theirs', { skip: !asRoot && 'needs root to own files as another user' }, async (t) => {
    const dir = scratch(t);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    chownSync(file, NOBODY, NOBODY);
    const run = await runCli(['validate', '--fix', 'r.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, describeRun(run));
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual([statSync(file).uid, statSync(file).gid], [NOBODY, NOBODY]);
  });

  test('the owner is kept when the fixer may write the file but not own it (group-writable): written in place', { skip: !asRoot && 'needs root to set up two users' }, async (t) => {
    const dir = scratch(t);
    chownSync(dir, NOBODY, NOBODY);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    // root's file, writable by nobody's group: a rename would hand it to nobody.
    chownSync(file, 0, NOBODY);
    chmodSync(file, 0o664);
    const before = statSync(file);
    const run = await runCli(['validate', '--fix', 'r.meeting.yaml'], { cwd: dir, uid: NOBODY, gid: NOBODY });
    assert.equal(run.code, 0, describeRun(run));
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    const now = statSync(file);
    assert.deepEqual([now.uid, now.gid, now.mode & 0o7777, now.ino], [0, NOBODY, 0o664, before.ino]);
    assert.deepEqual(leftovers(dir), []);
  });

  for (const [what, stem] of [
    ['ASCII', 'a'.repeat(240)],
    ['Vietnamese (3-byte characters)', 'hội-nghị-'.repeat(30)],
  ]) {
    test(`a file name of up to 255 bytes (${what}) is fixed: the temporary name fits NAME_MAX`, async (t) => {
      const dir = scratch(t);
      let name = `${stem}.meeting.yaml`;
      while (Buffer.byteLength(name) > 253) name = name.slice(1);
      t.diagnostic(`${Buffer.byteLength(name)}-byte name`);
      writeFileSync(join(dir, name), FIXABLE);
      const run = await runCli(['validate', '--fix', '--format', 'json', name], { cwd: dir });
      assert.equal(run.code, 0, describeRun(run));
      assert.equal(readFileSync(join(dir, name), 'utf8'), FIXED);
      assert.deepEqual(leftovers(dir), []);
    });
  }

  test('a failure while writing in place puts the old text back: one line, the file as it was, no temporary file', async (t) => {
    const dir = scratch(t);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, FIXABLE);
    linkSync(file, join(dir, 'other-name.yaml'));
    const run = await runCli(['validate', '--fix', '--format', 'json', 'r.meeting.yaml'], {
      cwd: dir,
      nodeArgs: ['--require', join(ROOT, 'test/safety/failing-write.cjs')],
      env: { SAFETY_FAIL_TRUNCATE: file },
    });
    assert.equal(run.code, 1, describeRun(run));
    const io = JSON.parse(run.stdout)[0].diagnostics.find((d) => d.code === 'io');
    assert.match(io?.message ?? '', /no space left/i, run.stdout);
    assert.doesNotMatch(io.message, /[\r\n]/);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE, 'the old text is back');
    assert.equal(readFileSync(join(dir, 'other-name.yaml'), 'utf8'), FIXABLE);
    assert.deepEqual(leftovers(dir), []);
  });
});
