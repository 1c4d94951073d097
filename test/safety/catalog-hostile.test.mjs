// Issue 14, items 8 to 10: hostile workspace catalogs, through the real CLI
// (`validate DIR`) and the real server over stdio (test/lsp/harness.mjs),
// which read catalogs through the same layer (corpus/catalogs.ts, then
// core/catalogRead.ts and core/catalogFile.ts):
//  8. an entry whose `aliases` or `members` has the wrong type is reported on
//     that value, in the catalog file, and left out; every other entry is
//     still used, and nothing else breaks (no exit 2; in the server,
//     cross-file duplicate ids and workspace symbols still work);
//  9. an alias that is another party's name (`aliases: [Japan, China]`) is
//     refused on that alias and never used, so `--fix` cannot rewrite a
//     record's parties into it; a mechanism without `full_name` is refused,
//     so the bundled one stays;
// 10. 150,000 aliases and 2,000 unknown names finish (the time and memory
//     used are printed, not asserted), and a catalog of 8 MB is refused with
//     one message.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { makeWorkspace, positionOf, startServer, textAt } from '../lsp/harness.mjs';
import { describeRun, fromCli, runCli } from './cli.mjs';
import { RECORD } from './hostile.mjs';
import { memoryOf } from './lsp.mjs';
import { CLI, SERVER, requireBuilt } from './paths.mjs';

before(() => requireBuilt(CLI, SERVER));

/** A record of the shared base with another id and other lines. */
const record = (id, replacements = {}) => Object.entries(replacements).reduce((text, [from, to]) => text.replace(from, to), RECORD.replace('2024-07-26-safety-base', id));

/** `validate . --format json` in the workspace: the run, and each file's diagnostics (0-based ranges) by its path. */
async function validate(ws, args = [], options = {}) {
  const run = await runCli(['validate', '.', '--format', 'json', ...args], { cwd: ws.dir, ...options });
  assert.ok(Array.isArray(run.json), describeRun(run));
  const byFile = new Map(run.json.map((f) => [f.file, f.diagnostics.map(fromCli)]));
  return { run, byFile };
}

/** A server on the workspace, indexed; shut down (and the folder removed) when the test ends. */
async function serverOn(t, ws) {
  const server = await startServer({ folders: [ws.dir] });
  t.after(() => server.shutdown());
  await server.indexed({ timeout: 60_000 });
  return server;
}

/** The diagnostics a catalog file gets in the server, opened in an editor as a user fixing it would. */
async function catalogDiagnostics(server, ws, name) {
  const uri = ws.uri(name);
  const since = server.mark();
  await server.open(uri, readFileSync(ws.path(name), 'utf8'), { languageId: 'yaml', wait: false });
  return server.diagnostics(uri, { since, timeout: 60_000 });
}

/** Where a diagnostic on `needle` (the `occurrence`-th) must be: its token, from its own line. */
function assertOn(diagnostics, text, needle, pattern, occurrence = 1) {
  const line = positionOf(text, needle, { occurrence }).line;
  const here = diagnostics.filter((d) => d.range.start.line === line && textAt(text, d.range) === needle);
  assert.equal(here.length, 1, `one diagnostic on '${needle}' (line ${line + 1}): ${JSON.stringify(diagnostics, null, 1)}`);
  assert.match(here[0].message, pattern);
}

