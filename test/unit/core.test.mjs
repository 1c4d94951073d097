// Unit tests of the editor-free core: text in, diagnostics out. They run on the
// bundled core (dist/core.js) so they test exactly what the server and CLI ship.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');

const catalog = core.loadBundledCatalog();
const newValidator = () => new core.Validator(catalog);

/** A valid record; `extra` lines are appended, `replace` swaps whole lines by key. */
function record({ extra = [], replace = {}, drop = [] } = {}) {
  const lines = {
    version: 'version: 1',
    id: 'id: 2024-07-26-amm57-asean-japan',
    title: 'title: Hội nghị Bộ trưởng ASEAN+1 với Nhật Bản',
    mechanism: 'mechanism: ASEAN+1',
    level: 'level: ministerial',
    series: 'series: AMM-57',
    date: 'date: 2024-07-26',
    partners: 'partners: [Japan]',
    source: 'source: {publisher: TTXVN, language: vi}',
  };
  const out = [];
  for (const [key, line] of Object.entries(lines)) {
    if (drop.includes(key)) continue;
    out.push(replace[key] ?? line);
  }
  return [...out, ...extra].join('\n') + '\n';
}

function diagnose(text, options) {
  return newValidator().validate(text, options).diagnostics;
}

function only(diagnostics, code) {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0];
}

/** [line, character] of a range's start and end, for compact assertions. */
const at = (d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

test('a valid record has no diagnostics and ISO dates stay strings', () => {
  const analysis = newValidator().validate(record());
  assert.deepEqual(analysis.diagnostics, []);
  assert.equal(analysis.records.length, 1);
  assert.equal(analysis.records[0].date, '2024-07-26');
  assert.equal(typeof analysis.records[0].value.date, 'string');
});

test('a missing required field is reported on the record first key', () => {
  const d = only(diagnose(record({ drop: ['date'] })), 'schema');
  assert.equal(d.message, "Missing required field 'date'");
  assert.deepEqual(at(d), [0, 0, 0, 7]);
  assert.equal(d.severity, 'error');
});

test('an unknown field is reported on its key with a did-you-mean and a rename fix', () => {
  const d = only(diagnose(record({ extra: ['titel: x'] })), 'schema');
  assert.equal(d.message, "Unknown field 'titel' (did you mean 'title'?)");
  assert.deepEqual(at(d), [9, 0, 9, 5]);
  assert.equal(d.fixes[0].edits[0].newText, 'title');
});

test('an enum value out of range names the allowed values, on the value', () => {
  const d = only(diagnose(record({ replace: { level: 'level: summitt' } })), 'schema');
  assert.match(d.message, /^'level' must be one of: summit, ministerial, senior-officials/);
  assert.deepEqual(at(d), [4, 7, 4, 14]);
  assert.equal(d.fixes[0].edits[0].newText, 'summit');
});

test('an impossible date is a schema error on the value', () => {
  const d = only(diagnose(record({ replace: { date: 'date: 2024-02-30' } })), 'schema');
  assert.match(d.message, /'date' must be a real date/);
  assert.deepEqual(at(d), [6, 6, 6, 16]);
});

test('source needs a publisher or a url', () => {
  const d = only(diagnose(record({ replace: { source: 'source: {language: vi}' } })), 'schema');
  assert.equal(d.message, "'source' needs 'publisher' or 'url'");
  assert.deepEqual(at(d), [8, 0, 8, 6]);
});

test('unknown party suggests the nearest names, accent-insensitively', () => {
  const d = only(diagnose(record({ replace: { partners: 'partners: [Japn]' } })), 'unknown-party');
  assert.equal(d.message, "Unknown party 'Japn' (did you mean 'Japan'?)");
  assert.deepEqual(at(d), [7, 11, 7, 15]);
  const viet = only(diagnose(record({ replace: { partners: 'partners: [Nhat Bn]' } })), 'unknown-party');
  assert.match(viet.message, /did you mean 'Japan'/);
});

test('an alias is a warning whose safe fix writes the canonical name', () => {
  const text = record({ replace: { partners: 'partners: [Nhật Bản]' } });
  const d = only(diagnose(text), 'non-canonical-name');
  assert.equal(d.severity, 'warning');
  assert.deepEqual(at(d), [7, 11, 7, 19]);
  const fix = d.fixes.find((f) => f.safe);
  assert.equal(core.applyEdits(text, fix.edits), record());
});

test('mechanism aliases and unknown mechanisms are reported on the value', () => {
  const alias = only(diagnose(record({ replace: { mechanism: 'mechanism: ASEAN 1' } })), 'non-canonical-name');
  assert.match(alias.message, /'ASEAN\+1'/);
  const unknown = only(diagnose(record({ replace: { mechanism: 'mechanism: ASEN+3' } })), 'unknown-mechanism');
  assert.match(unknown.message, /did you mean 'ASEAN\+3'/);
  assert.deepEqual(at(unknown), [3, 11, 3, 17]);
});

test('the same party twice, through an alias, is a duplicate on the second one', () => {
  const text = record({ replace: { partners: 'partners:\n  - Japan\n  - Nhật Bản' } });
  const d = only(diagnose(text), 'duplicate-entry');
  assert.deepEqual(at(d), [9, 4, 9, 12]);
  const fixed = core.fixAll(newValidator(), text).text;
  assert.equal(fixed, record({ replace: { partners: 'partners:\n  - Japan' } }));
});

test('end_date before date is an error on end_date', () => {
  const d = only(diagnose(record({ extra: ['end_date: 2024-07-20'] })), 'date-order');
  assert.deepEqual(at(d), [9, 10, 9, 20]);
});

test('a partner outside a fixed membership is a warning', () => {
  const text = record({ replace: { mechanism: 'mechanism: ASEAN+3', partners: 'partners: [China, India]', series: 'series: AMM-57' } });
  const d = only(diagnose(text), 'mechanism-membership');
  assert.match(d.message, /'India' is not a member of ASEAN\+3/);
  assert.deepEqual(at(d), [7, 18, 7, 23]);
});

test('series numbering that disagrees with the date year is a warning', () => {
  const d = only(diagnose(record({ replace: { date: 'date: 2023-07-26' } })), 'series-year');
  assert.match(d.message, /'AMM-57' was held from 2024-07-24 to 2024-07-27 in Vientiane, but 'date' is 2023-07-26/);
  assert.deepEqual(at(d), [5, 8, 5, 14]);
});

test('broken YAML is one yaml-syntax error at the offending token, not line 0', () => {
  const d = only(diagnose('version: 1\nid: x-record\ntitle: [unclosed\n'), 'yaml-syntax');
  assert.ok(d.range.start.line >= 2, JSON.stringify(d.range));
});

test('an unclosed quote is reported where the string opens, not past the end of the file', () => {
  for (const [line, quote, column] of [
    ['title: "Hội nghị ASEAN', '"', 7],
    ["title: 'it''s not closed", "'", 7],
    ['partners: ["Japan, China]', '"', 11],
    ['title: "an escaped \\" is no end', '"', 7],
  ]) {
    const text = record({ replace: { title: line.startsWith('title') ? line : undefined, partners: line.startsWith('partners') ? line : undefined } });
    const d = newValidator().validate(text).diagnostics.find((x) => x.code === 'yaml-syntax');
    assert.ok(d, line);
    const lineNo = text.split('\n').indexOf(line);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line], [lineNo, column, lineNo], line);
    assert.equal(d.message, `This quoted string is never closed: a closing ${quote} is missing`);
  }
});

