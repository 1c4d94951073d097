// The product speaks English and Vietnamese (issue 17). These tests hold the
// message catalogs to the code: every string the code passes to l10n.t (as
// @vscode/l10n-dev extracts it) is in l10n/bundle.l10n.json and translated in
// l10n/bundle.l10n.vi.json, with the same placeholders, and no Vietnamese
// string is its English one by accident; package.nls.json and
// package.nls.vi.json cover every %key% of package.json the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (file) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/**
 * Messages whose Vietnamese is rightly the English: nothing in them but
 * placeholders, punctuation, option names, codes and proper names.
 */
const SAME_IN_BOTH = new Set([
  '{0}: {1}',
  '{0} ({1})',
  'ASEAN',
  'ASEAN+1',
  'JSON',
  'YAML',
  'HTML',
  'SARIF',
  'JUnit',
  'meeting-records',
  // The product's name, kept as the brand in both languages (its category in the command palette, its settings heading).
  'Meeting Records',
]);

/** What may stay English inside a message that is otherwise translated: a message made of only these is allowed to equal its English. */
const NEUTRAL = /^[\s\d{}()[\]'".,:;!?/\\|*+=<>%#@&_`~^$-]*$/;

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') out.push(...sourceFiles(full));
    } else if (/\.(ts|tsx|js|jsx)$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

async function extracted() {
  const { getL10nJson } = require('@vscode/l10n-dev');
  const files = [...sourceFiles(path.join(ROOT, 'client', 'src')), ...sourceFiles(path.join(ROOT, 'server', 'src'))];
  return getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: path.extname(file) })));
}

const placeholders = (message) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const messageOf = (value) => (typeof value === 'string' ? value : value.message);

test('l10n/bundle.l10n.json is what @vscode/l10n-dev extracts from the sources (run npm run l10n:export)', async () => {
  const fromSources = await extracted();
  const bundle = readJson('l10n/bundle.l10n.json');
  assert.deepEqual(Object.keys(bundle).sort(), Object.keys(fromSources).sort());
  assert.ok(Object.keys(bundle).length > 0);
});

test('every message has a Vietnamese translation with the same placeholders, and no stale ones', () => {
  const en = readJson('l10n/bundle.l10n.json');
  const vi = readJson('l10n/bundle.l10n.vi.json');
  const missing = Object.keys(en).filter((k) => typeof vi[k] !== 'string' || vi[k].trim() === '');
  assert.deepEqual(missing, [], 'messages without Vietnamese');
  const stale = Object.keys(vi).filter((k) => !(k in en));
  assert.deepEqual(stale, [], 'Vietnamese for messages the code no longer has');
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(vi[key]), placeholders(messageOf(en[key])), `placeholders of ${JSON.stringify(key)}`);
  }
});

test('no Vietnamese message equals its English one unless it is only names, codes or punctuation', () => {
  const en = readJson('l10n/bundle.l10n.json');
  const vi = readJson('l10n/bundle.l10n.vi.json');
  const same = Object.keys(en).filter((k) => vi[k] === messageOf(en[k]) && !SAME_IN_BOTH.has(k) && !NEUTRAL.test(k));
  assert.deepEqual(same, [], 'untranslated (equal to the English): add a translation, or allow-list a name');
});

