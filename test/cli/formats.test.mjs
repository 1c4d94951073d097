// Every output format on the same fixture folder: json is the fixed
// contract, github lines follow the workflow-command grammar, SARIF passes
// a schema check, JUnit parses as XML, stylish reads as documented.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIXTURES, ROOT, runCli, runJson, scratch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const RULES = path.relative(ROOT, path.join(FIXTURES, 'rules')).split(path.sep).join('/');

describe('--format json', () => {
  test('is one array of { file, diagnostics } with 1-based positions and only the contract\'s keys', () => {
    const { json } = runJson(['validate', RULES]);
    assert.ok(Array.isArray(json));
    for (const entry of json) {
      assert.deepEqual(Object.keys(entry).sort(), ['diagnostics', 'file']);
      for (const d of entry.diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
        assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line);
        assert.ok(d.endLine > d.line || d.endColumn >= d.column);
      }
    }
  });
});

describe('--format stylish', () => {
  test('groups by file, prints line:col severity message code and the summary line, no colour off a TTY', () => {
    const run = runCli(['validate', RULES], { env: { NO_COLOR: '' } });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, /\x1b\[/, 'no escape codes when stdout is not a terminal');
    assert.match(run.stdout, new RegExp(`^${RULES}/unknown-party\\.meeting\\.yaml$`, 'm'));
    assert.match(run.stdout, /^ {2}9:8 +error +Unknown party 'Japn' \(did you mean 'Japan'\?\) {2}unknown-party$/m);
    assert.match(run.stdout, /^✖ \d+ problems \(\d+ errors, \d+ warnings\)$/m);
  });

  test('colour when forced, never with NO_COLOR', () => {
    assert.match(runCli(['validate', RULES], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout, /\x1b\[31merror/);
    assert.doesNotMatch(runCli(['validate', RULES], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  test('a clean run says so', () => {
    const run = runCli(['validate', `${RULES}/clean.meeting.yaml`]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /✔ 1 file checked, no problems/);
    assert.equal(run.stderr, '', 'no progress line off a TTY');
  });
});

describe('--format github', () => {
  const GRAMMAR = /^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\r\n]*$/;

  test('every line is a well-formed workflow annotation', () => {
    const run = runCli(['validate', RULES, '--format', 'github']);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 10);
    for (const line of lines) assert.match(line, GRAMMAR);
    assert.ok(lines.some((l) => l.startsWith(`::error file=${RULES}/unknown-party.meeting.yaml,line=9,col=8,endLine=9,endColumn=12,title=unknown-party::Unknown party 'Japn'`)));
    assert.ok(lines.some((l) => l.startsWith('::warning ')));
  });

  test('escapes %, CR, LF in messages and , : in properties', async () => {
    const dir = scratch();
    {
      const name = 'a,b:c%.meeting.yaml';
      fs.writeFileSync(path.join(dir, name), 'version: 1\nid: escape-check\ntitle: x\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-07-26\nsource:\n  publisher: X\nchair: "50% Japn"\n');
      const run = runCli(['validate', '.', '--format', 'github'], { cwd: dir });
      const [line] = run.stdout.trimEnd().split('\n');
      assert.match(line, GRAMMAR);
      assert.ok(line.includes('file=a%2Cb%3Ac%25.meeting.yaml,'), line);
      assert.ok(line.includes("Unknown party '50%25 Japn'"), line);
    }
  });
});

describe('--format sarif', () => {
  const sarif = () => {
    const run = runCli(['validate', RULES, '--format', 'sarif']);
    assert.equal(run.code, 1);
    return JSON.parse(run.stdout);
  };

  /** The properties code scanning relies on, as a schema of our own (used whether or not the official one is at hand). */
  const KEY_PROPERTIES = {
    type: 'object',
    required: ['version', 'runs'],
    properties: {
      version: { const: '2.1.0' },
      runs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['tool', 'results', 'columnKind'],
          properties: {
            columnKind: { const: 'utf16CodeUnits' },
            tool: {
              type: 'object',
              required: ['driver'],
              properties: {
                driver: {
                  type: 'object',
                  required: ['name', 'version', 'rules'],
                  properties: {
                    rules: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['id', 'shortDescription', 'helpUri'],
                        properties: {
                          id: { type: 'string', pattern: '^[a-z-]+$' },
                          shortDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                          helpUri: { type: 'string', format: 'uri', pattern: '#rule-[a-z-]+$' },
                        },
                      },
                    },
                  },
                },
              },
            },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['ruleId', 'ruleIndex', 'level', 'message', 'locations'],
                properties: {
                  level: { enum: ['error', 'warning', 'note', 'none'] },
                  message: { type: 'object', required: ['text'] },
                  locations: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['physicalLocation'],
                      properties: {
                        physicalLocation: {
                          type: 'object',
                          required: ['artifactLocation', 'region'],
                          properties: {
                            artifactLocation: { type: 'object', required: ['uri'] },
                            region: {
                              type: 'object',
                              required: ['startLine', 'startColumn', 'endLine', 'endColumn'],
                              properties: {
                                startLine: { type: 'integer', minimum: 1 },
                                startColumn: { type: 'integer', minimum: 1 },
                                endLine: { type: 'integer', minimum: 1 },
                                endColumn: { type: 'integer', minimum: 1 },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };

  test('has one rule per code and results that point at the right rule and region', () => {
    const log = sarif();
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(KEY_PROPERTIES);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const [run] = log.runs;
    const ids = run.tool.driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'one rule per code');
    for (const code of ['yaml-syntax', 'schema', 'unknown-party', 'duplicate-id', 'encoding', 'file-too-large']) assert.ok(ids.includes(code), code);
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const party = run.results.find((r) => r.ruleId === 'unknown-party');
    assert.deepEqual(party.locations[0].physicalLocation.region, { startLine: 9, startColumn: 8, endLine: 9, endColumn: 12 });
    assert.equal(party.locations[0].physicalLocation.artifactLocation.uri, `${RULES}/unknown-party.meeting.yaml`);
    assert.equal(party.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(party.level, 'error');
    assert.equal(run.results.find((r) => r.ruleId === 'series-year').level, 'warning');
  });

  test('validates against the official SARIF 2.1.0 schema when a copy is available offline', (t) => {
    const candidates = [
      process.env.SARIF_SCHEMA,
      path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
    ].filter(Boolean);
    const schemaFile = candidates.find((f) => fs.existsSync(f));
    if (!schemaFile) {
      t.skip('no offline copy of the SARIF 2.1.0 schema (set SARIF_SCHEMA=path); the key-property check above still ran');
      return;
    }
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    const isDraft04 = String(schema.$schema ?? '').includes('draft-04');
    const AjvClass = isDraft04 ? require('ajv-draft-04') : Ajv;
    const ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif()), ajv.errorsText(validate.errors));
  });
});

describe('--format junit', () => {
  test('parses as XML: one testsuite per file, one testcase per record, failures for errors', () => {
    const run = runCli(['validate', RULES, '--format', 'junit']);
    assert.equal(run.code, 1);
    assert.equal(XMLValidator.validate(run.stdout), true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(run.stdout);
    const suites = xml.testsuites.testsuite;
    const files = fs.readdirSync(path.join(ROOT, RULES)).filter((n) => n.endsWith('.meeting.yaml'));
    assert.equal(suites.length, files.length);
    const party = suites.find((s) => s.name === `${RULES}/unknown-party.meeting.yaml`);
    assert.equal(party.testcase.length, 1);
    assert.equal(party.testcase[0].name, 'fixture-unknown-party');
    assert.equal(party.failures, '1');
    assert.match(party.testcase[0].failure['#text'], /9:8 error Unknown party 'Japn'/);
    const clean = suites.find((s) => s.name === `${RULES}/clean.meeting.yaml`);
    assert.equal(clean.failures, '0');
    assert.equal(clean.testcase[0].failure, undefined);
    const series = suites.find((s) => s.name === `${RULES}/series-year.meeting.yaml`);
    assert.equal(series.failures, '0', 'warnings are not failures');
    assert.match(series.testcase[0]['system-out'], /series-year/);
    const total = suites.reduce((n, s) => n + Number(s.failures), 0);
    assert.equal(Number(xml.testsuites.failures), total);
  });

  test('hostile text stays well-formed XML', () => {
    const dir = scratch();
    {
      fs.writeFileSync(
        path.join(dir, 'x.meeting.yaml'),
        'version: 1\nid: xml-check\ntitle: x\nmechanism: ASEAN+3\nlevel: ministerial\ndate: 2024-07-26\nsource:\n  publisher: X\nchair: "</failure><x a=\\"&\\">\\u0001\\u0008 ]]>"\n',
      );
      const run = runCli(['validate', '.', '--format', 'junit'], { cwd: dir });
      assert.equal(XMLValidator.validate(run.stdout), true, run.stdout);
    }
  });
});
