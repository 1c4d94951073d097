// The server's pure feature modules (dist/features.js), without a connection.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const f = require(path.join(ROOT, 'dist', 'features.js'));

const catalogs = new f.CatalogSet(path.join(ROOT, 'dist'));
const { catalog, roles } = catalogs;
const analyze = (text) => catalogs.validator.validate(text, {});

const RECORD = `version: 1
id: 2024-07-26-amm57-asean-korea
title: Hội nghị Bộ trưởng Ngoại giao ASEAN-Hàn Quốc
mechanism: ASEAN+1
level: ministerial
date: 2024-07-26
partners:
  - Republic of Korea
documents:
  - title: ASEAN-Japan 10-Year Strategic Economic Cooperation Roadmap
    type: roadmap
    status: implemented
source:
  publisher: VnExpress
`;

/** Splits `text|with cursor` into lines and a position. */
function at(textWithCursor) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, lines: text.split('\n'), position: { line: before.length - 1, character: before.at(-1).length } };
}

const completeAt = (textWithCursor, extra = {}) => {
  const { lines, position } = at(textWithCursor);
  return f.complete({ lines, position, catalog, roles, documentTitles: new Map(), asIs: true, snippets: true, ...extra });
};

describe('yamlContext', () => {
  const ctx = (textWithCursor) => {
    const { lines, position } = at(textWithCursor);
    return f.cursorContext(lines, position.line, position.character, (p) => f.isMappingList(p));
  };

  test('keys at each level, with the keys already there', () => {
    const top = ctx('version: 1\nti|\nlevel: summit\n');
    assert.equal(top.kind, 'key');
    assert.deepEqual(top.parentPath, []);
    assert.equal(top.prefix, 'ti');
    assert.deepEqual([...top.siblings].sort(), ['level', 'version']);
    const item = ctx('documents:\n  - title: X\n    st|\n  - title: Y\n    type: vision\n');
    assert.deepEqual(item.parentPath, ['documents', 0]);
    assert.deepEqual([...item.siblings], ['title'], 'the next item is another mapping');
    const compact = ctx('documents:\n- title: X\n  |\n');
    assert.deepEqual(compact.parentPath, ['documents', 0]);
  });

  test('values: plain, quoted, flow items, list items with their siblings', () => {
    const plain = ctx('level: sen|ior\n');
    assert.deepEqual([plain.kind, plain.path, plain.prefix, plain.start, plain.end], ['value', ['level'], 'sen', 7, 13]);
    const quoted = ctx('chair: "Viet N|"\n');
    assert.deepEqual([quoted.prefix, quoted.quote, quoted.start, quoted.end], ['Viet N', '"', 8, 14]);
    const flow = ctx('partners: [Japan, Ch|, India]\n');
    assert.deepEqual([flow.path, flow.prefix, flow.siblings, flow.inFlow], [['partners', 1], 'Ch', ['Japan', 'India'], true]);
    const list = ctx('partners:\n  - Japan  # first\n  - |\n  - "India"\ntitle: x\n');
    assert.deepEqual([list.path, list.siblings], [['partners', 0], ['Japan', 'India']]);
    assert.equal(ctx('level:|').needsSpace, true);
  });

  test('nothing in comments, multi-line scalars or after a closed quote', () => {
    assert.equal(ctx('# level: |').kind, 'none');
    assert.equal(ctx('notes: long text\n  continued |\n').kind, 'none');
    assert.equal(ctx('chair: "Japan" |').kind, 'none');
    assert.equal(ctx('---\n|').kind, 'key');
  });
});