test('package.nls.json and package.nls.vi.json cover every %key% of package.json', { skip: !existsSync(path.join(ROOT, 'package.nls.json')) }, () => {
  const pkg = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const used = [...new Set([...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
  const en = readJson('package.nls.json');
  const vi = readJson('package.nls.vi.json');
  assert.ok(used.length > 0);
  assert.deepEqual(used.filter((k) => !(k in en)), [], 'keys package.json uses but package.nls.json lacks');
  assert.deepEqual(Object.keys(en).filter((k) => !used.includes(k)), [], 'package.nls.json keys nothing uses');
  assert.deepEqual(Object.keys(en).filter((k) => typeof vi[k] !== 'string' || vi[k].trim() === '').sort(), [], 'untranslated contributions');
  assert.deepEqual(Object.keys(vi).filter((k) => !(k in en)), [], 'stale Vietnamese contributions');
  const same = Object.keys(en).filter((k) => messageOf(en[k]) === vi[k] && !SAME_IN_BOTH.has(messageOf(en[k])) && !NEUTRAL.test(messageOf(en[k])));
  assert.deepEqual(same, [], 'Vietnamese contributions equal to the English');
  for (const key of Object.keys(en)) assert.deepEqual(placeholders(vi[key]), placeholders(messageOf(en[key])), `placeholders of ${key}`);
});

test('the record schema carries both languages: every description, enum description list and pattern message has its Vietnamese twin', () => {
  const schema = readJson('schemas/meeting-record.schema.json');
  const problems = [];
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const key of ['title', 'description', 'markdownDescription', 'patternErrorMessage']) {
      if (typeof node[key] !== 'string' || (key === 'title' && where !== '')) continue;
      const vi = node[`${key}_vi`];
      if (typeof vi !== 'string' || vi.trim() === '') problems.push(`${where || '/'}: ${key} without ${key}_vi`);
      else if (vi === node[key]) problems.push(`${where || '/'}: ${key}_vi equals the English`);
    }
    if (Array.isArray(node.markdownEnumDescriptions)) {
      const vi = node.markdownEnumDescriptions_vi;
      if (!Array.isArray(vi) || vi.length !== node.markdownEnumDescriptions.length) problems.push(`${where}: markdownEnumDescriptions_vi missing or of another length`);
      else vi.forEach((v, i) => v === node.markdownEnumDescriptions[i] && problems.push(`${where}: enum description ${i} equals the English`));
    }
    for (const [key, child] of Object.entries(node)) if (typeof child === 'object') walk(child, `${where}/${key}`);
  };
  walk(schema, '');
  assert.deepEqual(problems, []);
});

test('the core speaks Vietnamese after setLocale("vi"), with Vietnamese party names, and English again after setLocale("en")', () => {
  const core = require('../../dist/core.js');
  const catalog = core.loadBundledCatalog();
  const text = [
    'version: 1',
    'id: 2024-07-26-apt',
    'title: Hội nghị Bộ trưởng Ngoại giao ASEAN+3',
    'mechanism: ASEAN+3',
    'level: ministerial',
    'date: 2024-07-26',
    'partners: [India, Nhật Bản]',
    'source: {publisher: TTXVN}',
  ].join('\n');
  try {
    assert.equal(core.setLocale('vi-VN'), 'vi');
    const vi = new core.Validator(catalog).validate(text).diagnostics;
    const membership = vi.find((d) => d.code === 'mechanism-membership');
    assert.match(membership.message, /^'Ấn Độ' không phải là thành viên của ASEAN\+3 \(các thành viên ngoài ASEAN: Trung Quốc, Nhật Bản, Hàn Quốc\)$/);
    const alias = vi.find((d) => d.code === 'non-canonical-name');
    // The name to write stays the canonical one.
    assert.equal(alias.message, "'Nhật Bản' là tên gọi khác: hãy ghi tên chuẩn 'Japan'");
    assert.deepEqual(vi.map((d) => d.code).sort(), ['mechanism-membership', 'non-canonical-name']);
    assert.equal(core.setLocale('en'), 'en');
    const en = new core.Validator(catalog).validate(text).diagnostics;
    assert.match(en.find((d) => d.code === 'mechanism-membership').message, /^'India' is not a member of ASEAN\+3/);
  } finally {
    core.setLocale('en');
  }
});

test('parseLocale reads BCP 47 tags and POSIX locales, and knows only English and Vietnamese', () => {
  const core = require('../../dist/core.js');
  for (const tag of ['vi', 'vi-VN', 'vi_VN.UTF-8', 'VI', 'vi_VN@euro']) assert.equal(core.parseLocale(tag), 'vi', tag);
  for (const tag of ['en', 'en-GB', 'en_US.UTF-8']) assert.equal(core.parseLocale(tag), 'en', tag);
  for (const tag of ['auto', 'C', 'C.UTF-8', 'POSIX', '', 'fr-FR', 'vie', undefined, null, 3]) assert.equal(core.parseLocale(tag), undefined, String(tag));
});

test('the preview and overview pages in Vietnamese: lang="vi", Vietnamese headings, enum values, dates as the press writes them', () => {
  const core = require('../../dist/core.js');
  const catalog = core.loadBundledCatalog();
  const text = readFileSync(path.join(ROOT, 'seeds', 'records', '002-amm57-vientiane.meeting.yaml'), 'utf8');
  try {
    core.setLocale('vi');
    const { records, diagnostics } = new core.Validator(catalog).validate(text);
    const page = core.renderPreviewPage({ records: records.map((r) => r.value), diagnostics, catalog, fileName: 'x.meeting.yaml' }, { cspSource: "'self'", nonce: 'n' });
    assert.match(page.html, /<html lang="vi">/);
    for (const words of ['Thời gian', 'Địa điểm', 'Chủ trì', 'Nguồn', 'Cấp Bộ trưởng']) assert.ok(page.html.includes(words), words);
    assert.match(page.html, /2[4-7]-2[5-8]\/7\/2024|2[4-7]\/7\/2024/, 'dates as 26/7/2024');
    const overview = core.renderOverviewPage(
      [{ uri: 'file:///w/a.meeting.yaml', id: 'a', title: 'Hội nghị', date: '2024-07-26', mechanism: 'ASEAN+3', level: 'ministerial', partners: ['Japan'], line: 0, errors: 1, warnings: 0 }],
      { cspSource: "'self'", nonce: 'n' },
    );
    for (const words of ['Các cuộc họp', 'Mọi cơ chế', 'Dòng thời gian', '1 lỗi', '26/7/2024', 'Cấp Bộ trưởng', 'data-template="{0}/{1}"']) assert.ok(overview.includes(words), words);
  } finally {
    core.setLocale('en');
  }
  const english = core.renderOverviewPage([], { cspSource: "'self'", nonce: 'n' });
  assert.match(english, /<html lang="en">/);
});

test('the bundled catalog says its parties and mechanisms in both languages: every summary has a summary_vi of its own', () => {
  const core = require('../../dist/core.js');
  const catalog = core.loadBundledCatalog();
  const problems = [];
  for (const entry of [...catalog.parties, ...catalog.mechanisms]) {
    if (typeof entry.summary !== 'string') continue;
    if (typeof entry.summary_vi !== 'string' || entry.summary_vi.trim() === '') problems.push(`${entry.name}: no summary_vi`);
    else if (entry.summary_vi === entry.summary) problems.push(`${entry.name}: summary_vi equals the English`);
  }
  assert.deepEqual(problems, []);
  try {
    core.setLocale('vi');
    assert.equal(core.summaryOf(catalog.parties.find((p) => p.name === 'Japan')), 'Quan hệ đối thoại từ năm 1973 (kỷ niệm 45 năm vào năm 2018); Đối tác Chiến lược Toàn diện năm 2023.');
  } finally {
    core.setLocale('en');
  }
  assert.match(core.summaryOf(catalog.parties.find((p) => p.name === 'Japan')), /^Dialogue relations since 1973/);
});