test('each document of a multi-document file is validated on its own, with file positions', () => {
  const text = `${record()}---\n${record({ replace: { id: 'id: second-record', partners: 'partners: [Japn]' } })}`;
  const analysis = newValidator().validate(text);
  assert.equal(analysis.records.length, 2);
  const d = only(analysis.diagnostics, 'unknown-party');
  assert.deepEqual(at(d), [17, 11, 17, 15]);
});

test('CRLF line endings and a BOM do not shift ranges', () => {
  const text = '\uFEFF' + record({ replace: { partners: 'partners: [Japn]' } }).replace(/\n/g, '\r\n');
  const d = only(diagnose(text), 'unknown-party');
  assert.deepEqual(at(d), [7, 11, 7, 15]);
});

test('columns count UTF-16 code units, as LSP does', () => {
  const d = only(diagnose(record({ extra: ['location: {city: "🇻🇳 Hà Nội", country: Japn}'] })), 'unknown-party');
  // `location: {city: "` (18) + the flag, four UTF-16 units (22) + ` Hà Nội", country: ` (19) = 41.
  assert.deepEqual(at(d), [9, 41, 9, 45]);
});

test('an alias bomb is reported, not expanded', () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const started = process.hrtime.bigint();
  const d = only(diagnose(bomb.join('\n')), 'yaml-syntax');
  assert.match(d.message, /alias/i);
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
});

