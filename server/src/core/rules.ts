import type { CatalogIndex, MechanismEntry, PartyEntry } from './catalog';
import { fieldLabel, type Problem, type ValueFix } from './problems';
import { quoteList } from './text';
import type { ValuePath } from './types';

/**
 * The domain rules of record-format.md section 4 that look at one record.
 * They read plain values defensively: a record that fails the schema still
 * gets every rule that can run on what is there.
 */

export type MentionKind = 'party' | 'mechanism' | 'document';

/** A catalog name used in a record, for references, hover counts and the index. */
export interface Mention {
  kind: MentionKind;
  /** The canonical name when the value resolves, else the value as written. */
  name: string;
  path: ValuePath;
  known: boolean;
}

export interface RuleResult {
  problems: Problem[];
  mentions: Mention[];
}

type Dict = Record<string, unknown>;

/** Lists whose items are parties and must not repeat. */
const PARTY_LISTS = ['partners', 'participants'] as const;

export function checkRules(record: unknown, catalog: CatalogIndex): RuleResult {
  const result: RuleResult = { problems: [], mentions: [] };
  if (!isDict(record)) return result;
  checkParties(record, catalog, result);
  checkMechanisms(record, catalog, result);
  checkDocuments(record, catalog, result);
  checkDuplicates(record, catalog, result);
  checkDateOrder(record, result);
  checkMembership(record, catalog, result);
  checkSeriesYear(record, catalog, result);
  return result;
}

/** Every place a party name may stand, with its path. */
export function partyPaths(record: Dict): Array<{ path: ValuePath; value: unknown }> {
  const places: Array<{ path: ValuePath; value: unknown }> = [];
  places.push({ path: ['chair'], value: record.chair });
  if (isDict(record.location)) places.push({ path: ['location', 'country'], value: record.location.country });
  for (const list of PARTY_LISTS) eachItem(record[list], (item, i) => places.push({ path: [list, i], value: item }));
  eachItem(record.delegations, (d, i) => isDict(d) && places.push({ path: ['delegations', i, 'party'], value: d.party }));
  eachItem(record.initiatives, (d, i) => isDict(d) && places.push({ path: ['initiatives', i, 'proposed_by'], value: d.proposed_by }));
  eachItem(record.documents, (doc, i) => {
    if (isDict(doc)) eachItem(doc.parties, (p, j) => places.push({ path: ['documents', i, 'parties', j], value: p }));
  });
  return places.filter((p) => p.value !== undefined);
}

function checkParties(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  for (const { path, value } of partyPaths(record)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const resolution = catalog.resolveParty(value);
    if (resolution.kind === 'unknown') {
      result.mentions.push({ kind: 'party', name: value, path, known: false });
      result.problems.push(unknownName('unknown-party', 'party', value, path, resolution.suggestions));
    } else {
      result.mentions.push({ kind: 'party', name: resolution.entry.name, path, known: true });
      if (resolution.kind === 'alias') result.problems.push(aliasProblem(value, resolution.canonical, path));
    }
  }
}

function checkMechanisms(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const places: Array<{ path: ValuePath; value: unknown }> = [{ path: ['mechanism'], value: record.mechanism }];
  eachItem(record.follow_up, (f, i) => isDict(f) && places.push({ path: ['follow_up', i, 'mechanism'], value: f.mechanism }));
  for (const { path, value } of places) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const resolution = catalog.resolveMechanism(value);
    if (resolution.kind === 'unknown') {
      result.mentions.push({ kind: 'mechanism', name: value, path, known: false });
      result.problems.push(unknownName('unknown-mechanism', 'mechanism', value, path, resolution.suggestions));
    } else {
      result.mentions.push({ kind: 'mechanism', name: resolution.entry.name, path, known: true });
      if (resolution.kind === 'alias') result.problems.push(aliasProblem(value, resolution.canonical, path));
    }
  }
}

/** Documents are free text (new ones are adopted every year): only mentions, no diagnostics. */
function checkDocuments(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  eachItem(record.documents, (doc, i) => {
    if (!isDict(doc) || typeof doc.title !== 'string') return;
    const resolution = catalog.resolveDocument(doc.title);
    const known = resolution.kind !== 'unknown';
    result.mentions.push({ kind: 'document', name: known ? resolution.entry.title : doc.title, path: ['documents', i, 'title'], known });
  });
}

