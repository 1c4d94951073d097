// Which files a run takes: folders, globs, .gitignore (nested, negations,
// the enclosing repository's), node_modules and .git skipped, symlink loops
// ended, links out of the given folder not followed, shards covering every
// file exactly once, workspace and --catalog catalogs merged.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { generateCorpus, runCli, runJson, scratch } from './helpers.mjs';

const RECORD = (id, extra = '') =>
  `version: 1\nid: ${id}\ntitle: Hội nghị\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-07-26\nsource:\n  publisher: TTXVN\n${extra}`;

function write(dir, rel, text) {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const files = (run) => run.json.map((e) => e.file).sort();

describe('folders and .gitignore', () => {
  test('walks *.meeting.yaml and *.meeting.yml, skipping node_modules, .git and ignored paths', () => {
    const dir = scratch();
    write(dir, 'a.meeting.yaml', RECORD('walk-a'));
    write(dir, 'sub/b.meeting.yml', RECORD('walk-b'));
    write(dir, 'sub/not-a-record.yaml', 'x: [');
    write(dir, 'node_modules/pkg/c.meeting.yaml', RECORD('walk-c'));
    write(dir, '.git/d.meeting.yaml', RECORD('walk-d'));
    write(dir, '.gitignore', 'build/\n*.draft.meeting.yaml\n');
    write(dir, 'build/e.meeting.yaml', RECORD('walk-e'));
    write(dir, 'sub/f.draft.meeting.yaml', RECORD('walk-f'));
    // Nested .gitignore with a negation that re-includes one draft.
    write(dir, 'nested/.gitignore', '*.meeting.yaml\n!keep.meeting.yaml\n');
    write(dir, 'nested/drop.meeting.yaml', RECORD('walk-g'));
    write(dir, 'nested/keep.meeting.yaml', RECORD('walk-h'));
    const run = runJson(['validate'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(files(run), ['a.meeting.yaml', 'nested/keep.meeting.yaml', 'sub/b.meeting.yml']);
  });

  test('the enclosing repository\'s .gitignore applies to a sub-folder given on the command line', () => {
    const dir = scratch();
    fs.mkdirSync(path.join(dir, '.git'));
    write(dir, '.gitignore', 'records/generated/\n');
    write(dir, 'records/a.meeting.yaml', RECORD('repo-a'));
    write(dir, 'records/generated/b.meeting.yaml', RECORD('repo-b'));
    const run = runJson(['validate', 'records'], { cwd: dir });
    assert.deepEqual(files(run), ['records/a.meeting.yaml']);
  });

  test('a file named on the command line is validated even when ignored', () => {
    const dir = scratch();
    write(dir, '.gitignore', '*.meeting.yaml\n');
    write(dir, 'a.meeting.yaml', RECORD('named-a'));
    assert.deepEqual(files(runJson(['validate', 'a.meeting.yaml'], { cwd: dir })), ['a.meeting.yaml']);
    assert.deepEqual(files(runJson(['validate', '.'], { cwd: dir })), []);
  });
});

describe('symlinks', () => {
  test('a symlink loop ends, and each real file is validated once', () => {
    const dir = scratch();
    write(dir, 'a/x.meeting.yaml', RECORD('loop-x'));
    fs.symlinkSync('..', path.join(dir, 'a', 'up'));
    fs.symlinkSync('.', path.join(dir, 'a', 'self'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'alias-of-a'));
    const started = Date.now();
    const run = runJson(['validate', '.'], { cwd: dir });
    assert.ok(Date.now() - started < 30_000);
    assert.equal(run.code, 0, 'no duplicate-id from the same file seen twice');
    assert.equal(run.json.length, 1);
  });

  test('links that point outside the given folder are not followed', () => {
    const outside = scratch();
    write(outside, 'secret.meeting.yaml', RECORD('outside-secret'));
    write(outside, 'dir/other.meeting.yaml', RECORD('outside-other'));
    const dir = scratch();
    write(dir, 'in.meeting.yaml', RECORD('inside'));
    fs.symlinkSync(path.join(outside, 'secret.meeting.yaml'), path.join(dir, 'link.meeting.yaml'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(dir, 'linkdir'));
    assert.deepEqual(files(runJson(['validate', '.'], { cwd: dir })), ['in.meeting.yaml']);
    assert.deepEqual(files(runJson(['validate', '**/*.meeting.yaml'], { cwd: dir })), ['in.meeting.yaml']);
  });
});

describe('globs', () => {
  test('a glob is matched under its static base; !glob leaves files out', () => {
    const dir = scratch();
    write(dir, 'records/2024/a.meeting.yaml', RECORD('glob-a'));
    write(dir, 'records/2023/b.meeting.yaml', RECORD('glob-b'));
    write(dir, 'records/2023/c.yaml', RECORD('glob-c'));
    write(dir, 'other/d.meeting.yaml', RECORD('glob-d'));
    assert.deepEqual(files(runJson(['validate', 'records/**/*.meeting.yaml'], { cwd: dir })), ['records/2023/b.meeting.yaml', 'records/2024/a.meeting.yaml']);
    assert.deepEqual(files(runJson(['validate', 'records/2023/*.yaml'], { cwd: dir })), ['records/2023/b.meeting.yaml', 'records/2023/c.yaml']);
    assert.deepEqual(files(runJson(['validate', '.', '!records/2023/**'], { cwd: dir })), ['other/d.meeting.yaml', 'records/2024/a.meeting.yaml']);
  });

  test('a glob that matches nothing is a usage error (exit 2)', () => {
    const dir = scratch();
    const run = runCli(['validate', 'nowhere/**/*.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^meeting-records: no files match 'nowhere\/\*\*\/\*\.meeting\.yaml'/);
  });
});

describe('catalogs', () => {
  test('workspace *.catalog.yaml files found under the folder are merged over the bundled catalog', () => {
    const dir = scratch();
    write(dir, 'a.meeting.yaml', RECORD('catalog-a', 'chair: Atlantis\n'));
    assert.equal(runJson(['validate'], { cwd: dir }).json[0].diagnostics[0].code, 'unknown-party');
    write(dir, 'extra.catalog.yaml', 'parties:\n  - name: Atlantis\n    kind: other\n    aliases: [Atlantida]\n');
    const run = runJson(['validate'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(files(run), ['a.meeting.yaml'], 'catalog files are not validated as records');
  });

  test('--catalog FILE (repeatable) adds names; a missing --catalog is exit 2', () => {
    const dir = scratch();
    const cat = scratch();
    write(dir, 'a.meeting.yaml', RECORD('catalog-b', 'chair: Atlantis\nparticipants: [Lemuria]\n'));
    write(cat, 'one.yaml', 'parties:\n  - name: Atlantis\n    kind: other\n');
    write(cat, 'two.yaml', 'parties:\n  - name: Lemuria\n    kind: other\n');
    assert.equal(runJson(['validate', '--catalog', path.join(cat, 'one.yaml')], { cwd: dir }).code, 1);
    assert.equal(runJson(['validate', '--catalog', path.join(cat, 'one.yaml'), '--catalog', path.join(cat, 'two.yaml')], { cwd: dir }).code, 0);
    const missing = runCli(['validate', '--catalog', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--catalog: no such file 'nope.yaml'/);
  });

  test('a broken workspace catalog gets its own entry with errors', () => {
    const dir = scratch();
    write(dir, 'a.meeting.yaml', RECORD('catalog-c'));
    write(dir, 'bad.catalog.yaml', 'parties: [\n');
    const run = runJson(['validate'], { cwd: dir });
    assert.equal(run.code, 1);
    const entry = run.json.find((e) => e.file === 'bad.catalog.yaml');
    assert.equal(entry.diagnostics[0].code, 'yaml-syntax');
  });
});

describe('--shard', () => {
  test('every file lands in exactly one shard, and shards are stable', () => {
    const dir = generateCorpus(scratch(), 60, { perFolder: 20 });
    const all = files(runJson(['validate'], { cwd: dir }));
    assert.equal(all.length, 60);
    const seen = [];
    for (let i = 1; i <= 3; i++) {
      const shard = files(runJson(['validate', '--shard', `${i}/3`], { cwd: dir }));
      assert.ok(shard.length > 5 && shard.length < 40, `shard ${i} has ${shard.length} files`);
      assert.deepEqual(files(runJson(['validate', '--shard', `${i}/3`], { cwd: dir })), shard, 'same split every run');
      seen.push(...shard);
    }
    assert.deepEqual(seen.sort(), all);
  });

  test('duplicate ids are found within a shard only (as documented)', () => {
    const dir = scratch();
    for (let i = 0; i < 12; i++) write(dir, `r${i}.meeting.yaml`, RECORD('shared-id'));
    const whole = runJson(['validate'], { cwd: dir });
    assert.ok(whole.json.every((e) => e.diagnostics.some((d) => d.code === 'duplicate-id')));
    const one = runJson(['validate', '--shard', '1/12'], { cwd: dir });
    for (const e of one.json) assert.equal(e.diagnostics.some((d) => d.code === 'duplicate-id'), one.json.length > 1);
  });

  test('a bad shard is a usage error', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3']) {
      const run = runCli(['validate', '--shard', bad]);
      assert.equal(run.code, 2, bad);
      assert.match(run.stderr, /--shard expects i\/n/);
    }
  });
});
