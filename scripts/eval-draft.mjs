// `npm run eval:draft`: how well `draft` recovers the facts of known records.
//
// For every article with expected records — the seed articles (seeds/articles/,
// expected: seeds/records/) and the held-out test articles written for this
// (test/fixtures/draft/, expected: *.expected.meeting.yaml) — the article is
// drafted and each drafted record paired with the expected record it shares
// most facts with. Facts: mechanism, level, date, series, location (city and
// country), each partner, each head of delegation, each document and each
// follow-up. Precision = drafted facts that are right / drafted facts;
// recall = expected facts drafted / expected facts. A drafted record with no
// expected partner counts all its facts as wrong; an expected record nothing
// was drafted for counts all its facts as missed. Document status is scored
// apart (how often the drafted status of a matched document is the expected one).
//
// Prints a table per article and fact kind, then one JSON line. `--json` prints the JSON only.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const core = require(path.join(root, 'dist', 'core.js'));
const catalog = core.loadBundledCatalog();

const TARGET = { precision: 0.9, recall: 0.8 };
const KINDS = ['mechanism', 'level', 'date', 'series', 'location', 'partner', 'head', 'document', 'follow-up'];

function readRecords(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS())
    .filter((value) => value && typeof value === 'object');
}

function corpora() {
  const seeds = { name: 'seeds', articles: path.join(root, 'seeds', 'articles'), expected: [] };
  for (const file of fs.readdirSync(path.join(root, 'seeds', 'records')).filter((f) => /\.meeting\.ya?ml$/.test(f))) {
    seeds.expected.push(...readRecords(path.join(root, 'seeds', 'records', file)));
  }
  const heldOut = { name: 'held-out', articles: path.join(root, 'test', 'fixtures', 'draft'), expected: [] };
  for (const file of fs.readdirSync(heldOut.articles).filter((f) => f.endsWith('.expected.meeting.yaml'))) {
    heldOut.expected.push(...readRecords(path.join(heldOut.articles, file)));
  }
  return [seeds, heldOut];
}

const fold = (s) => core.foldName(String(s ?? ''));
const canonicalParty = (name) => {
  const r = catalog.resolveParty(String(name));
  return r.kind === 'unknown' ? String(name) : r.entry.name;
};
const canonicalDocument = (title) => {
  const r = catalog.resolveDocument(String(title));
  return r.kind === 'unknown' ? fold(title) : fold(r.entry.title);
};

/** Facts of one record: single-valued kinds as [kind, value], list kinds as items matched by a predicate. */
function factsOf(record) {
  const facts = [];
  const one = (kind, value) => value !== undefined && value !== null && facts.push({ kind, value: String(value) });
  one('mechanism', record.mechanism);
  one('level', record.level);
  one('date', record.date);
  one('series', record.series);
  if (record.location?.city) facts.push({ kind: 'location', value: `city:${fold(record.location.city)}` });
  if (record.location?.country) facts.push({ kind: 'location', value: `country:${canonicalParty(record.location.country)}` });
  for (const p of record.partners ?? []) facts.push({ kind: 'partner', value: canonicalParty(p) });
  for (const d of record.delegations ?? []) facts.push({ kind: 'head', value: `${canonicalParty(d.party)}|${fold(d.head)}` });
  for (const d of record.documents ?? []) facts.push({ kind: 'document', value: canonicalDocument(d.title), status: d.status });
  for (const f of record.follow_up ?? []) facts.push({ kind: 'follow-up', value: `${f.mechanism ?? ''}|${f.date ?? ''}`, mechanism: f.mechanism, date: f.date, title: fold(f.title) });
  return facts;
}

/** Two facts of a kind agree. Documents: the same catalog entry, or one title contains the other; follow-ups: same framework and month. */
function agree(a, b) {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'document') return a.value === b.value || (a.value.length > 8 && b.value.length > 8 && (a.value.includes(b.value) || b.value.includes(a.value)));
  if (a.kind === 'follow-up') {
    if ((a.mechanism ?? '') !== (b.mechanism ?? '')) return false;
    if (a.date && b.date) return a.date.slice(0, 7) === b.date.slice(0, 7);
    if (!a.mechanism) return a.title.includes(b.title) || b.title.includes(a.title) || Boolean(a.date && b.date);
    return true;
  }
  return a.value === b.value;
}

/** One-to-one matches between two fact lists. */
function match(drafted, expected) {
  const used = new Set();
  const pairs = [];
  for (const d of drafted) {
    const i = expected.findIndex((e, k) => !used.has(k) && agree(d, e));
    if (i >= 0) {
      used.add(i);
      pairs.push([d, expected[i]]);
    }
  }
  return pairs;
}

function emptyCounts() {
  return Object.fromEntries(KINDS.map((k) => [k, { tp: 0, drafted: 0, expected: 0 }]));
}

