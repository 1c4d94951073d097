// Cross-file freshness: duplicate ids and workspace catalogs, as files change
// on disk (didChangeWatchedFiles) and in other editors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeWorkspace, positionOf, record, startServer } from './harness.mjs';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

const dup = (ds) => ds.filter((d) => d.code === 'duplicate-id');

test('duplicate-id appears and disappears as files are created, changed and deleted on disk', async () => {
  const ws = makeWorkspace({ 'records/a.meeting.yaml': record({ id: '2024-07-26-shared-id' }) });
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed();
    const uri = ws.uri('b.meeting.yaml');
    const text = record({ id: '2024-07-26-shared-id', title: 'Record B' });
    const opened = await client.open(uri, text);
    const [first] = dup(opened);
    assert.ok(first, 'the open record is told its id is taken');
    assert.match(first.message, /Duplicate id '2024-07-26-shared-id'.*records\/a\.meeting\.yaml:2/);
    assert.deepEqual(first.range.start, positionOf(text, '2024-07-26-shared-id'));
    assert.equal(first.relatedInformation.length, 1);
    assert.equal(first.relatedInformation[0].location.uri, ws.uri('records/a.meeting.yaml'));
    assert.deepEqual(first.relatedInformation[0].location.range.start, { line: 1, character: 4 });

    // The other file is edited on disk to a new id: the error goes away.
    let since = client.mark();
    ws.write('records/a.meeting.yaml', record({ id: '2024-07-26-another-id' }));
    client.filesChanged([{ uri: ws.uri('records/a.meeting.yaml'), type: CHANGED }]);
    assert.deepEqual(dup(await client.diagnostics(uri, { since })), []);

    // A new file with the same id is created: the error comes back, pointing at it.
    since = client.mark();
    ws.write('c.meeting.yaml', record({ id: '2024-07-26-shared-id', title: 'Record C' }));
    client.filesChanged([{ uri: ws.uri('c.meeting.yaml'), type: CREATED }]);
    const again = dup(await client.diagnostics(uri, { since, match: (ds) => dup(ds).length > 0 }));
    assert.equal(again[0].relatedInformation[0].location.uri, ws.uri('c.meeting.yaml'));

    // It is deleted: gone again.
    since = client.mark();
    ws.remove('c.meeting.yaml');
    client.filesChanged([{ uri: ws.uri('c.meeting.yaml'), type: DELETED }]);
    assert.deepEqual(dup(await client.diagnostics(uri, { since })), []);

    // A whole folder deleted (watchers report only the folder): its records leave the index.
    ws.write('records/a.meeting.yaml', record({ id: '2024-07-26-shared-id' }));
    since = client.mark();
    client.filesChanged([{ uri: ws.uri('records/a.meeting.yaml'), type: CHANGED }]);
    await client.diagnostics(uri, { since, match: (ds) => dup(ds).length === 1 });
    since = client.mark();
    client.filesChanged([{ uri: ws.uri('records'), type: DELETED }]);
    assert.deepEqual(dup(await client.diagnostics(uri, { since })), []);
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('two open editors: both get duplicate-id, and fixing one clears the other', async () => {
  const ws = makeWorkspace();
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed();
    const a = ws.uri('a.meeting.yaml');
    const b = ws.uri('b.meeting.yaml');
    assert.deepEqual(await client.open(a, record({ id: '2018-08-02-amm51-asean-japan' })), []);
    let since = client.mark();
    const onB = await client.open(b, record({ id: '2018-08-02-amm51-asean-japan', title: 'B' }));
    assert.equal(dup(onB).length, 1);
    assert.equal(dup(onB)[0].relatedInformation[0].location.uri, a);
    // A is re-published with its version and the error, pointing back at B.
    const onA = await client.diagnostics(a, { since, version: 1, match: (ds) => dup(ds).length === 1 });
    assert.equal(dup(onA)[0].relatedInformation[0].location.uri, b);
    // B's id changes in the editor: A is clean again.
    since = client.mark();
    await client.replace(b, record({ id: '2018-08-02-amm51-asean-russia', title: 'B' }));
    assert.deepEqual(await client.diagnostics(a, { since }), []);
    // Closing B (never saved) takes its id out of the workspace.
    await client.replace(b, record({ id: '2018-08-02-amm51-asean-japan', title: 'B' }));
    await client.diagnostics(a, { match: (ds) => dup(ds).length === 1, since });
    since = client.mark();
    client.close(b);
    assert.deepEqual(await client.diagnostics(a, { since }), []);
    assert.deepEqual(await client.diagnostics(b, { since }), [], 'a closed file is cleared');
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('the same id twice in one multi-record file: both records are marked', async () => {
  const ws = makeWorkspace();
  const client = await startServer({ folders: [ws.dir] });
  try {
    const uri = ws.uri('twice.meeting.yaml');
    const text = `${record({ id: '2024-07-26-twice' })}---\n${record({ id: '2024-07-26-twice', title: 'Second' })}`;
    const diagnostics = dup(await client.open(uri, text));
    assert.deepEqual(diagnostics.map((d) => d.range.start.line).sort((x, y) => x - y), [1, positionOf(text, 'id: 2024-07-26-twice', { occurrence: 2 }).line]);
    assert.equal(diagnostics[0].relatedInformation[0].location.uri, uri);
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('a workspace catalog file teaches new names, on disk and while edited, and every record is validated again', async () => {
  const catalog = (name) => `parties:\n  - name: ${name}\n    aliases: [${name} Islands]\n    kind: other\n`;
  const ws = makeWorkspace({ 'catalog/extra.catalog.yaml': catalog('Atlantis') });
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed();
    const uri = ws.uri('r.meeting.yaml');
    const text = record().replace('  - Republic of Korea', '  - Atlantis\n  - Lemuria');
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(diagnostics.map((d) => d.message), ["Unknown party 'Lemuria'"]);

    // The catalog file changes on disk.
    let since = client.mark();
    ws.write('catalog/extra.catalog.yaml', `${catalog('Atlantis')}  - name: Lemuria\n    kind: other\n`);
    client.filesChanged([{ uri: ws.uri('catalog/extra.catalog.yaml'), type: CHANGED }]);
    assert.deepEqual(await client.diagnostics(uri, { since }), []);

    // The catalog is edited in an editor without saving: records follow the editor's text.
    since = client.mark();
    const catalogUri = ws.uri('catalog/extra.catalog.yaml');
    await client.open(catalogUri, catalog('Atlantis'), { languageId: 'yaml', wait: false });
    assert.deepEqual((await client.diagnostics(uri, { since, match: (ds) => ds.length === 1 })).map((d) => d.message), ["Unknown party 'Lemuria'"]);

    // A broken catalog in the editor reports its own problem and keeps the bundled names.
    since = client.mark();
    const brokenCatalog = await (async () => {
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: catalogUri, version: 2 }, contentChanges: [{ text: 'parties: [unclosed\n' }] });
      return client.diagnostics(catalogUri, { since, version: 2 });
    })();
    assert.equal(brokenCatalog[0].code, 'yaml-syntax');
    const afterBroken = await client.diagnostics(uri, { since, match: (ds) => ds.length === 2 });
    assert.deepEqual(afterBroken.map((d) => d.message).sort(), ["Unknown party 'Atlantis'", "Unknown party 'Lemuria'"]);

    // Deleting the catalog file on disk after closing the editor: back to the bundled catalog only.
    since = client.mark();
    client.close(catalogUri);
    ws.remove('catalog/extra.catalog.yaml');
    client.filesChanged([{ uri: catalogUri, type: DELETED }]);
    const last = await client.diagnostics(uri, { since, match: (ds) => ds.length === 2 });
    assert.ok(last.every((d) => d.code === 'unknown-party'));
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});

test('Validate Workspace publishes closed files and keeps them fresh; an untrusted workspace ignores its catalogs', async () => {
  const ws = makeWorkspace({
    'a.meeting.yaml': record({ id: '2024-07-26-same' }),
    'nested/b.meeting.yaml': record({ id: '2024-07-26-same', title: 'B' }).replace('  - Republic of Korea', '  - Hàn Quốc'),
    'ok.meeting.yaml': record({ id: '2024-07-26-fine' }),
    'x.catalog.yaml': 'parties:\n  - name: Atlantis\n    kind: other\n',
    'atl.meeting.yaml': record({ id: '2024-07-26-atlantis' }).replace('  - Republic of Korea', '  - Atlantis'),
  });
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed();
    const totals = await client.request('meetingRecords/validateWorkspace', null);
    assert.deepEqual(totals, { files: 4, errors: 2, warnings: 1 });
    const b = await client.diagnostics(ws.uri('nested/b.meeting.yaml'));
    assert.deepEqual(b.map((d) => d.code).sort(), ['duplicate-id', 'non-canonical-name']);
    assert.equal(b.find((d) => d.code === 'duplicate-id').relatedInformation[0].location.uri, ws.uri('a.meeting.yaml'));
    assert.deepEqual(await client.diagnostics(ws.uri('ok.meeting.yaml')), []);
    // a.meeting.yaml is deleted: b loses its duplicate, a's diagnostics are cleared.
    const since = client.mark();
    ws.remove('a.meeting.yaml');
    client.filesChanged([{ uri: ws.uri('a.meeting.yaml'), type: DELETED }]);
    assert.deepEqual(await client.diagnostics(ws.uri('a.meeting.yaml'), { since }), []);
    assert.deepEqual((await client.diagnostics(ws.uri('nested/b.meeting.yaml'), { since })).map((d) => d.code), ['non-canonical-name']);
  } finally {
    await client.shutdown();
  }

  const untrusted = await startServer({ folders: [ws.dir], initializationOptions: { workspaceTrusted: false } });
  try {
    await untrusted.indexed();
    const uri = ws.uri('atl.meeting.yaml');
    const diagnostics = await untrusted.open(uri, record({ id: '2024-07-26-atlantis' }).replace('  - Republic of Korea', '  - Atlantis'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-party']);
  } finally {
    await untrusted.shutdown();
    ws.cleanup();
  }
});

test('a .gitignore written while the server runs takes an ignored copy out of the index, as the CLI leaves it out', async () => {
  const ws = makeWorkspace({ 'records/a.meeting.yaml': record({ id: '2024-07-26-shared-id' }), 'drafts/copy.meeting.yaml': record({ id: '2024-07-26-shared-id' }) });
  const client = await startServer({ folders: [ws.dir] });
  try {
    await client.indexed();
    const uri = ws.uri('open.meeting.yaml');
    const text = record({ id: '2024-07-26-shared-id', title: 'Open' });
    assert.match(dup(await client.open(uri, text))[0].message, /by 2 other records/);
    ws.write('.gitignore', 'drafts/\n');
    const since = client.mark();
    client.filesChanged([{ uri: ws.uri('.gitignore'), type: CREATED }]);
    const after = await client.diagnostics(uri, { since, match: (ds) => dup(ds).length === 1 && /by another record/.test(dup(ds)[0].message) });
    assert.match(dup(after)[0].message, /records\/a\.meeting\.yaml:2/);
    assert.doesNotMatch(dup(after)[0].message, /drafts/);
  } finally {
    await client.shutdown();
    ws.cleanup();
  }
});
