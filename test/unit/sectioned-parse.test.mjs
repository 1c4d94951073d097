// Differential tests of SectionedParser (server/src/core/sectionedParse.ts):
// whatever it reuses, its tree must be the one parseDocument(text,
// PARSE_OPTIONS) gives, for everything validation and the editor features
// read: the value, errors and warnings (code, message, position), the
// document's and its contents' ranges, and every node's kind, range, scalar
// type, tag, format, source text, flow style and anchor. Comments may attach
// elsewhere (nothing reads them), so they are not compared.
//
// Most tests split small texts into very small pieces (minChars 0, groups of
// two lines) so that short texts go through every path; the 5,000-line test
// uses the product's settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { makeRecord, rng } from '../bench/generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const yaml = require('yaml');
const { SectionedParser, PARSE_OPTIONS, MAX_ALIAS_COUNT } = core;

/** A parser that cuts everything it may, so short texts exercise sections, groups and the cache. */
const fine = (groupLines = 2, maxCachedChars) => new SectionedParser(maxCachedChars, { minChars: 0, groupLines });

const SEEDS = new URL('../../seeds/records/', import.meta.url);
const seedChunks = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.meeting.yaml'))
  .sort()
  .flatMap((name) => core.splitDocuments(readFileSync(new URL(name, SEEDS), 'utf8')).map((chunk, i) => ({ name: `${name}#${i}`, text: chunk.text })));

// ---------------------------------------------------------------------------
// The comparison

function kind(node) {
  if (yaml.isScalar(node)) return 'scalar';
  if (yaml.isMap(node)) return 'map';
  if (yaml.isSeq(node)) return 'seq';
  if (yaml.isAlias(node)) return 'alias';
  return `other:${typeof node}`;
}

