// Hostile files through the CLI (issue 8): each ends in bounded time with a
// diagnostic in its own entry, never a crash or a stack trace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { runJson, scratch } from './helpers.mjs';

const RECORD = 'version: 1\nid: hostile-ok\ntitle: x\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-07-26\nsource:\n  publisher: TTXVN\n';

const FILES = {
  'alias-bomb': ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n') + '\n',
  'deep-nesting': `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'deep-block': `${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`,
  'custom-tag': `${RECORD}notes: !!js/function "function () { process.exit(7) }"\n`,
  'duplicate-key': `${RECORD}title: again\n`,
  'empty': '',
  'only-comments': '# nothing yet\n# still nothing\n',
  'not-a-mapping': '- a list\n- not a record\n',
  'mixed-line-ends': RECORD.replace(/\n/g, (m, i) => (i % 2 ? '\r\n' : '\n')).replace('id: hostile-ok', 'id: hostile-mixed'),
  'tabs': RECORD.replace('  publisher', '\tpublisher').replace('id: hostile-ok', 'id: hostile-tabs'),
};

describe('hostile input', () => {
  let byFile;
  let run;
  before(() => {
    const dir = scratch();
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, `${name}.meeting.yaml`), text);
    fs.writeFileSync(path.join(dir, 'huge.meeting.yaml'), `${RECORD}notes: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    const started = Date.now();
    run = runJson(['validate', '.'], { cwd: dir });
    run.ms = Date.now() - started;
    byFile = new Map(run.json.map((e) => [e.file.replace('.meeting.yaml', ''), e.diagnostics]));
  });

  test('the run ends (runCli kills a hang at 120 s) with exit 1 and no stack trace', (t) => {
    t.diagnostic(`${run.ms} ms`);
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.equal(run.json.length, Object.keys(FILES).length + 1);
  });

  test('an alias bomb is a yaml-syntax error, not an expansion', () => {
    assert.ok(byFile.get('alias-bomb').some((d) => d.code === 'yaml-syntax' && /alias/i.test(d.message)));
  });

  test('deep nesting is reported, not a crash', () => {
    assert.ok(byFile.get('deep-nesting').length > 0);
    assert.ok(byFile.get('deep-block').length > 0);
  });

  test('custom tags are reported and never executed', () => {
    assert.ok(byFile.get('custom-tag').some((d) => d.code === 'yaml-syntax' && /tag/i.test(d.message)));
  });

  test('a duplicate key is an error on the second key', () => {
    const d = byFile.get('duplicate-key').find((x) => x.code === 'yaml-syntax');
    assert.ok(d);
    assert.equal(d.line, 9);
  });

  test('empty and comment-only files are clean entries', () => {
    assert.deepEqual(byFile.get('empty'), []);
    assert.deepEqual(byFile.get('only-comments'), []);
  });

  test('a document that is not a mapping is a schema error', () => {
    assert.ok(byFile.get('not-a-mapping').some((d) => d.code === 'schema'));
  });

  test('mixed line ends validate; a tab in indentation is a yaml-syntax error', () => {
    assert.deepEqual(byFile.get('mixed-line-ends'), []);
    assert.ok(byFile.get('tabs').some((d) => d.code === 'yaml-syntax'));
  });

  test('a 10 MB file gets one information diagnostic and nothing else', () => {
    const diagnostics = byFile.get('huge');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'file-too-large');
    assert.equal(diagnostics[0].severity, 'information');
  });
});
