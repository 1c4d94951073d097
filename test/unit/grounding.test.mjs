// Unit tests of grounding (dist/core.js): which parties, dates and documents
// of a record its source article supports, with which sentence, both ways:
// what the article says is found, what it does not say is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const catalog = core.loadBundledCatalog();
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** An article written for these tests (not a seed), in the seed articles' format. */
const ARTICLE = [
  'https://example.vn/asean-han-quoc',
  'Hội nghị Bộ trưởng Ngoại giao ASEAN - Hàn Quốc tại Băng Cốc',
  '',
  'Chiều 12/3/2026, tại Băng Cốc, Thái Lan, đã diễn ra Hội nghị Bộ trưởng Ngoại giao ASEAN - Hàn Quốc với sự tham dự của đại diện 10 nước ASEAN.',
  'Hai bên đã thông qua Tuyên bố chung về hợp tác biển và nhất trí họp lại vào tháng 9/2026.',
  'Bộ trưởng Ngoại giao Mỹ cũng gửi thông điệp tới Hội nghị.',
].join('\n');

const record = (extra = {}) => ({
  version: 1,
  id: 'test-asean-korea',
  title: 'Hội nghị Bộ trưởng Ngoại giao ASEAN - Hàn Quốc',
  mechanism: 'ASEAN+1',
  level: 'ministerial',
  date: '2026-03-12',
  location: { city: 'Bangkok', country: 'Thailand' },
  partners: ['Republic of Korea'],
  participants: ['Brunei Darussalam', 'Viet Nam'],
  documents: [{ title: 'Tuyên bố chung về hợp tác biển', type: 'joint-statement', status: 'adopted' }],
  follow_up: [{ title: 'Next meeting', date: '2026-09' }],
  ...extra,
});

const byPath = (groundings) => Object.fromEntries(groundings.map((g) => [g.path.join('.'), g]));
const quote = (g) => ARTICLE.slice(g.quote.start, g.quote.end);
const sentence = (g) => ARTICLE.slice(g.sentence.start, g.sentence.end);

test('what the article says is supported, each value with the words and the sentence it comes from', () => {
  const g = byPath(core.groundRecord(record(), ARTICLE, catalog));
  assert.deepEqual(Object.values(g).filter((x) => !x.supported).map((x) => x.path.join('.')), []);
  assert.equal(quote(g['partners.0']), 'Hàn Quốc');
  assert.equal(quote(g.date), 'Chiều 12/3/2026');
  assert.match(sentence(g.date), /^Chiều 12\/3\/2026, tại Băng Cốc.*10 nước ASEAN\.$/);
  // The country by its name, or by the city in it where that is nearer the meeting's report (the headline here).
  assert.ok(['Thái Lan', 'Băng Cốc'].includes(quote(g['location.country'])), quote(g['location.country']));
  // Every member took part: "đại diện 10 nước ASEAN" names none of them.
  assert.equal(quote(g['participants.0']), '10 nước ASEAN');
  assert.equal(quote(g['documents.0.title']), 'Tuyên bố chung về hợp tác biển');
  assert.equal(quote(g['follow_up.0.date']), 'tháng 9/2026');
});

test('a partner, a date and a document the article does not give are unsupported, with the nearest sentence', () => {
  const g = byPath(core.groundRecord(record({ partners: ['Republic of Korea', 'India'], date: '2026-03-14', documents: [{ title: 'ASEAN Community Vision 2025', type: 'vision', status: 'adopted' }] }), ARTICLE, catalog));
  assert.equal(g['partners.0'].supported, true);
  assert.equal(g['partners.1'].supported, false);
  assert.equal(g.date.supported, false);
  assert.match(sentence(g.date), /^Chiều 12\/3\/2026/, 'the sentence of the nearest date');
  assert.equal(g['documents.0.title'].supported, false);
  // A wrong year is as unsupported as a wrong day when the article writes the year.
  assert.equal(byPath(core.groundRecord(record({ date: '2025-03-12' }), ARTICLE, catalog)).date.supported, false);
});

test('an alias the catalog calls ambiguous counts only as written there: "Mỹ", not "mỹ" (as in "mỹ thuật")', () => {
  const us = (text) => byPath(core.groundRecord(record({ partners: ['United States'] }), text, catalog))['partners.0'];
  assert.equal(us(ARTICLE).supported, true);
  assert.equal(quote(us(ARTICLE)), 'Mỹ');
  assert.equal(us(ARTICLE.replace('Mỹ', 'mỹ thuật')).supported, false);
});

test('the rule: one not-in-article problem per unsupported value, quoting the nearest sentence and pointing at it', () => {
  const groundings = core.groundRecord(record({ partners: ['India'] }), ARTICLE, catalog);
  const problems = core.notInArticle(groundings, { file: '/ws/a.txt', name: 'a.txt', text: ARTICLE });
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.code, 'not-in-article');
  assert.deepEqual(p.path, ['partners', 0]);
  assert.match(p.message, /^The article a\.txt does not mention 'India'; nearest sentence: "/);
  assert.equal(p.related[0].file, '/ws/a.txt');
  assert.ok(p.related[0].range.start.line >= 1, 'a sentence of the body, not the URL line');
});

test('every value drafted from an article is supported by it (seed and held-out articles)', () => {
  const dirs = [path.join(ROOT, 'seeds', 'articles'), path.join(ROOT, 'test', 'fixtures', 'draft')];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const article = core.prepareArticle(text, catalog);
      const { records } = core.draftRecords(text, catalog);
      assert.ok(records.length > 0, name);
      records.forEach((r, i) => {
        const groundings = core.groundRecord(r, article, catalog);
        assert.ok(groundings.length > 0, `${name} record ${i} has parties, dates or documents`);
        assert.deepEqual(groundings.filter((g) => !g.supported).map((g) => g.path.join('.')), [], `${name} record ${i}`);
      });
    }
  }
});

test('the seed records are grounded in their articles: no value unsupported', () => {
  const dir = path.join(ROOT, 'seeds', 'records');
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.meeting.yaml'))) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, name), 'utf8'))) {
      const r = doc.toJS();
      const text = fs.readFileSync(path.join(ROOT, 'seeds', 'articles', r.source.article), 'utf8');
      const unsupported = core.groundRecord(r, text, catalog).filter((g) => !g.supported);
      assert.deepEqual(unsupported.map((g) => `${g.path.join('.')}=${g.value}`), [], `${name} ${r.id}`);
    }
  }
});
