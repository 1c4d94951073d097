// Issue 14, item 1: text nested as deep as the size limit allows (2 MB of
// `[`, of `{`, a line of a million `- `) is refused at the nesting limit
// before the yaml parser builds anything. The shared cases in hostile.mjs
// hold the CLI and the server to one diagnostic each; here:
//  - the guarded parse is parseDocument's, and refuses exactly the texts
//    whose open lists and mappings pass the limit in the yaml parser itself,
//    on random texts made of everything that opens, closes or hides nesting
//    (quotes, comments, block scalars, tags, anchors, line breaks);
//  - in the server, a deep document never holds up another one, a keystroke
//    in it is answered, and memory stays bounded (the time each took is
//    printed, not asserted).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { CASES, MAX_NESTING, RECORD } from './hostile.mjs';
import { startServer } from './lsp.mjs';
import { CORE, SERVER, requireBuilt } from './paths.mjs';

const require = createRequire(import.meta.url);
const yaml = require('yaml');
const { Lexer, Parser } = yaml;

before(() => requireBuilt(CORE, SERVER));

/** The deepest the yaml CST parser's stack of open lists and mappings gets on `text`. */
function parserDepth(text) {
  const parser = new Parser();
  let deepest = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) void token;
    const open = parser.stack.filter((t) => t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection').length;
    if (open > deepest) deepest = open;
  }
  return deepest;
}

const piece = fc.oneof(
  fc.constantFrom('[', ']', '{', '}', '- ', '-', '? ', ': ', ':', 'a', 'k: ', '"', "'", '#', ' ', '  ', '\n', '\r', '\r\n', '\t', ',', '|', '>', '&a ', '*a', '!t ', '---\n', '\\'),
  // Runs of openers, so that texts reach the limit.
  fc.tuple(fc.constantFrom('[', '{', '- ', '{a: ', '[{', '\n  - '), fc.integer({ min: 1, max: 60 })).map(([s, n]) => s.repeat(n)),
);

/** What the tests compare of a parse: the value, errors and warnings, and the contents' range. */
function summary(doc) {
  let value;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    value = `throws ${error.name}`;
  }
  const problems = (list) => list.map((e) => [e.code, e.message, e.pos]);
  return { value, errors: problems(doc.errors), warnings: problems(doc.warnings), range: doc.contents?.range ?? null };
}

describe('nesting limit', () => {
  test('parseDocumentWithin is parseDocument up to the limit, and refuses exactly the texts the parser nests past it', (t) => {
    const core = require(CORE);
    let refused = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const deep = parserDepth(text) > MAX_NESTING;
        let doc;
        try {
          doc = core.parseDocumentWithin(text, core.PARSE_OPTIONS);
        } catch (error) {
          assert.equal(error.name, 'NestingLimitError', String(error));
          assert.ok(deep, `refused at depth ${parserDepth(text)}: ${JSON.stringify(text.slice(0, 200))}`);
          refused++;
          return;
        }
        assert.ok(!deep, `accepted at depth ${parserDepth(text)}`);
        assert.deepEqual(summary(doc), summary(yaml.parseDocument(text, core.PARSE_OPTIONS)));
      }),
      { numRuns: 800 },
    );
    t.diagnostic(`${refused} of 800 texts nested past the limit`);
    assert.ok(refused > 30, `only ${refused} texts reached the limit: the generator must reach it to test anything`);
  });

  test('exactly the texts nested past the limit are refused, on the opener of the first level past it', () => {
    const core = require(CORE);
    for (const [open, close] of [['[', ']'], ['{a: ', '}'], ['- ', '']]) {
      for (const levels of [MAX_NESTING - 1, MAX_NESTING, MAX_NESTING + 1, MAX_NESTING + 2]) {
        // The record's mapping is the first level.
        const text = open === '- ' ? `k:\n${open.repeat(levels - 1)}x\n` : `k: ${open.repeat(levels - 1)}x${close.repeat(levels - 1)}\n`;
        assert.equal(parserDepth(text), levels, JSON.stringify(text.slice(0, 20)));
        const chunk = core.parseChunk(text, 0);
        const deep = chunk.syntaxErrors.filter((e) => /nested too deeply/.test(e.message));
        if (levels <= MAX_NESTING) assert.deepEqual(deep, [], `${levels} levels of ${open} are allowed`);
        else {
          assert.equal(deep.length, 1);
          // After `k: ` (or `k:\n`), one opener per level past the record's mapping.
          const opener = 3 + (MAX_NESTING - 1) * open.length;
          assert.equal(deep[0].span.start, opener, `on the opener of level ${MAX_NESTING + 1}`);
          assert.equal(text.slice(deep[0].span.start, deep[0].span.end), open.trim()[0]);
        }
      }
    }
  });
});

describe('server: a deep document blocks nothing', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  for (const c of CASES.filter((x) => /unclosed|990,000/.test(x.name))) {
    test(`${c.name}: another document answers meanwhile, keystrokes in it are answered, memory stays bounded`, async (t) => {
      // A crash fails its own case only.
      if (server.dead) server = await startServer();
      const other = 'file:///safety/nesting/other.meeting.yaml';
      const deep = `file:///safety/nesting/${c.name.replace(/[^a-z0-9]+/gi, '-')}.meeting.yaml`;
      await server.open(other, RECORD);
      const text = c.bytes().toString('utf8');
      const baseline = server.memory().rssMb;
      const started = Date.now();
      const published = server.open(deep, text, { timeoutMs: 60_000 });
      // Sent right behind the deep document: an editor's hover over another tab.
      const hover = await server.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 3, character: 12 } }, 60_000);
      const hoverMs = Date.now() - started;
      assert.ok(hover, 'the other document answers');
      const diagnostics = await published;
      const publishMs = Date.now() - started;
      assert.equal(diagnostics.filter((d) => /nested too deeply/.test(d.message)).length, 1);
      // Keystrokes in the deep line (the server once died of one: out of memory compiling a regular expression).
      const deepLine = text.split('\n').length - (text.endsWith('\n') ? 2 : 1);
      let version = 1;
      const keystrokes = [];
      for (const character of [0, 5_000, 1_000_000, 1_990_000]) {
        const at = { line: deepLine, character };
        const t0 = Date.now();
        const after = await server.change(deep, ++version, [{ range: { start: at, end: at }, text: 'x' }], { timeoutMs: 60_000 });
        await server.request('textDocument/completion', { textDocument: { uri: deep }, position: at }, 60_000);
        keystrokes.push(Date.now() - t0);
        assert.ok(after.some((d) => d.code === 'yaml-syntax'), 'still reported');
      }
      const { rssMb, peakMb } = server.memory();
      t.diagnostic(`other document's hover after ${hoverMs} ms, published after ${publishMs} ms, keystroke + completion ${keystrokes.join(', ')} ms; RSS ${Math.round(rssMb)} MB, peak ${Math.round(peakMb)} MB (from ${Math.round(baseline)} MB)`);
      assert.equal(server.exit, undefined, server.stderr);
      assert.deepEqual(server.errorLogs(), []);
      // The text itself is 2-4 MB per copy; a tree of it would be gigabytes.
      assert.ok(peakMb - baseline < 150, `peak ${Math.round(peakMb)} MB from ${Math.round(baseline)} MB`);
      server.close(deep);
    });
  }
});