function checkDuplicates(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const lists: Array<{ path: ValuePath; items: unknown }> = PARTY_LISTS.map((l) => ({ path: [l], items: record[l] }));
  eachItem(record.documents, (doc, i) => isDict(doc) && lists.push({ path: ['documents', i, 'parties'], items: doc.parties }));
  for (const { path, items } of lists) {
    const seen = new Map<string, number>();
    eachItem(items, (item, i) => {
      if (typeof item !== 'string') return;
      const resolution = catalog.resolveParty(item);
      const key = resolution.kind === 'unknown' ? item.trim() : resolution.entry.name;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      const itemPath = [...path, i];
      result.problems.push({
        code: 'duplicate-entry',
        message: `'${key}' is already listed in '${fieldLabel(path)}' (item ${first + 1})`,
        path: itemPath,
        target: 'value',
        fixes: [{ kind: 'remove-item', title: `Remove the duplicate '${item}'`, path: itemPath, safe: true, preferred: true }],
      });
    });
  }
}

function checkDateOrder(record: Dict, result: RuleResult): void {
  const { date, end_date: endDate } = record;
  if (!isIsoDate(date) || !isIsoDate(endDate) || endDate >= date) return;
  result.problems.push({
    code: 'date-order',
    message: `'end_date' (${endDate}) is before 'date' (${date})`,
    path: ['end_date'],
    target: 'value',
  });
}

function checkMembership(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  if (typeof record.mechanism !== 'string') return;
  const mechanism = catalog.resolveMechanism(record.mechanism);
  if (mechanism.kind === 'unknown' || !mechanism.entry.members) return;
  const members = new Set(mechanism.entry.members);
  eachItem(record.partners, (partner, i) => {
    if (typeof partner !== 'string') return;
    const party = catalog.resolveParty(partner);
    if (party.kind === 'unknown' || isMember(party.entry, members)) return;
    result.problems.push({
      code: 'mechanism-membership',
      message: `'${party.entry.name}' is not a member of ${mechanism.entry.name} (${membersSentence(mechanism.entry)})`,
      path: ['partners', i],
      target: 'value',
    });
  });
}

/** ASEAN member states take part in every ASEAN-led mechanism; `members` lists the others. */
function isMember(party: PartyEntry, members: ReadonlySet<string>): boolean {
  return party.kind === 'asean-member' || members.has(party.name);
}

function membersSentence(mechanism: MechanismEntry): string {
  const members = mechanism.members ?? [];
  return members.length > 8
    ? `its ${members.length} partners besides ASEAN are listed in the catalog`
    : `members besides ASEAN: ${members.join(', ')}`;
}

function checkSeriesYear(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const { series, date } = record;
  if (typeof series !== 'string' || !isIsoDate(date)) return;
  const match = /^(.+)-(\d{1,3})$/.exec(series);
  if (!match) return;
  const mechanism = catalog.mechanismForSeriesPrefix(match[1]);
  if (!mechanism || mechanism.first_year === undefined) return;
  const expected = mechanism.first_year + Number(match[2]);
  const actual = Number(date.slice(0, 4));
  if (expected === actual) return;
  result.problems.push({
    code: 'series-year',
    message: `'${series}' was held in ${expected} (${mechanism.series_prefix}-N is held in ${mechanism.first_year} + N), but 'date' is in ${actual}`,
    path: ['series'],
    target: 'value',
  });
}

function unknownName(
  code: 'unknown-party' | 'unknown-mechanism',
  what: string,
  value: string,
  path: ValuePath,
  suggestions: string[],
): Problem {
  const hint = suggestions.length ? ` (did you mean ${quoteList(suggestions)}?)` : '';
  const fixes: ValueFix[] = suggestions.map((s, i) => ({
    kind: 'replace-value',
    title: `Change to '${s}'`,
    path,
    value: s,
    safe: false,
    preferred: i === 0 && suggestions.length === 1,
  }));
  return { code, message: `Unknown ${what} '${value}'${hint}`, path, target: 'value', fixes };
}

function aliasProblem(value: string, canonical: string, path: ValuePath): Problem {
  return {
    code: 'non-canonical-name',
    message: `'${value}' is an alias: write the canonical name '${canonical}'`,
    path,
    target: 'value',
    fixes: [{ kind: 'replace-value', title: `Replace with '${canonical}'`, path, value: canonical, safe: true, preferred: true }],
  };
}

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function eachItem(list: unknown, visit: (item: unknown, index: number) => unknown): void {
  if (Array.isArray(list)) list.forEach((item, index) => visit(item, index));
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
