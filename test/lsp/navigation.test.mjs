// Navigation over stdio: outline, folding, go to definition, find references, workspace symbols.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { positionOf, record, ROOT, seed, textAt, startInWorkspace, stopInWorkspace } from './harness.mjs';

const CATALOG = path.join(ROOT, 'seeds', 'catalog');
const lineOf = (file, needle) => readFileSync(path.join(CATALOG, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));

describe('navigation', () => {
  let client;
  let ws;
  const seed001 = seed('001-amm51-asean-plus-one.meeting.yaml');
  const seed004 = seed('004-som-apt-eas-singapore.meeting.yaml');
  before(async () => {
    ({ ws, client } = await startInWorkspace({
      '001.meeting.yaml': seed001,
      '004.meeting.yaml': seed004,
      'aliases.meeting.yaml': record({ id: '2024-07-26-aliases', title: 'Hội nghị ASEAN - Nhật Bản' }).replace('  - Republic of Korea', '  - Nhật Bản'),
      'team.catalog.yaml': '# Our own parties\nparties:\n  - name: Atlantis\n    kind: other\n',
    }, { indexed: true }));
  });
  after(() => stopInWorkspace({ ws, client }));

  test('the outline of a multi-record file: one symbol per record, then title, date, partners, documents…', async () => {
    const uri = ws.uri('001.meeting.yaml');
    await client.open(uri, seed001);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Hội nghị ASEAN - Nhật Bản', 'Hội nghị ASEAN – Nga', 'Hội nghị ASEAN - Trung Quốc', 'Cuộc họp ASEAN - New Zealand']);
    const [japan] = symbols;
    assert.equal(japan.detail, '2018-08-02-amm51-asean-japan · 2018-08-02');
    assert.equal(textAt(seed001, japan.selectionRange), 'Hội nghị ASEAN - Nhật Bản');
    assert.equal(japan.range.start.line, positionOf(seed001, 'version: 1').line);
    const fields = japan.children.map((c) => c.name);
    assert.deepEqual(fields.slice(0, 9), ['version', 'id', 'title', 'title_en', 'mechanism', 'level', 'series', 'date', 'location']);
    assert.ok(fields.includes('partners') && fields.includes('documents') && fields.includes('source'));
    const documents = japan.children.find((c) => c.name === 'documents');
    assert.equal(documents.detail, '3 items');
    assert.deepEqual(documents.children.map((d) => d.name), [
      'Revised Implementation Plan of the Vision Statement on ASEAN-Japan Friendship and Cooperation',
      'ASEAN-Japan 10-Year Strategic Economic Cooperation Roadmap',
      'Japan-East Asia Network of Exchange for Students and Youths (JENESYS)',
    ]);
    const partners = japan.children.find((c) => c.name === 'partners');
    assert.deepEqual(partners.children.map((p) => p.name), ['Japan']);
    client.close(uri);
  });

  test('folding: each record of the file, each list and mapping, each comment block', async () => {
    const uri = ws.uri('004.meeting.yaml');
    await client.open(uri, seed004);
    const ranges = await client.request('textDocument/foldingRange', { textDocument: { uri } });
    const has = (startLine, endLine, kind) => ranges.some((r) => r.startLine === startLine && r.endLine === endLine && r.kind === kind);
    const lines = seed004.split('\n');
    const documentsLine = lines.indexOf('documents:');
    const outcomesLine = lines.indexOf('outcomes:');
    assert.ok(has(documentsLine, outcomesLine - 1, undefined), 'documents: folds to its last item');
    const firstItem = documentsLine + 1;
    assert.ok(has(firstItem, firstItem + 4, undefined), 'a document entry folds on its own');
    assert.ok(has(0, 5, 'comment'), 'the header comment folds');
    const secondRecord = lines.indexOf('---');
    assert.ok(ranges.some((r) => r.startLine === secondRecord && r.endLine > secondRecord + 10), 'the second record folds from its ---');
    client.close(uri);
  });

  test('go to definition: party, mechanism and document land on their bundled catalog entry; a workspace catalog entry on its file', async () => {
    const uri = ws.uri('004.meeting.yaml');
    await client.open(uri, seed004);
    const at = async (needle, delta) => client.request('textDocument/definition', { textDocument: { uri }, position: positionOf(seed004, needle, { delta }) });
    const japan = await at('Japan, Republic', 1);
    assert.equal(fileURLToPath(japan.uri), path.join(CATALOG, 'parties.yaml'));
    assert.equal(japan.range.start.line, lineOf('parties.yaml', '- name: Japan'));
    const apt = await at('mechanism: ASEAN+3', 12);
    assert.equal(fileURLToPath(apt.uri), path.join(CATALOG, 'mechanisms.yaml'));
    assert.equal(apt.range.start.line, lineOf('mechanisms.yaml', '- name: ASEAN+3'));
    const workPlan = await at('title: ASEAN Plus Three Cooperation', 10);
    assert.equal(fileURLToPath(workPlan.uri), path.join(CATALOG, 'documents.yaml'));
    assert.equal(workPlan.range.start.line, lineOf('documents.yaml', '- title: ASEAN Plus Three Cooperation Work Plan'));
    assert.equal(await at('Nguyễn Quốc Dũng', 2), null, 'free text has no definition');

    const own = ws.uri('own.meeting.yaml');
    const text = record({ id: '2024-07-26-own' }).replace('  - Republic of Korea', '  - Atlantis');
    assert.deepEqual(await client.open(own, text), []);
    const atlantis = await client.request('textDocument/definition', { textDocument: { uri: own }, position: positionOf(text, 'Atlantis', { delta: 2 }) });
    assert.equal(atlantis.uri, ws.uri('team.catalog.yaml'));
    assert.equal(atlantis.range.start.line, 2);
    client.close(own);
    client.close(uri);
  });

  test('find references: every record mentioning the party, whatever spelling it used', async () => {
    const uri = ws.uri('001.meeting.yaml');
    await client.open(uri, seed001);
    const refs = await client.request('textDocument/references', {
      textDocument: { uri },
      position: positionOf(seed001, 'partners: [Japan]', { delta: 12 }),
      context: { includeDeclaration: false },
    });
    const places = refs.map((r) => `${path.basename(fileURLToPath(r.uri))}:${r.range.start.line}`).sort();
    const aliasesText = record({ id: '2024-07-26-aliases', title: 'Hội nghị ASEAN - Nhật Bản' }).replace('  - Republic of Korea', '  - Nhật Bản');
    const expected = [
      `001.meeting.yaml:${positionOf(seed001, 'partners: [Japan]').line}`,
      ...[...seed001.matchAll(/parties: \[(?:ASEAN, )?Japan\]/g)].map((m) => `001.meeting.yaml:${seed001.slice(0, m.index).split('\n').length - 1}`),
      `aliases.meeting.yaml:${positionOf(aliasesText, '  - Nhật Bản').line}`,
    ];
    for (const place of expected) assert.ok(places.includes(place), `${place} in ${places.join(', ')}`);
    assert.ok(places.some((p) => p.startsWith('004.meeting.yaml:')), 'the closed file 004 too');
    const alias = refs.find((r) => r.uri === ws.uri('aliases.meeting.yaml'));
    assert.deepEqual(alias.range, { start: positionOf(aliasesText, 'Nhật Bản', { occurrence: 2 }), end: positionOf(aliasesText, 'Nhật Bản', { occurrence: 2, delta: 8 }) });
    const withDeclaration = await client.request('textDocument/references', {
      textDocument: { uri },
      position: positionOf(seed001, 'partners: [Japan]', { delta: 12 }),
      context: { includeDeclaration: true },
    });
    assert.equal(fileURLToPath(withDeclaration[0].uri), path.join(CATALOG, 'parties.yaml'));
    assert.equal(withDeclaration.length, refs.length + 1);

    const docRefs = await client.request('textDocument/references', {
      textDocument: { uri },
      position: positionOf(seed001, 'title: ASEAN-Japan 10-Year', { delta: 10 }),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(docRefs.map((r) => [r.uri, r.range.start.line]), [[uri, positionOf(seed001, 'title: ASEAN-Japan 10-Year').line]]);
    client.close(uri);
  });

  test('workspace symbols: records by id and by title, accent-insensitively', async () => {
    const byId = await client.request('workspace/symbol', { query: 'amm51-asean-china' });
    assert.equal(byId[0].name, '2018-08-02-amm51-asean-china');
    assert.equal(byId[0].containerName, 'Hội nghị ASEAN - Trung Quốc');
    assert.equal(byId[0].location.uri, ws.uri('001.meeting.yaml'));
    assert.equal(byId[0].location.range.start.line, positionOf(seed001, 'id: 2018-08-02-amm51-asean-china').line - 1);
    const byTitle = await client.request('workspace/symbol', { query: 'hoi nghi cac quan chuc' });
    assert.deepEqual(byTitle.map((s) => s.containerName).sort(), ['2018-08-01-som-asean-plus-three', '2018-08-01-som-eas']);
    assert.ok(byTitle.every((s) => s.name.startsWith('Hội nghị các quan chức cao cấp')));
    const all = await client.request('workspace/symbol', { query: '' });
    assert.equal(all.length, 4 + 2 + 1);
  });
});
