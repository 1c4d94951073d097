// The workspace index and the custom requests of protocol.ts, over stdio.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { makeWorkspace, positionOf, record, seed, startServer } from './harness.mjs';

test('indexing reports progress; listRecords answers from the index; the preview renders the open text, escaped', async () => {
  const ws = makeWorkspace({
    '001.meeting.yaml': seed('001-amm51-asean-plus-one.meeting.yaml'),
    'deep/er/002.meeting.yml': seed('002-amm57-vientiane.meeting.yaml'),
    'node_modules/pkg/ignored.meeting.yaml': record({ id: '2024-07-26-ignored' }),
    'notes.yaml': record({ id: '2024-07-26-not-a-record-file' }),
  });
  const client = await startServer({ folders: [ws.dir] });
  try {
    const end = await client.indexed();
    const begin = client.events.find((e) => e.type === 'progress' && e.params.value?.kind === 'begin');
    assert.equal(begin.params.value.title, 'Indexing meeting records');
    assert.equal(begin.params.token, end.params.token);
    assert.ok(client.events.some((e) => e.type === 'progress-create'), 'the progress token was created with window/workDoneProgress/create');
    const watchers = client.events.find((e) => e.type === 'register' && e.params.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = watchers.params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles').registerOptions.watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/*.meeting.yaml') && globs.includes('**/*.catalog.{yaml,yml}'), globs.join(', '));

    const { records } = await client.request('meetingRecords/listRecords', {});
    assert.deepEqual(records.map((r) => r.id).sort(), [
      '2018-08-02-amm51-asean-china',
      '2018-08-02-amm51-asean-japan',
      '2018-08-02-amm51-asean-new-zealand',
      '2018-08-02-amm51-asean-russia',
      '2024-07-23-amm57-seanwfz-executive-committee',
      '2024-07-23-amm57-som',
      '2024-07-26-amm57-asean-korea',
      '2024-07-26-amm57-asean-plus-one',
    ].sort());
    const china = records.find((r) => r.id === '2018-08-02-amm51-asean-china');
    assert.deepEqual(
      { uri: china.uri, title: china.title, date: china.date, mechanism: china.mechanism, level: china.level, partners: china.partners, errors: china.errors, warnings: china.warnings },
      { uri: ws.uri('001.meeting.yaml'), title: 'Hội nghị ASEAN - Trung Quốc', date: '2018-08-02', mechanism: 'ASEAN+1', level: 'ministerial', partners: ['China'], errors: 0, warnings: 0 },
    );
    assert.equal(china.line, positionOf(seed('001-amm51-asean-plus-one.meeting.yaml'), 'id: 2018-08-02-amm51-asean-china').line - 1);

    // The preview of an open, unsaved, hostile text: rendered from the editor's text, every string escaped.
    const uri = ws.uri('001.meeting.yaml');
    const hostile = record({ id: '2024-07-26-hostile', title: '<script>alert(1)</script> & <b>bold</b>' }).replace('  - Republic of Korea', '  - Hàn Quốc');
    await client.open(uri, hostile);
    const preview = await client.request('meetingRecords/renderPreview', { uri, cspSource: 'vscode-webview://x', nonce: 'n0nce' });
    assert.equal(preview.title, '<script>alert(1)</script> & <b>bold</b>');
    assert.ok(!preview.html.includes('<script>alert(1)'));
    assert.ok(preview.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
    assert.match(preview.html, /Content-Security-Policy/);
    assert.match(preview.html, /nonce-n0nce/);
    assert.equal(preview.problemCount, 1);
    // The open text shadows the file on disk in the index.
    const after = await client.request('meetingRecords/listRecords', {});
    assert.ok(after.records.some((r) => r.uri === uri && r.id === '2024-07-26-hostile' && r.warnings === 1));
    assert.ok(!after.records.some((r) => r.id === '2018-08-02-amm51-asean-china'));
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('workspace folders added later are indexed', async () => {
  const first = makeWorkspace({ 'a.meeting.yaml': record({ id: '2024-07-26-first' }) });
  const second = makeWorkspace({ 'b.meeting.yaml': record({ id: '2024-07-26-second' }) });
  const client = await startServer({ folders: [first.dir] });
  try {
    await client.indexed();
    const since = client.mark();
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(second.dir).href, name: 'second' }], removed: [] } });
    await client.indexed({ since });
    const { records } = await client.request('meetingRecords/listRecords', {});
    assert.deepEqual(records.map((r) => r.id).sort(), ['2024-07-26-first', '2024-07-26-second']);
    const hit = await client.request('workspace/symbol', { query: 'second' });
    assert.equal(hit[0].location.uri, second.uri('b.meeting.yaml'));
  } finally {
    await client.shutdown();
    first.cleanup();
    second.cleanup();
  }
});

