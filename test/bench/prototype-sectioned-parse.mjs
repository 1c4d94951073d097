#!/usr/bin/env node
// PROTOTYPE, not used by the product: measures how much of a keystroke's
// cost in a 5,000-line record could be saved by re-parsing only the
// top-level section (`key:` at column 0 up to the next such line) that the
// edit touched, reusing cached parses of the other sections, and checks that
// the combined tree is the precise one (same value, same range for every
// node, same errors) on every record it is given.
//
//   node test/bench/prototype-sectioned-parse.mjs [folder of *.meeting.yaml …]
//
// Findings go to docs/bench.md ("Where the time goes").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { makeMultiRecordFile, makeRecord } from './generate.mjs';

const require = createRequire(import.meta.url);
const yaml = require('yaml');

// The options server/src/core/parse.ts uses.
const OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, merge: false };

const NODE_TYPE = Symbol.for('yaml.node.type');

const TOP_KEY = /^[A-Za-z_][\w-]*:(?=[ \t]|\r?\n|$)/gm;

/** Splits one YAML document at its top-level plain keys; the text before the first key goes with it. */
export function splitSections(text) {
  const cuts = [];
  for (const m of text.matchAll(TOP_KEY)) cuts.push(m.index);
  if (cuts.length === 0) return undefined;
  cuts[0] = 0;
  return cuts.map((start, i) => ({ offset: start, text: text.slice(start, cuts[i + 1] ?? text.length) }));
}

/**
 * Deep copy of a node with every range moved by `by`. Own enumerable fields only
 * (value, type, source, comments, items…); the node-type symbol is a
 * non-enumerable own property, so copyNode sets it explicitly.
 */
function shifted(node, by) {
  if (node === null || typeof node !== 'object') return node;
  if (yaml.isPair(node)) {
    const copy = new yaml.Pair(shifted(node.key, by), shifted(node.value, by));
    return copy;
  }
  const copy = copyNode(node);
  if (node.range) copy.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  if (yaml.isCollection(node)) copy.items = node.items.map((item) => shifted(item, by));
  return copy;
}

/** Items of a top-level block sequence are parsed in groups of about this many lines (at item boundaries). */
let GROUP_LINES = 100;

/**
 * Splits a section `key:\n  - …\n  - …` at its item lines into groups of about
 * GROUP_LINES lines; the first group keeps the key line. Undefined when the
 * section is not a key over a block sequence.
 */
function splitGroups(text) {
  const m = /^[^\n]*\n( *)- /.exec(text);
  if (!m) return undefined;
  const itemLine = new RegExp(`^${m[1]}- `, 'gm');
  const cuts = [0];
  let lastCut = 0;
  let linesSince = 0;
  let prev = 0;
  for (const item of text.matchAll(itemLine)) {
    linesSince += countLines(text, prev, item.index);
    prev = item.index;
    if (linesSince >= GROUP_LINES && item.index > lastCut) {
      cuts.push(item.index);
      lastCut = item.index;
      linesSince = 0;
    }
  }
  if (cuts.length < 2) return undefined;
  return cuts.map((start, i) => ({ offset: start, text: text.slice(start, cuts[i + 1] ?? text.length) }));
}

