// Diagnostics over stdio: what a user sees in the Problems panel as they type.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeWorkspace, positionOf, record, seed, startServer, textAt, startInWorkspace, stopInWorkspace } from './harness.mjs';

const DOCS = 'https://github.com/meeting-records/meeting-records#rule-';

describe('diagnostics (push)', () => {
  let client;
  let ws;
  before(async () => {
    ({ ws, client } = await startInWorkspace());
  });
  after(() => stopInWorkspace({ ws, client }));

  test('on open: version, code, rule link and the exact range of each problem', async () => {
    const uri = ws.uri('open.meeting.yaml');
    const text = record().replace('level: ministerial', 'level: ministeral').replace('  - Republic of Korea', '  - Nhật Bản');
    const diagnostics = await client.open(uri, text);
    const schema = diagnostics.find((d) => d.code === 'schema');
    assert.equal(schema.message, "'level' must be one of: summit, ministerial, senior-officials, ambassadors, working-level, other");
    assert.equal(schema.severity, 1);
    assert.equal(textAt(text, schema.range), 'ministeral');
    assert.equal(schema.codeDescription.href, `${DOCS}schema`);
    assert.equal(schema.source, 'meeting-records');
    const alias = diagnostics.find((d) => d.code === 'non-canonical-name');
    assert.equal(alias.severity, 2);
    assert.equal(textAt(text, alias.range), 'Nhật Bản');
    assert.deepEqual(alias.range.start, positionOf(text, 'Nhật Bản'));
    assert.equal(alias.codeDescription.href, `${DOCS}non-canonical-name`);
    const state = await client.waitFor((e) => e.type === 'state' && e.params.uri === uri && e.params.version === 1);
    assert.deepEqual({ records: state.params.records, errors: state.params.errors, warnings: state.params.warnings }, { records: 1, errors: 1, warnings: 1 });
    client.close(uri);
  });

  test('every change is re-validated: incremental edits, the latest version published, never an older one after it', async () => {
    const uri = ws.uri('typing.meeting.yaml');
    let text = record();
    assert.deepEqual(await client.open(uri, text), []);
    // Type "Nhật" over "Republic of Korea" one range edit at a time, without waiting in between.
    const start = positionOf(text, 'Republic of Korea');
    const end = positionOf(text, 'Republic of Korea', { delta: 'Republic of Korea'.length });
    const since = client.mark();
    await client.edit(uri, [{ range: { start, end }, text: '' }], { wait: false });
    let character = start.character;
    for (const ch of 'Nhật') {
      const at = { line: start.line, character };
      await client.edit(uri, [{ range: { start: at, end: at }, text: ch }], { wait: false });
      character++;
    }
    text = text.replace('Republic of Korea', 'Nhật');
    const finalVersion = client.version(uri);
    const diagnostics = await client.diagnostics(uri, { version: finalVersion, since });
    assert.deepEqual(diagnostics.map((d) => [d.code, textAt(text, d.range)]), [['non-canonical-name', 'Nhật']]);
    const published = client.events.slice(since).filter((e) => e.type === 'diagnostics' && e.params.uri === uri).map((e) => e.params.version);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), 'versions are published in order');
    assert.equal(published.at(-1), finalVersion);
    // A multi-change event yields the same text as a full replacement would.
    const fixed = await client.edit(uri, [
      { range: { start: positionOf(text, 'Nhật'), end: positionOf(text, 'Nhật', { delta: 4 }) }, text: 'Japan' },
      { range: { start: positionOf(text, 'VnExpress'), end: positionOf(text, 'VnExpress', { delta: 9 }) }, text: 'VOV5' },
    ]);
    assert.deepEqual(fixed, []);
    client.close(uri);
  });

  test('a burst of changes to a large record costs one validation, not one per keystroke', async () => {
    const uri = ws.uri('large.meeting.yaml');
    const topics = Array.from({ length: 3000 }, (_, i) => `  - topic ${i}`).join('\n');
    const text = record().replace('source:', `topics:\n${topics}\nsource:`);
    await client.open(uri, text);
    const line = positionOf(text, '  - topic 0').line;
    const since = client.mark();
    for (let i = 0; i < 10; i++) {
      const at = { line, character: 11 + i };
      await client.edit(uri, [{ range: { start: at, end: at }, text: 'x' }], { wait: false });
    }
    await client.diagnostics(uri, { version: client.version(uri), since });
    const published = client.events.slice(since).filter((e) => e.type === 'diagnostics' && e.params.uri === uri);
    assert.ok(published.length < 10, `${published.length} publishes for 10 changes`);
    client.close(uri);
  });

  test('a CRLF file gets ranges on the right line and column', async () => {
    const uri = ws.uri('crlf.meeting.yaml');
    const text = record().replace('  - Republic of Korea', '  - Atlantis').replace(/\n/g, '\r\n');
    const diagnostics = await client.open(uri, text);
    assert.equal(diagnostics.length, 1);
    const [unknown] = diagnostics;
    assert.equal(unknown.code, 'unknown-party');
    assert.deepEqual(unknown.range, { start: positionOf(text, 'Atlantis'), end: positionOf(text, 'Atlantis', { delta: 8 }) });
    assert.equal(unknown.range.start.line, 11);
    client.close(uri);
  });

  test('a BOM the editor keeps in the text shifts nothing: ranges, fixes and completion land on the right characters', async () => {
    const uri = ws.uri('bom.meeting.yaml');
    const text = `\uFEFF${record().replace('version: 1', 'version: 2').replace('mechanism: ASEAN+1', 'mechanism: ASEAN 1')}`;
    const diagnostics = await client.open(uri, text);
    const version = diagnostics.find((d) => d.code === 'schema');
    assert.equal(textAt(text, version.range), '2');
    assert.deepEqual(version.range.start, { line: 0, character: 10 });
    const alias = diagnostics.find((d) => d.code === 'non-canonical-name');
    assert.equal(textAt(text, alias.range), 'ASEAN 1');
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.deepEqual(list.items.map((i) => [i.label, textAt(text, i.textEdit.range)]), [['1', '2']]);
    client.close(uri);
  });

  test('a multi-record file: each record on its own, ranges inside the right record', async () => {
    const uri = ws.uri('multi.meeting.yaml');
    const original = seed('001-amm51-asean-plus-one.meeting.yaml');
    assert.deepEqual(await client.open(uri, original), []);
    // Break the third record only: its partner and its date.
    const text = original.replace('partners: [China]', 'partners: [Trung Quốc]').replace(
      'id: 2018-08-02-amm51-asean-china\ntitle: Hội nghị ASEAN - Trung Quốc\ntitle_en: ASEAN Post Ministerial Conference (PMC+1) with China\nmechanism: ASEAN+1\nlevel: ministerial\nseries: AMM-51\ndate: 2018-08-02',
      'id: 2018-08-02-amm51-asean-china\ntitle: Hội nghị ASEAN - Trung Quốc\ntitle_en: ASEAN Post Ministerial Conference (PMC+1) with China\nmechanism: ASEAN+1\nlevel: ministerial\nseries: AMM-51\ndate: 2018-02-30',
    );
    const diagnostics = await client.replace(uri, text);
    const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d]));
    assert.deepEqual(Object.keys(byCode).sort(), ['non-canonical-name', 'schema']);
    assert.deepEqual(byCode['non-canonical-name'].range.start, positionOf(text, 'Trung Quốc]'));
    assert.equal(byCode.schema.message, "'date' must be a real date written YYYY-MM-DD");
    assert.equal(textAt(text, byCode.schema.range), '2018-02-30');
    const thirdRecordStart = positionOf(text, 'id: 2018-08-02-amm51-asean-china').line;
    const fourthRecordStart = positionOf(text, 'id: 2018-08-02-amm51-asean-new-zealand').line;
    for (const d of diagnostics) assert.ok(d.range.start.line > thirdRecordStart && d.range.start.line < fourthRecordStart);
    const state = await client.waitFor((e) => e.type === 'state' && e.params.uri === uri && e.params.version === client.version(uri));
    assert.equal(state.params.records, 4);
    client.close(uri);
  });

  test('YAML that does not parse, binary junk and an alias bomb: one clear error each, and the server keeps answering', async () => {
    const broken = ws.uri('broken.meeting.yaml');
    const syntax = await client.open(broken, 'version: 1\nid: [unclosed\ntitle: x\n');
    assert.ok(syntax.length >= 1 && syntax.every((d) => d.code === 'yaml-syntax'));
    const bomb = ws.uri('bomb.meeting.yaml');
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bombDiagnostics = await client.open(bomb, `${lol.join('\n')}\n`);
    assert.ok(bombDiagnostics.some((d) => /alias/i.test(d.message)));
    const junk = ws.uri('junk.meeting.yaml');
    const junkDiagnostics = await client.open(junk, '\u0000\u0001\uFFFD\u0007PK\u0003\u0004 binary');
    assert.ok(junkDiagnostics.length >= 1);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: broken } });
    assert.ok(Array.isArray(symbols));
    for (const uri of [broken, bomb, junk]) client.close(uri);
  });
});

