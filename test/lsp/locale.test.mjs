// The language server in Vietnamese (issue 17): InitializeParams.locale 'vi'
// (what VS Code sends when its display language is Vietnamese), and
// initializationOptions.locale (the meetingRecords.locale setting), which wins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { positionOf, record, seed, startInWorkspace, stopInWorkspace } from './harness.mjs';

describe('InitializeParams.locale vi', () => {
  let client;
  let ws;
  let n = 0;
  before(async () => {
    ({ ws, client } = await startInWorkspace({ 'seeds/004.meeting.yaml': seed('004-som-apt-eas-singapore.meeting.yaml') }, { indexed: true, locale: 'vi' }));
  });
  after(() => stopInWorkspace({ ws, client }));

  async function open(text) {
    const uri = ws.uri(`v${n++}.meeting.yaml`);
    const diagnostics = await client.open(uri, text);
    return { uri, diagnostics, text };
  }

  test('diagnostics: Vietnamese messages, the same codes and ranges', async () => {
    const { diagnostics } = await open(
      record()
        .replace('date: 2024-07-26\n', '')
        .replace('  - Republic of Korea', '  - Japn\n  - Nhật Bản')
        .replace('level: ministerial', 'level: ministerial\nlevle: x'),
    );
    const byCode = (code) => diagnostics.filter((d) => d.code === code).map((d) => d.message);
    assert.deepEqual(byCode('schema').sort(), ["Thiếu trường bắt buộc 'date'", "Trường không xác định 'levle' (ý bạn là 'level'?)"].sort());
    assert.deepEqual(byCode('unknown-party'), ["Bên 'Japn' không có trong danh mục (ý bạn là 'Japan'?)"]);
    assert.deepEqual(byCode('non-canonical-name'), ["'Nhật Bản' là tên gọi khác: hãy ghi tên chuẩn 'Japan'"]);
    assert.ok(diagnostics.every((d) => d.source === 'meeting-records'), 'the source is a name, not a sentence');
  });

  test('a party named in a message by its Vietnamese name', async () => {
    const { diagnostics } = await open(record().replace('mechanism: ASEAN+1', 'mechanism: ASEAN+3').replace('series: AMM-57\n', '').replace('  - Republic of Korea', '  - Republic of Korea\n  - India'));
    const membership = diagnostics.find((d) => d.code === 'mechanism-membership');
    assert.equal(membership.message, "'Ấn Độ' không phải là thành viên của ASEAN+3 (các thành viên ngoài ASEAN: Trung Quốc, Nhật Bản, Hàn Quốc)");
  });

  test('quick-fix titles and "fix all" in Vietnamese; the edits insert the canonical name', async () => {
    const { uri, diagnostics } = await open(record().replace('  - Republic of Korea', '  - Hàn Quốc'));
    const diagnostic = diagnostics.find((d) => d.code === 'non-canonical-name');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Thay bằng 'Republic of Korea'"), titles.join(' | '));
    assert.ok(titles.includes('Sửa mọi vấn đề sửa được an toàn trong tệp'), titles.join(' | '));
  });

  test('hover: a party card with Vietnamese labels, Vietnamese names of members, and the schema in Vietnamese', async () => {
    const text = seed('004-som-apt-eas-singapore.meeting.yaml');
    const uri = ws.uri('seeds/004.meeting.yaml');
    await client.open(uri, text);
    const party = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Japan, Republic', { delta: 2 }) });
    assert.match(party.contents.value, /\*\*Japan\*\* · Nhật Bản/);
    assert.match(party.contents.value, /Bên đối thoại · quan hệ đối thoại từ năm 1973/);
    assert.match(party.contents.value, /Quan hệ: Đối tác Chiến lược Toàn diện từ 2023-09-06/);
    assert.match(party.contents.value, /_Quan hệ đối thoại từ năm 1973 \(kỷ niệm 45 năm vào năm 2018\); Đối tác Chiến lược Toàn diện năm 2023\._/, 'the catalog summary_vi');
    assert.match(party.contents.value, /Được nhắc đến trong \d+ bản ghi của không gian làm việc này:/);
    const mechanism = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'mechanism: ASEAN+3', { delta: 13 }) });
    assert.match(mechanism.contents.value, /Thành viên: 11 quốc gia thành viên ASEAN và Trung Quốc, Nhật Bản, Hàn Quốc/);
    const key = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'date:', { delta: 1 }) });
    assert.match(key.contents.value, /^\*\*date\*\*\n\nNgày diễn ra cuộc họp, hoặc ngày đầu tiên\./);
    assert.match(key.contents.value, /\*\*Bắt buộc\.\*\*/);
    client.close(uri);
  });

  test('completion and completionItem/resolve: details and documentation in Vietnamese', async () => {
    const base = record().replace('date: 2024-07-26\n', '');
    const { uri, text } = await open(`${base}`);
    const lines = text.split('\n');
    const at = { line: lines.length - 1, character: 0 };
    const keys = await client.request('textDocument/completion', { textDocument: { uri }, position: at });
    const date = keys.items.find((i) => i.label === 'date');
    assert.equal(date.detail, 'ngày YYYY-MM-DD · bắt buộc');
    const resolved = await client.request('completionItem/resolve', date);
    assert.match(resolved.documentation.value, /^Ngày diễn ra cuộc họp/);
    assert.match(resolved.documentation.value, /\*\*Bắt buộc\.\*\*/);

    const partyText = record().replace('  - Republic of Korea', '  - Republic of Korea\n  - nhat');
    const party = await open(partyText);
    const line = partyText.split('\n').findIndex((l) => l === '  - nhat');
    const list = await client.request('textDocument/completion', { textDocument: { uri: party.uri }, position: { line, character: 8 } });
    const japan = list.items[0];
    assert.equal(japan.label, 'Japan', 'the canonical name is what gets written');
    assert.match(japan.detail, /^Bên đối thoại · Nhật Bản/);
    const card = await client.request('completionItem/resolve', japan);
    assert.match(card.documentation.value, /quan hệ đối thoại từ năm 1973/);

    const level = record().replace('level: ministerial', 'level: ');
    const enumDoc = await open(level);
    const levelLine = level.split('\n').findIndex((l) => l === 'level: ');
    const values = await client.request('textDocument/completion', { textDocument: { uri: enumDoc.uri }, position: { line: levelLine, character: 7 } });
    const summit = await client.request('completionItem/resolve', values.items.find((i) => i.label === 'summit'));
    assert.match(summit.documentation.value, /Cấp cao/);
  });
});