test('custom tags are reported and never executed', () => {
  globalThis.__tagRan = false;
  const text = record({ replace: { title: 'title: !!js/function "function () { globalThis.__tagRan = true }"' } });
  const d = only(diagnose(text), 'yaml-syntax');
  assert.match(d.message, /Unsupported tag/);
  assert.equal(globalThis.__tagRan, false);
});

test('a duplicate key is an error on the second key', () => {
  const d = only(diagnose(record({ extra: ['title: again'] })), 'yaml-syntax');
  assert.equal(d.range.start.line, 9);
});

test('a document that is not a mapping says so', () => {
  const d = only(diagnose('- just\n- a list\n'), 'schema');
  assert.match(d.message, /'record' must be a mapping of fields/);
});

test('empty files and files of only comments have no records and no diagnostics', () => {
  for (const text of ['', '# just a comment\n', '---\n# nothing\n']) {
    const analysis = newValidator().validate(text);
    assert.deepEqual(analysis.diagnostics, [], JSON.stringify(text));
    assert.equal(analysis.records.length, 0);
  }
});

test('a file above the size limit gets one information diagnostic and nothing else', () => {
  const analysis = newValidator().validate(record({ replace: { partners: 'partners: [Japn]' } }), { maxFileSize: 50 });
  assert.equal(analysis.diagnostics.length, 1);
  assert.equal(analysis.diagnostics[0].code, 'file-too-large');
  assert.equal(analysis.diagnostics[0].severity, 'information');
});

test('severity overrides change or silence a rule', () => {
  const text = record({ replace: { partners: 'partners: [Nhật Bản]' } });
  assert.equal(only(diagnose(text, { severity: { 'non-canonical-name': 'error' } }), 'non-canonical-name').severity, 'error');
  assert.deepEqual(diagnose(text, { severity: { 'non-canonical-name': 'off' } }), []);
});

test('duplicate ids are reported in every record involved, pointing at the others', () => {
  const validator = newValidator();
  const a = validator.validate(record());
  const b = validator.validate(`# another file\n${record()}`);
  const byFile = core.duplicateIdDiagnostics([
    { file: 'a.meeting.yaml', records: a.records },
    { file: 'b.meeting.yaml', records: b.records },
  ]);
  const inB = byFile.get('b.meeting.yaml');
  assert.equal(inB.length, 1);
  assert.deepEqual(at(inB[0]), [2, 4, 2, 32]);
  assert.equal(inB[0].related[0].file, 'a.meeting.yaml');
  assert.equal(byFile.get('a.meeting.yaml').length, 1);
});

test('an id shared by many records names a few of the others and counts the rest', () => {
  const range = (line) => ({ start: { line, character: 4 }, end: { line, character: 10 } });
  const files = Array.from({ length: 30 }, (_, i) => ({ file: `f${i}.meeting.yaml`, records: [{ id: 'same', idRange: range(i) }] }));
  const [d] = core.duplicateIdDiagnostics(files).get('f0.meeting.yaml');
  assert.equal(d.related.length, core.MAX_NAMED_PLACES);
  assert.ok(d.related.every((r) => r.file !== 'f0.meeting.yaml'));
  assert.match(d.message, /^Duplicate id 'same': also used by 29 other records \(f1\.meeting\.yaml:2, f2\.meeting\.yaml:3, .*, and 9 more\)$/);
});

test('fix all keeps comments, quoting, blank lines and key order', () => {
  const text = [
    '# Record from article 002',
    'version: 1',
    'id: "2024-07-26-amm57"  # stable id',
    '',
    "title: 'ASEAN+1'",
    'mechanism: ASEAN 1',
    'level: ministerial',
    'date: 2024-07-26',
    'partners:',
    '  # the partner',
    "  - 'Nhật Bản'",
    '  - Hàn Quốc',
    'source: {publisher: TTXVN}',
    '',
  ].join('\n');
  const fixed = core.fixAll(newValidator(), text).text;
  assert.equal(fixed, text.replace('ASEAN 1', 'ASEAN+1').replace("'Nhật Bản'", "'Japan'").replace('Hàn Quốc', 'Republic of Korea'));
  assert.deepEqual(diagnose(fixed), []);
});

test('editing one record of a multi-record file gives the same result as a fresh validation', () => {
  const validator = newValidator();
  const docs = Array.from({ length: 5 }, (_, i) => record({ replace: { id: `id: record-number-${i}` } }));
  validator.validate(docs.join('---\n'));
  docs[3] = docs[3].replace('partners: [Japan]', 'partners: [Japn]');
  const edited = docs.join('---\n');
  assert.deepEqual(validator.validate(edited).diagnostics, newValidator().validate(edited).diagnostics);
});
