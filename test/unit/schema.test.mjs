// The schemas are compiled at build time (scripts/generate.mjs writes ajv's
// standalone code under server/src/core/generated/). These tests compile
// them afresh, as every process used to at start-up, and require the
// generated validators to answer every record and catalog exactly alike:
// same verdict, same errors field by field (the record's sentences and
// fixes are made from those errors, schema.ts). They fail too when a schema
// changed and the generated code was not rebuilt.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { ROOT, loadSources, seedDocuments } from '../cli/helpers.mjs';

const { parse: parseYaml } = createRequire(import.meta.url)('yaml');

const lib = loadSources([
  "export { compileSchema } from './server/src/core/schemaCompile';",
  "export { default as generatedRecord } from './server/src/core/generated/recordValidator';",
  "export { default as generatedCatalog } from './server/src/core/generated/catalogValidator';",
]);

/** Values of every kind a field must not (or may) hold. */
const REPLACEMENTS = [
  1, 0, -3, 1.5, true, null, '', ' ', 'x', 'Japn', 'ministeral', '2024-02-30', '2024-7-26', '2024-07', 'not a url',
  'https://example.org/a b', 'A'.repeat(300), 'AMM 57', 'en_GB', 'dir/file.txt', [], [1], [''], ['x', 'x'], [{}], {}, { a: 1 },
];

/** Every path into a value (its keys and list items, depth first), the root excluded. */
function* pathsOf(value, prefix = []) {
  if (prefix.length > 0) yield prefix;
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key]);
}

function withValue(root, at, value) {
  const copy = structuredClone(root);
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(at.at(-1), 1);
    else delete parent[at.at(-1)];
  } else parent[at.at(-1)] = value;
  return copy;
}

/** The value itself, then each path of it removed and replaced by each replacement, plus an unknown key at the root. */
function* variants(value, replacements = REPLACEMENTS) {
  yield value;
  for (const at of pathsOf(value)) {
    yield withValue(value, at, undefined);
    for (const r of replacements) yield withValue(value, at, r);
  }
  yield { ...value, titel: 'x' };
}

/** Asserts both validators give the same verdict and errors on every value; returns how many values were invalid. */
function assertSameAnswers(generated, fresh, values) {
  let invalid = 0;
  for (const value of values) {
    const verdict = generated(value);
    const errors = generated.errors;
    assert.equal(verdict, fresh(value), JSON.stringify(value));
    assert.deepStrictEqual(errors, fresh.errors, JSON.stringify(value));
    if (!verdict) invalid++;
  }
  return invalid;
}

describe('generated validators answer as a fresh compilation', () => {
  test('record schema: the seed records and thousands of broken ones', () => {
    const fresh = lib.compileSchema('record');
    const records = seedDocuments().map((text) => parseYaml(text));
    assert.ok(records.length >= 5);
    const values = [...records.flatMap((r) => [...variants(r)]), null, 1, 'text', [], {}];
    const invalid = assertSameAnswers(lib.generatedRecord, fresh, values);
    assert.ok(values.length > 3000 && invalid > 2000, `${values.length} values, ${invalid} invalid`);
  });

  test('catalog schema: the bundled catalog and broken copies of its first entries', () => {
    const fresh = lib.compileSchema('catalog');
    const dir = path.join(ROOT, 'seeds', 'catalog');
    const catalogs = fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => parseYaml(fs.readFileSync(path.join(dir, n), 'utf8')));
    const heads = catalogs.map((c) => Object.fromEntries(Object.entries(c).map(([section, entries]) => [section, entries.slice(0, 2)])));
    const values = [...catalogs, ...heads.flatMap((h) => [...variants(h, REPLACEMENTS.slice(0, 16))]), null, [], {}];
    const invalid = assertSameAnswers(lib.generatedCatalog, fresh, values);
    assert.ok(invalid > 500, `${values.length} values, ${invalid} invalid`);
  });
});
