#!/usr/bin/env node
// Per-keystroke parse time of a large record: yaml's parseDocument of the
// whole text against the product's SectionedParser (dist/core.js), which
// re-parses only the piece a keystroke touched. Not part of `npm run bench`.
//
//   npm run -s build && node --expose-gc test/bench/sectioned-parse.mjs [rounds]
//
// Each measurement types one character after another into a record through
// one parser (as an editor does), after a warm-up; it prints the median and
// the 90th percentile per keystroke. Run it on an idle machine: the numbers
// are milliseconds of one core.
import { createRequire } from 'node:module';
import { makeRecord } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const yaml = require('yaml');
const { PARSE_OPTIONS, SectionedParser } = core;

const ROUNDS = Number(process.argv[2] ?? 7);
const KEYSTROKES = 40;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** `count` texts, each with one more `unit` (a character, or a whole line) typed at `offset`. */
function typing(text, offset, count, from = 0, unit = 'x') {
  return Array.from({ length: count }, (_, i) => text.slice(0, offset) + unit.repeat(from + i + 1) + text.slice(offset));
}

function offsetOf(text, line, character) {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at + character;
}

/** Median and 90th percentile of the per-keystroke time of `parse` over ROUNDS rounds of KEYSTROKES keystrokes each. */
function measure(makeParse, text, offset, unit) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    const parse = makeParse(text);
    // Each round types on from where the last stopped, so no text is parsed twice.
    const texts = typing(text, offset, KEYSTROKES, round * KEYSTROKES, unit);
    parse(texts[0]); // warm-up keystroke: the first edit after opening
    global.gc?.();
    for (const t of texts.slice(1)) {
      const start = performance.now();
      parse(t);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p90: quantile(times, 0.9) };
}

const full = () => (t) => yaml.parseDocument(t, PARSE_OPTIONS);
const sectioned = (text) => {
  const parser = new SectionedParser();
  parser.parse(text);
  return (t) => parser.parse(t);
};

const row = (label, { median, p90 }) => `${label.padEnd(62)} ${median.toFixed(2).padStart(7)} ms ${p90.toFixed(2).padStart(7)} ms`;

process.stdout.write(`${'per keystroke'.padEnd(62)} ${'median'.padStart(10)} ${'p90'.padStart(10)}\n`);
for (const lines of [500, 5000]) {
  const { text, marks } = makeRecord(1, { lines });
  const places = {
    'a topic (a long list)': [offsetOf(text, marks.edit.line, marks.edit.character)],
    // A whole new item per keystroke, near the top of the list: each adds a line, as Enter does.
    'new lines in the topics': [text.indexOf('\n', text.indexOf('\ntopics:') + 1) + 1, '  - new\n'],
    'the title (a one-line section)': [text.indexOf('\n', text.indexOf('\ntitle:') + 1)],
    'the notes (the last section)': [text.length - 1],
  };
  for (const [where, [offset, unit]] of Object.entries(places)) {
    const a = measure(full, text, offset, unit);
    const b = measure(sectioned, text, offset, unit);
    process.stdout.write(`${row(`${lines} lines, ${where}: parseDocument`, a)}\n`);
    process.stdout.write(`${row(`${lines} lines, ${where}: SectionedParser`, b)}   ${(a.median / b.median).toFixed(1)}x\n`);
  }
}

// What a keystroke still costs with every piece cached: splitting, cache look-ups, copying the tree.
{
  const { text } = makeRecord(1, { lines: 5000 });
  const parser = new SectionedParser();
  parser.parse(text);
  const times = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    parser.parse(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${row('5,000 lines, nothing changed (split, look up, copy)', { median: quantile(times, 0.5), p90: quantile(times, 0.9) })}\n`);
}

// Memory held by the cache of one parser after typing in a 5,000-line record (needs --expose-gc).
if (global.gc) {
  const { text, marks } = makeRecord(1, { lines: 5000 });
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const parser = new SectionedParser();
  for (const t of typing(text, offsetOf(text, marks.edit.line, marks.edit.character), 200)) parser.parse(t);
  global.gc();
  const held = process.memoryUsage().heapUsed - before;
  process.stdout.write(`cache after 200 keystrokes in 5,000 lines: ${parser.cachedChars.toLocaleString('en')} characters, ${(held / 1e6).toFixed(1)} MB of heap\n`);
}
