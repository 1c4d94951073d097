// One verdict: "Validate Workspace" over stdio publishes exactly what
// `meeting-records validate --format json` reports from the workspace
// folder, file by file (code, severity, line, column, message), and nothing
// for the files the CLI does not judge. On the repository that once split
// them (ignored folders, workspace catalogs inside and outside them,
// encodings, multi-record files, symlinks, unreadable files) and on random
// small repositories (fast-check).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { runCli } from '../safety/cli.mjs';
import { startServer } from '../safety/lsp.mjs';
import { FLAWS, knownRepo, openAll, record, writeRepo } from './repo.mjs';

// As root, both run as nobody: a file nobody may read is then unreadable to both, as it is for a user.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const SEVERITY = [undefined, 'error', 'warning', 'information', 'hint'];

const folders = [];
after(() => {
  for (const dir of folders) {
    openAll(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function newFolder() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'mr-parity-'));
  fs.chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}

/** A diagnostic as both sides can be compared: the CLI's JSON fields. */
const key = (d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`;

function fromLsp(d) {
  return {
    severity: SEVERITY[d.severity],
    code: d.code,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

/** What the CLI reports, by file URI: every file it judged, clean ones included. */
async function cliVerdicts(root) {
  const run = await runCli(['validate', '--format', 'json'], { cwd: root, ...asUser });
  assert.ok(run.code === 0 || run.code === 1, `CLI exit ${run.code}: ${run.stderr}`);
  const entries = JSON.parse(run.stdout);
  return new Map(entries.map((e) => [pathToFileURL(path.join(root, e.file)).href, e.diagnostics.map(key).sort()]));
}

/** What Validate Workspace publishes, by URI: the latest diagnostics of every file it published. */
async function editorVerdicts(root) {
  const server = await startServer({ workspace: root, ...asUser });
  try {
    await server.request('meetingRecords/validateWorkspace', {}, 60_000);
    return new Map([...server.published].map(([uri, p]) => [uri, p.diagnostics.map((d) => key(fromLsp(d))).sort()]));
  } finally {
    await server.stop();
  }
}

async function assertOneVerdict(root) {
  const [cli, editor] = await Promise.all([cliVerdicts(root), editorVerdicts(root)]);
  for (const [uri, diagnostics] of cli) {
    assert.deepEqual(editor.get(uri) ?? [], diagnostics, `${path.relative(root, new URL(uri).pathname)}: the editor published what the CLI reports`);
  }
  for (const [uri, diagnostics] of editor) {
    if (!cli.has(uri)) assert.deepEqual(diagnostics, [], `${path.relative(root, new URL(uri).pathname)}: the CLI does not judge this file, the editor shows nothing for it`);
  }
  return cli;
}

describe('one verdict: Validate Workspace publishes what validate --format json reports', () => {
  test('the repository that once split them', async () => {
    const root = writeRepo(newFolder(), knownRepo());
    const cli = await assertOneVerdict(root);
    const codesOf = (file) => (cli.get(pathToFileURL(path.join(root, file)).href) ?? []).map((k) => k.split(' ')[2]);
    // The cases themselves, so the comparison cannot pass by both sides reporting nothing.
    assert.ok(!cli.has(pathToFileURL(path.join(root, 'drafts/copy.meeting.yaml')).href), 'the ignored copy is not judged');
    assert.deepEqual(codesOf('records/a.meeting.yaml'), ['duplicate-id'], 'a duplicate id within the included files only');
    assert.ok(codesOf('records/uses-ignored-catalog.meeting.yaml').includes('unknown-party'), 'a party only the ignored catalog defines is unknown');
    assert.deepEqual(codesOf('records/uses-workspace-catalog.meeting.yaml'), [], 'a party the included catalog defines is known');
    assert.deepEqual(codesOf('records/latin1.meeting.yaml'), ['encoding']);
    assert.ok(codesOf('records/quote.meeting.yaml').includes('yaml-syntax'));
    assert.deepEqual(codesOf('links/broken.meeting.yaml'), ['io']);
    assert.ok(!cli.has(pathToFileURL(path.join(root, 'links/same.meeting.yaml')).href), 'a link to a judged file is judged once');
    assert.ok(!cli.has(pathToFileURL(path.join(root, 'records/scratch.tmp.meeting.yaml')).href), 'a pattern in .gitignore leaves a file out');
    assert.deepEqual(codesOf('records/keep.tmp.meeting.yaml'), ['non-canonical-name'], 'a negated pattern takes it back');
    if (asUser.uid !== undefined) {
      assert.deepEqual(codesOf('locked/secret.meeting.yaml'), ['io'], 'a file nobody may read');
      assert.deepEqual(codesOf('sealed'), ['io'], 'a folder nobody may enter');
    }
  });

  test('with .gitignore turned off (--no-ignore, meetingRecords.useIgnoreFiles: false)', async () => {
    const root = writeRepo(newFolder(), knownRepo());
    const run = await runCli(['validate', '--format', 'json', '--no-ignore'], { cwd: root, ...asUser });
    const cli = new Map(JSON.parse(run.stdout).map((e) => [pathToFileURL(path.join(root, e.file)).href, e.diagnostics.map(key).sort()]));
    const server = await startServer({ workspace: root, settings: { meetingRecords: { useIgnoreFiles: false } }, ...asUser });
    let editor;
    try {
      await server.request('meetingRecords/validateWorkspace', {}, 60_000);
      editor = new Map([...server.published].map(([uri, p]) => [uri, p.diagnostics.map((d) => key(fromLsp(d))).sort()]));
    } finally {
      await server.stop();
    }
    const copy = pathToFileURL(path.join(root, 'drafts/copy.meeting.yaml')).href;
    assert.ok(cli.get(copy)?.some((k) => k.includes('duplicate-id')), 'the copy is judged, and shares an id');
    for (const [uri, diagnostics] of cli) assert.deepEqual(editor.get(uri) ?? [], diagnostics, uri);
    for (const [uri, diagnostics] of editor) if (!cli.has(uri)) assert.deepEqual(diagnostics, [], uri);
  });

  test('property: random small repositories (fast-check, fixed seed)', async () => {
    const folder = fc.constantFrom('', 'records/', 'drafts/', 'nested/deep/', 'records/old/');
    const file = fc.record({
      folder,
      name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      ext: fc.constantFrom('.meeting.yaml', '.meeting.yml'),
      docs: fc.array(fc.record({ seed: fc.nat(11), id: fc.constantFrom('id-one', 'id-two', 'id-three', 'id-four'), flaw: fc.constantFrom(...FLAWS) }), { minLength: 1, maxLength: 3 }),
      encoding: fc.constantFrom('utf8', 'utf8', 'bom', 'latin1'),
    });
    const repo = fc.record({
      files: fc.array(file, { minLength: 1, maxLength: 7 }),
      catalogIn: fc.subarray(['', 'drafts/', 'nested/']),
      ignore: fc.subarray(['drafts/', 'nested/', '*.meeting.yml', 'records/old/']),
      link: fc.boolean(),
    });
    const samples = fc.sample(repo, { numRuns: 10, seed: 20261203 });
    for (const sample of samples) {
      const spec = { gitignore: sample.ignore, files: [] };
      for (const f of sample.files) {
        const text = f.docs.map((d) => record(d.seed, d.id, d.flaw)).join('---\n');
        const entry = { path: `${f.folder}${f.name}${f.ext}` };
        if (f.encoding === 'latin1') entry.bytes = Buffer.from(text.replace(/^title: .*$/m, 'title: Hội nghị caf\u00e9'), 'latin1');
        else entry.text = f.encoding === 'bom' ? `\uFEFF${text}` : text;
        spec.files.push(entry);
      }
      for (const where of sample.catalogIn) spec.files.push({ path: `${where}ws.catalog.yaml`, text: 'parties:\n  - name: Wakanda\n    kind: other\n' });
      if (sample.link) spec.files.push({ path: 'linked.meeting.yaml', link: spec.files[0].path });
      const root = writeRepo(newFolder(), spec);
      await assertOneVerdict(root);
    }
  });
});