describe('8. catalog entries whose aliases or members have the wrong type', () => {
  const CATALOG = [
    'parties:',
    '  - name: Atlantis',
    '    kind: other',
    '    aliases: 5',
    '  - name: Lemuria',
    '    kind: other',
    '    aliases: true',
    '  - name: Mu',
    '    kind: other',
    '    aliases: {Mu Islands: 1}',
    '  - name: Hyperborea',
    '    kind: other',
    '    aliases: [Hyper]',
    'mechanisms:',
    '  - name: Counted Club',
    '    full_name: Counted Club',
    '    members: 5',
    '  - name: Named Club',
    '    full_name: Named Club',
    '    members: "Japan"',
    '  - name: Northern Club',
    '    full_name: Northern Club',
    '    members: [Hyperborea]',
    '',
  ].join('\n');
  // Two records with one id (a cross-file duplicate), using the good entries and naming a refused one.
  const files = {
    'ws.catalog.yaml': CATALOG,
    'a.meeting.yaml': record('2024-07-26-twice', { 'mechanism: ASEAN+3': 'mechanism: Northern Club', 'partners: [China, Japan, Republic of Korea]': 'partners: [Hyper, Atlantis]' }),
    'b.meeting.yaml': record('2024-07-26-twice', { 'title: Hội nghị Bộ trưởng Ngoại giao ASEAN+3': 'title: The other one' }),
  };
  let ws;
  before(() => {
    ws = makeWorkspace(files);
  });
  after(() => ws.cleanup());

  /** Each refused entry's value, as written in the catalog, and what its message says. */
  const REFUSED = [
    ['5', /Party 'Atlantis'.*must be a list.*not used/],
    ['true', /Party 'Lemuria'.*must be a list.*not used/],
    ['{Mu Islands: 1}', /Party 'Mu'.*must be a list.*not used/],
    ['5', /Mechanism 'Counted Club'.*must be a list.*not used/, 2],
    ['"Japan"', /Mechanism 'Named Club'.*must be a list.*not used/],
  ];

  test('CLI: exit 1, not 2; each bad value is reported where it is written; the good entries are used', async () => {
    const { run, byFile } = await validate(ws);
    assert.equal(run.code, 1, describeRun(run));
    const catalog = byFile.get('ws.catalog.yaml');
    assert.equal(catalog.length, REFUSED.length, JSON.stringify(catalog, null, 1));
    for (const [value, pattern, occurrence] of REFUSED) assertOn(catalog, CATALOG, value, pattern, occurrence);
    // Hyperborea and Northern Club are used (an alias warning, no unknown mechanism); Atlantis was refused.
    const a = byFile.get('a.meeting.yaml');
    assert.deepEqual(a.map((d) => [d.code, textAt(files['a.meeting.yaml'], d.range)]).sort(), [
      ['duplicate-id', '2024-07-26-twice'],
      ['non-canonical-name', 'Hyper'],
      ['unknown-party', 'Atlantis'],
    ]);
  });

  test('server: the same catalog problems; cross-file duplicate ids and workspace symbols still work', async (t) => {
    const server = await serverOn(t, ws);
    const { byFile } = await validate(ws);
    const catalog = await catalogDiagnostics(server, ws, 'ws.catalog.yaml');
    assert.deepEqual(catalog.map((d) => [d.message, d.range]).sort(), byFile.get('ws.catalog.yaml').map((d) => [d.message, d.range]).sort());
    const a = await server.open(ws.uri('a.meeting.yaml'), files['a.meeting.yaml']);
    const duplicate = a.find((d) => d.code === 'duplicate-id');
    assert.ok(duplicate, JSON.stringify(a));
    assert.equal(duplicate.relatedInformation[0].location.uri, ws.uri('b.meeting.yaml'));
    assert.deepEqual(a.map((d) => d.code).sort(), ['duplicate-id', 'non-canonical-name', 'unknown-party']);
    const symbols = await server.request('workspace/symbol', { query: '' });
    assert.deepEqual([...new Set(symbols.map((s) => s.location.uri))].sort(), [ws.uri('a.meeting.yaml'), ws.uri('b.meeting.yaml')]);
  });
});

