// The preview and overview renderer (server/src/core/render), built from
// source with esbuild and checked on its HTML: what a reader sees, what the
// catalog adds on hover, the problems banner, and that nothing from a record
// can become markup, script or a link.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadRenderer, testCatalog, root } from '../render/renderer.mjs';
import { byClass, inCard, inspectMarkup, safetyProblems } from '../render/markup.mjs';

const OPTIONS = { cspSource: 'https://webview.example', nonce: 'TestNonce123' };

let renderer;
let catalog;
before(async () => {
  renderer = await loadRenderer();
  catalog = testCatalog(renderer.CatalogIndex);
});

function preview(records, diagnostics = [], fileName = 'test.meeting.yaml') {
  return renderer.renderPreviewPage({ records, diagnostics, catalog, fileName }, OPTIONS);
}

function error(line, character, message, code = 'schema', severity = 'error') {
  return { code, severity, message, range: { start: { line, character }, end: { line, character: character + 4 } } };
}

const RECORD = {
  version: 1,
  id: '2024-07-26-amm57-asean-japan',
  title: 'Hội nghị Bộ trưởng Ngoại giao ASEAN-Nhật Bản',
  title_en: 'ASEAN-Japan Foreign Ministers’ Meeting',
  mechanism: 'ASEAN+1',
  level: 'ministerial',
  series: 'AMM-57',
  date: '2024-07-26',
  format: 'hybrid',
  location: { venue: 'National Convention Center', city: 'Vientiane', country: 'Lao PDR' },
  chair: 'Lao PDR',
  partners: ['Japan', 'Hàn Quốc', 'Japn', 'Atlantis'],
  participants: ['Viet Nam', 'ASEAN Secretariat'],
  delegations: [{ party: 'Viet Nam', head: 'Bùi Thanh Sơn', role: 'Minister of Foreign Affairs' }],
  topics: ['South China Sea', 'Myanmar'],
  documents: [
    { title: 'ASEAN-Japan Plan of Action 2024-2028', type: 'plan-of-action', status: 'adopted', period: '2024-2028', parties: ['Japan', 'Viet Nam'] },
    { title: 'Joint Vision Statement', type: 'vision', status: 'under-negotiation' },
  ],
  initiatives: [{ title: 'Youth exchange programme', proposed_by: 'Japan' }],
  outcomes: ['Agreed to upgrade cooperation on digital transformation'],
  follow_up: [{ title: 'ASEAN-Japan Summit', date: '2024-10', mechanism: 'ASEAN+1' }],
  source: { url: 'https://baochinhphu.vn/article-1.htm', publisher: 'Báo Chính phủ', published: '2024-07-27', language: 'vi' },
  notes: 'First line\nSecond line',
};