test('settings: recordGlobs decide what is a record, catalogPaths add catalogs', async () => {
  const ws = makeWorkspace({
    'records/one.yaml': record({ id: '2024-07-26-from-glob' }).replace('  - Republic of Korea', '  - Atlantis'),
    'shared/names.yaml': 'parties:\n  - name: Atlantis\n    kind: other\n',
    'x.meeting.yaml': record({ id: '2024-07-26-default-glob' }),
  });
  const client = await startServer({ folders: [ws.dir], settings: { meetingRecords: { recordGlobs: ['records/*.yaml'], catalogPaths: ['shared/names.yaml'] } } });
  try {
    await client.indexed();
    const { records } = await client.request('meetingRecords/listRecords', {});
    assert.deepEqual(records.map((r) => [r.id, r.errors]), [['2024-07-26-from-glob', 0]]);
    const totals = await client.request('meetingRecords/validateWorkspace', {});
    assert.deepEqual(totals, { files: 1, errors: 0, warnings: 0 });
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('a keystroke never waits for indexing: diagnostics for the open record arrive while thousands of files are indexed', async () => {
  const files = {};
  const count = 4000;
  const body = seed('004-som-apt-eas-singapore.meeting.yaml');
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, '0');
    files[`batch-${n.slice(0, 3)}/r${n}.meeting.yaml`] = body.replace('2018-08-01-som-asean-plus-three', `2018-08-01-som-apt-${n}`).replace('2018-08-01-som-eas', `2018-08-01-som-eas-${n}`);
  }
  const ws = makeWorkspace(files);
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.waitFor((e) => e.type === 'progress' && e.params.value?.kind === 'begin', { what: 'indexing to begin' });
    const uri = ws.uri('typing.meeting.yaml');
    const text = record({ id: '2018-08-01-som-apt-00042' });
    const opened = performance.now();
    await client.open(uri, text);
    const firstAnswer = performance.now() - opened;
    const timings = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await client.replace(uri, text.replace('VnExpress', `VnExpress ${i}`));
      timings.push(performance.now() - t0);
    }
    const indexingStillRunning = !client.events.some((e) => e.type === 'progress' && e.params.value?.kind === 'end');
    await client.indexed({ timeout: 120_000 });
    const end = client.events.findIndex((e) => e.type === 'progress' && e.params.value?.kind === 'end');
    const firstDiagnostics = client.events.findIndex((e) => e.type === 'diagnostics' && e.params.uri === uri);
    assert.ok(indexingStillRunning && firstDiagnostics < end, `diagnostics (event ${firstDiagnostics}) came before the end of indexing (event ${end}); first answer ${Math.round(firstAnswer)} ms, edits ${timings.map(Math.round).join(', ')} ms`);
    // Once indexed, the open record learns its id is taken by a closed file.
    const { records } = await client.request('meetingRecords/listRecords', {});
    assert.equal(records.length, count * 2 + 1);
    const dup = await client.diagnostics(uri, { match: (ds) => ds.some((d) => d.code === 'duplicate-id') });
    assert.equal(dup[0].relatedInformation[0].location.uri, ws.uri('batch-000/r00042.meeting.yaml'));
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});
