// The hostile inputs of issue 8, shared by the CLI and the server tests so
// both front ends are held to the same promises. Big inputs are generated at
// test time (never committed); small ones live in test/fixtures/hostile/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE } from './paths.mjs';

const fixture = (name) => readFileSync(join(HOSTILE, name));

/** A valid record (no diagnostics), the base most cases damage. */
export const RECORD = [
  'version: 1',
  'id: 2024-07-26-safety-base',
  'title: Hội nghị Bộ trưởng Ngoại giao ASEAN+3',
  'mechanism: ASEAN+3',
  'level: ministerial',
  'date: 2024-07-26',
  'partners: [China, Japan, Republic of Korea]',
  'source:',
  '  publisher: VOV',
  '',
].join('\n');

export const utf8 = (s) => Buffer.from(s, 'utf8');

/** The billion-laughs bomb: 9 levels of 9 references, about 387 million strings if expanded. */
export function billionLaughs() {
  const lines = ['version: 1', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A real-looking record padded with topics to `bytes` bytes. */
export function bigRecord(bytes) {
  const head = `${RECORD}topics:\n`;
  const line = '  - cooperation on trade, investment, connectivity and the digital economy in the region\n';
  const count = Math.ceil((bytes - head.length) / line.length);
  return head + line.repeat(count);
}

/** `depth` levels of block mappings, one more space of indentation each (the deepest that fits the size limit is ~1,900). */
export function deepBlockMapping(depth) {
  const parts = [];
  for (let i = 0; i < depth; i++) parts.push(`${' '.repeat(i)}k:\n`);
  parts.push(`${' '.repeat(depth)}v\n`);
  return parts.join('');
}

const NESTING = 5000;

/** One field per tag, each tag written as a user would (YAML 1.1 types, core types, the non-specific and a local tag). */
const TAGS = ['!!binary aGVsbG8=', '!!timestamp 2024-07-26', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]', '!!float 1', '!!int 1', '!!str Hội nghị', '! plain', '!local thing'];
const TAGGED = ['version: 1', 'id: 2024-07-26-safety-tags', ...TAGS.map((tag, i) => `${i === 0 ? 'title' : `field_${i}`}: ${tag}`), 'mechanism: ASEAN+3', 'level: ministerial', 'date: 2024-07-26', 'source:', '  publisher: VOV', ''].join('\n');

/** Text → the diagnostics' tokens a user would see underlined. */
export function textAt(text, range) {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(text, position) {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  const lineStart = starts[position.line];
  let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
  return Math.min(lineStart + position.character, lineEnd);
}

/** Jargon that means an internal failure leaked into a message. */
export const INTERNAL = /call stack|RangeError|TypeError|ReferenceError|\bat \S+ \(|\[object /;

const lines = (s) => s.split(/\r\n|\r|\n/);

/**
 * Every case: `bytes` (the file on disk), `editorText` (what an editor would
 * hold after decoding: lenient UTF-8, as VS Code decodes), and `check(diags,
 * text, via)` with diagnostics normalised to 0-based LSP ranges and `text`
 * the text those positions count in (the CLI counts after a BOM; the server
 * counts the text it was sent). `cliExit` is the exit status the CLI owes.
 */
export const CASES = [
  {
    name: 'billion laughs (alias bomb)',
    bytes: () => utf8(billionLaughs()),
    cliExit: 1,
    check(diags, text, assert) {
      const bomb = diags.filter((d) => d.code === 'yaml-syntax' && /alias/i.test(d.message));
      assert.equal(bomb.length, 1, 'one yaml-syntax error naming the aliases');
      assert.equal(bomb[0].severity, 'error');
    },
  },
  {
    name: '10 MB file (above the size limit)',
    bytes: () => utf8(bigRecord(10 * 1024 * 1024)),
    cliExit: 0,
    big: true,
    check: tooLarge,
  },
  {
    name: '3 MB file (above the character limit, read and measured)',
    bytes: () => utf8(bigRecord(3 * 1024 * 1024)),
    cliExit: 0,
    big: true,
    check: tooLarge,
  },
  {
    name: `${NESTING}-deep flow sequences`,
    bytes: () => utf8(`${RECORD}topics: ${'['.repeat(NESTING)}${']'.repeat(NESTING)}\n`),
    cliExit: 1,
    check: tooDeepOrReported,
  },
  {
    name: `${NESTING}-deep flow mappings`,
    bytes: () => utf8(`${RECORD}location: ${'{a: '.repeat(NESTING)}1${'}'.repeat(NESTING)}\n`),
    cliExit: 1,
    check: tooDeepOrReported,
  },
  {
    name: `${NESTING}-deep block sequences`,
    bytes: () => utf8(`${RECORD}partners:\n${'- '.repeat(NESTING)}Japan\n`),
    cliExit: 1,
    check: tooDeepOrReported,
  },
  {
    name: '1,900-deep block mappings (the deepest under the size limit)',
    bytes: () => utf8(deepBlockMapping(1900)),
    cliExit: 1,
    check: tooDeepOrReported,
  },
  // Issue 14, item 1: as deep as the size limit allows, and never closed. The yaml parser
  // kept a frame per level (2 GB, 21 s); the text must be refused at the nesting limit.
  {
    name: '1,990,000 unclosed [ (2 MB, under the size limit)',
    bytes: () => utf8(`${RECORD}topics: ${'['.repeat(1_990_000)}`),
    cliExit: 1,
    check: tooDeepAt('topics: '),
  },
  {
    name: '1,990,000 unclosed {',
    bytes: () => utf8(`${RECORD}location: ${'{'.repeat(1_990_000)}`),
    cliExit: 1,
    check: tooDeepAt('location: '),
  },
  {
    name: "990,000 nested block sequences ('- - - …' on one line)",
    bytes: () => utf8(`${RECORD}participants:\n${'- '.repeat(990_000)}Japan\n`),
    cliExit: 1,
    check: tooDeepAt(''),
  },
  {
    name: 'binary file',
    bytes: () => fixture('binary.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert, via) {
      if (via === 'cli') {
        assert.equal(diags.length, 1, JSON.stringify(diags));
        assert.equal(diags[0].code, 'encoding');
        assert.equal(diags[0].severity, 'error');
        assert.match(diags[0].message, /binary|NUL/i);
      } else {
        assert.ok(diags.some((d) => d.severity === 'error'), 'a binary blob is never a clean record');
      }
    },
  },
  {
    name: 'invalid UTF-8',
    bytes: () => fixture('latin1.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert, via) {
      if (via !== 'cli') return; // the editor decoded it (with U+FFFD): an ordinary record
      assert.equal(diags.length, 1, JSON.stringify(diags));
      assert.equal(diags[0].code, 'encoding');
      assert.equal(diags[0].severity, 'error');
      assert.match(diags[0].message, /UTF-8/);
      // Placed on the first bad byte: "title: H\xe0 N\xf4i" is line 3, after "title: H".
      assert.deepEqual(diags[0].range.start, { line: 2, character: 'title: H'.length });
    },
  },
  {
    name: 'UTF-16 file',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RECORD, 'utf16le')]),
    cliOnly: true,
    cliExit: 1,
    check(diags, text, assert) {
      assert.equal(diags.length, 1, JSON.stringify(diags));
      assert.equal(diags[0].code, 'encoding');
      assert.match(diags[0].message, /UTF-16/);
    },
  },
  {
    name: 'byte order mark',
    bytes: () => fixture('bom.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      assertTokens(diags, text, assert, { schema: ['2', 'nope'] });
    },
  },
  {
    name: 'CRLF line endings',
    bytes: () => fixture('crlf.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      assertTokens(diags, text, assert, { schema: ['nope'], 'unknown-party': ['Japn', 'Mars'], 'non-canonical-name': ['ASEAN 3', 'Nhật Bản'] });
    },
  },
  {
    name: 'mixed LF and CRLF line endings',
    bytes: () => fixture('mixed-eol.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      assertTokens(diags, text, assert, { schema: ['nope'], 'unknown-party': ['Japn', 'Mars'], 'non-canonical-name': ['ASEAN 3', 'Nhật Bản'] });
    },
  },
  // Issue 14, item 12: YAML 1.2 counts a lone CR as a line break; `yaml` did not, and
  // reported eight "Nested mappings are not allowed" errors on a valid record.
  {
    name: 'lone CR line endings (a valid record)',
    bytes: () => utf8(RECORD.replace(/\n/g, '\r')),
    cliExit: 0,
    check(diags, text, assert) {
      assert.deepEqual(diags, [], 'read as the same record with LF line endings');
    },
  },
  {
    name: 'lone CR line endings (two flawed records)',
    bytes: () => utf8(fixture('crlf.meeting.yaml').toString('utf8').replace(/\r\n/g, '\r')),
    cliExit: 1,
    check(diags, text, assert) {
      assertTokens(diags, text, assert, { schema: ['nope'], 'unknown-party': ['Japn', 'Mars'], 'non-canonical-name': ['ASEAN 3', 'Nhật Bản'] });
      assert.equal(diags.filter((d) => d.code === 'yaml-syntax').length, 0);
    },
  },
  {
    name: 'tabs in indentation',
    bytes: () => fixture('tabs.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      const tab = diags.filter((d) => d.code === 'yaml-syntax' && /tab/i.test(d.message));
      assert.ok(tab.length >= 1, JSON.stringify(diags));
      assert.equal(tab[0].severity, 'error');
      const line = lines(text).findIndex((l) => l.startsWith('\t'));
      assert.equal(tab[0].range.start.line, line, 'on the line indented with a tab');
      assert.equal(textAt(text, tab[0].range), '\t', 'underlines the tab');
    },
  },
  {
    name: 'duplicate keys',
    bytes: () => fixture('duplicate-keys.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      const dup = diags.filter((d) => d.code === 'yaml-syntax');
      const all = lines(text);
      const second = all.findLastIndex((l) => l.startsWith('date:'));
      const first = all.findIndex((l) => l.startsWith('date:'));
      assert.ok(first < second);
      assert.equal(dup.length, 1, JSON.stringify(diags));
      assert.equal(dup[0].severity, 'error');
      assert.match(dup[0].message, /unique|duplicate/i);
      assert.equal(dup[0].range.start.line, second, 'on the second key');
      assert.equal(textAt(text, dup[0].range), 'date', 'the whole key');
      assert.ok(!diags.some((d) => d.range.start.line === first), 'nothing on the first key');
    },
  },
  {
    name: 'empty file',
    bytes: () => Buffer.alloc(0),
    cliExit: 0,
    check: noErrors,
  },
  {
    name: 'only comments',
    bytes: () => utf8('# A record will go here.\n#\n# version: 1\n'),
    cliExit: 0,
    check: noErrors,
  },
  {
    name: 'only document markers and blank lines',
    bytes: () => utf8('---\n\n---\n...\n\n'),
    cliExit: 0,
    check: noErrors,
  },
  {
    name: 'custom tags (!!js/function, !!python/object)',
    bytes: () => fixture('custom-tags.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      const tagged = lines(text).map((l, i) => [l, i]).filter(([l]) => /!\S/.test(l) && !l.trimStart().startsWith('#'));
      assert.ok(tagged.length >= 5);
      for (const [line, index] of tagged) {
        const d = diags.find((x) => x.range.start.line === index && x.code === 'yaml-syntax');
        assert.ok(d, `no yaml-syntax error on line ${index + 1}: ${line}\n${JSON.stringify(diags)}`);
        assert.equal(d.severity, 'error');
        assert.match(d.message, /tag/i);
        assert.match(textAt(text, d.range), /^!/, `underlines the tag on line ${index + 1}`);
      }
    },
  },
  // Issue 14, item 12: one rule for every tag. YAML 1.1 tags were decoded (then only
  // "must be text"), `!!float 1` was "Unsupported tag", `!!str` passed: now each is an error on the tag.
  {
    name: 'tags of every kind (!!binary, !!timestamp, !!set, !!omap, !!pairs, !!float, !!str, !, !local)',
    bytes: () => utf8(TAGGED),
    cliExit: 1,
    check(diags, text, assert) {
      const tagged = lines(text).map((l, i) => [l, i]).filter(([l]) => /: !/.test(l));
      assert.equal(tagged.length, TAGS.length);
      for (const [line, index] of tagged) {
        const here = diags.filter((d) => d.range.start.line === index);
        assert.equal(here.length, 1, `one diagnostic on line ${index + 1}: ${line}\n${JSON.stringify(here)}`);
        assert.equal(here[0].code, 'yaml-syntax');
        const tag = /: (!\S*)/.exec(line)[1];
        assert.equal(textAt(text, here[0].range), tag, 'underlines the tag');
        assert.ok(here[0].message.startsWith(`Unsupported tag ${tag}:`), here[0].message);
      }
      assert.ok(!diags.some((d) => /must be text/.test(d.message)), 'a tagged value is not decoded and then judged');
    },
  },
  {
    name: 'documents that are not mappings',
    bytes: () => fixture('not-mappings.meeting.yaml'),
    cliExit: 1,
    check(diags, text, assert) {
      const all = lines(text);
      const expected = ['just a sentence', '- a list', '~', '42'].map((start) => all.findIndex((l) => l.startsWith(start)));
      assert.ok(expected.every((i) => i >= 0));
      const mapping = diags.filter((d) => d.code === 'schema' && /mapping/i.test(d.message));
      assert.deepEqual(mapping.map((d) => d.range.start.line).sort((a, b) => a - b), expected, JSON.stringify(diags));
      assert.ok(mapping.every((d) => d.severity === 'error'));
    },
  },
  {
    // Found by the property test: the parser's error sat on the \r of a CRLF and its range ended between \r and \n.
    name: 'a YAML error on a CRLF line break',
    bytes: () => utf8(`topics:\n  - trade\n\r\n %${RECORD}`),
    cliExit: 1,
    check(diags, text, assert) {
      assert.ok(diags.some((d) => d.code === 'yaml-syntax'));
    },
  },
  {
    name: '16,000 unknown fields',
    bytes: () => utf8(RECORD + Array.from({ length: 16_000 }, (_, i) => `field_${i}: ${i}`).join('\n')),
    cliExit: 1,
    check(diags, text, assert) {
      assert.ok(diags.filter((d) => d.code === 'schema' && /Unknown field/.test(d.message)).length === 16_000);
    },
  },
  {
    name: '20,000 unknown party names',
    bytes: () => utf8(`${RECORD}participants:\n${Array.from({ length: 20_000 }, (_, i) => `  - Japn ${i % 50}\n`).join('')}`),
    cliExit: 1,
    check(diags, text, assert) {
      assert.ok(diags.filter((d) => d.code === 'unknown-party').length === 20_000);
    },
  },
  {
    name: '16,000 repeated keys',
    bytes: () => utf8(Array.from({ length: 16_000 }, (_, i) => `k: ${i}`).join('\n')),
    cliExit: 1,
    check(diags, text, assert) {
      assert.ok(diags.some((d) => d.code === 'yaml-syntax' && /unique/.test(d.message)));
      assert.ok(diags.length <= 200, `${diags.length} diagnostics: the rest are summarised`);
    },
  },
  {
    // 1.8 MB, under the 2,000,000-character default limit: every document lacks every required field.
    // Each document differs from the others, so no cached result can stand in for another's.
    name: '150,000 distinct empty documents (1.2 million problems)',
    heavy: true,
    bytes: () => utf8(Array.from({ length: 150_000 }, (_, i) => `a: ${i.toString(36)}\n---\n`).join('')),
    cliExit: 1,
    check(diags, text, assert) {
      // 20,000 listed, the other 1,180,000 counted in one diagnostic (the cap that bounds memory).
      assert.equal(diags.length, 20_001);
      assert.ok(diags.some((d) => d.code === 'too-many-problems' && /1,180,000 more problems/.test(d.message)));
    },
  },
  {
    name: '20,000 documents (160,000 problems)',
    bytes: () => utf8('a: 1\n---\n'.repeat(20_000)),
    cliExit: 1,
    check(diags, text, assert) {
      assert.equal(diags.length, 20_001);
      assert.ok(diags.some((d) => d.code === 'too-many-problems' && /140,000 more problems/.test(d.message)));
    },
  },
];

function tooLarge(diags, text, assert) {
  assert.equal(diags.length, 1, `exactly one diagnostic, got ${JSON.stringify(diags.slice(0, 3))}…`);
  const [d] = diags;
  assert.equal(d.code, 'file-too-large');
  assert.equal(d.severity, 'information');
  assert.match(d.message, /not validated/i);
  assert.equal(d.range.start.line, 0);
}

function tooDeepOrReported(diags, text, assert) {
  assert.ok(diags.some((d) => d.severity === 'error'), 'reported as an error');
  const deep = diags.filter((d) => /nested too deeply/i.test(d.message));
  assert.ok(deep.length <= 1, 'said once');
  if (deep.length === 1) assert.equal(deep[0].code, 'yaml-syntax');
}

/**
 * Collections nested deeper than this are refused before a tree is built
 * (README, rule yaml-syntax). The record's mapping is the first level.
 */
export const MAX_NESTING = 100;

/**
 * One yaml-syntax error saying the nesting is too deep, and nothing else of
 * the YAML: placed on the bracket (or `-`) that opens the first level past
 * the limit, on the line that starts with `prefix`, not at the end of 2 MB.
 */
function tooDeepAt(prefix) {
  return (diags, text, assert) => {
    const deep = diags.filter((d) => /nested too deeply/i.test(d.message));
    assert.equal(deep.length, 1, JSON.stringify(diags.slice(0, 5)));
    assert.equal(deep[0].code, 'yaml-syntax');
    assert.equal(deep[0].severity, 'error');
    assert.match(deep[0].message, new RegExp(`${MAX_NESTING}`), 'the message names the limit');
    const all = lines(text);
    const line = all.findIndex((l, i) => i > 0 && l.startsWith(prefix) && /^(?:\[|\{|- )/.test(l.slice(prefix.length)));
    assert.equal(deep[0].range.start.line, line, 'on the line that nests');
    // Level 1 is the record's mapping; the limit is passed by the opener of level MAX_NESTING + 1.
    const opener = prefix === '' ? 2 : 1;
    assert.equal(deep[0].range.start.character, prefix.length + (MAX_NESTING - 1) * opener, 'where the limit is passed');
    assert.ok(textAt(text, deep[0].range).length <= 2, 'the one opener');
    assert.deepEqual(diags.filter((d) => d.code === 'yaml-syntax' && d !== deep[0]), [], 'no other syntax error');
  };
}

function noErrors(diags, text, assert) {
  assert.deepEqual(diags.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
}

/** Each listed code's diagnostics underline exactly these tokens (in order of position). */
function assertTokens(diags, text, assert, expected) {
  for (const [code, tokens] of Object.entries(expected)) {
    const got = diags
      .filter((d) => d.code === code)
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
      .map((d) => textAt(text, d.range));
    assert.deepEqual(got, tokens, `${code}: ${JSON.stringify(diags.filter((d) => d.code === code))}`);
  }
}