function countLines(text, from, to) {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export class SectionedParser {
  cache = new Map();
  stats = { parsedChars: 0, reusedChars: 0, fallbacks: 0 };

  parseCached(text) {
    let doc = this.cache.get(text);
    if (doc) this.stats.reusedChars += text.length;
    else {
      doc = yaml.parseDocument(text, OPTIONS);
      this.stats.parsedChars += text.length;
      this.cache.set(text, doc);
    }
    return doc;
  }

  /** One section as a parsed document at offset 0, or undefined when it must not be split. */
  section(text) {
    const groups = splitGroups(text);
    if (!groups) return this.parseCached(text);
    const head = this.parseCached(groups[0].text);
    if (head.errors.length || head.warnings.length || !yaml.isMap(head.contents) || head.contents.items.length !== 1) return undefined;
    const seq = head.contents.items[0].value;
    if (!yaml.isSeq(seq)) return undefined;
    const items = [...seq.items];
    let end;
    for (const group of groups.slice(1)) {
      const doc = this.parseCached(group.text);
      if (doc.errors.length || doc.warnings.length || !yaml.isSeq(doc.contents)) return undefined;
      for (const item of doc.contents.items) items.push(shifted(item, group.offset));
      end = [doc.contents.range[1] + group.offset, doc.contents.range[2] + group.offset];
    }
    // A fresh document for the whole section: the cached head is not mutated.
    const whole = new yaml.Document(null, OPTIONS);
    const pair = new yaml.Pair(head.contents.items[0].key, Object.assign(copyNode(seq), { items, range: [seq.range[0], end[0], end[1]] }));
    const map = Object.assign(copyNode(head.contents), { items: [pair], range: [head.contents.range[0], end[0], end[1]] });
    whole.contents = map;
    whole.range = [head.range[0], end[0], end[1]];
    whole.errors = [];
    whole.warnings = [];
    return whole;
  }

  parse(text) {
    const sections = splitSections(text);
    if (!sections) return this.full(text);
    const pairs = [];
    const keys = new Set();
    const docs = [];
    for (const section of sections) {
      const doc = this.section(section.text);
      // Anything the split could change: an error or warning, content that is not one mapping, a key twice.
      if (!doc || doc.errors.length || doc.warnings.length || !yaml.isMap(doc.contents)) return this.full(text);
      docs.push(doc);
      for (const pair of doc.contents.items) {
        const key = yaml.isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined || keys.has(key)) return this.full(text);
        keys.add(key);
        pairs.push(section.offset === 0 ? pair : shifted(pair, section.offset));
      }
    }
    const first = docs[0];
    const last = docs.at(-1);
    const lastOffset = sections.at(-1).offset;
    const doc = new yaml.Document(null, OPTIONS);
    const map = new yaml.YAMLMap(doc.schema);
    map.items = pairs;
    map.range = [first.contents.range[0], last.contents.range[1] + lastOffset, last.contents.range[2] + lastOffset];
    doc.contents = map;
    doc.range = [first.range[0], last.range[1] + lastOffset, last.range[2] + lastOffset];
    doc.errors = [];
    doc.warnings = [];
    return doc;
  }

  full(text) {
    this.stats.fallbacks++;
    return yaml.parseDocument(text, OPTIONS);
  }
}

function copyNode(node) {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(node)), node);
  Object.defineProperty(copy, NODE_TYPE, { value: node[NODE_TYPE] });
  return copy;
}

/** Every node's range and type, in document order, for comparing two trees. */
function outline(node, out = []) {
  if (node === null || node === undefined) {
    out.push(null);
    return out;
  }
  if (yaml.isPair(node)) {
    outline(node.key, out);
    outline(node.value, out);
    return out;
  }
  out.push([node.constructor.name, ...(node.range ?? [])]);
  if (yaml.isCollection(node)) for (const item of node.items) outline(item, out);
  return out;
}

function same(text, parser) {
  const precise = yaml.parseDocument(text, OPTIONS);
  const fast = parser.parse(text);
  if (precise.errors.length || fast.errors.length) return precise.errors.length > 0 && fast.errors.length > 0;
  return (
    isDeepStrictEqual(precise.toJS({ maxAliasCount: 100 }), fast.toJS({ maxAliasCount: 100 })) &&
    isDeepStrictEqual(outline(precise.contents), outline(fast.contents))
  );
}

function* recordFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* recordFiles(p);
    else if (/\.meeting\.ya?ml$/.test(name)) yield p;
  }
}

