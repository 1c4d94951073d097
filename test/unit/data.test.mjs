// Checks the shipped data: the two JSON Schemas, the bundled catalog (seeds/catalog/)
// and the seed records (seeds/records/). Run after `npm run build`: node --test test/unit/data.test.mjs
//
// Every check collects all offenders first and then asserts the list is empty, so a
// failure names each offending file, record, entry or alias at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseAllDocuments, parse } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_DIR = join(root, 'schemas');
const CATALOG_DIR = join(root, 'seeds', 'catalog');
const RECORDS_DIR = join(root, 'seeds', 'records');
const ARTICLES_DIR = join(root, 'seeds', 'articles');

const ASEAN_MEMBERS = [
  'Brunei Darussalam', 'Cambodia', 'Indonesia', 'Lao PDR', 'Malaysia', 'Myanmar',
  'Philippines', 'Singapore', 'Thailand', 'Viet Nam', 'Timor-Leste',
];
const DIALOGUE_PARTNERS = [
  'Australia', 'Canada', 'China', 'European Union', 'India', 'Japan', 'Republic of Korea',
  'New Zealand', 'Russia', 'United Kingdom', 'United States',
];
const OTHER_REQUIRED_PARTIES = ['Mexico', 'Chile', 'Colombia', 'Peru', 'Pacific Alliance', 'ASEAN Secretariat'];
const REQUIRED_MECHANISMS = [
  'ASEAN+1', 'ASEAN+3', 'EAS', 'ARF', 'ADMM', 'ADMM-Plus', 'ASEM', 'AMM', 'SOM',
  'ASEAN Summit', 'ACTC', 'SEANWFZ', 'bilateral',
];
/** Aliases record-format.md section 3 requires, with the entry each must belong to. */
const REQUIRED_PARTY_ALIASES = {
  Vietnam: 'Viet Nam', 'Việt Nam': 'Viet Nam', Laos: 'Lao PDR', 'Lào': 'Lao PDR',
  'Nhật Bản': 'Japan', 'Nhat Ban': 'Japan', 'Trung Quốc': 'China', 'Hàn Quốc': 'Republic of Korea',
  'South Korea': 'Republic of Korea', Korea: 'Republic of Korea', 'Ấn Độ': 'India',
  Nga: 'Russia', 'Liên bang Nga': 'Russia', Anh: 'United Kingdom', 'Vương quốc Anh': 'United Kingdom',
  UK: 'United Kingdom', 'Hoa Kỳ': 'United States', 'Mỹ': 'United States', USA: 'United States',
  EU: 'European Union', 'Liên minh châu Âu': 'European Union', 'Úc': 'Australia',
  'Niu Di-lân': 'New Zealand', 'Ca-na-đa': 'Canada',
};
const REQUIRED_MECHANISM_ALIASES = {
  'ASEAN 1': 'ASEAN+1', 'ASEAN 3': 'ASEAN+3', 'ASEAN Plus Three': 'ASEAN+3', APT: 'ASEAN+3',
  'Cấp cao Đông Á': 'EAS', 'East Asia Summit': 'EAS', 'Diễn đàn Khu vực ASEAN': 'ARF',
  'ASEAN Regional Forum': 'ARF', 'Asia-Europe Meeting': 'ASEM',
};

// ------------------------------------------------------------------ helpers

/** The product's own folding (case, accents, đ, punctuation), so uniqueness holds exactly as look-ups see it. */
const { foldName: fold } = createRequire(import.meta.url)('../../dist/core.js');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function makeAjv() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(['markdownEnumDescriptions', 'patternErrorMessage', 'markdownDescription']);
  // The Vietnamese twins of the annotations (issue 17; test/unit/l10n.test.mjs checks them).
  ajv.addVocabulary(['title_vi', 'description_vi', 'markdownDescription_vi', 'markdownEnumDescriptions_vi', 'patternErrorMessage_vi']);
  return ajv;
}

const recordSchema = readJson(join(SCHEMA_DIR, 'meeting-record.schema.json'));
const catalogSchema = readJson(join(SCHEMA_DIR, 'catalog.schema.json'));
const ajv = makeAjv();
const validateRecord = ajv.compile(recordSchema);
const validateCatalog = ajv.compile(catalogSchema);