describe('completion', () => {
  test('party matching: canonical, alias, code and accent-free prefixes, best first', () => {
    const names = (typed) => f.matchNames(typed, catalog.parties, (p) => [p.name, ...(p.aliases ?? []), ...(p.iso ? [p.iso] : [])], (p) => p.name).map((m) => m.entry.name);
    assert.equal(names('nhat')[0], 'Japan');
    assert.equal(names('Hàn Q')[0], 'Republic of Korea');
    assert.equal(names('han quoc')[0], 'Republic of Korea');
    assert.equal(names('KR')[0], 'Republic of Korea');
    assert.equal(names('Lào')[0], 'Lao PDR');
    assert.equal(names('Viet')[0], 'Viet Nam');
    assert.equal(names('korea')[0], 'Republic of Korea');
  });

  test('asIs off: continuation lines are relative to the line the key is on', () => {
    const { items } = completeAt('documents:\n  - title: X\n    type: vision\n    status: adopted\n  - par|\n', { asIs: false });
    const parties = items.find((i) => i.label === 'parties');
    assert.equal(parties.textEdit.newText, 'parties:\n    - $1', 'line indent 2 is added by the editor: 6 spaces in the end');
    const asIs = completeAt('documents:\n  - title: X\n    type: vision\n    status: adopted\n  - par|\n');
    assert.equal(asIs.items.find((i) => i.label === 'parties').textEdit.newText, 'parties:\n      - $1');
  });

  test('items come light; resolving one adds its card, and data that names nothing leaves it as it was', () => {
    const { items } = completeAt('partners:\n  - nhat|\n');
    const japan = items.find((i) => i.label === 'Japan');
    assert.equal(japan.documentation, undefined, 'documentation is left to completionItem/resolve');
    const resolved = f.resolveCompletion(japan, { catalog, roles });
    assert.match(resolved.documentation.value, /Nhật Bản/);
    const level = f.resolveCompletion(completeAt('lev|').items.find((i) => i.label === 'level'), { catalog, roles });
    assert.ok(level.documentation.value.length > 0, 'a key is described from the schema');
    for (const data of [undefined, 42, { kind: 'party', name: 'Atlantis' }, { kind: 'key', path: ['no', 'such'] }, { kind: 'nonsense' }]) {
      const item = { label: 'x', data };
      assert.equal(f.resolveCompletion(item, { catalog, roles }), item, JSON.stringify(data));
    }
  });

  test('plain text without snippet support; workspace titles only once', () => {
    const { items } = completeAt('lev|', { snippets: false });
    assert.equal(items.find((i) => i.label === 'level').textEdit.newText, 'level: ');
    const titles = new Map([['Our Own Declaration', 2]]);
    const list = completeAt('documents:\n  - title: Our|\n', { documentTitles: titles });
    assert.equal(list.items[0].label, 'Our Own Declaration');
    assert.match(list.items[0].detail, /cited by 2 records/);
  });
});

describe('hover, definition, references', () => {
  const analysis = analyze(RECORD);
  const position = (needle, delta = 1) => {
    const i = RECORD.indexOf(needle) + delta;
    const lines = RECORD.slice(0, i).split('\n');
    return { line: lines.length - 1, character: lines.at(-1).length };
  };

  test('a mention under the cursor, and cards for it', () => {
    const mention = f.mentionAt(analysis, position('Republic of Korea'));
    assert.deepEqual([mention.kind, mention.name], ['party', 'Republic of Korea']);
    const hover = f.hover({ analysis, position: position('Republic of Korea'), catalog, recordsMentioning: () => [{ id: 'x', uri: 'file:///x', line: 3 }] });
    assert.match(hover.contents.value, /Mentioned in 1 record in this workspace:\n- \[x\]\(file:\/\/\/x#L4\)/);
    const key = f.hover({ analysis, position: position('partners', 2), catalog, recordsMentioning: () => [] });
    assert.match(key.contents.value, /^\*\*partners\*\*/);
  });

  test('definition goes through the locator; references include the declaration only when asked', () => {
    const locate = (entry) => ({ uri: `catalog:${entry.name ?? entry.title}`, line: 7 });
    const def = f.definition({ analysis, position: position('ASEAN+1'), catalog, locate });
    assert.deepEqual(def, { uri: 'catalog:ASEAN+1', range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } } });
    const refs = f.references({ analysis, position: position('ASEAN-Japan 10-Year'), catalog, includeDeclaration: true, locate, mentions: (kind, name) => [{ uri: `${kind}:${name}`, range: def.range }] });
    assert.deepEqual(refs.map((r) => r.uri), ['catalog:ASEAN-Japan 10-Year Strategic Economic Cooperation Roadmap', 'document:ASEAN-Japan 10-Year Strategic Economic Cooperation Roadmap']);
  });
});