describe('page shell', () => {
  test('is a complete document with the strict CSP, a nonce on the style and the one script', () => {
    const { html } = preview([RECORD]);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    const page = inspectMarkup(html);
    const csp = page.elements.find((e) => e.name === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(
      csp.attrs.content,
      "default-src 'none'; style-src https://webview.example 'nonce-TestNonce123'; script-src 'nonce-TestNonce123'; img-src https://webview.example data:;",
    );
    assert.deepEqual(page.rawBlocks.map((b) => [b.name, b.attrs.nonce]), [['style', 'TestNonce123'], ['script', 'TestNonce123']]);
    assert.deepEqual(safetyProblems(page, { allowedScripts: 1 }), []);
  });

  test("the CLI's 'self' source is written as the policy needs it", () => {
    const { html } = renderer.renderPreviewPage({ records: [RECORD], diagnostics: [], catalog, fileName: 'x' }, { cspSource: "'self'", nonce: 'n1' });
    const csp = inspectMarkup(html).elements.find((e) => e.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(csp.attrs.content, "default-src 'none'; style-src 'self' 'nonce-n1'; script-src 'nonce-n1'; img-src 'self' data:;");
  });

  test('the script touches the VS Code API only when it exists', () => {
    const script = inspectMarkup(preview([RECORD]).html).rawBlocks.find((b) => b.name === 'script').content;
    assert.match(script, /typeof acquireVsCodeApi !== 'function'\) return;/);
  });

  test('the page title is the first record title, with a count for more; the file name when there is none', () => {
    assert.equal(preview([RECORD]).title, RECORD.title);
    assert.equal(preview([RECORD, { title: 'Second' }]).title, `${RECORD.title} (+1 more)`);
    assert.equal(preview([{ id: 'only-an-id' }]).title, 'only-an-id');
    assert.equal(preview([], [], 'empty.meeting.yaml').title, 'empty.meeting.yaml');
    assert.match(inspectMarkup(preview([]).html).text, /No records in test\.meeting\.yaml yet/);
  });
});

describe('record content', () => {
  let page;
  before(() => {
    page = inspectMarkup(preview([RECORD]).html);
  });

  test('title, English title, formatted date, place, chair and id', () => {
    const h1 = page.elements.filter((e) => e.name === 'h1');
    assert.equal(h1.length, 1);
    assert.match(page.text, /Hội nghị Bộ trưởng Ngoại giao ASEAN-Nhật Bản ASEAN-Japan Foreign Ministers’ Meeting/);
    assert.match(page.text, /Date 26 July 2024/);
    assert.match(page.text, /Place National Convention Center, Vientiane, Lao PDR/);
    assert.match(page.text, /Chair Lao PDR/);
    assert.match(page.text, /Record 2024-07-26-amm57-asean-japan/);
  });

  test('a numbered meeting says when and where it was held, from the catalog\'s table', () => {
    const amm = { name: 'AMM', full_name: 'ASEAN Foreign Ministers\' Meeting', series_prefix: 'AMM', first_year: 1967, meetings: [{ number: 57, date: '2024-07-24', end_date: '2024-07-27', place: 'Vientiane' }] };
    const withTable = new renderer.CatalogIndex({ parties: [], mechanisms: [amm], documents: [] });
    const held = inspectMarkup(renderer.renderPreviewPage({ records: [RECORD], diagnostics: [], catalog: withTable, fileName: 'a.meeting.yaml' }, OPTIONS).html);
    assert.match(held.text, /Series AMM-57, held from 2024-07-24 to 2024-07-27 in Vientiane/);
    const byRule = new renderer.CatalogIndex({ parties: [], mechanisms: [{ ...amm, meetings: undefined }], documents: [] });
    assert.match(inspectMarkup(renderer.renderPreviewPage({ records: [RECORD], diagnostics: [], catalog: byRule, fileName: 'a.meeting.yaml' }, OPTIONS).html).text, /Series AMM-57, due in 2024 by the yearly numbering/);
  });

  test('mechanism, series, level and format badges; the mechanism hover comes from the catalog', () => {
    const [mechanism] = byClass(page, 'badge-mechanism');
    assert.equal(mechanism.attrs.title, 'ASEAN Plus One\nASEAN+1');
    assert.equal(byClass(page, 'badge-series').length, 1);
    assert.equal(byClass(page, 'badge-level').length, 1);
    assert.match(page.text, /ASEAN\+1 AMM-57 Ministerial Hybrid/);
  });

  test('partner chips carry the catalog hover text; aliases name the canonical party; unknown names stand out', () => {
    const partners = byClass(inCard(page, 'partners'), 'chip');
    assert.deepEqual(partners.map((c) => c.attrs.class), [
      'chip chip-dialogue-partner',
      'chip chip-dialogue-partner',
      'chip chip-unknown',
      'chip chip-unknown',
    ]);
    assert.equal(
      partners[0].attrs.title,
      'Japan · Nhật Bản\nDialogue partner\nDialogue partner since 1973\nRelationship: Comprehensive Strategic Partnership (since 2023)',
    );
    assert.match(partners[1].attrs.title, /^Republic of Korea · Hàn Quốc\n.*Dialogue partner since 1989/s);
    assert.match(page.text, /Hàn Quốc → Republic of Korea/);
    assert.equal(partners[2].attrs.title, "Not in the catalog: unknown party.\nDid you mean 'Japan'?");
    assert.equal(partners[3].attrs.title, 'Not in the catalog: unknown party.');
    assert.match(page.text, /Partners 4 Japan Hàn Quốc → Republic of Korea \? Japn \? Atlantis/);
  });

  test('participants and the delegations table', () => {
    assert.match(page.text, /Participants 2 Viet Nam ASEAN Secretariat/);
    assert.match(page.text, /Party Head of delegation Role Viet Nam Bùi Thanh Sơn Minister of Foreign Affairs/);
    const secretariat = byClass(page, 'chip-organisation')[0];
    assert.equal(secretariat.attrs.title, 'ASEAN Secretariat\nOrganisation');
    const vietNam = byClass(inCard(page, 'participants'), 'chip')[0];
    assert.equal(vietNam.attrs.title, 'Viet Nam · Việt Nam\nASEAN member state\nASEAN member since 28 July 1995');
  });

  test('documents table: title, type, status badge, period, parties', () => {
    assert.match(page.text, /Title Type Status Period Parties ASEAN-Japan Plan of Action 2024-2028 Plan of action Adopted 2024-2028 Japan Viet Nam/);
    assert.match(page.text, /Joint Vision Statement Vision Under negotiation — —/);
    assert.deepEqual(byClass(page, 'status').map((b) => b.attrs.class), ['badge status status-done', 'badge status status-pending']);
    const known = byClass(page, 'doc-title').find((e) => e.attrs.title);
    assert.equal(known.attrs.title, 'In the catalog: ASEAN-Japan Plan of Action 2024-2028 (2024)');
  });

  test('topics, initiatives, outcomes, follow-up, notes and the source', () => {
    assert.match(page.text, /Topics 2 South China Sea Myanmar/);
    assert.match(page.text, /Youth exchange programme proposed by Japan/);
    assert.match(page.text, /Outcomes Agreed to upgrade cooperation on digital transformation/);
    assert.match(page.text, /Follow-up October 2024 ASEAN-Japan Summit ASEAN\+1/);
    assert.match(page.text, /Notes First line Second line/);
    assert.match(page.text, /Source Link https:\/\/baochinhphu\.vn\/article-1\.htm Publisher Báo Chính phủ Published 27 July 2024 Language vi/);
    const link = page.elements.find((e) => e.name === 'a' && e.attrs.href?.startsWith('https:'));
    assert.equal(link.attrs.href, 'https://baochinhphu.vn/article-1.htm');
    assert.equal(link.attrs.rel, 'noopener noreferrer');
  });

  test('date ranges share month and year where they agree; impossible dates stay as written', () => {
    const when = (date, end_date) => inspectMarkup(preview([{ title: 't', date, end_date }]).html).text.match(/Date (.*?) Source|Date (.*)$/)[0];
    assert.match(when('2024-07-25', '2024-07-27'), /25–27 July 2024/);
    assert.match(when('2024-07-30', '2024-08-02'), /30 July – 2 August 2024/);
    assert.match(when('2024-12-30', '2025-01-02'), /30 December 2024 – 2 January 2025/);
    assert.match(when('2024-07-27', '2024-07-25'), /27 July 2024 – 25 July 2024/);
    assert.match(when('2024-02-30', undefined), /Date 2024-02-30/);
    assert.match(when('2024-02-29', '2024-02-29'), /Date 29 February 2024/);
  });

  test('several records in one file: a list of contents, each record its own section', () => {
    const html = preview([RECORD, { title: 'Second meeting', date: '2023-09-05' }]).html;
    const twoPage = inspectMarkup(html);
    assert.match(twoPage.text, /This file holds 2 records: .* Second meeting/);
    assert.deepEqual(twoPage.elements.filter((e) => e.name === 'article').map((e) => e.attrs.id), ['record-1', 'record-2']);
    assert.deepEqual(twoPage.elements.filter((e) => e.name === 'a' && e.attrs.href.startsWith('#')).map((e) => e.attrs.href), ['#record-1', '#record-2']);
  });

  test('a file of more records than the preview shows renders the first ones and counts the rest', () => {
    const records = Array.from({ length: 5 }, (_, i) => ({ title: `Meeting ${i + 1}`, date: '2023-09-05' }));
    const page = inspectMarkup(renderer.renderPreviewPage({ records, diagnostics: [], catalog, fileName: 'x', maxRecords: 2 }, OPTIONS).html);
    assert.deepEqual(page.elements.filter((e) => e.name === 'article').map((e) => e.attrs.id), ['record-1', 'record-2']);
    assert.match(page.text, /This file holds 5 records:/);
    assert.match(page.text, /… and 3 more records, not shown: the preview shows the first 2\./);
  });
});

describe('problems banner', () => {
  test('errors give an alert listing line:column, message and code, and the record still renders', () => {
    const diagnostics = [
      error(3, 2, "Unknown field 'titel' (did you mean 'title'?)"),
      error(1, 0, "Missing required field 'date'"),
      error(9, 4, "Unknown party 'Atlantis'", 'unknown-party'),
      error(7, 2, "'Nhật Bản' is an alias of 'Japan'", 'non-canonical-name', 'warning'),
    ];
    const page = inspectMarkup(preview([RECORD], diagnostics).html);
    const banner = byClass(page, 'problems')[0];
    assert.equal(banner.name, 'section');
    assert.equal(banner.attrs.role, 'alert');
    assert.match(page.text, /3 errors, 1 warning: this file does not validate/);
    // Errors first, each in file order, then warnings.
    assert.match(
      page.text,
      /2:1 error Missing required field 'date' schema 4:3 error Unknown field 'titel' \(did you mean 'title'\?\) schema 10:5 error Unknown party 'Atlantis' unknown-party 8:3 warning 'Nhật Bản' is an alias of 'Japan' non-canonical-name/,
    );
    assert.match(page.text, /ASEAN-Japan Foreign Ministers’ Meeting/, 'the fields that could be read are still shown');
  });

  test('warnings alone give a quieter, collapsed box; no diagnostics give no banner', () => {
    const warned = inspectMarkup(preview([RECORD], [error(7, 2, 'alias', 'non-canonical-name', 'warning')]).html);
    const box = byClass(warned, 'problems')[0];
    assert.equal(box.name, 'details');
    assert.equal(box.attrs.role, undefined);
    assert.equal(byClass(inspectMarkup(preview([RECORD]).html), 'problems').length, 0);
  });

  test('a file that does not parse still shows a page, never a blank one', () => {
    const page = inspectMarkup(preview([undefined], [error(0, 6, 'Nested mappings are not allowed in compact mappings', 'yaml-syntax')]).html);
    assert.match(page.text, /1 error: this file does not validate .* 1:7 error Nested mappings/);
    assert.match(page.text, /Document 1 is not a record/);
  });
});

describe('hostile input', () => {
  const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];
  let page;
  let html;
  before(() => {
    const text = readFileSync(path.join(root, 'test/fixtures/render/examples/hostile.meeting.yaml'), 'utf8');
    const records = parseAllDocuments(text).map((doc) => doc.toJS({ maxAliasCount: 100 }));
    // Validators quote the offending value in messages, so a message can be hostile too.
    const diagnostics = [error(8, 7, `Unknown party '${HOSTILE[1]}'`, 'unknown-party'), { ...error(2, 0, 'x'), code: '<b>code</b>', severity: '"><i>' }];
    ({ html } = renderer.renderPreviewPage({ records, diagnostics, catalog, fileName: '<img src=x onerror=alert(1)>.meeting.yaml' }, OPTIONS));
    page = inspectMarkup(html);
  });

  test('produces no elements, handlers, styles or links of its own', () => {
    assert.deepEqual(safetyProblems(page, { allowedScripts: 1 }), []);
    assert.deepEqual(
      page.elements.filter((e) => e.name === 'meta').map((e) => e.attrs['http-equiv'] ?? e.attrs.name ?? 'charset'),
      ['charset', 'Content-Security-Policy', 'viewport', 'color-scheme'],
    );
    assert.doesNotMatch(html, /href="\s*javascript:/i);
  });

  test('shows every hostile string as text', () => {
    for (const hostile of HOSTILE) assert.ok(page.text.includes(hostile), `missing as text: ${hostile}`);
    assert.ok(page.text.includes('</script><script>alert(1)</script>'), 'notes closing the script block');
    assert.ok(page.text.includes("x' onmouseover='alert(1)"), 'quote-breaking partner name');
    assert.ok(page.text.includes('JAVASCRIPT:alert(1)'), 'upper-case script URL shown as text');
    assert.ok(page.text.includes("Unknown party '\"><img src=x onerror=alert(1)>'"), 'hostile diagnostic message');
  });

  test('hostile values in attributes stay inside their quotes', () => {
    const chips = byClass(page, 'chip-unknown');
    assert.ok(chips.length >= 3);
    for (const chip of chips) assert.deepEqual(Object.keys(chip.attrs).sort(), ['class', 'title']);
    const levels = byClass(page, 'badge-level');
    assert.deepEqual(Object.keys(levels[0].attrs), ['class']);
    const severity = page.elements.filter((e) => (e.attrs.class ?? '').startsWith('sev '));
    assert.ok(severity.every((e) => /^sev sev-(error|warning|information|hint)$/.test(e.attrs.class)), 'severity class comes from a fixed set');
  });

  test('keys named __proto__ and constructor are shown as fields, not used', () => {
    assert.match(page.text, /Other fields These fields are not part of the record format\. __proto__ <script>alert\("proto"\)<\/script> constructor polluted/);
  });
});

describe('values of the wrong type', () => {
  test('render defensively instead of throwing', () => {
    const cyclic = { title: 'Cyclic' };
    cyclic.partners = [cyclic];
    let deep = { leaf: 'bottom' };
    for (let i = 0; i < 10000; i++) deep = { deeper: deep };
    const bare = Object.create(null);
    bare.title = 'No prototype';
    const odd = [
      null, 42, 'just text', [], [[['nested']]], true, cyclic, bare,
      { title: { en: 'object title' }, title_en: ['a', 'b'], date: 20240726, end_date: { y: 2024 } },
      { partners: 'Japan, China', participants: 42, chair: ['Japan'], location: 'Hanoi' },
      { documents: [null, 1, 'text', { title: { x: 1 }, type: ['a'], status: 7, parties: 'Japan' }], delegations: 'Japan' },
      { topics: { nested: deep }, outcomes: deep, follow_up: [{ date: {}, mechanism: 3 }], source: 'https://example.org' },
      { source: { url: ['https://example.org'], published: 'yesterday' }, notes: ['a', 'b'], initiatives: [{ proposed_by: { who: 'Japan' } }] },
      { title: '', level: null, mechanism: null, format: 12, series: false, date: new Date('2024-07-26T00:00:00Z') },
      { partners: Array.from({ length: 2000 }, (_, i) => `Party ${i}`) },
    ];
    const { html } = preview(odd, [{ code: 'schema', severity: 'error', message: 'x', range: undefined }]);
    const page = inspectMarkup(html);
    assert.deepEqual(safetyProblems(page, { allowedScripts: 1 }), []);
    assert.match(page.text, /Document 1 is not a record .* this document is empty/);
    assert.match(page.text, /Document 2 is not a record .* this document is a single value\. Content 42/);
    assert.match(page.text, /Cyclic/);
    assert.match(page.text, /No prototype/);
    assert.match(page.text, /en object title/);
    assert.match(page.text, /Date 20240726/);
    assert.match(page.text, /Partners \? Japan, China/);
    assert.match(page.text, /Place Hanoi/);
    assert.match(page.text, /Link https:\/\/example\.org/);
    assert.match(page.text, /Date 26 July 2024/);
    assert.match(page.text, /… and 1500 more not shown/);
  });
});

describe('escapeHtml', () => {
  test('escapes the five characters that matter in text and quoted attributes', () => {
    assert.equal(renderer.escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(renderer.escapeHtml('Nhật Bản → Japan'), 'Nhật Bản → Japan');
  });
});

describe('overview', () => {
  const SUMMARIES = [
    { uri: 'file:///w/a.meeting.yaml', id: 'a-2023', title: 'Older meeting', date: '2023-09-05', mechanism: 'ASEAN+3', level: 'summit', partners: ['China', 'Japan'], line: 0, errors: 0, warnings: 1 },
    { uri: 'file:///w/b.meeting.yaml', id: 'b-2024', title: '</script><script>alert(1)</script>', date: '2024-07-26', mechanism: 'ASEAN+1', level: 'ministerial', partners: ['"><img src=x onerror=alert(1)>'], line: 12, errors: 2, warnings: 0 },
    { uri: 'file:///w/c.meeting.yaml', id: 'c-undated', title: 'Undated meeting', partners: [], line: 3, errors: 0, warnings: 0 },
    { uri: 'file:///w/d.meeting.yaml', id: 'd-bad-date', title: 'Badly dated meeting', date: 'not-a-date', partners: [], line: 0, errors: 1, warnings: 0 },
  ];
  let html;
  let page;
  before(() => {
    html = renderer.renderOverviewPage(SUMMARIES, OPTIONS);
    page = inspectMarkup(html);
  });

  test('one row per record, newest first, with sortable headers', () => {
    const rows = page.elements.filter((e) => e.name === 'tr' && e.attrs['data-index'] !== undefined);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.attrs.tabindex === '0'), 'rows are keyboard-focusable');
    assert.match(page.text, /26 July 2024 <\/script><script>alert\(1\)<\/script> b-2024 ASEAN\+1 Ministerial .* 2 errors 5 September 2023 Older meeting a-2023 ASEAN\+3 Summit China, Japan 1 warning not-a-date Badly dated meeting d-bad-date .* — Undated meeting/, 'a malformed date sorts with the undated, not above 2024');
    const sortable = page.elements.filter((e) => e.name === 'button' && e.attrs['data-sort']).map((e) => e.attrs['data-sort']);
    assert.deepEqual(sortable, ['date', 'title', 'mechanism', 'level', 'partners', 'problems']);
  });

  test('filters: a text box and mechanism and partner selects built from the data', () => {
    assert.ok(page.elements.some((e) => e.name === 'input' && e.attrs.id === 'filter-text' && e.attrs.type === 'search'));
    const options = page.elements.filter((e) => e.name === 'option').map((e) => e.attrs.value);
    assert.deepEqual(options, ['', 'ASEAN+1', 'ASEAN+3', '', '"><img src=x onerror=alert(1)>', 'China', 'Japan']);
  });

  test('a timeline grouped by year, newest year first, undated last', () => {
    assert.match(page.text, /Timeline 2024 26 July 2024 .* ASEAN\+1 2 errors 2023 5 September 2023 Older meeting ASEAN\+3 1 warning Undated not-a-date Badly dated meeting 1 error — Undated meeting $/);
  });

  test('record data reaches the script only as a JSON block with < escaped', () => {
    const blocks = page.rawBlocks.filter((b) => b.name === 'script');
    assert.equal(blocks.length, 2);
    const [data, code] = blocks;
    assert.equal(data.attrs.type, 'application/json');
    assert.equal(data.attrs.id, 'data');
    assert.equal(data.attrs.nonce, 'TestNonce123');
    assert.doesNotMatch(data.content, /</);
    const parsed = JSON.parse(data.content);
    assert.equal(parsed[0].title, '</script><script>alert(1)</script>');
    assert.deepEqual(parsed[0].partners, ['"><img src=x onerror=alert(1)>']);
    assert.deepEqual(Object.keys(parsed[0]).sort(), ['date', 'errors', 'id', 'level', 'line', 'mechanism', 'partners', 'title', 'uri', 'warnings']);
    assert.doesNotMatch(code.content, /alert|Older meeting|file:\/\//, 'no record data spliced into the script');
    assert.match(code.content, /postMessage\(\{ type: 'open', uri: record\.uri, line: record\.line \}\)/);
    assert.deepEqual(safetyProblems(page, { allowedScripts: 2 }), []);
  });

  test('an empty workspace says so', () => {
    assert.match(inspectMarkup(renderer.renderOverviewPage([], OPTIONS)).text, /No meeting records in this workspace yet/);
  });

  test('malformed summaries from the wire do not break the page', () => {
    const odd = [{ uri: 5, title: null, partners: 'Japan', errors: -3, warnings: NaN, line: 'x' }, {}];
    const oddPage = inspectMarkup(renderer.renderOverviewPage(odd, OPTIONS));
    assert.deepEqual(safetyProblems(oddPage, { allowedScripts: 2 }), []);
    assert.match(oddPage.text, /\(untitled\)/);
  });
});