function formatErrors(errors) {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

function loadCatalog() {
  const files = {};
  for (const kind of ['parties', 'mechanisms', 'documents']) {
    const path = join(CATALOG_DIR, `${kind}.yaml`);
    files[kind] = { path, data: parse(readFileSync(path, 'utf8')) };
  }
  return files;
}

function loadRecords() {
  const records = [];
  const files = readdirSync(RECORDS_DIR).filter((f) => /\.meeting\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(join(RECORDS_DIR, file), 'utf8'));
    docs.forEach((doc, index) => {
      records.push({ file, index, errors: doc.errors.map((e) => e.message), data: doc.toJS() });
    });
  }
  return { files, records };
}

const catalogFiles = loadCatalog();
const parties = catalogFiles.parties.data.parties;
const mechanisms = catalogFiles.mechanisms.data.mechanisms;
const documents = catalogFiles.documents.data.documents;
const partyByName = new Map(parties.map((p) => [p.name, p]));
const mechanismByName = new Map(mechanisms.map((m) => [m.name, m]));
const documentByTitle = new Map(documents.map((d) => [d.title, d]));
const { files: recordFiles, records } = loadRecords();

function where(record) {
  return `${record.file}#${record.index + 1} (${record.data?.id ?? 'no id'})`;
}

function yearOf(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{4}/.test(value)) return Number(value.slice(0, 4));
  return undefined;
}

/** Every party-valued and mechanism-valued place in a record, with a path for messages. */
function namedValues(record) {
  const parts = [];
  const r = record.data ?? {};
  const party = (path, value) => value !== undefined && parts.push({ kind: 'party', path, value });
  const mech = (path, value) => value !== undefined && parts.push({ kind: 'mechanism', path, value });
  mech('mechanism', r.mechanism);
  party('chair', r.chair);
  party('location.country', r.location?.country);
  (r.partners ?? []).forEach((v, i) => party(`partners[${i}]`, v));
  (r.participants ?? []).forEach((v, i) => party(`participants[${i}]`, v));
  (r.delegations ?? []).forEach((d, i) => party(`delegations[${i}].party`, d?.party));
  (r.initiatives ?? []).forEach((d, i) => party(`initiatives[${i}].proposed_by`, d?.proposed_by));
  (r.documents ?? []).forEach((d, i) => (d?.parties ?? []).forEach((v, j) => party(`documents[${i}].parties[${j}]`, v)));
  (r.follow_up ?? []).forEach((f, i) => mech(`follow_up[${i}].mechanism`, f?.mechanism));
  return parts;
}

/** Walks a schema and calls visit(subschema, path) on every subschema. */
function walkSchema(schema, path, visit) {
  if (!schema || typeof schema !== 'object') return;
  visit(schema, path);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) walkSchema(sub, `${path}.properties.${key}`, visit);
  if (schema.items) walkSchema(schema.items, `${path}.items`, visit);
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    (schema[keyword] ?? []).forEach((sub, i) => walkSchema(sub, `${path}.${keyword}[${i}]`, visit));
  }
}

// ------------------------------------------------------------------ schemas

for (const [name, schema] of [['meeting-record', recordSchema], ['catalog', catalogSchema]]) {
  test(`${name} schema: every property has a description`, () => {
    const missing = [];
    walkSchema(schema, '#', (s, path) => {
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        if (typeof sub?.description !== 'string' || sub.description.trim() === '') missing.push(`${path}.properties.${key}`);
      }
    });
    assert.deepEqual(missing, [], 'properties without a description');
    assert.ok(schema.title && schema.description && schema.$id, 'the root needs title, description and $id');
  });

  test(`${name} schema: every object level forbids unknown keys`, () => {
    const open = [];
    walkSchema(schema, '#', (s, path) => {
      if (s.type === 'object' && s.additionalProperties !== false) open.push(path);
    });
    assert.deepEqual(open, [], 'object schemas without additionalProperties: false');
  });

  test(`${name} schema: enums carry markdownEnumDescriptions, patterns a patternErrorMessage, no oneOf`, () => {
    const problems = [];
    walkSchema(schema, '#', (s, path) => {
      if (s.enum && (!Array.isArray(s.markdownEnumDescriptions) || s.markdownEnumDescriptions.length !== s.enum.length)) {
        problems.push(`${path}: markdownEnumDescriptions must match enum (${s.enum.length} values)`);
      }
      if (s.pattern && typeof s.patternErrorMessage !== 'string') problems.push(`${path}: pattern without patternErrorMessage`);
      if (s.oneOf) problems.push(`${path}: uses oneOf`);
    });
    assert.deepEqual(problems, []);
  });
}

