// Drafting and evidence over stdio: the request behind "New Record from
// Article…", the article's sentence in the hover of a drafted or recorded
// value, "Go to evidence", and not-in-article on open records.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { positionOf, ROOT, seed, startInWorkspace, stopInWorkspace, textAt } from './harness.mjs';

const ARTICLES = path.join(ROOT, 'seeds', 'articles');
const article = (name) => fs.readFileSync(path.join(ARTICLES, name), 'utf8');
const A002 = '002_03cd1e9107fc6a28.txt';
const A004 = '004_5895cff1c47de498.txt';
const SEED004 = seed('004-som-apt-eas-singapore.meeting.yaml');

describe('draft from article and evidence', () => {
  let client;
  let ws;
  before(async () => {
    // The seeds' layout: records beside an articles folder.
    ({ ws, client } = await startInWorkspace({
      'records/004.meeting.yaml': SEED004,
      [`articles/${A004}`]: article(A004),
      [`articles/${A002}`]: article(A002),
    }, { indexed: true }));
  });
  after(() => stopInWorkspace({ ws, client }));

  test('meetingRecords/draftFromArticle: one record per reported meeting, source.article named, evidence quoting the text', async () => {
    const text = article(A002);
    const result = await client.request('meetingRecords/draftFromArticle', { text, uri: ws.uri(`articles/${A002}`) });
    assert.equal(result.records, 4);
    assert.match(result.yaml, new RegExp(`^# Drafted by meeting-records draft from ${A002.replace('.', '\\.')}:`));
    assert.equal((result.yaml.match(/^version: 1$/gm) ?? []).length, 4);
    assert.equal((result.yaml.match(new RegExp(`^  article: ${A002.replace('.', '\\.')}$`, 'gm')) ?? []).length, 4);
    assert.ok(result.evidence.length > 20);
    for (const e of result.evidence) assert.equal(text.slice(e.start, e.end), e.quote);
  });

  test('pasted text (no file): drafted the same, with no source.article; an empty text drafts nothing', async () => {
    const result = await client.request('meetingRecords/draftFromArticle', { text: article(A004) });
    assert.equal(result.records, 2);
    assert.doesNotMatch(result.yaml, /^\s+article:/m);
    const none = await client.request('meetingRecords/draftFromArticle', { text: '' });
    assert.equal(none.records, 0);
    assert.match(none.yaml, /reports no ASEAN meeting/);
  });

  test('a drafted file opened beside its article is clean: every drafted value is in the article', async () => {
    const { yaml } = await client.request('meetingRecords/draftFromArticle', { text: article(A002), uri: ws.uri(`articles/${A002}`) });
    const uri = ws.uri(`articles/002_03cd1e9107fc6a28.meeting.yaml`);
    const diagnostics = await client.open(uri, yaml);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'not-in-article').map((d) => d.message), []);
    client.close(uri);
  });

  test('hover on a partner: the article sentence with the name in bold and a link that reveals it, then its catalog card', async () => {
    const uri = ws.uri('records/004.meeting.yaml');
    await client.open(uri, SEED004);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(SEED004, 'China, Japan', { delta: 2 }) });
    const value = hover.contents.value;
    // The evidence first (a long catalog card would push it out of view), then the card.
    assert.match(value, new RegExp(`^\\*\\*In the article\\*\\* \`${A004.replace('.', '\\.')}\`, line \\d+ \\(\\[Go to evidence\\]\\(`));
    assert.match(value, /\n---\n\n\*\*China\*\* · Trung Quốc/);
    assert.match(value, /> .*\*\*Trung Quốc\*\*/);
    const link = /\[Go to evidence\]\(([^)]+)\)/.exec(value)[1];
    const [target, fragment] = link.split('#');
    assert.equal(target, ws.uri(`articles/${A004}`));
    // The fragment selects the quoted words (1-based line and column), as VS Code's opener reads it.
    const [, l1, c1, l2, c2] = /^L(\d+),(\d+)-L(\d+),(\d+)$/.exec(fragment).map(Number);
    assert.equal(textAt(article(A004), { start: { line: l1 - 1, character: c1 - 1 }, end: { line: l2 - 1, character: c2 - 1 } }), 'Trung Quốc');
    assert.equal(textAt(SEED004, hover.range), 'China');
  });

  test('hover on a date: the sentence that gives the day', async () => {
    const uri = ws.uri('records/004.meeting.yaml');
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(SEED004, 'date: 2018-08-01', { delta: 8 }) });
    assert.match(hover.contents.value, /> \*\*Ngày 1\/8\*\* tại Singapore đã diễn ra/);
  });

  test('meetingRecords/evidence ("Go to evidence"): the article and the range of the words', async () => {
    const uri = ws.uri('records/004.meeting.yaml');
    const result = await client.request('meetingRecords/evidence', { uri, position: positionOf(SEED004, 'China, Japan', { delta: 1 }) });
    assert.equal(result.uri, ws.uri(`articles/${A004}`));
    assert.equal(result.supported, true);
    assert.equal(textAt(article(A004), result.range), 'Trung Quốc');
    // A key, or a value the grounding does not judge (the level), has no evidence.
    assert.equal(await client.request('meetingRecords/evidence', { uri, position: positionOf(SEED004, 'level: senior', { delta: 2 }) }), null);
  });

  test('not-in-article on an open record: information on the value, related to the nearest sentence; the evidence request points there too', async () => {
    const uri = ws.uri('records/004.meeting.yaml');
    const text = SEED004.replace('partners: [China, Japan, Republic of Korea]', 'partners: [China, Japan, Republic of Korea, Canada]');
    assert.notEqual(text, SEED004);
    const diagnostics = await client.replace(uri, text);
    const found = diagnostics.filter((d) => d.code === 'not-in-article');
    assert.equal(found.length, 1, JSON.stringify(diagnostics));
    assert.equal(found[0].severity, 3);
    assert.equal(textAt(text, found[0].range), 'Canada');
    assert.match(found[0].message, new RegExp(`^The article ${A004.replace('.', '\\.')} does not mention 'Canada'; nearest sentence: "`));
    assert.equal(found[0].relatedInformation[0].location.uri, ws.uri(`articles/${A004}`));
    const where = await client.request('meetingRecords/evidence', { uri, position: positionOf(text, 'Canada', { delta: 1 }) });
    assert.equal(where.supported, false);
    assert.deepEqual(where.range, found[0].relatedInformation[0].location.range);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Canada', { delta: 1 }) });
    assert.match(hover.contents.value, /\*\*Not in the article\*\* `004_5895cff1c47de498\.txt`\. The nearest sentence/);
    // The preview lists it among the record's notes.
    const preview = await client.request('meetingRecords/renderPreview', { uri, cspSource: 'vscode-resource:', nonce: 'n' });
    assert.match(preview.html, /does not mention &#39;Canada&#39;|does not mention 'Canada'/);
    // The seed record as it is: none.
    const clean = await client.replace(uri, SEED004);
    assert.deepEqual(clean.filter((d) => d.code === 'not-in-article'), []);
  });
});
