// Issue 14, item 12: the smaller holes of the hostile review, each through
// the real CLI as a user meets it, and the record limits through the real
// server too (test/lsp/harness.mjs), which must say exactly what the CLI says:
//  - lone CR line endings are line breaks (they gave eight "Nested mappings
//    are not allowed"); fixes keep them;
//  - every explicit tag is one error on the tag (!!binary was decoded, then
//    "must be text"; !!float 1 was "Unsupported tag");
//  - `source.url` takes http(s) addresses only (`javascript:` passed);
//  - `version: 0x1`, `version: 0o1` and dates in the year 0000 are refused;
//  - `--shard -1/2` says what is wrong with the shard, `--severity
//    __proto__=off` that the code is unknown;
//  - an empty path (`validate ''`, `--catalog ''`, `--cache-location ''`,
//    `render ''`) is a usage error, never the current folder.
// (The CLI and server bounds of these cases, time and memory, are those of
// hostile-cli.test.mjs and hostile-server.test.mjs, which run them too.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../lsp/harness.mjs';
import { describeRun, fromCli, runCli } from './cli.mjs';
import { CASES, RECORD, textAt } from './hostile.mjs';
import { CLI, SERVER, requireBuilt, scratch } from './paths.mjs';

before(() => requireBuilt(CLI, SERVER));

/** The diagnostics of one record text, as the CLI reports them (0-based ranges). */
async function diagnosticsOf(t, text) {
  const dir = scratch(t);
  writeFileSync(join(dir, 'r.meeting.yaml'), text);
  const run = await runCli(['validate', 'r.meeting.yaml', '--format', 'json'], { cwd: dir });
  assert.ok(run.code === 0 || run.code === 1, describeRun(run));
  return run.json[0].diagnostics.map(fromCli);
}

/** Exactly one schema error, underlining `token`, whose message matches `pattern`. */
function assertOneSchemaError(diags, text, token, pattern) {
  const schema = diags.filter((d) => d.code === 'schema');
  assert.equal(schema.length, 1, JSON.stringify(diags));
  assert.equal(textAt(text, schema[0].range), token);
  assert.match(schema[0].message, pattern);
}

describe('record values the schema must refuse', () => {
  for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)', 'ftp://example.org/a']) {
    test(`source.url: ${url.split(':')[0]}: is refused: only http and https addresses`, async (t) => {
      const text = RECORD.replace('  publisher: VOV', `  publisher: VOV\n  url: "${url}"`);
      assertOneSchemaError(await diagnosticsOf(t, text), text, `"${url}"`, /http:\/\/ or https:\/\//);
    });
  }

  test('source.url: http, https and HTTPS addresses are accepted', async (t) => {
    for (const url of ['http://www.vietnamplus.vn/a.vnp', 'https://asean.org/', 'HTTPS://ASEAN.ORG/']) {
      const text = RECORD.replace('  publisher: VOV', `  publisher: VOV\n  url: ${url}`);
      assert.deepEqual(await diagnosticsOf(t, text), [], url);
    }
  });

  for (const written of ['0x1', '0o1']) {
    test(`version: ${written} is refused: the version is written 1`, async (t) => {
      const text = RECORD.replace('version: 1', `version: ${written}`);
      assertOneSchemaError(await diagnosticsOf(t, text), text, written, /'version' must be 1/);
    });
  }

  for (const [field, line, value] of [
    ['date', 'date: 2024-07-26', '0000-01-01'],
    ['end_date', 'date: 2024-07-26', '0000-01-02'],
    ['source.published', '  publisher: VOV', '0000-01-01'],
  ]) {
    test(`${field}: ${value} is refused: a meeting's dates lie between 1900 and 2100`, async (t) => {
      const replacement = field === 'date' ? `date: ${value}` : field === 'end_date' ? `${line}\nend_date: ${value}` : `${line}\n  published: ${value}`;
      const text = RECORD.replace(line, replacement);
      const diags = (await diagnosticsOf(t, text)).filter((d) => d.code !== 'date-order');
      assertOneSchemaError(diags, text, value, /1900 and 2100/);
    });
  }

  test('the years 1900 and 2100 are accepted, 1899 and 2101 are not', async (t) => {
    for (const [date, ok] of [['1900-01-01', true], ['2100-12-31', true], ['1899-12-31', false], ['2101-01-01', false]]) {
      const text = RECORD.replace('date: 2024-07-26', `date: ${date}`);
      const diags = await diagnosticsOf(t, text);
      if (ok) assert.deepEqual(diags, [], date);
      else assertOneSchemaError(diags, text, date, /1900 and 2100/);
    }
  });

  test('follow_up date 0000-01 is refused; an impossible date gets one error, not two', async (t) => {
    const text = `${RECORD}follow_up:\n  - title: Next meeting\n    date: 0000-01\n`;
    assertOneSchemaError(await diagnosticsOf(t, text), text, '0000-01', /1900 and 2100/);
    const impossible = RECORD.replace('date: 2024-07-26', 'date: 0000-13-45');
    assertOneSchemaError(await diagnosticsOf(t, impossible), impossible, '0000-13-45', /real date/);
  });
});