test('meeting-record schema: party- and mechanism-valued fields are plain strings (no enum, no uniqueItems)', () => {
  const p = recordSchema.properties;
  const places = {
    mechanism: p.mechanism,
    chair: p.chair,
    'location.country': p.location.properties.country,
    'partners[]': p.partners.items,
    'participants[]': p.participants.items,
    'delegations[].party': p.delegations.items.properties.party,
    'initiatives[].proposed_by': p.initiatives.items.properties.proposed_by,
    'documents[].parties[]': p.documents.items.properties.parties.items,
    'follow_up[].mechanism': p.follow_up.items.properties.mechanism,
  };
  const problems = [];
  for (const [path, s] of Object.entries(places)) {
    if (s.type !== 'string' || s.minLength !== 1 || s.enum || s.pattern) problems.push(`${path} is not a plain non-empty string`);
  }
  walkSchema(recordSchema, '#', (s, path) => s.uniqueItems && problems.push(`${path} has uniqueItems`));
  assert.deepEqual(problems, []);
});

test('meeting-record schema: rejects typical mistakes with one error per value', () => {
  const base = {
    version: 1, id: 'x-test', title: 'T', mechanism: 'ASEAN+1', level: 'ministerial', date: '2024-07-26',
    source: { publisher: 'TTXVN' },
  };
  assert.ok(validateRecord(base), formatErrors(validateRecord.errors).join('; '));
  const cases = [
    [{ ...base, level: 'minister' }, '/level', 'enum'],
    [{ ...base, id: 'Bad Id' }, '/id', 'pattern'],
    [{ ...base, series: 'AMM 57' }, '/series', 'pattern'],
    [{ ...base, date: '2024-02-30' }, '/date', 'format'],
    [{ ...base, titel: 'x' }, '', 'additionalProperties'],
    [{ ...base, version: 2 }, '/version', 'const'],
    [{ ...base, partners: ['Japan', 'Japan'] }, null, null],
    [{ ...base, follow_up: [{ title: 'x', date: '2018-11' }] }, null, null],
    [{ ...base, follow_up: [{ title: 'x', date: '2018-13' }] }, '/follow_up/0/date', 'pattern'],
    [{ ...base, source: { language: 'vi' } }, '/source', 'anyOf'],
  ];
  const problems = [];
  for (const [record, path, keyword] of cases) {
    const ok = validateRecord(record);
    const errors = validateRecord.errors ?? [];
    if (path === null) {
      if (!ok) problems.push(`expected valid: ${JSON.stringify(record)} -> ${formatErrors(errors)}`);
      continue;
    }
    if (ok || !errors.some((e) => e.instancePath === path && e.keyword === keyword)) {
      problems.push(`expected ${keyword} at ${path || '/'}: ${formatErrors(errors)}`);
    }
    const atPath = errors.filter((e) => e.instancePath === path && e.keyword !== 'required');
    if (keyword !== 'anyOf' && atPath.length !== 1) problems.push(`expected one error at ${path || '/'}, got ${formatErrors(atPath)}`);
  }
  assert.deepEqual(problems, []);
});

// ------------------------------------------------------------------ catalog

test('catalog: every catalog file is valid against the catalog schema', () => {
  const problems = [];
  for (const { path, data } of Object.values(catalogFiles)) {
    if (!validateCatalog(data)) problems.push(`${path}: ${formatErrors(validateCatalog.errors).join('; ')}`);
  }
  assert.deepEqual(problems, []);
});

