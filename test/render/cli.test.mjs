// `meeting-records render` (server/src/cli/render.ts), built from source and
// run in-process: the page it writes, its exit codes and one-line messages,
// and the atomic write that never leaves a temp file or half a page behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { importBundle, root } from './renderer.mjs';
import { inspectMarkup } from './markup.mjs';

const HOSTILE_FIXTURE = path.join(root, 'test/fixtures/render/examples/hostile.meeting.yaml');
let runRender;
let work;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'render-cli-'));
  ({ runRender } = await importBundle("export * from './server/src/cli/render.ts';", 'render-cli'));
});

after(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function cspOf(html) {
  return inspectMarkup(html).elements.find((e) => e.attrs['http-equiv'] === 'Content-Security-Policy').attrs.content;
}

function nonceOf(html) {
  return cspOf(html).match(/script-src 'nonce-([^']+)'/)[1];
}

async function run(args) {
  const stdout = capture();
  const stderr = capture();
  const code = await runRender(args, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('-o writes the page atomically, with the standalone CSP and a fresh nonce', async () => {
  const out = path.join(work, 'page.html');
  const first = await run([HOSTILE_FIXTURE, '-o', out]);
  assert.deepEqual(first, { code: 0, stdout: '', stderr: '' });
  const html = readFileSync(out, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  const nonce = nonceOf(html);
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 random bits');
  assert.equal(cspOf(html), `default-src 'none'; style-src 'self' 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:;`);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /role="alert"/, 'the hostile fixture has errors, so the banner shows');
  await run([HOSTILE_FIXTURE, '--output', out]);
  assert.notEqual(nonceOf(readFileSync(out, 'utf8')), nonce, 'each render has its own nonce');
  assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
});

test('without -o the page goes to stdout', async () => {
  const { code, stdout, stderr } = await run([HOSTILE_FIXTURE]);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.match(stdout, /^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
});

test('usage and I/O failures exit 2 with one line on stderr', async () => {
  const cases = [
    [[], /missing FILE/],
    [['a.meeting.yaml', 'b.meeting.yaml'], /expects exactly one FILE/],
    [[HOSTILE_FIXTURE, '-o'], /-o needs a file name/],
    [[HOSTILE_FIXTURE, '--bogus'], /unknown option '--bogus'/],
    [[path.join(work, 'missing.meeting.yaml')], /cannot read .*missing\.meeting\.yaml: ENOENT/],
    [[HOSTILE_FIXTURE, '-o', path.join(work, 'no-such-dir', 'x.html')], /cannot write .*x\.html/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, /^meeting-records render: [^\n]+\n$/, 'exactly one line');
    assert.match(stderr, message);
  }
  assert.deepEqual(await run(['--help']), { code: 0, stdout: 'usage: meeting-records render FILE [-o out.html]\n', stderr: '' });
});

test('a failed rename leaves what was there and no temp file', async () => {
  // A non-empty directory where the page should go: the temp file is written, the rename fails.
  const blocked = path.join(work, 'blocked.html');
  mkdirSync(path.join(blocked, 'inside'), { recursive: true });
  const { code, stderr } = await run([HOSTILE_FIXTURE, '-o', blocked]);
  assert.equal(code, 2);
  assert.match(stderr, /^meeting-records render: cannot write .*blocked\.html: /);
  assert.deepEqual(readdirSync(blocked), ['inside']);
  assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), [], 'the temp file is removed on failure');
});

test('hostile YAML: alias bombs, deep nesting, binary bytes and a BOM still render', async () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const inputs = {
    'bomb.meeting.yaml': `${bomb.join('\n')}\n---\ntitle: after the bomb\n`,
    'deep.meeting.yaml': `title: deep\ntopics: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    'binary.meeting.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a, 0x74, 0x3a, 0x20, 0xc3, 0x28]),
    'bom.meeting.yaml': '\ufefftitle: With a BOM\n',
    'empty.meeting.yaml': '',
  };
  for (const [name, content] of Object.entries(inputs)) {
    const file = path.join(work, name);
    writeFileSync(file, content);
    const started = Date.now();
    const { code, stdout, stderr } = await run([file]);
    assert.equal(code, 0, `${name}: ${stderr}`);
    assert.match(stdout, /<\/html>\n$/, name);
    assert.ok(Date.now() - started < 10_000, `${name} rendered in bounded time`);
  }
  assert.match((await run([path.join(work, 'bomb.meeting.yaml')])).stdout, /after the bomb/);
  assert.match((await run([path.join(work, 'bom.meeting.yaml')])).stdout, /<h1>With a BOM<\/h1>/);
  assert.match((await run([path.join(work, 'empty.meeting.yaml')])).stdout, /No records in <code>empty\.meeting\.yaml<\/code> yet/);
});

test('the page shows what the editor preview shows, document by document, even a broken one', async () => {
  const { createRequire } = await import('node:module');
  const features = createRequire(import.meta.url)(path.join(root, 'dist/features.js'));
  const text = 'title: Readable first record\ndate: 2024-07-26\n---\ntitle: broken [\n  partners: x\n---\ntitle: Third record\n';
  const file = path.join(work, 'mixed.meeting.yaml');
  writeFileSync(file, text);
  const { code, stdout } = await run([file]);
  assert.equal(code, 0);
  const catalogs = new features.CatalogSet(path.join(root, 'dist'));
  const analysis = catalogs.validator.validate(text, {});
  const editor = features.renderPreview({ uri: `file://${file}`, analysis, diagnostics: analysis.diagnostics, catalog: catalogs.catalog, cspSource: "'self'", nonce: 'n' });
  const main = (html) => html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  assert.equal(main(stdout), main(editor.html));
  assert.match(main(stdout), /Readable first record[\s\S]*Third record/);
});
