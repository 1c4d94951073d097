// The fast path (js-yaml for files that turn out clean) must never change a
// result: on fixtures, generated corpora and hundreds of randomly damaged
// records, the run with it prints exactly what the precise-only run prints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FIXTURES, ROOT, generateCorpus, loadSources, runCli, scratch, seedDocuments } from './helpers.mjs';

const PRECISE = { MEETING_RECORDS_FAST_PATH: '0' };

function assertSameBothWays(args, cwd, threads = '0') {
  for (const format of ['json', 'junit']) {
    const fast = runCli([...args, '--format', format], { cwd, env: { MEETING_RECORDS_THREADS: threads } });
    const precise = runCli([...args, '--format', format], { cwd, env: { ...PRECISE, MEETING_RECORDS_THREADS: threads } });
    assert.equal(fast.code, precise.code);
    assert.equal(fast.stdout, precise.stdout, `${format} differs`);
  }
}

/** Edits that damage a record the way typing does: insert, delete or replace a few characters or lines. */
const PIECES = [' ', '  ', '\n', '- ', ': ', ':', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '?', '*', '~', '.', '\\', '@', '`', 'a', 'é', '1', '0o7', '0x1', '1_0', 'true', 'null', '\r\n', '\n  ', '\n- ', '---\n', '...\n', 'Japan', 'Nhật Bản', 'ASEAN 3'];
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.integer({ min: 0, max: 4 }), piece: fc.constantFrom(...PIECES), length: fc.integer({ min: 1, max: 12 }) });

function damage(text, edits) {
  for (const e of edits) {
    const at = Math.floor(e.at * text.length);
    if (e.kind === 0) text = text.slice(0, at) + e.piece + text.slice(at);
    else if (e.kind === 1) text = text.slice(0, at) + text.slice(at + e.length);
    else if (e.kind === 2) text = text.slice(0, at) + e.piece + text.slice(at + 1);
    else if (e.kind === 3) {
      // Duplicate the line at `at` (duplicate keys, repeated list items).
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      text = text.slice(0, start) + line + text.slice(start);
    } else {
      // Re-indent the line at `at`.
      const start = text.lastIndexOf('\n', at - 1) + 1;
      text = text.slice(0, start) + ' '.repeat(e.length % 4) + text.slice(start).replace(/^ {0,2}/, '');
    }
  }
  return text;
}

describe('fast path and precise path agree', () => {
  test('on the rule fixtures and the seed records', () => {
    assertSameBothWays(['validate', path.relative(ROOT, path.join(FIXTURES, 'rules')), 'seeds/records'], ROOT);
  });

  test('on a generated corpus with problems and duplicate ids, in workers too', () => {
    const dir = generateCorpus(scratch(), 250, { perFolder: 50, invalidEvery: 9 });
    fs.copyFileSync(path.join(dir, 'part-000', 'r00003.meeting.yaml'), path.join(dir, 'part-001', 'again.meeting.yaml'));
    assertSameBothWays(['validate'], dir, '2');
  });

  test('on 600 randomly damaged records (fast-check, fixed seed)', () => {
    const docs = seedDocuments();
    const dir = scratch();
    const samples = fc.sample(fc.tuple(fc.nat(docs.length - 1), fc.array(edit, { minLength: 0, maxLength: 3 })), { numRuns: 600, seed: 20240726 });
    samples.forEach(([which, edits], i) => {
      const text = damage(docs[which].replace(/^id:\s*(\S+)/m, (_, id) => `id: ${id}-d${i}`), edits);
      fs.writeFileSync(path.join(dir, `d${String(i).padStart(3, '0')}.meeting.yaml`), text);
    });
    // Multi-document files built from damaged pieces too.
    for (let i = 0; i < 40; i++) {
      const parts = [0, 1, 2].map((k) => fs.readFileSync(path.join(dir, `d${String((i * 3 + k) % 600).padStart(3, '0')}.meeting.yaml`), 'utf8'));
      fs.writeFileSync(path.join(dir, `multi${i}.meeting.yaml`), parts.join('\n---\n'));
    }
    assertSameBothWays(['validate'], dir);
  });
});