test('catalog: canonical names and aliases are unique per kind (case- and accent-insensitive), but for clashes declared on purpose', () => {
  const problems = [];
  for (const [kind, entries, nameOf] of [
    ['party', parties, (e) => e.name],
    ['mechanism', mechanisms, (e) => e.name],
    ['document', documents, (e) => e.title],
  ]) {
    const owners = new Map();
    for (const entry of entries) {
      for (const key of [nameOf(entry), ...(entry.aliases ?? [])]) {
        const folded = fold(key);
        for (const previous of owners.get(folded) ?? []) {
          const declared = (previous.entry.ambiguous_aliases ?? []).includes(previous.key) || (entry.ambiguous_aliases ?? []).includes(key);
          if (previous.entry !== entry && !declared) {
            problems.push(`${kind} alias '${key}' (folded '${folded}') belongs to both '${nameOf(previous.entry)}' and '${nameOf(entry)}'`);
          }
        }
        owners.set(folded, [...(owners.get(folded) ?? []), { entry, key }]);
      }
      for (const declared of entry.ambiguous_aliases ?? []) {
        if (!(entry.aliases ?? []).includes(declared)) problems.push(`${kind} '${nameOf(entry)}' declares '${declared}' ambiguous but has no such alias`);
      }
    }
    const names = entries.map(nameOf);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    if (dupes.length) problems.push(`${kind} canonical names repeated: ${dupes.join(', ')}`);
  }
  assert.deepEqual(problems, []);
});

test('catalog: every entry cites a source', () => {
  const missing = [
    ...parties.filter((e) => !e.source || e.source.length === 0).map((e) => `party ${e.name}`),
    ...mechanisms.filter((e) => !e.source || e.source.length === 0).map((e) => `mechanism ${e.name}`),
    ...documents.filter((e) => !e.source || e.source.length === 0).map((e) => `document ${e.title}`),
  ];
  assert.deepEqual(missing, []);
});

test('catalog: all 11 ASEAN member states with the date they joined', () => {
  const problems = [];
  for (const name of ASEAN_MEMBERS) {
    const p = partyByName.get(name);
    if (!p) problems.push(`missing member ${name}`);
    else {
      if (p.kind !== 'asean-member') problems.push(`${name}: kind ${p.kind}`);
      if (yearOf(p.joined) === undefined) problems.push(`${name}: no joined`);
      if (!p.iso) problems.push(`${name}: no iso`);
    }
  }
  const extra = parties.filter((p) => p.kind === 'asean-member' && !ASEAN_MEMBERS.includes(p.name)).map((p) => p.name);
  if (extra.length) problems.push(`unexpected asean-member entries: ${extra.join(', ')}`);
  assert.deepEqual(problems, []);
});

test('catalog: all 11 dialogue partners with dialogue_since and relationship', () => {
  const problems = [];
  for (const name of DIALOGUE_PARTNERS) {
    const p = partyByName.get(name);
    if (!p) problems.push(`missing dialogue partner ${name}`);
    else {
      if (p.kind !== 'dialogue-partner') problems.push(`${name}: kind ${p.kind}`);
      if (yearOf(p.dialogue_since) === undefined) problems.push(`${name}: no dialogue_since`);
      if (!p.relationship?.level || typeof p.relationship.since !== 'number') problems.push(`${name}: relationship needs level and since`);
    }
  }
  const extra = parties.filter((p) => p.kind === 'dialogue-partner' && !DIALOGUE_PARTNERS.includes(p.name)).map((p) => p.name);
  if (extra.length) problems.push(`unexpected dialogue-partner entries: ${extra.join(', ')}`);
  assert.deepEqual(problems, []);
});

test('catalog: Japan relations began in 1973 and ASEAN-Korea relations in 1989', () => {
  assert.equal(yearOf(partyByName.get('Japan')?.dialogue_since), 1973, 'Japan dialogue_since');
  assert.equal(yearOf(partyByName.get('Republic of Korea')?.dialogue_since), 1989, 'Republic of Korea dialogue_since');
});

