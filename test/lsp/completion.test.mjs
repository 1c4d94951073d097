// Completion over stdio: what appears in the suggest widget, and what gets inserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits, positionOf, record, textAt, startInWorkspace, stopInWorkspace } from './harness.mjs';

/**
 * VS Code keeps an item only when the word typed so far (the text from the
 * edit range's start to the cursor) fuzzy-matches its filterText: every
 * character in order, case-insensitively, the first one at a word start.
 */
function survivesClientFilter(item, typed) {
  if (!typed) return true;
  const filter = (item.filterText ?? item.label).toLowerCase();
  const word = typed.toLowerCase();
  let j = 0;
  for (let i = 0; i < filter.length && j < word.length; i++) if (filter[i] === word[j]) j++;
  return j === word.length && filter.startsWith(word[0]);
}

describe('completion', () => {
  let client;
  let ws;
  let n = 0;
  before(async () => {
    ({ ws, client } = await startInWorkspace({
      'other.meeting.yaml': record({ id: '2024-07-26-other' }).replace(
        'source:',
        'documents:\n  - title: Joint Statement on the 35th Anniversary of Dialogue Relations\n    type: joint-statement\n    status: adopted\nsource:',
      ),
    }, { indexed: true }));
  });
  after(() => stopInWorkspace({ ws, client }));

  /** The documentation the editor shows for an item: completion sends none, `completionItem/resolve` fills it in. */
  async function documentationOf(item) {
    assert.equal(item.documentation, undefined, `${item.label} comes without documentation`);
    const resolved = await client.request('completionItem/resolve', item);
    return resolved.documentation;
  }

  /** Opens `text` (with `|` marking the cursor) and asks for completion there. */
  async function completeAt(textWithCursor) {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
    const uri = ws.uri(`c${n++}.meeting.yaml`);
    await client.open(uri, text);
    const lines = text.slice(0, offset).split('\n');
    const at = { line: lines.length - 1, character: lines.at(-1).length };
    const list = await client.request('textDocument/completion', { textDocument: { uri }, position: at });
    client.close(uri);
    return { list, text, at, labels: list.items.map((i) => i.label) };
  }

  test('top-level keys: the missing ones, required first, none already present', async () => {
    const base = record().replace('date: 2024-07-26\n', '');
    const { list, labels } = await completeAt(`${base}|`);
    assert.ok(!labels.includes('id') && !labels.includes('title') && !labels.includes('source'));
    for (const key of ['date', 'title_en', 'end_date', 'format', 'chair', 'documents', 'notes']) assert.ok(labels.includes(key), key);
    const sorted = [...list.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.equal(sorted[0].label, 'date', 'the missing required field comes first');
    assert.match(sorted[0].detail, /required/);
    assert.match((await documentationOf(sorted[0])).value, /YYYY-MM-DD|date/i);
  });

  test('nested keys under a mapping and inside a list item', async () => {
    const location = await completeAt(record().replace('  city: Vientiane\n', '  city: Vientiane\n  |\n'));
    assert.deepEqual(location.labels.sort(), ['venue']);
    const inItem = await completeAt(record().replace('source:', 'documents:\n  - title: Vientiane Declaration\n    |\nsource:'));
    assert.deepEqual(inItem.labels.sort(), ['parties', 'period', 'status', 'type']);
    const typed = await completeAt(record().replace('source:', 'documents:\n  - title: Vientiane Declaration\n    ty|\nsource:'));
    const type = typed.list.items.find((i) => i.label === 'type');
    assert.deepEqual(type.textEdit.range, { start: { line: typed.at.line, character: 4 }, end: { line: typed.at.line, character: 6 } });
    assert.equal(type.textEdit.newText, 'type: ${1|declaration,joint-statement,statement,plan-of-action,work-plan,vision,agreement,protocol,roadmap,programme,report,framework,code-of-conduct,other|}');
    assert.equal(type.insertTextFormat, 2);
  });

  test('snippets fill the required fields of lists and mappings, indented where the key is', async () => {
    const { list, text, at } = await completeAt(record().replace('partners:\n  - Republic of Korea\n', '').replace('source:\n  publisher: VnExpress\n  url: https://vnexpress.net/a\n', 'doc|'));
    const documents = list.items.find((i) => i.label === 'documents');
    const statuses = 'adopted,signed,proposed,planned,under-negotiation,ratified,reviewed,implemented,noted';
    assert.equal(
      documents.textEdit.newText,
      `documents:\n  - title: $1\n    type: \${2|declaration,joint-statement,statement,plan-of-action,work-plan,vision,agreement,protocol,roadmap,programme,report,framework,code-of-conduct,other|}\n    status: \${3|${statuses}|}`,
    );
    assert.equal(textAt(text, documents.textEdit.range), 'doc');
    assert.deepEqual(documents.textEdit.range.start, { line: at.line, character: 0 });
    const source = list.items.find((i) => i.label === 'source');
    assert.match(source.textEdit.newText, /^source:\n {2}publisher: .+\n {2}url: /);
    const partners = list.items.find((i) => i.label === 'partners');
    assert.equal(partners.textEdit.newText, 'partners:\n  - $1');
    assert.equal(partners.command?.command, 'editor.action.triggerSuggest', 'the party list opens right after');
  });

  test('enum values come with their descriptions', async () => {
    const { list } = await completeAt(record().replace('level: ministerial', 'level: |'));
    assert.deepEqual(list.items.map((i) => i.label), ['summit', 'ministerial', 'senior-officials', 'ambassadors', 'working-level', 'other']);
    assert.equal(list.items[0].kind, 20);
    assert.match((await documentationOf(list.items[0])).value, /Summit|heads of state/i);
    const format = await completeAt(record().replace('level: ministerial', 'level: ministerial\nformat: on|'));
    const online = format.list.items.find((i) => i.label === 'online');
    assert.deepEqual(textAt(format.text, online.textEdit.range), 'on');
    assert.equal(online.textEdit.newText, 'online');
  });

  test('parties by alias without accents: "nhat" inserts Japan over the typed word, and survives the editor\'s filter', async () => {
    const { list, text } = await completeAt(record().replace('  - Republic of Korea', '  - Republic of Korea\n  - nhat|'));
    assert.equal(list.isIncomplete, true);
    const [first] = list.items;
    assert.equal(first.label, 'Japan');
    assert.equal(first.textEdit.newText, 'Japan');
    assert.equal(textAt(text, first.textEdit.range), 'nhat');
    assert.ok(survivesClientFilter(first, 'nhat'), first.filterText);
    assert.equal(applyEdits(text, [first.textEdit]), record().replace('  - Republic of Korea', '  - Republic of Korea\n  - Japan'));
    assert.match((await documentationOf(first)).value, /Nhật Bản/);
  });

  test('"Hàn Q" finds the Republic of Korea; ISO codes and English variants work; the canonical name is always inserted', async () => {
    const korea = await completeAt(record().replace('  - Republic of Korea', '  - Hàn Q|'));
    const item = korea.list.items[0];
    assert.equal(item.label, 'Republic of Korea');
    assert.equal(textAt(korea.text, item.textEdit.range), 'Hàn Q');
    assert.equal(item.textEdit.newText, 'Republic of Korea');
    assert.ok(survivesClientFilter(item, 'Hàn Q'), item.filterText);
    const iso = await completeAt(record().replace('chair: ', '').replace('level: ministerial', 'level: ministerial\nchair: JP|'));
    assert.equal(iso.list.items[0].label, 'Japan');
    assert.ok(survivesClientFilter(iso.list.items[0], 'JP'));
    const vietnam = await completeAt(record().replace('  country: Lao PDR', '  country: Vietnam|'));
    assert.equal(vietnam.list.items[0].label, 'Viet Nam');
    assert.equal(vietnam.list.items[0].textEdit.newText, 'Viet Nam');
    assert.ok(survivesClientFilter(vietnam.list.items[0], 'Vietnam'));
  });

  test('never a party already in the same list (whatever spelling it uses); other places still offer it', async () => {
    const list = await completeAt(record().replace('  - Republic of Korea', '  - Nhật Bản\n  - China\n  - |'));
    assert.ok(!list.labels.includes('Japan') && !list.labels.includes('China'));
    assert.ok(list.labels.includes('Republic of Korea'));
    const flow = await completeAt(record().replace('source:', 'documents:\n  - title: X\n    type: statement\n    status: adopted\n    parties: [ASEAN, Ja|]\nsource:'));
    assert.equal(flow.list.items[0].label, 'Japan');
    assert.equal(textAt(flow.text, flow.list.items[0].textEdit.range), 'Ja');
    assert.ok(!flow.labels.includes('ASEAN'));
    for (const [what, text] of [
      ['delegations[].party', record().replace('source:', 'delegations:\n  - party: Nhật|\nsource:')],
      ['initiatives[].proposed_by', record().replace('source:', 'initiatives:\n  - title: X\n    proposed_by: Nhật|\nsource:')],
      ['participants', record().replace('source:', 'participants:\n  - Japan\n  - Nhật|\nsource:')],
    ]) {
      const result = await completeAt(text);
      if (what === 'participants') assert.ok(!result.labels.includes('Japan'), what);
      else assert.equal(result.list.items[0].label, 'Japan', what);
    }
  });

  test('mechanisms by name and alias; quoting is kept', async () => {
    const apt = await completeAt(record().replace('mechanism: ASEAN+1', 'mechanism: ASEAN 3|'));
    assert.equal(apt.list.items[0].label, 'ASEAN+3');
    assert.equal(apt.list.items[0].textEdit.newText, 'ASEAN+3');
    const vi = await completeAt(record().replace('mechanism: ASEAN+1', 'mechanism: cap cao dong|'));
    assert.equal(vi.list.items[0].label, 'EAS');
    const quoted = await completeAt(record().replace('mechanism: ASEAN+1', 'mechanism: "Diễn đàn|"'));
    assert.equal(quoted.list.items[0].label, 'ARF');
    assert.equal(textAt(quoted.text, quoted.list.items[0].textEdit.range), 'Diễn đàn');
    assert.equal(applyEdits(quoted.text, [quoted.list.items[0].textEdit]).includes('mechanism: "ARF"'), true);
  });

  test('document titles from the catalog and from every record in the workspace', async () => {
    const { list, text } = await completeAt(record().replace('source:', 'documents:\n  - title: Joint Statement on the 35|\nsource:'));
    const fromWorkspace = list.items.find((i) => i.label === 'Joint Statement on the 35th Anniversary of Dialogue Relations');
    assert.ok(fromWorkspace);
    assert.match(fromWorkspace.detail, /workspace/);
    assert.equal(textAt(text, fromWorkspace.textEdit.range), 'Joint Statement on the 35');
    const catalog = await completeAt(record().replace('source:', 'documents:\n  - title: Tầm nhìn ASEAN|\nsource:'));
    assert.equal(catalog.list.items[0].label, 'Vision Statement on ASEAN-Japan Friendship and Cooperation');
    assert.match(catalog.list.items[0].detail, /catalog vision/);
    assert.ok(survivesClientFilter(catalog.list.items[0], 'Tầm nhìn ASEAN'));
  });

  test('an empty file offers a whole-record snippet', async () => {
    const { list } = await completeAt('|');
    const skeleton = list.items.find((i) => i.label === 'New meeting record');
    assert.ok(skeleton);
    assert.equal(skeleton.insertTextFormat, 2);
    const lines = skeleton.textEdit.newText.split('\n');
    assert.equal(lines[0], 'version: 1');
    for (const key of ['id: ', 'title: ', 'mechanism: ', 'level: ${', 'date: ', 'source:']) assert.ok(lines.some((l) => l.startsWith(key)), key);
    assert.ok(lines.some((l) => l.startsWith('  publisher: ')));
    const withComment = await completeAt('# A record\n|');
    assert.ok(withComment.labels.includes('New meeting record'));
    const second = await completeAt(`${record()}---\n|`);
    assert.ok(second.labels.includes('New meeting record'), 'a new document of a multi-record file');
  });

  test('items come without documentation; resolve adds the card or description the editor shows, and changes nothing else', async () => {
    assert.equal(client.init.capabilities.completionProvider.resolveProvider, true);
    /** Resolves `item`, checks only `documentation` was added, and returns its markdown. */
    const resolvedText = async (item) => {
      const resolved = await client.request('completionItem/resolve', item);
      const { documentation, ...rest } = resolved;
      assert.deepEqual(rest, item, `${item.label}: resolve adds documentation and nothing else`);
      assert.equal(documentation?.kind, 'markdown', item.label);
      return documentation.value;
    };
    const hoverAt = async (text, needle, delta = 1) => {
      const uri = ws.uri(`h${n++}.meeting.yaml`);
      await client.open(uri, text);
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, { delta }) });
      client.close(uri);
      return hover.contents.value;
    };

    // A partner's card: the one hover shows above its "Mentioned in" links.
    const parties = await completeAt(record().replace('  - Republic of Korea', '  - Republic of Korea\n  - |'));
    assert.ok(parties.list.items.length > 20);
    for (const item of parties.list.items) {
      assert.equal(item.documentation, undefined, item.label);
      assert.deepEqual(item.data, { kind: 'party', name: item.label });
    }
    const japan = await resolvedText(parties.list.items.find((i) => i.label === 'Japan'));
    assert.ok(japan.startsWith('**Japan** · Nhật Bản\n\n'), japan);
    assert.match(japan, /dialogue relations since 1973/);
    assert.ok((await hoverAt(record().replace('  - Republic of Korea', '  - Japan'), '  - Japan', 4)).startsWith(`${japan}\n\n---\n\n`));

    // A mechanism's card and a catalog document's card, as hover shows them.
    const mechanisms = await completeAt(record().replace('mechanism: ASEAN+1', 'mechanism: ASEAN+|'));
    const apt = await resolvedText(mechanisms.list.items.find((i) => i.label === 'ASEAN+3'));
    assert.ok((await hoverAt(record().replace('mechanism: ASEAN+1', 'mechanism: ASEAN+3'), 'ASEAN+3')).startsWith(`${apt}\n\n---\n\n`));
    const title = 'Vision Statement on ASEAN-Japan Friendship and Cooperation';
    const documents = await completeAt(record().replace('source:', 'documents:\n  - title: Tầm nhìn ASEAN|\nsource:'));
    const vision = await resolvedText(documents.list.items.find((i) => i.label === title));
    const cited = record().replace('source:', `documents:\n  - title: ${title}\n    type: vision\n    status: adopted\nsource:`);
    assert.ok((await hoverAt(cited, title)).startsWith(`${vision}\n\n---\n\n`));

    // A key's and an enum value's description, as hover shows them under the bold name.
    const keys = await completeAt(`${record().replace('date: 2024-07-26\n', '')}|`);
    const date = await resolvedText(keys.list.items.find((i) => i.label === 'date'));
    assert.equal(await hoverAt(record(), 'date:', 0), `**date**\n\n${date}`);
    const levels = await completeAt(record().replace('level: ministerial', 'level: |'));
    const ministerial = await resolvedText(levels.list.items.find((i) => i.label === 'ministerial'));
    assert.equal(await hoverAt(record(), 'ministerial'), `**ministerial**\n\n${ministerial}`);

    // The whole-record snippet shows the text it inserts.
    const empty = await completeAt('|');
    const skeleton = empty.list.items.find((i) => i.label === 'New meeting record');
    const shown = await resolvedText(skeleton);
    const plain = skeleton.textEdit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    assert.equal(shown, `Inserts a record skeleton:\n\n\`\`\`yaml\n${plain}\n\`\`\``);

    // A title only cited in this workspace has no card: nothing to resolve.
    const own = await completeAt(record().replace('source:', 'documents:\n  - title: Joint Statement on the 35|\nsource:'));
    const fromWorkspace = own.list.items.find((i) => /workspace/.test(i.detail));
    assert.equal(fromWorkspace.data, undefined);
    assert.deepEqual(await client.request('completionItem/resolve', fromWorkspace), fromWorkspace);
  });

  test('resolve of an unknown or malformed item answers it unchanged, logs nothing and keeps the server answering', async () => {
    const since = client.mark();
    const bad = [
      undefined,
      null,
      'party',
      42,
      ['party', 'Japan'],
      {},
      { kind: 'nope', name: 'Japan' },
      { kind: 'party' },
      { kind: 'party', name: 'Atlantis' },
      { kind: 'party', name: { toString: 'Japan' } },
      { kind: 'mechanism', name: 'ASEAN+99' },
      { kind: 'document', name: 42 },
      { kind: 'key', path: 'level' },
      { kind: 'key', path: ['__proto__'] },
      { kind: 'key', path: ['constructor'] },
      { kind: 'key', path: ['location', '__proto__', 'city'] },
      { kind: 'key', path: ['level', -1] },
      { kind: 'key', path: Array.from({ length: 10_000 }, () => 'documents') },
      { kind: 'key', path: [] },
      { kind: 'enum', path: ['level'], value: 'emperor' },
      { kind: 'enum', path: ['level'] },
      { kind: 'record', today: '<script>' },
      { kind: 'record' },
    ];
    for (const data of bad) {
      const item = { label: 'Japan', kind: 12, ...(data === undefined ? {} : { data }) };
      assert.deepEqual(await client.request('completionItem/resolve', item), item, JSON.stringify(data)?.slice(0, 80));
    }
    // An item that already has documentation keeps it.
    const documented = { label: 'Japan', documentation: 'mine', data: { kind: 'party', name: 'Japan' } };
    assert.deepEqual(await client.request('completionItem/resolve', documented), documented);
    // Still alive and right; nothing went to the log as an error.
    const { list } = await completeAt(record().replace('  - Republic of Korea', '  - nhat|'));
    assert.match((await client.request('completionItem/resolve', list.items[0])).documentation.value, /Nhật Bản/);
    assert.deepEqual(client.events.slice(since).filter((e) => e.type === 'log' && e.params.type === 1).map((e) => e.params.message), []);
    assert.equal(client.exit, undefined);
  });

  test('nothing inside comments, free text and block scalars', async () => {
    assert.deepEqual((await completeAt(record().replace('title: ', 'title: Hội nghị |'))).labels, []);
    assert.deepEqual((await completeAt(`${record()}# partners: Nh|\n`)).labels, []);
    assert.deepEqual((await completeAt(`${record()}notes: |\n  Nh|\n`)).labels, []);
  });
});