/** One line per node in document order: path, kind, range, scalar type, tag, format, source, flow, anchor, value type. */
function nodeLines(doc) {
  const out = [];
  const walk = (node, path) => {
    if (node === null || node === undefined) {
      out.push(`${path} none`);
      return;
    }
    const fields = [path, kind(node), JSON.stringify(node.range), node.type, node.tag, node.format, JSON.stringify(node.source), node.flow, node.anchor];
    if (yaml.isScalar(node)) fields.push(typeof node.value);
    out.push(fields.join(' '));
    if (yaml.isMap(node)) {
      node.items.forEach((pair, i) => {
        walk(pair.key, `${path}/${i}k`);
        walk(pair.value, `${path}/${i}v`);
      });
    } else if (yaml.isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}/${i}`));
    }
  };
  walk(doc.contents, '');
  return out;
}

const problems = (list) => list.map((e) => ({ code: e.code, message: e.message, pos: [...e.pos] }));

function valueOf(doc) {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return `throws ${error.constructor.name}: ${error.message}`;
  }
}

/** Throws, naming the first difference, when `actual` is not what `expected` reads as. */
function assertSameTree(actual, expected, label = '') {
  assert.ok(yaml.isDocument(actual), `${label}: not a yaml Document`);
  assert.deepEqual(problems(actual.errors), problems(expected.errors), `${label}: errors`);
  assert.deepEqual(problems(actual.warnings), problems(expected.warnings), `${label}: warnings`);
  assert.deepEqual(actual.range, expected.range, `${label}: doc.range`);
  assert.deepEqual(actual.contents?.range, expected.contents?.range, `${label}: doc.contents.range`);
  assert.equal(Boolean(actual.directives?.docStart), Boolean(expected.directives?.docStart), `${label}: --- seen`);
  const a = nodeLines(actual);
  const e = nodeLines(expected);
  const at = a.findIndex((line, i) => line !== e[i]);
  if (at >= 0 || a.length !== e.length) {
    const i = at >= 0 ? at : Math.min(a.length, e.length);
    assert.fail(`${label}: node ${i} differs\n  sectioned: ${a[i]}\n  full:      ${e[i]}`);
  }
  assert.deepEqual(valueOf(actual), valueOf(expected), `${label}: value`);
}

function assertSame(text, parser, label) {
  assertSameTree(parser.parse(text), yaml.parseDocument(text, PARSE_OPTIONS), label ?? JSON.stringify(text.slice(0, 80)));
}

/** Runs `fn` and tells whether `parser` assembled the tree from pieces or parsed the text whole. */
function pathTaken(parser, fn) {
  const { assembled, fullParses } = parser.stats;
  fn();
  if (parser.stats.assembled > assembled) return 'split';
  if (parser.stats.fullParses > fullParses) return 'full';
  return 'none';
}

// ---------------------------------------------------------------------------

test('the comparison notices a moved range, another scalar type, a lost error and another value', () => {
  const text = 'a: 1\nb: "two"\nc:\n  - x\n  - y\n';
  const tamperings = [
    (doc) => doc.contents.items[1].value.range[2]++,
    (doc) => (doc.contents.items[1].value.type = 'PLAIN'),
    (doc) => (doc.contents.items[2].value.items[1].value = 'z'),
    (doc) => doc.contents.range[0]++,
    (doc) => doc.range[2]--,
    (doc) => doc.errors.push(new yaml.YAMLParseError([0, 1], 'BAD_INDENT', 'made up')),
  ];
  for (const tamper of tamperings) {
    const doc = fine().parse(text);
    tamper(doc);
    assert.throws(() => assertSameTree(doc, yaml.parseDocument(text, PARSE_OPTIONS)), assert.AssertionError, String(tamper));
  }
});

test('seed records: the same tree, from pieces', () => {
  for (const groupLines of [1, 2, 5, 100]) {
    const parser = fine(groupLines);
    for (const { name, text } of seedChunks) {
      const path = pathTaken(parser, () => assertSame(text, parser, `${name} (groups of ${groupLines})`));
      // Every seed document is a clean mapping with several top-level keys.
      assert.equal(path, 'split', `${name} (groups of ${groupLines}) was parsed whole`);
    }
  }
  // With the product's settings, small records are parsed whole.
  const parser = new SectionedParser();
  for (const { name, text } of seedChunks) assertSame(text, parser, name);
});

test('generated records of 50, 500 and 5,000 lines: small ones parsed whole, large ones from pieces', () => {
  const parser = new SectionedParser();
  const expectedPath = { 50: 'full', 500: 'split', 5000: 'split' };
  for (const lines of [50, 500, 5000]) {
    for (const flaw of [undefined, 'alias', 'unknown']) {
      const { text } = makeRecord(lines, { lines, flaw });
      assert.equal(pathTaken(parser, () => assertSame(text, parser, `${lines} lines`)), expectedPath[lines], `${lines} lines`);
    }
  }
  const small = new SectionedParser();
  small.parse(makeRecord(1, { lines: 50 }).text);
  assert.equal(small.cachedChars, 0, 'a small record leaves nothing in the cache');
});

/** [name, text, path]: 'split' (assembled from pieces), 'full' (parsed whole), or undefined when either is right. */
const CASES = [
  ['comments at column 0 between sections', '# head\na: 1\n# between\n\n# more\nb: 2\n  # indented\nc: 3\n# tail\n', 'split'],
  ['--- and comments before the first key', '# c\n--- # start\na: 1\nb: 2\n', 'split'],
  ['a BOM', '\uFEFFa: 1\nb:\n  - x\n  - y\n  - z\n', 'split'],
  ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n  - y\r\n  - z\r\nc: |\r\n  lit\r\n\r\nd: 4\r\n', 'split'],
  ['a tab after the colon', 'a:\tvalue\nb:\t[1, 2]\nc: 3\n', 'split'],
  ['values on the key line', 'a: 1\nb: "two"\nc: \'three\'\nd: [4]\ne: {f: 5}\ng: 2024-01-01\n', 'split'],
  ['block scalars with chomping and blank lines', 'a: |+\n  keep\n\n\nb: >-\n  fold\n  ed\n\n   \nc: |2\n   indented\n\nd: 1\n', 'split'],
  ['a block scalar with less-indented empty lines', 'a: |\n  one\n\n \n  two\nb: 1\n', 'split'],
  ['block scalars in list items', 'l:\n  - |\n    one\n\n  - >+\n    two\n\n\n  - x\n  - k: |\n      three\n  - y\nz: 1\n', 'split'],
  ['a top-level block scalar document', '--- |\na: 1\nb: 2\n', 'full'],
  ['multi-line plain scalars', 'a: one\n  two\n\n  three\nb: 1\nl:\n  - four\n    five\n  - six\n  - seven\n', 'split'],
  ['a plain scalar continued at column 0', 'a: one\ntwo\nb: 1\n', 'full'],
  ['multi-line quoted scalars', 'a: "one\n  two"\nb: \'three\n  four\'\nc: 1\n', 'split'],
  ['a quoted scalar continued at column 0 over a key line', 'a: "one\nb: two"\nc: 1\n', 'full'],
  ['flow collections over lines', 'a: [1,\n  2]\nb: {c: 1,\n  d: 2}\ne: 1\n', 'split'],
  ['a flow collection over a key line', 'a: [1,\nb: 2]\nc: 1\n', 'full'],
  ['an anchor and an alias across sections', 'a: &x 1\nb: *x\nc: 3\n', 'full'],
  ['an anchor and an alias in one section', 'a:\n  - &x 1\n  - *x\nb: 2\n', 'full'],
  ['an alias to no anchor', 'a: 1\nb: *nothing\n', 'full'],
  // Every tag is an error (parse.ts), known from the lexer of a whole parse: a piece with one is never used.
  ['standard tags', 'a: !!str 12\nb: !!int "3"\nc: !!bool true\nd: ! tagged\ne: !!null\nf: 1\n', 'full'],
  ['a tag the value does not fit (a warning)', 'a: 1\nb: !!float 1\nc: 2\n', 'full'],
  ['an unknown tag', 'a: 1\nb: !foo bar\nc: 2\n', 'full'],
  ['a %YAML directive', '%YAML 1.2\n---\na: 1\nb: 2\n', 'full'],
  ['a %YAML 1.1 directive', '%YAML 1.1\n---\na: yes\nb: 0o7\n', 'full'],
  ['a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: 1\nb: !e!x 2\n', 'full'],
  ['--- after the first key', 'a: 1\n---\nb: 2\n', 'full'],
  ['... in the middle', 'a: 1\n...\nb: 2\n', 'full'],
  ['... at the end', 'a: 1\nb: 2\n...\n', 'full'],
  ['an explicit key', 'a: 1\n? b\n: 2\nc: 3\n', 'full'],
  ['an explicit key over a key line', '?\nb: c\n: v\nd: 1\n', 'full'],
  ['a complex key', 'a: 1\n[x, y]: 2\nc: 3\n', 'full'],
  ['quoted keys at column 0', 'a: 1\n"b c": 2\n\'d\': 3\ne: 4\n', 'split'],
  ['keys that are not cut at', 'a: 1\nключ: 2\n1x: 3\nx.y: 4\nz: 5\n', 'split'],
  ['a key repeated across sections', 'a: 1\nb: 2\na: 3\n', 'full'],
  ['a key repeated quoted', 'a: 1\nb: 2\n"a": 3\n', 'full'],
  ['1 and "1" as keys', '1: one\nb: 2\n"1": other\n', undefined],
  ['an empty value before a comment and a key', 'a: # note\n\nb: 1\nc:\n# note\nd: 2\n', undefined],
  ['empty list items before comments', 'l:\n  - e\n#\n  -\n  - \n  - # c\n  - k: # c\n\n  - x\n  -\nm: 1\n', undefined],
  ['a list at column 0', 'l:\n- a\n- b\n- c: 1\n  d: 2\n- e\nm: 1\n', 'split'],
  ['nested lists and maps', 'l:\n  - a:\n      - 1\n      - 2\n    b: {c: 3}\n  - - x\n    - y\n  - z\nm: 1\n', 'split'],
  ['a lone CR and a line separator in values', 'a: one\rb: two\nc: three\u2028d: four\ne: 1\n', undefined],
  ['a tab-indented line', 'a: 1\n\tb: 2\nc: 3\n', 'full'],
  ['a top-level list', '- a\n- b\nc: 1\n', 'full'],
  ['indented first key', '  a: 1\nb: 2\nc: 3\n', 'full'],
  ['a key line with no space after the colon', 'a: 1\nb:c\nd: 2\n', undefined],
  ['an unclosed quote at the end', 'a: 1\nb: "two\n', 'full'],
  ['only comments', '# one\n# two\n', 'full'],
  ['nothing', '', 'full'],
  ['trailing spaces and no final newline', 'a: 1  \nb:   \nc: 3', undefined],
  ['numbers in every form', 'a: 0x1F\nb: 0o17\nc: 1.50\nd: .inf\ne: -.nan\nf: 1e3\ng: ~\nh: null\ni: true\n', 'split'],
];

test('edge cases: the same tree, from pieces or parsed whole as expected', () => {
  for (const [name, text, expected] of CASES) {
    for (const groupLines of [1, 2]) {
      const parser = fine(groupLines);
      const path = pathTaken(parser, () => assertSame(text, parser, name));
      if (expected) assert.equal(path, expected, `${name} (groups of ${groupLines})`);
      // Again, from the cache.
      assertSame(text, parser, `${name}, cached`);
    }
  }
});

/**
 * Texts where a node's end depends on the text after a cut, found by random
 * testing. Each must come out the same however small the groups are, and
 * from pieces where the rules leave safe cuts ('full' where they leave none).
 */
const REGRESSIONS = [
  // An empty value and a comment before a key: ends after the blank line alone, before it in the whole text.
  ['an empty value with a comment, a blank line, a key', '_: #\n\nk: 1\nm: 2\n', 'split'],
  // An empty item, a comment, the next item: in the whole text the empty item ends after the next item's indentation.
  ['an empty item before a comment and an item', 'n:\n  - \n#\n  - \ne: 1\n', 'full'],
  ['an empty item after a comment before an item', 'k:\n1:\n_:\n  - e\n#\n  -\n  - \nz: 1\n', 'full'],
  // A column-0 comment in an item changes how the next item line reads.
  ['a column-0 comment and then an empty item', 'k:\n  - v\n#\n  - \n  - v\n_: 1\n', 'split'],
  ['a column-0 comment, a plain scalar, a last "- "', 'a: l\n_:\n  - \n#-\n   d\n  - ', 'split'],
  // An indented comment closing a nested mapping.
  ['an indented comment after an explicit-value mapping', 'a: e\n_:\n  - \n    : e\n    #\n  - ', 'split'],
  ['empty items with comments everywhere', 'l:\n  - # c\n  - k: # c\n\n  - \n  # c\n  - x\n  -\n    # c\n  - y\nm: # c\n', 'split'],
  // The document's end after a grouped last list with trailing comments.
  ['a grouped last list with trailing comments', 'a: 1\nl:\n  - a\n  - b\n  - c\n  - d\n  # indented\n# column 0\n\n', 'split'],
  ['a grouped last list with a trailing comment, CRLF', 'a: 1\r\nl:\r\n  - a\r\n  - b\r\n  - c\r\n# end\r\n', 'split'],
];

test('regressions: texts where a node ends in the next piece', () => {
  for (const [name, text, expected] of REGRESSIONS) {
    for (const groupLines of [1, 2, 3]) {
      const parser = fine(groupLines);
      assert.equal(pathTaken(parser, () => assertSame(text, parser, `${name} (groups of ${groupLines})`)), expected, `${name} (groups of ${groupLines})`);
    }
  }
});

// ---------------------------------------------------------------------------
// Random structured records: comments, blank lines, empty values, block and
// multi-line scalars, compact lists, nested lists and mappings at every place.

// No tags: a text with one is parsed whole (see 'standard tags'), and the random edits below type them.
const SCALARS = ['v', 'plain text', '"quoted"', "'single'", '1', '0x1F', '1.50', 'null', '~', 'true', '2024-01-01', '"a # b"', 'a#b', '', '# c', 'v # c', '[a, b]', '{a: 1}', '[]', '{}', '-1', '.inf', "'it''s'"];
const COMMENT_LINES = ['', '   ', '# col0', '#-', '  # two', '    # four'];

/** A random record-like YAML text, as lines; `random` is a seeded generator, so a seed replays a text. */
function structuredRecord(random) {
  const rand = (n) => Math.floor(random() * n);
  const pick = (list) => list[rand(list.length)];
  const pad = (n) => ' '.repeat(n);
  const comments = (indent) => {
    const out = [];
    while (rand(4) === 0) out.push(pick([...COMMENT_LINES, pad(indent) + '# c']));
    return out;
  };
  const value = (indent, depth) => {
    const r = rand(depth > 2 ? 3 : 12);
    if (r <= 2) return [` ${pick(SCALARS)}`, []];
    if (r === 3) {
      const header = pick(['|', '|+', '|-', '>', '>-', '>+', '|2', '|1-']);
      const at = indent + (header.includes('1') ? 1 : 2);
      const body = Array.from({ length: 1 + rand(4) }, () => pick(['', pad(at) + 'text', pad(at + 2) + 'more', pad(at) + '# not a comment', pad(Math.max(0, at - 1)), pad(at) + 'k: v', pad(at) + '- x']));
      if (!body.some((line) => line.trim())) body.push(pad(at) + 'text');
      while (rand(3) === 0) body.push('');
      return [` ${header}${rand(4) ? '' : ' # c'}`, body];
    }
    if (r === 4) return [' plain', [pad(indent + 1 + rand(2)) + 'continued', ...(rand(2) ? [] : ['', pad(indent + 1) + 'after a blank line'])]];
    if (r === 5) return [' "multi', [pad(indent + 1 + rand(2)) + 'line"']];
    if (r === 6) return [' [a,', [pad(indent + 1 + rand(2)) + 'b]']];
    if (r === 7) return [rand(2) ? '' : ' # c', list(indent + (rand(5) === 0 ? 0 : 2), depth + 1)];
    return [rand(2) ? '' : ' # c', mapping(indent + 2, depth + 1)];
  };
  const list = (indent, depth) => {
    const out = [];
    for (let i = 0, n = 1 + rand(depth === 1 ? 25 : 4); i < n; i++) {
      out.push(...comments(indent));
      const r = rand(6);
      if (r === 0) {
        const [first, rest] = value(indent + 2, depth);
        out.push(`${pad(indent)}-${first}`, ...rest);
      } else if (r === 1) {
        const [first, ...rest] = mapping(indent + 2, depth + 1);
        out.push(`${pad(indent)}- ${first.trimStart()}`, ...rest);
      } else if (r === 2) {
        out.push(`${pad(indent)}-${pick(['', ' # c', ' '])}`);
      } else {
        out.push(`${pad(indent)}- ${pick(SCALARS)}`);
      }
    }
    return out;
  };
  const mapping = (indent, depth) => {
    const out = [];
    for (let i = 0, n = 1 + rand(depth === 0 ? 14 : 4); i < n; i++) {
      out.push(...comments(indent));
      const key = pick(['k' + rand(40), 'key_' + rand(40), 'k' + rand(40), '"q' + rand(40) + '"', "'s" + rand(40) + "'", 'a-b' + rand(40), 'ключ' + rand(9), '1' + rand(9)]);
      const [first, rest] = value(indent, depth);
      out.push(`${pad(indent)}${key}:${first && rand(20) === 0 ? '\t' + first.trimStart() : first}`, ...rest);
    }
    return out;
  };
  const lines = [...(rand(8) === 0 ? [pick(['---', '--- # c', '# lead', ''])] : []), ...mapping(0, 0), ...comments(0)];
  let text = lines.join(rand(6) === 0 ? '\r\n' : '\n') + (rand(4) ? '\n' : '');
  if (rand(15) === 0) text = `\uFEFF${text}`;
  return text;
}

test('random structured records and a keystroke in each: the same tree, however small the pieces', () => {
  const parsers = [fine(1, 200_000), fine(3, 200_000)];
  let compared = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('x', ' ', '\n', '#', '- ', ': '), (seed, where, typed) => {
      const text = structuredRecord(rng(seed));
      const at = Math.floor(where * text.length);
      const edited = text.slice(0, at) + typed + text.slice(at);
      for (const parser of parsers) {
        assertSame(text, parser, `record of seed ${seed}`);
        assertSame(edited, parser, `record of seed ${seed}, ${JSON.stringify(typed)} typed at ${at}`);
        compared += 2;
      }
    }),
    { numRuns: 150, seed: Number(process.env.SECTIONED_SEED ?? 20240726) },
  );
  for (const parser of parsers) assert.ok(parser.stats.assembled > compared / 8, JSON.stringify(parser.stats));
});

// ---------------------------------------------------------------------------
// Random edits, in sequence, through one parser: the cache is exercised.

const SNIPPETS = [':', ': ', '-', '- ', '#', '# c', '&', '&a ', '*', '*a', '|', '|+', '>', '>-', '"', "'", '\n', '\n', '\n\n', ' ', '  ', '\t',
  '[', ']', '{', '}', ',', '?', '? ', '!!str ', '!x ', '%', '---', '...', '\r\n', '\r', '\uFEFF', 'x', 'key: ', '\nkey: ', '\n  - ', '\n- ',
  '\n# c\n', '\nnew_key: |\n  text\n', '\n  - k: v\n    k2: w\n', 'topics:\n'];

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('insert', 'insert', 'insert', 'delete', 'insertLine', 'deleteLine'),
  text: fc.constantFrom(...SNIPPETS),
  length: fc.integer({ min: 1, max: 4 }),
});

/** Applies an edit; positions are fractions of the length, so they land everywhere in any text. */
function applyEdit(text, edit) {
  const at = Math.floor(edit.at * text.length);
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'insertLine': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      return `${text.slice(0, start)}${edit.text}\n${text.slice(start)}`;
    }
    default: {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      return text.slice(0, start) + (end < 0 ? '' : text.slice(end + 1));
    }
  }
}

/** A record with comments, blank lines and block scalars between and inside its sections. */
function styledRecord(index, lines) {
  return makeRecord(index, { lines })
    .text.replace(/^(topics|documents):/gm, '# about $1\n\n$1:')
    .replace(/^notes: .*$/m, 'notes: |+\n  first\n\n  second\n\n')
    .replace(/^( {2}- .*\(7\))$/m, '$1\n  # a comment in the list\n');
}

test('random edits in sequence through one parser: always the same tree as a full parse', () => {
  const base = styledRecord(7, 160);
  const parser = fine(3, 60_000);
  let compared = 0;
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
      let text = base;
      for (const [i, edit] of edits.entries()) {
        text = applyEdit(text, edit);
        assertSame(text, parser, `after edit ${i + 1} of ${JSON.stringify(edits)}`);
        compared++;
      }
    }),
    { numRuns: 90, seed: Number(process.env.SECTIONED_SEED ?? 20240726) },
  );
  assert.ok(compared > 200, `only ${compared} texts compared`);
  // The split path and the cache were both exercised, not just full parses.
  assert.ok(parser.stats.assembled > compared / 4, `assembled ${parser.stats.assembled} of ${compared}`);
  assert.ok(parser.stats.piecesReused > parser.stats.piecesParsed, JSON.stringify(parser.stats));
  assert.ok(parser.cachedChars <= 60_000);
});

test('keystrokes in a 5,000-line record, with the product settings: the same tree, mostly from the cache', () => {
  const { text: base, marks } = makeRecord(1, { lines: 5000 });
  const parser = new SectionedParser();
  assertSame(base, parser, '5,000 lines');
  const random = rng(5000);
  let text = base;
  const lineStart = (n) => {
    let at = 0;
    for (let i = 0; i < n; i++) at = text.indexOf('\n', at) + 1;
    return at;
  };
  // Typing at the edit mark (a topic), then a few keystrokes anywhere, some breaking the YAML.
  const keystrokes = [
    ...'abc'.split('').map((ch, i) => (t) => {
      const at = lineStart(marks.edit.line) + marks.edit.character + i;
      return t.slice(0, at) + ch + t.slice(at);
    }),
    ...Array.from({ length: 6 }, () => {
      const edit = { at: random(), kind: 'insert', text: SNIPPETS[Math.floor(random() * SNIPPETS.length)], length: 1 };
      return (t) => applyEdit(t, edit);
    }),
  ];
  const before = { ...parser.stats };
  for (const [i, keystroke] of keystrokes.entries()) {
    text = keystroke(text);
    assertSame(text, parser, `keystroke ${i + 1}`);
  }
  // The three keystrokes in a topic re-parsed one group each.
  assert.ok(parser.stats.assembled - before.assembled >= 3, JSON.stringify(parser.stats));
});

// ---------------------------------------------------------------------------
// Ownership and memory

test('a returned tree is the caller\'s: changing it changes no later parse, and two results share no node', () => {
  const text = styledRecord(3, 300);
  const parser = fine(4);
  const first = parser.parse(text);
  const nodes = new Set();
  yaml.visit(first, { Node: (_, node) => void nodes.add(node), Pair: (_, pair) => void nodes.add(pair) });
  // What a quick fix or a careless caller might do.
  first.setIn(['topics', 0], 'changed');
  first.contents.items[0].key.range[0] = 999;
  first.contents.items[1].value.value = 'changed';
  first.contents.items.pop();
  first.errors.push(new yaml.YAMLParseError([0, 1], 'BAD_INDENT', 'made up'));
  const second = parser.parse(text);
  assertSameTree(second, yaml.parseDocument(text, PARSE_OPTIONS), 'after the first result was changed');
  yaml.visit(second, {
    Node: (_, node) => assert.ok(!nodes.has(node), 'a node is shared between two results'),
    Pair: (_, pair) => assert.ok(!nodes.has(pair), 'a pair is shared between two results'),
  });
  assert.ok(parser.stats.piecesReused > 0, 'the second parse came from the cache');
});

test('the cache stays within its bound over many edits, and a piece longer than the bound is not kept', () => {
  const bound = 5_000;
  const parser = fine(3, bound);
  let text = styledRecord(9, 300);
  const random = rng(9);
  for (let i = 0; i < 150; i++) {
    const at = Math.floor(random() * text.length);
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    const doc = parser.parse(text);
    assert.ok(parser.cachedChars <= bound, `${parser.cachedChars} characters cached`);
    if (i % 30 === 0) assertSameTree(doc, yaml.parseDocument(text, PARSE_OPTIONS), `edit ${i}`);
  }
  const tiny = fine(1_000_000, 100);
  const long = `a: ${'x'.repeat(500)}\nb: 1\n`;
  assertSame(long, tiny);
  assert.ok(tiny.cachedChars <= 100);
});

// ---------------------------------------------------------------------------
// parseSections: a tree of some sections only, for placing known problems

/** The node lines of one top-level pair, found by key. */
function pairLines(doc, key) {
  const pair = doc.contents.items.find((p) => String(p.key.value) === key);
  const one = yaml.parseDocument('x: 1', PARSE_OPTIONS);
  one.contents.items = [pair];
  return nodeLines(one).slice(1);
}

test('parseSections: kept sections are the nodes parseDocument gives, the others are left out', () => {
  let leftOut = 0;
  for (const { name, text } of seedChunks) {
    const full = yaml.parseDocument(text, PARSE_OPTIONS);
    const value = full.toJS();
    const doc = new SectionedParser(0).parseSections(text, value, new Set(['partners']));
    assert.ok(doc, `${name}: declined a clean seed record`);
    assert.deepEqual(doc.range, full.range, `${name}: doc.range`);
    assert.deepEqual(doc.contents.range, full.contents.range, `${name}: doc.contents.range`);
    const keys = doc.contents.items.map((p) => String(p.key.value));
    const allKeys = full.contents.items.map((p) => String(p.key.value));
    assert.equal(keys[0], allKeys[0], `${name}: the first key is kept`);
    assert.equal(keys.at(-1), allKeys.at(-1), `${name}: the last key is kept`);
    if (allKeys.includes('partners')) assert.ok(keys.includes('partners'), `${name}: the wanted key is kept`);
    for (const key of keys) assert.deepEqual(pairLines(doc, key), pairLines(full, key), `${name}: ${key}`);
    leftOut += allKeys.length - keys.length;
  }
  assert.ok(leftOut > seedChunks.length * 5, `only ${leftOut} sections were left out`);
});

test('parseSections declines a value the kept text does not read as, and key lines that are not the keys', () => {
  const { text } = seedChunks[0];
  const value = yaml.parse(text, PARSE_OPTIONS);
  const parser = new SectionedParser(0);
  assert.ok(parser.parseSections(text, value, new Set(['id'])));
  assert.equal(parser.parseSections(text, { ...value, id: 'other' }, new Set(['id'])), undefined, 'another id');
  const { title, ...withoutTitle } = value;
  assert.equal(parser.parseSections(text, withoutTitle, new Set(['id'])), undefined, 'a key missing from the value');
  const quotedKey = text.replace(/^title:/m, '"title":');
  assert.equal(parser.parseSections(quotedKey, yaml.parse(quotedKey, PARSE_OPTIONS), new Set(['id'])), undefined, 'a key written quoted');
});
