// The validator reuses what an edit did not touch: cached document analyses,
// their placed diagnostics and records. Whatever it reuses, a long-lived
// validator must answer exactly as a fresh one does after every edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { makeRecord } from '../bench/generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const { parseDocument } = require('yaml');

const catalog = core.loadBundledCatalog();
const SEEDS = new URL('../../seeds/records/', import.meta.url);
const seedTexts = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.meeting.yaml'))
  .map((name) => readFileSync(new URL(name, SEEDS), 'utf8'));

/** Every seed record as one multi-record file: a dozen documents, with comments and several flaws added by the edits. */
const MULTI = seedTexts.map((t) => t.replace(/^---\n/, '')).join('---\n');

/** What a user sees of an analysis, with each record's tree summarised by its content range. */
function observable(analysis) {
  return {
    diagnostics: analysis.diagnostics,
    records: analysis.records,
    chunks: analysis.chunks.map((c) => ({ offset: c.offset, hasContent: c.hasContent, tree: analysis.treeOf(c)?.contents?.range ?? null })),
  };
}

const SNIPPETS = ['x', '\n', '---\n', 'partners: [Japn]\n', '  - Nhật Bản\n', 'id: dup\n', ': ', '# note\n', '"', '- ', '...\n'];

const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.constantFrom(...SNIPPETS),
});

const severityArb = fc.constantFrom(undefined, { 'non-canonical-name': 'error' }, { 'unknown-party': 'off', 'missing-field': 'hint' });

test('after any run of edits a long-lived validator answers as a fresh one (diagnostics, records, trees)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(editArb, severityArb), { minLength: 1, maxLength: 12 }), (steps) => {
      const validator = new core.Validator(catalog);
      let text = MULTI;
      validator.validate(text);
      for (const [{ at, remove, insert }, severity] of steps) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
        const options = severity ? { severity } : {};
        assert.deepEqual(observable(validator.validate(text, options)), observable(new core.Validator(catalog).validate(text, options)));
      }
    }),
    { numRuns: 30, seed: 7 },
  );
});

test('a tree the cache let go is parsed again, the same as the one validation saw', () => {
  // A cache of two entries: validating a three-document file keeps at most two trees.
  const validator = new core.Validator(catalog, 2);
  const analysis = validator.validate(seedTexts.slice(0, 3).join('---\n'));
  validator.validate(seedTexts[4]);
  for (const chunk of analysis.chunks) {
    const fresh = parseDocument(chunk.text);
    assert.deepEqual(analysis.treeOf(chunk).toJS(), fresh.toJS());
    assert.deepEqual(analysis.treeOf(chunk).contents.range, fresh.contents.range);
  }
});

test('a file of more documents than the cache holds is validated without keeping their trees, and answers the same', () => {
  const text = Array.from({ length: 40 }, (_, i) => `id: r${i}\n`).join('---\n');
  const small = new core.Validator(catalog, 16).validate(text);
  const large = new core.Validator(catalog).validate(text);
  assert.deepEqual(observable(small), observable(large));
  assert.equal(small.records.length, 40);
});

test('a large record edited piece by piece answers as the precise, whole parse does', () => {
  // About 600 lines: large enough that the editor's validator parses it by sections and reuses the untouched ones.
  const large = makeRecord(0, { lines: 600, flaw: 'alias' }).text;
  const precise = new core.Validator(catalog, 0);
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
      const validator = new core.Validator(catalog);
      let text = large;
      validator.validate(text);
      for (const { at, remove, insert } of edits) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
        assert.deepEqual(observable(validator.validate(text)), observable(precise.validate(text)));
      }
    }),
    { numRuns: 25, seed: 11 },
  );
});
