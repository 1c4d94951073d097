// Issue 8, promise 2: random edits of every seed record, sent to the real
// server over stdio as INCREMENTAL didChange events (ranges; sometimes several
// changes in one event, sometimes a whole-text change among them). After each
// event:
//  - the server answers (diagnostics for that version, symbols, folding, hover, completion);
//  - every published diagnostic lies inside the document;
//  - the server's idea of the text is the expected text: a second server, fed
//    the expected text as a FULL sync, answers exactly the same (diagnostics,
//    symbols, folding ranges, hovers and completion labels at random places).
// The expected text comes from this file's own model of LSP edits, not from
// the library the server uses. Seeded: the seed is printed, SAFETY_SEED=<n>
// replays a run, SAFETY_RUNS=<n> sets the number of cases per seed record.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { lineStarts } from './hostile.mjs';
import { rangeChecker, startServer } from './lsp.mjs';
import { SEEDS, SERVER, requireBuilt } from './paths.mjs';

const SEED = process.env.SAFETY_SEED ? Number(process.env.SAFETY_SEED) : Date.now() % 2 ** 31;
const RUNS_PER_RECORD = Number(process.env.SAFETY_RUNS ?? 60);
const SEED_FILES = readdirSync(SEEDS).filter((f) => /\.meeting\.ya?ml$/.test(f)).sort();

// ---------------------------------------------------------------------------
// The model: LSP positions over UTF-16 text with \n, \r\n and lone \r breaks.