describe('initializationOptions.locale (the meetingRecords.locale setting) wins over InitializeParams.locale', () => {
  test("VS Code in Vietnamese, the setting 'en': English", async () => {
    const { ws, client } = await startInWorkspace({}, { locale: 'vi', initializationOptions: { locale: 'en' } });
    try {
      const diagnostics = await client.open(ws.uri('a.meeting.yaml'), record().replace('date: 2024-07-26\n', ''));
      assert.deepEqual(diagnostics.map((d) => d.message), ["Missing required field 'date'"]);
    } finally {
      await stopInWorkspace({ ws, client });
    }
  });

  test("VS Code in English, the setting 'vi': Vietnamese; a locale the server does not speak: English", async () => {
    const vi = await startInWorkspace({}, { locale: 'en', initializationOptions: { locale: 'vi' } });
    try {
      const diagnostics = await vi.client.open(vi.ws.uri('a.meeting.yaml'), record().replace('date: 2024-07-26\n', ''));
      assert.deepEqual(diagnostics.map((d) => d.message), ["Thiếu trường bắt buộc 'date'"]);
    } finally {
      await stopInWorkspace(vi);
    }
    const fr = await startInWorkspace({}, { locale: 'fr' });
    try {
      const diagnostics = await fr.client.open(fr.ws.uri('a.meeting.yaml'), record().replace('date: 2024-07-26\n', ''));
      assert.deepEqual(diagnostics.map((d) => d.message), ["Missing required field 'date'"]);
    } finally {
      await stopInWorkspace(fr);
    }
  });
});