test('catalog: the parties and mechanisms record-format.md names, with their required aliases', () => {
  const problems = [];
  for (const name of OTHER_REQUIRED_PARTIES) if (!partyByName.has(name)) problems.push(`missing party ${name}`);
  if (partyByName.get('Pacific Alliance')?.kind !== 'organisation') problems.push('Pacific Alliance must be an organisation');
  for (const name of REQUIRED_MECHANISMS) if (!mechanismByName.has(name)) problems.push(`missing mechanism ${name}`);
  for (const [alias, owner] of Object.entries(REQUIRED_PARTY_ALIASES)) {
    const entry = partyByName.get(owner);
    if (!entry || !(entry.name === alias || (entry.aliases ?? []).includes(alias))) problems.push(`party alias '${alias}' must belong to '${owner}'`);
  }
  for (const [alias, owner] of Object.entries(REQUIRED_MECHANISM_ALIASES)) {
    const entry = mechanismByName.get(owner);
    if (!entry || !(entry.aliases ?? []).includes(alias)) problems.push(`mechanism alias '${alias}' must belong to '${owner}'`);
  }
  for (const m of mechanisms) {
    if (!m.full_name || !m.full_name_vi || !m.summary) problems.push(`mechanism ${m.name}: needs full_name, full_name_vi and summary`);
    if (m.founded === undefined && !m.note) problems.push(`mechanism ${m.name}: no founded and no note saying why`);
  }
  assert.deepEqual(problems, []);
});

test('catalog: references between entries use canonical names and agree with each other', () => {
  const problems = [];
  for (const m of mechanisms) {
    for (const item of m.members ?? []) {
      const member = typeof item === 'string' ? item : item.name;
      const p = partyByName.get(member);
      if (!p) problems.push(`mechanism ${m.name}: member '${member}' is not a canonical party name`);
      else if (p.kind === 'asean-member') problems.push(`mechanism ${m.name}: '${member}' is an ASEAN member and is implicit`);
    }
  }
  for (const p of parties) {
    for (const name of p.mechanisms ?? []) {
      if (!mechanismByName.has(name)) problems.push(`party ${p.name}: mechanism '${name}' is not a canonical mechanism name`);
    }
    // Fixed memberships and the parties' own mechanism lists must tell the same story.
    if (p.mechanisms) {
      for (const m of mechanisms.filter((m) => m.members)) {
        const listed = m.members.some((item) => (typeof item === 'string' ? item : item.name) === p.name);
        const claimed = p.mechanisms.includes(m.name);
        if (listed !== claimed) problems.push(`party ${p.name} and mechanism ${m.name} disagree on membership`);
      }
    }
  }
  for (const d of documents) {
    for (const name of d.parties ?? []) if (!partyByName.has(name)) problems.push(`document '${d.title}': party '${name}' is not canonical`);
  }
  assert.deepEqual(problems, []);
});

test('catalog: AMM numbering gives AMM-51 in 2018 and AMM-57 in 2024', () => {
  const amm = mechanismByName.get('AMM');
  assert.equal(amm?.series_prefix, 'AMM');
  assert.equal(amm?.first_year, 1967);
  assert.equal(amm.first_year + 51, 2018);
  assert.equal(amm.first_year + 57, 2024);
  const eas = mechanismByName.get('EAS');
  if (eas?.series_prefix) assert.equal(eas.first_year + 13, 2018, 'EAS-13 was held in 2018');
});

// ------------------------------------------------------------------ seed records

test('records: every seed file parses as YAML', () => {
  assert.ok(recordFiles.length > 0, 'no *.meeting.yaml files in seeds/records');
  const problems = records.filter((r) => r.errors.length).map((r) => `${where(r)}: ${r.errors.join('; ')}`);
  assert.deepEqual(problems, []);
});

test('records: every seed record is valid against the record schema', () => {
  const problems = [];
  for (const r of records) {
    if (!validateRecord(r.data)) problems.push(`${where(r)}: ${formatErrors(validateRecord.errors).join('; ')}`);
  }
  assert.deepEqual(problems, []);
});

