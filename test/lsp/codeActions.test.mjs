// Code actions over stdio: the lightbulb's quick fixes and "fix all", applied as an editor would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits, positionOf, record, startInWorkspace, stopInWorkspace } from './harness.mjs';

describe('code actions', () => {
  let client;
  let ws;
  let n = 0;
  before(async () => {
    ({ ws, client } = await startInWorkspace());
  });
  after(() => stopInWorkspace({ ws, client }));

  /** Opens the text, asks for actions over `range` (or the diagnostic with `code`), returns them with the text. */
  async function actionsFor(text, { code, only, message = /./ } = {}) {
    const uri = ws.uri(`a${n++}.meeting.yaml`);
    const diagnostics = await client.open(uri, text);
    const diagnostic = code ? diagnostics.find((d) => d.code === code && message.test(d.message)) : undefined;
    const range = diagnostic?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: diagnostic ? [diagnostic] : [], ...(only ? { only } : {}) },
    });
    return { uri, diagnostics, diagnostic, actions, version: client.version(uri) };
  }

  const editsOf = (action, uri) => {
    const change = action.edit.documentChanges?.find((c) => c.textDocument.uri === uri);
    return change ? change.edits : action.edit.changes[uri];
  };

  test('alias → canonical: one preferred quick fix, linked to its diagnostic, for the open version', async () => {
    const text = record().replace('  - Republic of Korea', '  - Hàn Quốc  # as the article says');
    const { uri, diagnostic, actions, version } = await actionsFor(text, { code: 'non-canonical-name' });
    const fixes = actions.filter((a) => a.kind === 'quickfix');
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, "Replace with 'Republic of Korea'");
    assert.equal(fixes[0].isPreferred, true);
    assert.deepEqual(fixes[0].diagnostics, [diagnostic]);
    assert.equal(fixes[0].edit.documentChanges[0].textDocument.version, version);
    const fixed = applyEdits(text, editsOf(fixes[0], uri));
    assert.equal(fixed, record().replace('  - Republic of Korea', '  - Republic of Korea  # as the article says'));
  });

  test('did-you-mean for an unknown party and an unknown key; missing fields get placeholders', async () => {
    const party = await actionsFor(record().replace('  - Republic of Korea', '  - Japn'), { code: 'unknown-party' });
    assert.deepEqual(party.actions.filter((a) => a.kind === 'quickfix').map((a) => a.title), ["Change to 'Japan'"]);
    const key = await actionsFor(record().replace('level: ministerial', 'levle: ministerial'), { code: 'schema', message: /Unknown field/ });
    const rename = key.actions.find((a) => a.title === "Rename to 'level'");
    assert.ok(rename?.isPreferred);
    assert.match(applyEdits(record().replace('level: ministerial', 'levle: ministerial'), editsOf(rename, key.uri)), /^level: ministerial$/m);
    const missingText = record().replace('date: 2024-07-26\n', '');
    const missing = await actionsFor(missingText, { code: 'schema', message: /Missing required field 'date'/ });
    const insert = missing.actions.find((a) => a.title === "Add missing field 'date'");
    assert.ok(insert);
    const inserted = applyEdits(missingText, editsOf(insert, missing.uri));
    assert.match(inserted, /^date: "?\d{4}-\d{2}-\d{2}"?$/m);
    assert.ok(inserted.endsWith('date: ' + inserted.split('date: ')[1]), 'appended after the last field');
  });

  test('a duplicate party: remove the second one, keeping the rest of the file as it was', async () => {
    const text = record().replace('  - Republic of Korea', '  - Republic of Korea\n  # the article repeats it\n  - Hàn Quốc');
    const { uri, actions } = await actionsFor(text, { code: 'duplicate-entry' });
    const remove = actions.find((a) => a.title === "Remove the duplicate 'Hàn Quốc'");
    assert.ok(remove);
    assert.equal(applyEdits(text, editsOf(remove, uri)), record().replace('  - Republic of Korea', '  - Republic of Korea\n  # the article repeats it'));
  });

  test('"Fix all safe problems in file": every safe fix, comments and CRLF kept; offered for source.fixAll only requests', async () => {
    const text = [
      '# Seed record, hand-edited',
      'version: 1',
      'id: 2018-08-02-amm51-asean-plus-one',
      "title: 'Hội nghị ASEAN+1'",
      'mechanism: ASEAN 1   # the article drops the plus',
      'level: ministerial',
      'date: 2018-08-02',
      'partners:',
      '  - Nhật Bản',
      '  - Trung Quốc',
      '  - Japan',
      'source:',
      '  publisher: VOV5',
      '',
    ].join('\r\n');
    const { uri, actions } = await actionsFor(text, { only: ['source.fixAll'] });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe problems in file', 'source.fixAll.meetingRecords']]);
    const fixed = applyEdits(text, editsOf(actions[0], uri));
    assert.equal(
      fixed,
      [
        '# Seed record, hand-edited',
        'version: 1',
        'id: 2018-08-02-amm51-asean-plus-one',
        "title: 'Hội nghị ASEAN+1'",
        'mechanism: ASEAN+1   # the article drops the plus',
        'level: ministerial',
        'date: 2018-08-02',
        'partners:',
        '  - Japan',
        '  - China',
        'source:',
        '  publisher: VOV5',
        '',
      ].join('\r\n'),
    );
    const quick = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: positionOf(text, 'ASEAN 1'), end: positionOf(text, 'ASEAN 1') },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    const clean = await actionsFor(record(), { only: ['source.fixAll'] });
    assert.deepEqual(clean.actions, [], 'nothing to offer in a clean file');
  });
});