function time(label, fn, reps = 20) {
  for (let i = 0; i < 5; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn(i + 5);
  const ms = (performance.now() - t0) / reps;
  process.stdout.write(`${label.padEnd(58)} ${ms.toFixed(2)} ms\n`);
  return ms;
}

// 1. Equivalence on real and generated records (each document of a file on its own, as the core splits them).
let checked = 0;
let differ = 0;
const parser = new SectionedParser();
const texts = [];
for (const dir of process.argv.slice(2)) for (const file of recordFiles(dir)) texts.push(readFileSync(file, 'utf8'));
for (let i = 0; i < 300; i++) texts.push(makeRecord(i, { lines: 30 + ((i * 7919) % 300), flaw: i % 7 === 0 ? 'alias' : undefined }).text);
for (const text of texts) {
  for (const chunk of text.split(/^---$/m)) {
    checked++;
    if (!same(chunk, parser)) differ++;
  }
}
process.stdout.write(`equivalence: ${checked} documents, ${differ} differ (values, node ranges, errors); ${parser.stats.fallbacks} fell back to a full parse\n`);

// 1b. Adversarial: random edits with YAML-significant characters, small groups so that every split is exercised.
GROUP_LINES = 4;
const ALPHABET = [' ', ' ', '\n', '\n', '-', ':', '#', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?', 'a', '1', '\t', '  - ', 'k: ', '\n  - ', '\nx: '];
let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
let mutated = 0;
let mutatedDiffer = 0;
let mutatedSplit = 0;
const fuzz = new SectionedParser();
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 4000);
for (let i = 0; i < ROUNDS; i++) {
  let text = texts[rand(texts.length)].split(/^---$/m)[0];
  for (let e = 0, edits = 1 + rand(3); e < edits; e++) {
    const at = rand(text.length + 1);
    text = rand(4) === 0 ? text.slice(0, at) + text.slice(at + 1 + rand(3)) : text.slice(0, at) + ALPHABET[rand(ALPHABET.length)] + text.slice(at);
  }
  const before = fuzz.stats.fallbacks;
  mutated++;
  if (!same(text, fuzz)) {
    mutatedDiffer++;
    if (mutatedDiffer <= 3) process.stdout.write(`  DIFFERS:\n${text.slice(0, 400)}\n`);
  }
  if (fuzz.stats.fallbacks === before) mutatedSplit++;
}
process.stdout.write(`adversarial: ${mutated} randomly edited documents, ${mutatedDiffer} differ; ${mutatedSplit} took the split path\n`);
GROUP_LINES = 100;

// 2. Cost of one keystroke in a topic of a 5,000-line record: full parse vs sectioned parse.
const big = makeRecord(1, { lines: 5000 });
const lines = big.text.split('\n');
const edited = (i) => {
  const copy = [...lines];
  copy[big.marks.edit.line] += 'x'.repeat(i + 1);
  return copy.join('\n');
};
const variants = Array.from({ length: 40 }, (_, i) => edited(i));
const sectioned = new SectionedParser();
sectioned.parse(big.text);
time('5,000 lines, full yaml.parseDocument per keystroke', (i) => yaml.parseDocument(variants[i], OPTIONS));
time('5,000 lines, sectioned (only the edited section parsed)', (i) => sectioned.parse(variants[i]));
const topics = splitSections(variants[0]).find((s) => s.text.startsWith('topics:'));
const later = splitSections(big.text).filter((s) => s.offset > topics.offset).map((s) => yaml.parseDocument(s.text, OPTIONS));
time('  of which: copying + shifting the sections after the edit', () => later.map((d) => d.contents.items.map((p) => shifted(p, 1))));
const sizes = splitSections(big.text).map((s) => s.text.split('\n').length - 1);
process.stdout.write(`  sections of the 5,000-line record (lines): ${sizes.join(', ')}\n`);
const mid = makeRecord(1, { lines: 500 });
const midLines = mid.text.split('\n');
const midVariants = Array.from({ length: 40 }, (_, i) => {
  const copy = [...midLines];
  copy[mid.marks.edit.line] += 'x'.repeat(i + 1);
  return copy.join('\n');
});
const sectionedMid = new SectionedParser();
sectionedMid.parse(mid.text);
time('500 lines, full yaml.parseDocument per keystroke', (i) => yaml.parseDocument(midVariants[i], OPTIONS));
time('500 lines, sectioned', (i) => sectionedMid.parse(midVariants[i]));
void makeMultiRecordFile;