describe("the validator's verdict shortcuts", () => {
  const lib = loadSources([
    "export { fastRead } from './server/src/core/fastRead';",
    "export { buildCatalog } from './server/src/core/catalogFile';",
    "export { Validator } from './server/src/core/validate';",
    "export { LineIndex } from './server/src/core/text';",
  ]);
  const catalog = lib.buildCatalog([]);
  const clean = seedDocuments()[0].replace(/^#.*\n/gm, '');

  /** What a record is, whichever path read it: everything but where its parts are. */
  const facts = ({ index, value, id, title, date, mechanism, level, errors, warnings }) => ({ index, value, id, title, date, mechanism, level, errors, warnings });

  function verdict(text) {
    const analysis = new lib.Validator(catalog).validate(text, { detail: 'verdict' });
    return { partial: analysis.partial, diagnostics: analysis.diagnostics, records: analysis.records, chunks: analysis.chunks, text: analysis.text };
  }

  function full(text) {
    const analysis = new lib.Validator(catalog).validate(text);
    return { diagnostics: analysis.diagnostics, records: analysis.records, chunks: analysis.chunks };
  }

  /** The verdict must be the full analysis's, in everything the shortcut it took keeps. */
  function assertSameVerdict(text) {
    const quick = verdict(text);
    const precise = full(text);
    assert.deepEqual(quick.diagnostics, precise.diagnostics);
    assert.deepEqual(quick.chunks, precise.chunks);
    if (quick.partial === 'values') {
      assert.deepEqual(quick.records.map(facts), precise.records.map(facts));
      // Each record's range is its whole document, as a line index of the file places it.
      const lines = new lib.LineIndex(quick.text);
      const documents = quick.chunks.filter((c) => c.hasContent);
      assert.deepEqual(quick.records.map((r) => r.range), documents.map((c) => lines.rangeOf({ start: c.offset, end: c.offset + c.text.length })));
    }
    else if (quick.partial === 'sections') assert.deepEqual(quick.records, precise.records.map((r) => ({ ...r, mentions: [] })));
    else assert.deepEqual(quick.records, precise.records);
    return quick.partial;
  }

  test('answers a clean record, and a multi-document file with comment-only documents, from plain values', () => {
    assert.equal(assertSameVerdict(clean), 'values');
    const multi = `# header\n---\n${clean}---\n# nothing here\n...\n---\n${clean.replace(/^id: (\S+)/m, 'id: $1-two')}`;
    assert.equal(assertSameVerdict(multi), 'values');
    assert.equal(verdict(multi).records.length, 2);
  });

  test('leaves to the precise path what the parsers could read differently', () => {
    for (const [name, text] of [
      ['a tab', clean.replace('title:', 'title:\t')],
      ['an anchor', clean.replace(/^title: /m, 'title: &t ')],
      ['a tag', clean.replace(/^title: /m, 'title: !!str ')],
      ['a directive', `%YAML 1.2\n---\n${clean}`],
      ['a lone CR', clean.replace('\n', '\r')],
      ['a __proto__ key', `${clean}__proto__: {}\n`],
      ['a NEL', clean.replace(/^title: (.*)$/m, 'title: $1\u0085x')],
      ['a scalar document', `${clean}---\nhello\n`],
      ['a problem in one of two records', `${clean}---\n${clean.replace(/^level: .*$/m, 'level: nope')}`],
    ]) {
      assert.equal(lib.fastRead(text, catalog), undefined, name);
      assert.equal(assertSameVerdict(text), undefined, name);
    }
  });

  test("a record with problems is placed with a partial tree, as the full analysis places them", () => {
    const flawed = clean.replace(/^level: .*$/m, 'level: nope').replace(/^chair: .*$/m, 'chair: Nhật Bản');
    assert.equal(lib.fastRead(flawed, catalog).kind, 'flawed');
    assert.equal(assertSameVerdict(flawed), 'sections');
    assert.deepEqual(
      verdict(flawed).diagnostics.map((d) => d.code),
      ['schema', 'non-canonical-name'],
    );
  });

  test('the partial tree declines key lines that are not the keys, and the full path answers', () => {
    const flawed = clean.replace(/^level: .*$/m, 'level: nope');
    // A key line inside a multi-line quoted value: whichever path answers, it is the full analysis.
    assertSameVerdict(flawed.replace(/^title: .*$/m, 'title: "Hội nghị\n level: giả"'));
    // A key written quoted: js-yaml reads the record, but its key lines are not the record's keys.
    const quotedKey = flawed.replace(/^level:/m, '"level":');
    assert.equal(lib.fastRead(quotedKey, catalog)?.kind, 'flawed');
    assert.equal(assertSameVerdict(quotedKey), undefined);
  });

  test('property: the verdict is the full analysis (3,000 damaged records)', () => {
    const docs = seedDocuments();
    const taken = { values: 0, sections: 0 };
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(edit, { maxLength: 3 }), fc.boolean(), (which, edits, twice) => {
        let text = damage(docs[which], edits);
        if (twice) text = `${text}\n---\n${damage(docs[(which + 1) % docs.length], edits.slice(1))}`;
        const partial = assertSameVerdict(text);
        if (partial) taken[partial]++;
      }),
      { numRuns: 3000, seed: 7 },
    );
    assert.ok(taken.values > 300, `plain values answered ${taken.values} clean cases`);
    assert.ok(taken.sections > 100, `partial trees placed the problems of ${taken.sections} records`);
  });

  /** Changes that keep the YAML readable but break rules: another value on a line, a line gone, an unknown key. */
  const VALUES = ['Nhật Bản', 'Hàn Quốc', 'Japn', 'nope', '2024-13-45', '2016-07-20', '', '[Japan, Japan]', '{x: 1}', '"Japan"', "'ASEAN+3'", '42', 'true', 'null', 'AMM-56', 'ministerial'];
  // A line number, not a fraction: fast-check's doubles cluster at 0 and 1, which would only ever hit the ends.
  const flaw = fc.record({ line: fc.nat(200), kind: fc.integer({ min: 0, max: 2 }), value: fc.constantFrom(...VALUES) });

  function breakRules(text, flaws) {
    for (const f of flaws) {
      const lines = text.split('\n');
      const i = f.line % lines.length;
      if (f.kind === 0) lines[i] = lines[i].replace(/^(\s*(?:- )?(?:[\w-]+: ?)?).*$/, (_, head) => `${head}${head.endsWith(':') ? ' ' : ''}${f.value}`);
      else if (f.kind === 1) lines.splice(i, 1);
      else lines.splice(i, 0, 'extra_field: 1');
      text = lines.join('\n');
    }
    return text;
  }

  test('property: records with broken rules are placed as the full analysis places them (1,000 records)', () => {
    const docs = seedDocuments();
    let placed = 0;
    const codes = new Set();
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(flaw, { minLength: 1, maxLength: 4 }), (which, flaws) => {
        const text = breakRules(docs[which], flaws);
        if (assertSameVerdict(text) !== 'sections') return;
        placed++;
        for (const d of verdict(text).diagnostics) codes.add(d.code);
      }),
      { numRuns: 1000, seed: 11 },
    );
    assert.ok(placed > 300, `partial trees placed the problems of ${placed} records`);
    for (const code of ['schema', 'non-canonical-name', 'unknown-party', 'unknown-mechanism']) assert.ok(codes.has(code), `rules met: ${[...codes].join(', ')}`);
  });
});