describe('code actions', () => {
  test('the minimal edit keeps CRLF pairs and surrogate pairs whole', () => {
    const lineIndex = (t) => analyze(t).lineIndex;
    const before = 'a: 1\r\nb: 2\r\n';
    const edit = f.minimalEdit(before, 'a: 1\nb: 2\r\n', lineIndex(before));
    assert.equal(edit.newText.includes('\r') || edit.newText.includes('\n'), true);
    const emoji = 'x: 😀\n';
    const e2 = f.minimalEdit(emoji, 'x: 😃\n', lineIndex(emoji));
    assert.equal(e2.newText, '😃');
    assert.equal(f.minimalEdit('same', 'same', lineIndex('same')), undefined);
  });

  test('quick fixes only for the requested range; fix-all only when a safe fix exists', () => {
    const text = RECORD.replace('  - Republic of Korea', '  - Hàn Quốc');
    const analysis = analyze(text);
    const input = { uri: 'file:///r', version: 3, diagnostics: analysis.diagnostics, contextDiagnostics: [], text, lineIndex: analysis.lineIndex, fixAll: () => text.replace('  - Hàn Quốc', '  - Republic of Korea') };
    const line = text.split('\n').indexOf('  - Hàn Quốc');
    const none = f.codeActions({ ...input, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, only: ['quickfix'] });
    assert.deepEqual(none, []);
    const some = f.codeActions({ ...input, range: { start: { line, character: 5 }, end: { line, character: 5 } } });
    assert.deepEqual(some.map((a) => a.kind), ['quickfix', 'source.fixAll.meetingRecords']);
    assert.deepEqual(some[1].edit.changes['file:///r'], [{ range: { start: { line, character: 4 }, end: { line, character: 12 } }, newText: 'Republic of Korea' }]);
  });
});

describe('settings', () => {
  test('malformed values fall back to defaults; severities are checked per code', () => {
    const s = f.checkSettings({ validate: { enable: 'yes' }, severity: { 'unknown-party': 'warn', schema: 'loud', 'not-a-code': 'off' }, recordGlobs: [], catalogPaths: ['a.yaml', 3, ''], maxFileSize: -5, useIgnoreFiles: 'no' });
    assert.deepEqual(s, {
      validate: { enable: true },
      severity: { 'unknown-party': 'warning' },
      catalogPaths: ['a.yaml'],
      recordGlobs: ['**/*.meeting.yaml', '**/*.meeting.yml'],
      useIgnoreFiles: true,
      maxFileSize: 1000,
    });
    assert.deepEqual(f.checkSettings(null).severity, {});
    assert.equal(f.checkSettings({ useIgnoreFiles: false }).useIgnoreFiles, false);
  });
});

