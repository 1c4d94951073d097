// Property: the bundled catalog never resolves a name to the wrong entry.
// For every name and alias of every party and mechanism, any spelling that
// folds to it (other case, accents dropped or moved, đ for d) resolves to
// that entry, to an entry that has exactly that spelling, or is reported as
// ambiguous with that entry among the candidates. A silent pick of another
// entry is the bug this guards against ('My' for Malaysia's 'MY').
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';

const core = createRequire(import.meta.url)('../../dist/core.js');
const catalog = core.loadBundledCatalog();
const { foldName } = core;

const KINDS = [
  { kind: 'party', entries: catalog.data.parties, resolve: (v) => catalog.resolveParty(v) },
  { kind: 'mechanism', entries: catalog.data.mechanisms, resolve: (v) => catalog.resolveMechanism(v) },
];

const keysOf = (entry) => [entry.name, ...(entry.aliases ?? [])];
const ACCENTED = { a: 'áàảãạăâ', e: 'éèẻẽẹê', i: 'íìỉĩị', o: 'óòỏõọôơ', u: 'úùủũụư', y: 'ýỳỷỹỵ', d: 'đ' };

/** Every (kind, entry, key) triple of the bundled catalog. */
const triples = KINDS.flatMap((k) => k.entries.flatMap((entry) => keysOf(entry).map((key) => ({ ...k, entry, key }))));

/** A spelling of `key` with random case and accents; it folds like `key` or is discarded. */
const variantOf = (key) =>
  fc.array(fc.tuple(fc.boolean(), fc.nat(6)), { minLength: key.length, maxLength: key.length }).map((choices) =>
    [...key.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')]
      .map((ch, i) => {
        const [upper, accent] = choices[i] ?? [false, 0];
        const marks = ACCENTED[ch.toLowerCase()];
        const base = marks && accent > 2 ? marks[accent % marks.length] : ch;
        return upper ? base.toUpperCase() : base.toLowerCase();
      })
      .join(''),
  );

test('no spelling of a catalog name resolves silently to another entry (fast-check, fixed seed)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...triples).chain((t) => fc.tuple(fc.constant(t), variantOf(t.key))), ([t, variant]) => {
      fc.pre(foldName(variant) === foldName(t.key));
      const r = t.resolve(variant);
      if (r.kind === 'ambiguous') return assert.ok(r.candidates.includes(t.entry), `${variant}: ${t.entry.name} not among the candidates`);
      assert.notEqual(r.kind, 'unknown', `${variant} (a spelling of '${t.key}') is unknown`);
      if (r.entry === t.entry) return;
      assert.ok(keysOf(r.entry).includes(variant), `'${variant}', a spelling of ${t.kind} '${t.key}' (${t.entry.name}), resolved to '${r.entry.name}'`);
    }),
    { seed: 20261203, numRuns: 5000 },
  );
});

test('an exact name or alias always resolves to its own entry, and a fold shared by two entries is always ambiguous', () => {
  for (const t of triples) {
    const r = t.resolve(t.key);
    assert.ok(r.kind !== 'ambiguous' && r.kind !== 'unknown' && r.entry === t.entry, `${t.kind} '${t.key}' resolves to ${r.entry?.name ?? r.kind}, not ${t.entry.name}`);
    const sharing = KINDS.find((k) => k.kind === t.kind).entries.filter((e) => keysOf(e).some((k) => foldName(k) === foldName(t.key)));
    const lower = t.key.toLowerCase() === t.key ? t.key.toUpperCase() : t.key.toLowerCase();
    const other = t.resolve(lower);
    if (sharing.length > 1 && !sharing.some((e) => keysOf(e).includes(lower))) assert.equal(other.kind, 'ambiguous', `'${lower}' folds to ${sharing.map((e) => e.name).join(' and ')}`);
  }
});
