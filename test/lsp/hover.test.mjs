// Hover over stdio: the cards a user reads when pointing at a name or a key.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { positionOf, record, seed, textAt, startInWorkspace, stopInWorkspace } from './harness.mjs';

describe('hover', () => {
  let client;
  let ws;
  let uri;
  let text;
  before(async () => {
    ({ ws, client } = await startInWorkspace({
      'seeds/001.meeting.yaml': seed('001-amm51-asean-plus-one.meeting.yaml'),
      'seeds/004.meeting.yaml': seed('004-som-apt-eas-singapore.meeting.yaml'),
    }, { indexed: true }));
    uri = ws.uri('seeds/004.meeting.yaml');
    text = seed('004-som-apt-eas-singapore.meeting.yaml');
    await client.open(uri, text);
  });
  after(() => stopInWorkspace({ ws, client }));

  const hoverAt = (needle, options) => client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, options) });

  test('a party card: names, kind, since when, relationship, mechanisms, and the records that mention it', async () => {
    const hover = await hoverAt('Japan, Republic', { delta: 2 });
    assert.equal(hover.contents.kind, 'markdown');
    const card = hover.contents.value;
    assert.match(card, /\*\*Japan\*\* · Nhật Bản/);
    assert.match(card, /Dialogue partner · dialogue relations since 1973/);
    assert.match(card, /Relationship: Comprehensive Strategic Partnership since 2023-09-06/);
    assert.match(card, /Mechanisms: ASEAN\+1, ASEAN\+3, EAS/);
    // Japan: one record of 001 (the ASEAN-Japan session) and both records of 004.
    assert.match(card, /Mentioned in 3 records in this workspace:/);
    assert.ok(card.includes(`](${ws.uri('seeds/001.meeting.yaml')}#L10)`), 'a link to the line where the record starts in 001');
    assert.ok(card.includes(`](${uri}#L7)`));
    assert.equal(textAt(text, hover.range), 'Japan');
  });

  test('Republic of Korea: dialogue partner since 1989', async () => {
    const hover = await hoverAt('Republic of Korea]', { delta: 3 });
    assert.match(hover.contents.value, /\*\*Republic of Korea\*\* · Hàn Quốc/);
    assert.match(hover.contents.value, /since 1989/);
  });

  test('a mechanism card: full names, founded, members', async () => {
    const hover = await hoverAt('mechanism: ASEAN+3', { delta: 13 });
    const card = hover.contents.value;
    assert.match(card, /\*\*ASEAN\+3\*\* — ASEAN Plus Three/);
    assert.match(card, /Hợp tác ASEAN\+3/);
    assert.match(card, /Founded 1997/);
    assert.match(card, /Members: the 11 ASEAN member states and China, Japan, Republic of Korea/);
    assert.match(card, /Used by 1 record/);
  });

  test('a document card: type, parties, year, and the records that cite it', async () => {
    const hover = await hoverAt('title: ASEAN Plus Three Cooperation Work Plan', { delta: 12 });
    const card = hover.contents.value;
    assert.match(card, /\*\*ASEAN Plus Three Cooperation Work Plan 2018-2022\*\*/);
    assert.match(card, /work-plan/);
    assert.match(card, /Parties: /);
    assert.match(card, /Cited by 1 record in this workspace/);
  });

  test('keys: the schema description, whether required, and the allowed values', async () => {
    const level = await hoverAt('level: senior', { delta: 2 });
    assert.match(level.contents.value, /^\*\*level\*\*/);
    assert.match(level.contents.value, /\*\*Required\.\*\*/);
    assert.match(level.contents.value, /Allowed values:\n- `summit` — /);
    assert.match(level.contents.value, /- `working-level`/);
    assert.equal(textAt(text, level.range), 'level');
    const status = await hoverAt('status: reviewed', { delta: 1 });
    assert.match(status.contents.value, /`under-negotiation`/);
    const enumValue = await hoverAt('senior-officials', { delta: 3 });
    assert.match(enumValue.contents.value, /^\*\*senior-officials\*\*\n\n./);
  });

  test('an unknown party suggests the nearest names; free text has no hover', async () => {
    const other = ws.uri('typo.meeting.yaml');
    const typo = record().replace('  - Republic of Korea', '  - Japn');
    await client.open(other, typo);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: other }, position: positionOf(typo, 'Japn', { delta: 1 }) });
    assert.match(hover.contents.value, /Unknown party: not in the catalog\.\n\nDid you mean \*\*Japan\*\*/);
    const none = await client.request('textDocument/hover', { textDocument: { uri: other }, position: positionOf(typo, 'VnExpress', { delta: 2 }) });
    assert.equal(none, null);
    client.close(other);
  });
  test('since when: dated memberships on the party card, dated members on the mechanism card', async () => {
    const other = ws.uri('eas.meeting.yaml');
    const eas = 'version: 1\nid: eas-hover\ntitle: Hội nghị Cấp cao Đông Á\nmechanism: EAS\nlevel: summit\ndate: 2018-11-15\nseries: EAS-13\nsource:\n  publisher: TTXVN\npartners: [Russia, United States]\nparticipants: [Timor-Leste]\n';
    await client.open(other, eas);
    const at = (needle, delta) => client.request('textDocument/hover', { textDocument: { uri: other }, position: positionOf(eas, needle, { delta }) });
    assert.match((await at('Russia', 2)).contents.value, /Membership: EAS \(since 2011\)/);
    assert.match((await at('Timor-Leste', 2)).contents.value, /member of ASEAN since 2025-10-26/);
    assert.match((await at('mechanism: EAS', 12)).contents.value, /Russia \(since 2011\), United States \(since 2011\)/);
    client.close(other);
  });

  test('a series value: the numbered meeting as held, from the catalog\'s table', async () => {
    const other = ws.uri('series.meeting.yaml');
    const doc = 'version: 1\nid: eas-series\ntitle: EAS\nmechanism: EAS\nlevel: summit\ndate: 2007-11-21\nseries: EAS-3\nsource:\n  publisher: TTXVN\n';
    await client.open(other, doc);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: other }, position: positionOf(doc, 'EAS-3', { delta: 2 }) });
    assert.match(hover.contents.value, /\*\*EAS-3\*\* — East Asia Summit/);
    assert.match(hover.contents.value, /Held on 2007-11-21 in Singapore/);
    assert.equal(textAt(doc, hover.range), 'EAS-3');
    client.close(other);
  });
});