describe('workspace index', () => {
  const summary = (key, text) => f.fromOpenAnalysis(key, `file://${key}`, analyze(text));

  test('duplicate ids across files, with related places, and which files are affected by a change', () => {
    const index = new f.RecordIndex();
    assert.deepEqual([...index.set(summary('/w/a.meeting.yaml', RECORD), 'disk')], []);
    const affected = index.set(summary('/w/b.meeting.yaml', RECORD), 'open');
    assert.deepEqual([...affected], ['/w/a.meeting.yaml']);
    const [d] = index.duplicateDiagnostics('/w/b.meeting.yaml', {}, (k) => path.basename(k));
    assert.equal(d.message, "Duplicate id '2024-07-26-amm57-asean-korea': also used by another record (a.meeting.yaml:2)");
    assert.equal(d.related[0].file, '/w/a.meeting.yaml');
    assert.deepEqual(index.duplicateDiagnostics('/w/b.meeting.yaml', { 'duplicate-id': 'off' }, (k) => k), []);
    assert.deepEqual([...index.delete('/w/b.meeting.yaml', 'open')], ['/w/a.meeting.yaml']);
    assert.deepEqual(index.duplicateDiagnostics('/w/a.meeting.yaml', {}, (k) => k), []);
    assert.equal(index.documentTitles().get('ASEAN-Japan 10-Year Strategic Economic Cooperation Roadmap'), 1);
  });

  test('workspace symbols by id or title, accent-insensitively', () => {
    const files = [summary('/w/a.meeting.yaml', RECORD)];
    assert.deepEqual(f.workspaceSymbols('hoi nghi', files).map((s) => [s.name, s.containerName]), [['Hội nghị Bộ trưởng Ngoại giao ASEAN-Hàn Quốc', '2024-07-26-amm57-asean-korea']]);
    assert.deepEqual(f.workspaceSymbols('amm57', files).map((s) => s.name), ['2024-07-26-amm57-asean-korea']);
    assert.deepEqual(f.workspaceSymbols('zzz', files), []);
  });

  test('file matching: record globs, catalog files and catalog paths', () => {
    const m = new f.FileMatcher('/w', ['**/*.meeting.yaml', 'records/*.yml'], ['shared/names.yaml', 'cat/**/*.yaml']);
    assert.equal(m.kindOf('/w/a/b.meeting.yaml'), 'record');
    assert.equal(m.kindOf('/w/records/x.yml'), 'record');
    assert.equal(m.kindOf('/w/x.catalog.yaml'), 'catalog');
    assert.equal(m.kindOf('/w/shared/names.yaml'), 'catalog');
    assert.equal(m.kindOf('/w/cat/deep/n.yaml'), 'catalog');
    assert.equal(m.kindOf('/w/notes.yaml'), undefined);
    assert.equal(m.kindOf('/elsewhere/a.meeting.yaml'), undefined);
  });
});

describe('outline and folding', () => {
  test('symbols name each record by its title, folding covers lists and mappings', () => {
    const analysis = analyze(`${RECORD}---\n${RECORD.replace('2024-07-26-amm57-asean-korea', '2024-07-27-second')}`);
    const symbols = f.documentSymbols(analysis);
    assert.deepEqual(symbols.map((s) => s.detail), ['2024-07-26-amm57-asean-korea · 2024-07-26', '2024-07-27-second · 2024-07-26']);
    const folds = f.foldingRanges(analysis);
    const lines = RECORD.split('\n');
    assert.ok(folds.some((r) => r.startLine === lines.indexOf('documents:') && r.endLine === lines.indexOf('source:') - 1));
    assert.ok(folds.some((r) => r.startLine === 0 && r.endLine === lines.length - 2));
  });
});

describe('huge files', () => {
  test('the outline and folding of a file of 25,000 records stop at 20,000 items, whole records first', () => {
    const analysis = analyze(Array.from({ length: 25_000 }, (_, i) => `id: r${i}\n`).join('---\n'));
    const symbols = f.documentSymbols(analysis);
    // Each record is its own symbol with one child (its id): 10,000 whole records fit.
    assert.equal(symbols.length, 10_000);
    assert.deepEqual(symbols.at(-1).children.map((c) => c.name), ['id']);
    assert.equal(symbols.at(-1).detail, 'r9999');
    const folds = f.foldingRanges(analysis);
    // One region per record from its `---` line (the first record is one line: nothing to fold), in order.
    assert.equal(folds.length, 20_000);
    assert.deepEqual([folds[0].startLine, folds[0].endLine], [1, 2]);
    assert.deepEqual([folds.at(-1).startLine, folds.at(-1).endLine], [40_000 - 1, 40_000]);
  });
});