test('records: ids are unique', () => {
  const seen = new Map();
  const problems = [];
  for (const r of records) {
    const id = r.data?.id;
    if (seen.has(id)) problems.push(`id '${id}' in ${seen.get(id)} and ${where(r)}`);
    else seen.set(id, where(r));
  }
  assert.deepEqual(problems, []);
});

test('records: every party and mechanism is a canonical catalog name', () => {
  const problems = [];
  for (const r of records) {
    for (const { kind, path, value } of namedValues(r)) {
      const known = kind === 'party' ? partyByName.has(value) : mechanismByName.has(value);
      if (!known) problems.push(`${where(r)} ${path}: '${value}' is not a canonical ${kind} name`);
    }
  }
  assert.deepEqual(problems, []);
});

test('records: no party twice in one list', () => {
  const problems = [];
  for (const r of records) {
    for (const key of ['partners', 'participants']) {
      const list = r.data?.[key] ?? [];
      const dupes = list.filter((v, i) => list.indexOf(v) !== i);
      if (dupes.length) problems.push(`${where(r)} ${key}: ${dupes.join(', ')} repeated`);
    }
  }
  assert.deepEqual(problems, []);
});

test('records: partners belong to mechanisms with fixed membership at the meeting\'s date', () => {
  const problems = [];
  for (const r of records) {
    const m = mechanismByName.get(r.data?.mechanism);
    if (!m?.members) continue;
    for (const partner of r.data.partners ?? []) {
      const p = partyByName.get(partner);
      const item = m.members.find((x) => (typeof x === 'string' ? x : x.name) === partner);
      const since = typeof item === 'object' && item.since !== undefined ? String(item.since) : undefined;
      const member = p?.kind === 'asean-member' || (item !== undefined && (since === undefined || String(r.data.date).slice(0, since.length) >= since));
      if (!member) problems.push(`${where(r)}: '${partner}' is not a member of ${m.name} on ${r.data.date}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('records: series numbers agree with the year, and end_date is not before date', () => {
  const problems = [];
  for (const r of records) {
    const { series, date, end_date: end } = r.data ?? {};
    if (end && end < date) problems.push(`${where(r)}: end_date ${end} before date ${date}`);
    if (!series) continue;
    const [, prefix, number] = /^(.*)-(\d+)$/.exec(series) ?? [];
    const m = mechanisms.find((x) => x.series_prefix && fold(x.series_prefix) === fold(prefix ?? ''));
    if (!m) problems.push(`${where(r)}: no mechanism numbers the series '${series}'`);
    else if (m.first_year + Number(number) !== yearOf(date)) problems.push(`${where(r)}: ${series} is held in ${m.first_year + Number(number)}, not ${date}`);
  }
  assert.deepEqual(problems, []);
});

test('records: documents use canonical catalog titles and the catalog type', () => {
  const problems = [];
  for (const r of records) {
    (r.data?.documents ?? []).forEach((d, i) => {
      const entry = documentByTitle.get(d.title);
      if (!entry) problems.push(`${where(r)} documents[${i}]: '${d.title}' is not a catalog title`);
      else if (entry.type !== d.type) problems.push(`${where(r)} documents[${i}]: type ${d.type}, catalog says ${entry.type}`);
    });
  }
  assert.deepEqual(problems, []);
});

test('records: every article has a record, and every source.article exists', () => {
  const articles = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith('.txt'));
  assert.ok(articles.length >= 5, 'seeds/articles should hold the five seed articles');
  const cited = new Set(records.map((r) => r.data?.source?.article));
  const problems = [];
  for (const a of articles) if (!cited.has(a)) problems.push(`article ${a} has no record`);
  for (const r of records) {
    const a = r.data?.source?.article;
    if (!a) problems.push(`${where(r)}: no source.article`);
    else if (!existsSync(join(ARTICLES_DIR, a))) problems.push(`${where(r)}: source.article '${a}' does not exist`);
    if (r.data?.source?.language !== 'vi') problems.push(`${where(r)}: source.language should be 'vi'`);
  }
  assert.deepEqual(problems, []);
});

test('records: at least one seed file holds several records', () => {
  const counts = new Map();
  for (const r of records) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
  assert.ok([...counts.values()].some((n) => n > 1), 'no multi-document file in seeds/records');
});
