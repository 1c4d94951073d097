// meetingRecords/export over stdio: the workspace's records (or some
// folders' and files'), open documents as the editor has them, read back by
// the same independent parsers as the CLI's export; records with errors left
// out and named by URI; progress on the client's token; bad params refused.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkCsv, checkIcs, checkJson, checkJsonLd, recordsOf } from '../export/formats.mjs';
import { generateCorpus, runCli } from '../cli/helpers.mjs';
import { ROOT, SEEDS, makeWorkspace, startInWorkspace, startServer, stopInWorkspace } from './harness.mjs';

const RULES = path.join(ROOT, 'test', 'fixtures', 'cli', 'rules');
const RULE_FILES = ['clean', 'non-canonical-name', 'unknown-party', 'duplicate-id-a', 'duplicate-id-b'];

/** The seed records under seeds/ and a few rule fixtures under rules/, indexed. */
function startExportWorkspace() {
  const files = {};
  for (const name of readdirSync(SEEDS)) files[`seeds/${name}`] = readFileSync(path.join(SEEDS, name), 'utf8');
  for (const name of RULE_FILES) files[`rules/${name}.meeting.yaml`] = readFileSync(path.join(RULES, `${name}.meeting.yaml`), 'utf8');
  return startInWorkspace(files, { indexed: true });
}

/** The records of these workspace files, as `yaml` reads them, in the export's order (by name). */
function expected(ws, names) {
  return recordsOf([...names].sort().map((n) => ws.path(n)), ws.dir);
}

const seedNames = () => readdirSync(SEEDS).map((n) => `seeds/${n}`);

test('export: every format of the seed folder reads back; the whole workspace leaves out records with errors, by URI', async () => {
  const started = await startExportWorkspace();
  const { ws, client } = started;
  try {
    const seeds = expected(ws, seedNames());
    const seedFolder = [ws.uri('seeds')];
    const ics = await client.request('meetingRecords/export', { format: 'ics', uris: seedFolder });
    checkIcs(ics.text, seeds);
    assert.deepEqual({ records: ics.records, files: ics.files, errors: ics.errors, skipped: ics.skipped, unread: ics.unread }, { records: seeds.length, files: 5, errors: 0, skipped: [], unread: [] });
    checkCsv((await client.request('meetingRecords/export', { format: 'csv', uris: seedFolder })).text, seeds);
    checkJsonLd((await client.request('meetingRecords/export', { format: 'jsonld', uris: seedFolder })).text, seeds);
    checkJson((await client.request('meetingRecords/export', { format: 'json', uris: seedFolder })).text, seeds);

    const all = await client.request('meetingRecords/export', { format: 'json' });
    const clean = expected(ws, [...seedNames(), 'rules/clean.meeting.yaml', 'rules/non-canonical-name.meeting.yaml']);
    checkJson(all.text, clean);
    assert.equal(all.files, 10);
    assert.equal(all.errors, 3);
    assert.deepEqual(all.skipped, [
      { uri: ws.uri('rules/duplicate-id-a.meeting.yaml'), line: 1, id: 'fixture-duplicate-id' },
      { uri: ws.uri('rules/duplicate-id-b.meeting.yaml'), line: 2, id: 'fixture-duplicate-id' },
      { uri: ws.uri('rules/unknown-party.meeting.yaml'), line: 1, id: 'fixture-unknown-party' },
    ]);

    // One file, named by its URI.
    const one = await client.request('meetingRecords/export', { format: 'csv', uris: [ws.uri('rules/non-canonical-name.meeting.yaml')] });
    checkCsv(one.text, expected(ws, ['rules/non-canonical-name.meeting.yaml']), (n) => (n === 'Nhật Bản' ? 'Japan' : n));
  } finally {
    await stopInWorkspace(started);
  }
});

test('export: an open document is exported as the editor has it, unsaved', async () => {
  const started = await startExportWorkspace();
  const { ws, client } = started;
  try {
    const uri = ws.uri('rules/unknown-party.meeting.yaml');
    const fixed = readFileSync(path.join(RULES, 'unknown-party.meeting.yaml'), 'utf8').replace('Japn', 'Japan').replace('fixture-unknown-party', 'fixed-in-the-editor');
    await client.open(uri, fixed);
    const result = await client.request('meetingRecords/export', { format: 'json', uris: [uri] });
    assert.deepEqual(result.skipped, []);
    assert.equal(JSON.parse(result.text)[0].record.id, 'fixed-in-the-editor');
    assert.equal(JSON.parse(result.text)[0].file, 'rules/unknown-party.meeting.yaml');
  } finally {
    await stopInWorkspace(started);
  }
});

test('export: progress on the client token, from begin to end; bad params are InvalidParams', async () => {
  const started = await startExportWorkspace();
  const { ws, client } = started;
  try {
    const since = client.mark();
    await client.request('meetingRecords/export', { format: 'csv', workDoneToken: 'export-1' });
    const mine = client.events.slice(since).filter((e) => e.type === 'progress' && e.params.token === 'export-1').map((e) => e.params.value.kind);
    assert.equal(mine[0], 'begin');
    assert.equal(mine.at(-1), 'end');
    for (const params of [{ format: 'xml' }, { format: 'csv', uris: 'not a list' }, {}]) {
      await assert.rejects(client.request('meetingRecords/export', params), (error) => error.code === -32602, JSON.stringify(params));
    }
  } finally {
    await stopInWorkspace(started);
  }
});

test('export: a workspace of 450 files (judged on worker threads) exports what meeting-records export exports from its folder', async () => {
  const ws = makeWorkspace();
  generateCorpus(ws.dir, 450, { perFolder: 100, invalidEvery: 90 });
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed({ timeout: 60_000 });
    for (const format of ['json', 'csv', 'jsonld']) {
      const server = await client.request('meetingRecords/export', { format });
      const cli = runCli(['export', '-f', format, '--allow-errors', '.'], { cwd: ws.dir });
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(server.text, cli.stdout, `${format}: the editor and the command line export the same`);
      assert.equal(server.files, 450);
      assert.equal(server.skipped.length, 5);
    }
  } finally {
    await stopInWorkspace({ ws, client });
  }
});