function positionAt(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** Editors never place a position inside a CRLF pair or a surrogate pair. */
function snap(text, offset) {
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  if (before === 13 && at === 10) return offset - 1;
  if (before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff) return offset - 1;
  return offset;
}

/**
 * Turns an abstract edit (numbers, text) into an LSP content change against
 * `text`, and the text after it. `where` and `span` pick offsets anywhere in
 * the current text, so edits land everywhere whatever its length.
 */
function concreteChange(text, edit) {
  if (edit.kind === 'full') return { change: { text: edit.text }, next: edit.text };
  const start = snap(text, edit.where % (text.length + 1));
  const rest = text.length - start;
  const length = edit.kind === 'insert' ? 0 : edit.span % (Math.min(rest, edit.kind === 'delete-line' ? 400 : 60) + 1);
  const end = snap(text, start + length);
  const starts = lineStarts(text);
  const range = { start: positionAt(starts, start), end: positionAt(starts, Math.max(start, end)) };
  const inserted = edit.kind === 'delete' || edit.kind === 'delete-line' ? '' : edit.text;
  return { change: { range, text: inserted }, next: text.slice(0, start) + inserted + text.slice(Math.max(start, end)) };
}

// ---------------------------------------------------------------------------
// Arbitraries: text made of the pieces that matter to YAML and to positions.

const pieces = fc.constantFrom(
  '\n', '\n', '\r\n', '\r', ' ', '  ', '    ', '- ', ': ', ':', '-', '---', '---\n', '\n---\n', '...', '# ', '"', "'",
  '[', ']', '{', '}', ', ', '&a ', '*a', '!!js/function ', '!x ', '\t', '|', '>', '?', '%', '@', '`',
  'é', 'ệ', 'Nhật Bản', 'Việt Nam', '😀', '𝔸', '\u2028', '\u0085', '\uFEFF', '\u0000',
  'a', 'b', 'x', '1', '2024', '2024-07-26', 'Japan', 'Japn', 'ASEAN+3', 'ASEAN 3', 'partners', 'id', 'title', 'date',
  'version: 1\n', 'level: summit\n', '  - China\n', 'topics:\n  - trade\n', 'end_date: 2001-01-01\n',
);
const insertedText = fc.oneof(
  { weight: 6, arbitrary: fc.array(pieces, { minLength: 1, maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
const position = fc.nat({ max: 1_000_000 });
const edit = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert'), where: position, span: fc.constant(0), text: insertedText }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete'), where: position, span: fc.nat(), text: fc.constant('') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-line'), where: position, span: fc.nat(), text: fc.constant('') }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace'), where: position, span: fc.nat(), text: insertedText }) },
);
/** One didChange event: usually one change, sometimes several, rarely a whole-text change among them. */
const event = fc.oneof(
  { weight: 6, arbitrary: fc.array(edit, { minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.array(edit, { minLength: 2, maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(edit, { maxLength: 2 }), insertedText, fc.array(edit, { maxLength: 2 }))
      .map(([a, text, b]) => [...a, { kind: 'full', text: `version: 1\n${text}\n` }, ...b]),
  },
);
const session = fc.array(event, { minLength: 1, maxLength: 5 });

// ---------------------------------------------------------------------------

const sortDiagnostics = (list) =>
  [...list].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.range.end.line - b.range.end.line ||
      a.range.end.character - b.range.end.character ||
      String(a.code).localeCompare(String(b.code)) ||
      a.message.localeCompare(b.message),
  );

function* symbolRanges(symbols) {
  for (const s of symbols ?? []) {
    if (s.range) yield s.range;
    if (s.selectionRange) yield s.selectionRange;
    if (s.location?.range) yield s.location.range;
    yield* symbolRanges(s.children);
  }
}

/** What the server says about its document: everything that depends on its text. */
async function observe(server, uri, text, probes) {
  const doc = { textDocument: { uri } };
  const [symbols, folding, ...hovers] = await Promise.all([
    server.request('textDocument/documentSymbol', doc),
    server.request('textDocument/foldingRange', doc),
    ...probes.map((p) => server.request('textDocument/hover', { ...doc, position: p })),
  ]);
  const completion = await server.request('textDocument/completion', { ...doc, position: probes[0] });
  const labels = (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((i) => i.label).sort();
  return { symbols, folding, hovers, labels };
}

/** fc.assert, with the failing assertion itself (what differed) in the report, not only the counterexample. */
async function assertProperty(property, options) {
  try {
    await fc.assert(property, options);
  } catch (error) {
    const cause = error.cause instanceof Error ? error.cause.message : '';
    if (cause) error.message = `${error.message}\n\nWhat failed:\n${cause}`;
    throw error;
  }
}

describe('incremental edits of the seed records through the real server', () => {
  let edited; // receives incremental changes
  let reference; // receives the expected text as full changes
  let uriCount = 0;

  before(async () => {
    requireBuilt(SERVER);
    [edited, reference] = await Promise.all([startServer(), startServer()]);
    assert.equal(edited.syncKind, 2, 'the server asks for incremental sync');
  });
  after(async () => {
    await Promise.all([edited?.stop(), reference?.stop()]);
  });

  SEED_FILES.forEach((seedFile, index) => {
    const seed = SEED + index;
    test(`${seedFile}: after every random edit the server answers, diagnostics lie inside the document, and its text equals a full sync`, async (t) => {
      t.diagnostic(`seed ${seed}, ${RUNS_PER_RECORD} cases (replay the whole file: SAFETY_SEED=${SEED} node --test test/safety/incremental.property.test.mjs)`);
      const original = readFileSync(join(SEEDS, seedFile), 'utf8');
      let events = 0;
      const started = Date.now();
      await assertProperty(
        fc.asyncProperty(session, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (evs, probeSeeds) => {
          // A fresh document per case (same uri in both servers, so every answer can be compared as is).
          const uri = `file:///safety/incremental/${uriCount++}/${seedFile}`;
          let text = original;
          let version = 1;
          await Promise.all([edited.open(uri, text), reference.open(uri, text)]);
          try {
            for (const ev of evs) {
              const changes = [];
              for (const e of ev) {
                const { change, next } = concreteChange(text, e);
                changes.push(change);
                text = next;
              }
              version++;
              events++;
              const [incremental, full] = await Promise.all([
                edited.change(uri, version, changes, { strictVersion: true }),
                reference.change(uri, version, [{ text }], { strictVersion: true }),
              ]);
              const inside = rangeChecker(text);
              for (const d of incremental) assert.ok(inside(d.range), `diagnostic outside the document: ${JSON.stringify(d)}`);
              assert.deepEqual(sortDiagnostics(incremental), sortDiagnostics(full), 'incremental and full sync disagree on diagnostics');
              const starts = lineStarts(text);
              const probes = probeSeeds.map((n) => positionAt(starts, snap(text, n % (text.length + 1))));
              const [a, b] = await Promise.all([observe(edited, uri, text, probes), observe(reference, uri, text, probes)]);
              for (const range of symbolRanges(a.symbols)) assert.ok(inside(range), `symbol range outside the document: ${JSON.stringify(range)}`);
              assert.deepEqual(a, b, 'incremental and full sync disagree on symbols, folding, hover or completion');
            }
          } finally {
            edited.close(uri);
            reference.close(uri);
          }
          assert.deepEqual(edited.errorLogs(), [], 'no handler failed');
          assert.deepEqual(reference.errorLogs(), [], 'no handler failed');
          assert.equal(edited.exit, undefined);
        }),
        { seed, numRuns: RUNS_PER_RECORD },
      );
      t.diagnostic(`${events} didChange events in ${Date.now() - started} ms`);
    });
  });
});