function score(drafted, expected) {
  const counts = emptyCounts();
  const status = { right: 0, compared: 0 };
  const dFacts = drafted.map(factsOf);
  const eFacts = expected.map(factsOf);
  // Pair records greedily by shared facts.
  const candidates = [];
  dFacts.forEach((d, i) => eFacts.forEach((e, j) => candidates.push({ i, j, shared: match(d, e).length })));
  candidates.sort((a, b) => b.shared - a.shared);
  const pairedD = new Map();
  const pairedE = new Set();
  for (const c of candidates) {
    if (c.shared === 0 || pairedD.has(c.i) || pairedE.has(c.j)) continue;
    pairedD.set(c.i, c.j);
    pairedE.add(c.j);
  }
  dFacts.forEach((d) => d.forEach((f) => counts[f.kind].drafted++));
  eFacts.forEach((e) => e.forEach((f) => counts[f.kind].expected++));
  for (const [i, j] of pairedD) {
    for (const [d, e] of match(dFacts[i], eFacts[j])) {
      counts[d.kind].tp++;
      if (d.kind === 'document') {
        status.compared++;
        if (d.status === e.status) status.right++;
      }
    }
  }
  return { counts, status, records: { drafted: drafted.length, expected: expected.length, paired: pairedD.size } };
}

function add(total, counts) {
  for (const k of KINDS) for (const f of ['tp', 'drafted', 'expected']) total[k][f] += counts[k][f];
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);
const sum = (counts, field) => KINDS.reduce((n, k) => n + counts[k][field], 0);

const results = [];
for (const corpus of corpora()) {
  const byArticle = new Map();
  for (const record of corpus.expected) {
    const name = record.source?.article;
    if (!name) continue;
    if (!byArticle.has(name)) byArticle.set(name, []);
    byArticle.get(name).push(record);
  }
  for (const [name, expected] of [...byArticle].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = fs.readFileSync(path.join(corpus.articles, name), 'utf8');
    const { records } = core.draftRecords(text, catalog, { articleName: name });
    results.push({ corpus: corpus.name, article: name, ...score(records, expected) });
  }
}

const summary = {};
for (const corpus of ['seeds', 'held-out', 'all']) {
  const counts = emptyCounts();
  const status = { right: 0, compared: 0 };
  for (const r of results.filter((r) => corpus === 'all' || r.corpus === corpus)) {
    add(counts, r.counts);
    status.right += r.status.right;
    status.compared += r.status.compared;
  }
  const tp = sum(counts, 'tp');
  summary[corpus] = {
    precision: ratio(tp, sum(counts, 'drafted')),
    recall: ratio(tp, sum(counts, 'expected')),
    byKind: Object.fromEntries(KINDS.map((k) => [k, { ...counts[k], precision: ratio(counts[k].tp, counts[k].drafted), recall: ratio(counts[k].tp, counts[k].expected) }])),
    documentStatus: ratio(status.right, status.compared),
  };
}
const met = summary.all.precision >= TARGET.precision && summary.all.recall >= TARGET.recall;
const json = {
  target: TARGET,
  met,
  summary,
  articles: results.map((r) => {
    const tp = sum(r.counts, 'tp');
    return { corpus: r.corpus, article: r.article, records: r.records, precision: ratio(tp, sum(r.counts, 'drafted')), recall: ratio(tp, sum(r.counts, 'expected')), counts: r.counts };
  }),
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
} else {
  const pct = (x) => `${(x * 100).toFixed(0)}%`.padStart(5);
  const lines = [];
  lines.push(`${'article'.padEnd(44)} ${'records'.padStart(9)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
  for (const a of json.articles) {
    lines.push(`${`${a.corpus}/${a.article}`.padEnd(44)} ${`${a.records.drafted}/${a.records.expected}`.padStart(9)} ${pct(a.precision).padStart(9)} ${pct(a.recall).padStart(7)}`);
  }
  lines.push('');
  lines.push(`${'fact'.padEnd(12)} ${'seeds P'.padStart(8)} ${'seeds R'.padStart(8)} ${'held-out P'.padStart(11)} ${'held-out R'.padStart(11)}   right/drafted/expected (all)`);
  for (const k of KINDS) {
    const s = summary.seeds.byKind[k];
    const h = summary['held-out'].byKind[k];
    const a = summary.all.byKind[k];
    lines.push(`${k.padEnd(12)} ${pct(s.precision).padStart(8)} ${pct(s.recall).padStart(8)} ${pct(h.precision).padStart(11)} ${pct(h.recall).padStart(11)}   ${a.tp}/${a.drafted}/${a.expected}`);
  }
  lines.push('');
  for (const c of ['seeds', 'held-out', 'all']) {
    lines.push(`${c.padEnd(9)} precision ${pct(summary[c].precision)}  recall ${pct(summary[c].recall)}  document status right ${pct(summary[c].documentStatus)}`);
  }
  lines.push(`target: precision ≥ ${pct(TARGET.precision).trim()} and recall ≥ ${pct(TARGET.recall).trim()} overall: ${met ? 'met' : 'NOT met'}`);
  process.stdout.write(`${lines.join('\n')}\n\n${JSON.stringify(json)}\n`);
}