describe('9. a catalog that tries to take over bundled names', () => {
  const CATALOG = ['parties:', '  - name: Evil', '    kind: other', '    aliases: [Japan, China]', 'mechanisms:', '  - name: ASEAN+3', '    members: [Evil]', ''].join('\n');
  const files = {
    'evil.catalog.yaml': CATALOG,
    // What --fix must leave alone: every name is canonical in the bundled catalog.
    'a.meeting.yaml': record('2024-07-26-bundled-names'),
    // Evil is a party (its own name is kept) but no member of the bundled ASEAN+3.
    'b.meeting.yaml': record('2024-07-26-evil-partner', { 'partners: [China, Japan, Republic of Korea]': 'partners: [China, Evil]' }),
  };
  let ws;
  before(() => {
    ws = makeWorkspace(files);
  });
  after(() => ws.cleanup());

  function assertCatalogProblems(diagnostics) {
    assert.equal(diagnostics.length, 3, JSON.stringify(diagnostics, null, 1));
    assertOn(diagnostics, CATALOG, 'Japan', /'Japan' is already the name of the party 'Japan'.*not used/);
    assertOn(diagnostics, CATALOG, 'China', /'China' is already the name of the party 'China'.*not used/);
    // A missing field is reported on the key of the mapping that lacks it, the entry's first line.
    const missing = diagnostics.find((d) => /full_name/.test(d.message));
    assert.match(missing.message, /Mechanism 'ASEAN\+3'.*Missing required field 'full_name'.*not used/);
    assert.equal(textAt(CATALOG, missing.range), 'name');
    assert.equal(missing.range.start.line, positionOf(CATALOG, 'name: ASEAN+3').line);
  }

  test('CLI: --fix leaves the record as written; the hijacking aliases and the mechanism are refused on their values', async () => {
    const { run, byFile } = await validate(ws, ['--fix']);
    assert.equal(run.code, 1, describeRun(run));
    assert.equal(readFileSync(ws.path('a.meeting.yaml'), 'utf8'), files['a.meeting.yaml'], 'China, Japan, Republic of Korea are not rewritten');
    assert.equal(readFileSync(ws.path('b.meeting.yaml'), 'utf8'), files['b.meeting.yaml']);
    assertCatalogProblems(byFile.get('evil.catalog.yaml'));
    assert.deepEqual(byFile.get('a.meeting.yaml'), []);
    // The bundled ASEAN+3 still decides who is a member.
    const b = byFile.get('b.meeting.yaml');
    assert.deepEqual(b.map((d) => [d.code, textAt(files['b.meeting.yaml'], d.range)]), [['mechanism-membership', 'Evil']]);
  });

  test('server: the same problems in the catalog; no quick fix turns a bundled name into Evil', async (t) => {
    const server = await serverOn(t, ws);
    assertCatalogProblems(await catalogDiagnostics(server, ws, 'evil.catalog.yaml'));
    const uri = ws.uri('a.meeting.yaml');
    assert.deepEqual(await server.open(uri, files['a.meeting.yaml']), []);
    const whole = { start: { line: 0, character: 0 }, end: { line: files['a.meeting.yaml'].split('\n').length, character: 0 } };
    const actions = await server.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
    assert.ok(!JSON.stringify(actions).includes('Evil'), JSON.stringify(actions));
    const b = await server.open(ws.uri('b.meeting.yaml'), files['b.meeting.yaml']);
    assert.deepEqual(b.map((d) => d.code), ['mechanism-membership']);
  });
});