describe('diagnostics under settings', () => {
  test('severity overrides per code, "off" hides a rule, and a change of settings re-publishes', async () => {
    const ws = makeWorkspace();
    const client = await startServer({
      folders: [ws.dir],
      settings: { meetingRecords: { severity: { 'non-canonical-name': 'error', 'series-year': 'off' } } },
    });
    try {
      const uri = ws.uri('a.meeting.yaml');
      const text = record().replace('  - Republic of Korea', '  - Hàn Quốc').replace('series: AMM-57', 'series: AMM-56');
      const diagnostics = await client.open(uri, text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['non-canonical-name', 1]]);
      const since = client.mark();
      client.setSettings({ meetingRecords: { severity: { 'non-canonical-name': 'hint' } } });
      const after = await client.diagnostics(uri, { since, match: (ds) => ds.length === 2 });
      assert.deepEqual(after.map((d) => [d.code, d.severity]).sort(), [['non-canonical-name', 4], ['series-year', 2]]);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });

  test('above maxFileSize only the information diagnostic; validation turned off publishes nothing', async () => {
    const ws = makeWorkspace();
    const client = await startServer({ folders: [ws.dir], settings: { meetingRecords: { maxFileSize: 1000 } } });
    try {
      const uri = ws.uri('big.meeting.yaml');
      const text = `${record()}notes: ${'x'.repeat(2000)}\ntitel: typo\n`;
      const diagnostics = await client.open(uri, text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'file-too-large');
      assert.equal(diagnostics[0].severity, 3);
      assert.match(diagnostics[0].message, /Not validated/);
      assert.equal(diagnostics[0].range.start.line, 0);
      const state = await client.waitFor((e) => e.type === 'state' && e.params.uri === uri);
      assert.match(state.params.skipped, /limit/);

      const since = client.mark();
      client.setSettings({ meetingRecords: { validate: { enable: false } } });
      assert.deepEqual(await client.diagnostics(uri, { since }), []);
      const off = await client.waitFor((e) => e.type === 'state' && e.params.uri === uri, { since });
      assert.match(off.params.skipped, /turned off/);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});

describe('diagnostics (pull)', () => {
  test('a client that pulls gets textDocument/diagnostic answers and no pushed duplicates', async () => {
    const ws = makeWorkspace({ 'other.meeting.yaml': record() });
    const client = await startServer({ folders: [ws.dir], pull: true });
    try {
      assert.equal(client.init.capabilities.diagnosticProvider.interFileDependencies, true);
      await client.indexed();
      const uri = ws.uri('pulled.meeting.yaml');
      const text = record().replace('level: ministerial', 'level: summitt');
      await client.open(uri, text, { wait: false });
      const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      const codes = report.items.map((d) => d.code).sort();
      assert.deepEqual(codes, ['duplicate-id', 'schema']);
      assert.equal(report.items.find((d) => d.code === 'duplicate-id').relatedInformation[0].location.uri, ws.uri('other.meeting.yaml'));
      // The status notification still follows validation, and nothing was pushed for the open document.
      await client.waitFor((e) => e.type === 'state' && e.params.uri === uri);
      assert.equal(client.lastDiagnostics(uri), undefined);
      // Another file changes on disk: the client is asked to pull again.
      const since = client.mark();
      ws.write('other.meeting.yaml', record({ id: '2024-07-26-renamed' }));
      client.filesChanged([{ uri: ws.uri('other.meeting.yaml'), type: 2 }]);
      await client.waitFor((e) => e.type === 'refresh', { since, what: 'workspace/diagnostic/refresh' });
      const again = await client.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.deepEqual(again.items.map((d) => d.code), ['schema']);
    } finally {
      await client.shutdown();
      ws.cleanup();
    }
  });
});