describe('usage mistakes get a message about the mistake (exit 2, one line)', () => {
  /** One line on stderr, exit 2, nothing validated. */
  async function refused(t, args, pattern) {
    const dir = scratch(t);
    writeFileSync(join(dir, 'r.meeting.yaml'), RECORD);
    const run = await runCli(args, { cwd: dir });
    assert.equal(run.code, 2, describeRun(run));
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, pattern);
    return dir;
  }

  for (const value of ['-1/2', '-2/-1', '0/2', '3/2']) {
    test(`--shard ${value}: says the shard is out of range, not that the option needs a value`, async (t) => {
      await refused(t, ['validate', '.', '--shard', value], new RegExp(`--shard expects i/n.*'${value}'`));
    });
  }

  for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Schema', 'yaml_syntax']) {
    test(`--severity ${code}=off: the code is unknown`, async (t) => {
      await refused(t, ['validate', '.', '--severity', `${code}=off`], new RegExp(`--severity: unknown code '${code}'`));
    });
  }

  test("validate '', validate . '', --catalog '', --cache-location '' and render '' name no file: refused, nothing written", async (t) => {
    for (const args of [['validate', ''], ['validate', '.', ''], ['validate', '.', '--catalog', ''], ['validate', '.', '--cache-location', ''], ['render', '']]) {
      const dir = await refused(t, args, /empty/);
      assert.equal(existsSync(join(dir, 'validate-cache.json')), false, `${JSON.stringify(args)} wrote a cache in the folder`);
    }
  });
});

describe('lone CR line endings', () => {
  /** A record in a lone-CR file, run through `validate --fix`; the file after it. */
  async function fixed(t, text) {
    const dir = scratch(t);
    const file = join(dir, 'r.meeting.yaml');
    writeFileSync(file, text);
    const run = await runCli(['validate', '--fix', 'r.meeting.yaml'], { cwd: dir });
    assert.equal(run.code, 0, describeRun(run));
    return readFileSync(file, 'utf8');
  }

  test('--fix replaces a name in a lone-CR file and keeps every CR', async (t) => {
    const after = await fixed(t, RECORD.replace('Japan', 'Nhật Bản').replace(/\n/g, '\r'));
    assert.equal(after, RECORD.replace(/\n/g, '\r'));
  });

  test('--fix removes a repeated list item of a lone-CR file, its whole line and no other', async (t) => {
    const listed = RECORD.replace('partners: [China, Japan, Republic of Korea]', 'partners:\n  - China\n  - Japan\n  - Japan\n  - Republic of Korea');
    const after = await fixed(t, listed.replace(/\n/g, '\r'));
    assert.equal(after, listed.replace('  - Japan\n  - Japan\n', '  - Japan\n').replace(/\n/g, '\r'));
  });
});

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const fromLsp = (d) => ({ severity: SEVERITY[d.severity], code: d.code, message: d.message, range: d.range });
const inOrder = (diags) => [...diags].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));

describe('the server says what the CLI says (one core parse and schema; test/lsp/harness.mjs)', () => {
  let server;
  let documents = 0;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.shutdown());

  /** The diagnostics the server publishes for `text` opened as a new document, closed when the test ends (the records share an id). */
  async function published(t, text) {
    const uri = pathToFileURL(`/nonexistent/mr-small-${documents++}.meeting.yaml`).href;
    t.after(() => server.close(uri));
    return { uri, diagnostics: await server.open(uri, text) };
  }

  const shared = CASES.filter((c) => c.name.startsWith('lone CR line endings') || c.name.startsWith('tags of every kind'));
  const limits = {
    name: 'an unsafe URL, a hexadecimal version and a date in the year 0000',
    text: RECORD.replace('version: 1', 'version: 0x1').replace('date: 2024-07-26', 'date: 0000-01-01').replace('  publisher: VOV', '  publisher: VOV\n  url: javascript:alert(1)'),
  };
  for (const c of [...shared.map((x) => ({ name: x.name, text: x.bytes().toString('utf8'), check: x.check })), limits]) {
    test(`${c.name}: the same diagnostics, at the same places`, async (t) => {
      const cli = await diagnosticsOf(t, c.text);
      const { diagnostics } = await published(t, c.text);
      const lsp = diagnostics.map(fromLsp);
      assert.deepEqual(inOrder(lsp), inOrder(cli));
      if (c.check) c.check(lsp, c.text, assert, 'server');
      else assert.deepEqual(lsp.map((d) => textAt(c.text, d.range)).sort(), ['0000-01-01', '0x1', 'javascript:alert(1)']);
    });
  }

  test('a quick fix that adds a line to a lone-CR document ends it with CR, as the document\'s lines end', async (t) => {
    const text = RECORD.replace('level: ministerial\n', '').replace(/\n/g, '\r');
    const { uri, diagnostics } = await published(t, text);
    const missing = diagnostics.find((d) => d.code === 'schema' && /level/.test(d.message));
    assert.ok(missing, JSON.stringify(diagnostics));
    const actions = await server.request('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
    const add = actions.find((a) => a.title === "Add missing field 'level'");
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    const edits = add.edit.documentChanges?.find((c) => c.textDocument.uri === uri)?.edits ?? add.edit.changes[uri];
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /^level: \S+\r$/, JSON.stringify(edits[0].newText));
  });
});