describe('10. catalogs too large to use', () => {
  // Short aliases, so that the file stays under the size limit and the alias bound is what refuses it.
  const aliases = (n, prefix) => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36)}`).join(',');
  const MANY = `parties:\n  - name: Many\n    kind: other\n    aliases: [${aliases(150_000, 'a')}]\n`;
  const UNKNOWN = 2_000;
  const crowded = record('2024-07-26-unknown-names', { 'partners: [China, Japan, Republic of Korea]': `partners: [${Array.from({ length: UNKNOWN }, (_, i) => `Nowhere ${i}`).join(', ')}]` });

  test('a party with 150,000 aliases and a record with 2,000 unknown names: both answered, the entry refused once', async (t) => {
    const ws = makeWorkspace({ 'many.catalog.yaml': MANY, 'crowded.meeting.yaml': crowded });
    t.after(() => ws.cleanup());
    const { run, byFile } = await validate(ws, [], { timeoutMs: 300_000 });
    t.diagnostic(`CLI: ${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB, catalog ${MANY.length.toLocaleString('en')} characters`);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(byFile.get('many.catalog.yaml').map((d) => d.message), ["Party 'Many': not used, because it has 150,000 aliases, more than the 200 an entry may have"]);
    const unknown = byFile.get('crowded.meeting.yaml');
    assert.equal(unknown.length, UNKNOWN);
    assert.ok(unknown.every((d) => d.code === 'unknown-party'));

    const started = Date.now();
    const server = await serverOn(t, ws);
    const since = server.mark();
    await server.open(ws.uri('crowded.meeting.yaml'), crowded, { wait: false });
    const diagnostics = await server.diagnostics(ws.uri('crowded.meeting.yaml'), { since, timeout: 120_000 });
    const { rssMb, peakMb } = memoryOf(server.child.pid);
    t.diagnostic(`server: indexed and published in ${Date.now() - started} ms, RSS ${Math.round(rssMb)} MB (peak ${Math.round(peakMb)} MB)`);
    assert.equal(diagnostics.length, UNKNOWN);
    assert.deepEqual((await catalogDiagnostics(server, ws, 'many.catalog.yaml')).map((d) => d.message), byFile.get('many.catalog.yaml').map((d) => d.message));
  });

  test('a catalog of 1,000,000 aliases (8 MB) is refused with one message, in the CLI and the server', async (t) => {
    const ws = makeWorkspace({ 'huge.catalog.yaml': `parties:\n  - name: Huge\n    kind: other\n    aliases: [${aliases(1_000_000, 'Alias ')}]\n`, 'a.meeting.yaml': record('2024-07-26-next-to-a-huge-catalog') });
    t.after(() => ws.cleanup());
    const bytes = statSync(ws.path('huge.catalog.yaml')).size;
    assert.ok(bytes > 8_000_000, `${bytes} bytes`);
    const refusal = /^Not used: the catalog file has [\d,]+ characters, more than the limit of 1,000,000 for catalog files$/;

    const { run, byFile } = await validate(ws);
    t.diagnostic(`CLI: ${run.ms} ms, peak RSS ${Math.round(run.peakRssMb)} MB, catalog ${bytes.toLocaleString('en')} bytes`);
    assert.equal(run.code, 1, describeRun(run));
    const refused = byFile.get('huge.catalog.yaml');
    assert.equal(refused.length, 1);
    assert.match(refused[0].message, refusal);
    assert.deepEqual(byFile.get('a.meeting.yaml'), [], 'the records are validated against the bundled catalog');
    // As a user reads it: one line names the file's refusal.
    const stylish = await runCli(['validate', '.'], { cwd: ws.dir });
    assert.equal(stylish.stdout.split('\n').filter((line) => /catalog file has/.test(line)).length, 1, stylish.stdout);
    const named = await runCli(['validate', '--catalog', 'huge.catalog.yaml', 'a.meeting.yaml', '--format', 'json'], { cwd: ws.dir });
    assert.equal(named.code, 1, describeRun(named));
    assert.match(named.json.find((f) => f.file === 'huge.catalog.yaml').diagnostics[0].message, refusal);

    const server = await serverOn(t, ws);
    assert.deepEqual(await server.open(ws.uri('a.meeting.yaml'), readFileSync(ws.path('a.meeting.yaml'), 'utf8')), []);
    const totals = await server.request('meetingRecords/validateWorkspace', null);
    t.diagnostic(`server: RSS ${Math.round(memoryOf(server.child.pid).rssMb)} MB after indexing; ${JSON.stringify(totals)}`);
    const published = await server.diagnostics(ws.uri('huge.catalog.yaml'), { timeout: 60_000 });
    assert.equal(published.length, 1);
    assert.equal(published[0].code, 'file-too-large');
    assert.match(published[0].message, refusal);
  });
});
