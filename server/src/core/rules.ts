import * as l10n from '@vscode/l10n';
import { resolvedEntry, type CatalogIndex, type DocumentEntry, type MechanismEntry, type PartyEntry, type Resolution } from './catalog';
import { partyName } from './l10n';
import { fieldLabel, type Problem, type ValueFix } from './problems';
import { quoteList } from './text';
import { catalogDate, heldText, isBefore, matchesHeld, membershipAt, readSeries } from './timeline';
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
  const meeting = meetingOf(record, catalog);
  checkMembership(record, meeting, catalog, result);
  checkSeriesYear(record, catalog, result);
  checkMembersAsPartners(record, meeting, catalog, result);
  checkChair(record, meeting, catalog, result);
  checkFollowUpDates(record, result);
  checkPartiesAtDate(record, meeting, catalog, result);
  checkPartnersAmongParticipants(record, catalog, result);
  return result;
}

/** What the date-aware rules need of a record: its mechanism (when it resolves) and its date (when it is a real one). */
interface Meeting {
  mechanism?: MechanismEntry;
  date?: string;
}

function meetingOf(record: Dict, catalog: CatalogIndex): Meeting {
  const mechanism = typeof record.mechanism === 'string' ? resolvedEntry(catalog.resolveMechanism(record.mechanism)) : undefined;
  return { mechanism, date: isIsoDate(record.date) ? record.date : undefined };
}

/** A party value as the catalog knows it, or undefined (unknown and ambiguous names have their own diagnostics). */
function partyAt(value: unknown, catalog: CatalogIndex): PartyEntry | undefined {
  return typeof value === 'string' ? resolvedEntry(catalog.resolveParty(value)) : undefined;
}

/** Whether a party was an ASEAN member state at a date (Timor-Leste from 2025-10-26). */
function isAseanMemberAt(party: PartyEntry, date: string | undefined): boolean {
  return party.kind === 'asean-member' && (date === undefined || !isBefore(date, party.joined));
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
    checkName('party', value, path, catalog.resolveParty(value), (p) => p.name, result);
  }
}

/** One catalog name as written: known, an alias (fixable), ambiguous (the author chooses) or unknown (with suggestions). */
function checkName<T>(
  kind: 'party' | 'mechanism',
  value: string,
  path: ValuePath,
  resolution: Resolution<T>,
  nameOf: (entry: T) => string,
  result: RuleResult,
): void {
  if (resolution.kind === 'unknown') {
    result.mentions.push({ kind, name: value, path, known: false });
    result.problems.push(unknownName(kind === 'party' ? 'unknown-party' : 'unknown-mechanism', kind, value, path, resolution.suggestions));
  } else if (resolution.kind === 'ambiguous') {
    result.mentions.push({ kind, name: value, path, known: false });
    result.problems.push(ambiguousName(kind, value, path, resolution.candidates.map(nameOf)));
  } else {
    result.mentions.push({ kind, name: nameOf(resolution.entry), path, known: true });
    if (resolution.kind === 'alias') result.problems.push(aliasProblem(value, resolution.canonical, path));
  }
}

function checkMechanisms(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const places: Array<{ path: ValuePath; value: unknown }> = [{ path: ['mechanism'], value: record.mechanism }];
  eachItem(record.follow_up, (f, i) => isDict(f) && places.push({ path: ['follow_up', i, 'mechanism'], value: f.mechanism }));
  for (const { path, value } of places) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    checkName('mechanism', value, path, catalog.resolveMechanism(value), (m) => m.name, result);
  }
}

/**
 * Documents are free text (new ones are adopted every year), so an unknown
 * title is no problem; a title the catalog knows must agree with its entry:
 * the same type, no party the entry does not list, and not adopted or
 * carried out before the catalog says it came to be.
 */
function checkDocuments(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const year = isIsoDate(record.date) ? Number(record.date.slice(0, 4)) : undefined;
  eachItem(record.documents, (doc, i) => {
    if (!isDict(doc) || typeof doc.title !== 'string') return;
    const entry = resolvedEntry(catalog.resolveDocument(doc.title));
    result.mentions.push({ kind: 'document', name: entry ? entry.title : doc.title, path: ['documents', i, 'title'], known: entry !== undefined });
    if (entry) checkDocumentAgainstCatalog(doc, i, entry, year, catalog, result);
  });
}

/** Statuses that say the document existed at the meeting (as opposed to proposed, planned, under negotiation). */
const EXISTING_STATUSES: ReadonlySet<string> = new Set(['adopted', 'signed', 'ratified', 'implemented', 'reviewed', 'noted']);

function checkDocumentAgainstCatalog(doc: Dict, i: number, entry: DocumentEntry, year: number | undefined, catalog: CatalogIndex, result: RuleResult): void {
  if (typeof doc.type === 'string' && typeof entry.type === 'string' && doc.type !== entry.type) {
    result.problems.push({
      code: 'document-mismatch',
      message: l10n.t("'{0}' is a {1} in the catalog, not a {2}", entry.title, entry.type, doc.type),
      path: ['documents', i, 'type'],
      target: 'value',
      fixes: [{ kind: 'replace-value', title: l10n.t("Change the type to '{0}'", entry.type), path: ['documents', i, 'type'], value: entry.type, safe: false, preferred: true }],
    });
  }
  if (Array.isArray(entry.parties) && entry.parties.length > 0) {
    const listed = new Set(entry.parties.map((p) => (typeof p === 'string' ? (partyAt(p, catalog)?.name ?? p) : '')));
    eachItem(doc.parties, (p, j) => {
      const party = partyAt(p, catalog);
      if (!party || listed.has(party.name) || party.name === 'ASEAN') return;
      result.problems.push({
        code: 'document-mismatch',
        message: l10n.t("'{0}' is not a party to '{1}' in the catalog ({2})", partyName(party), entry.title, quoteList(entry.parties ?? [], 'and')),
        path: ['documents', i, 'parties', j],
        target: 'value',
      });
    });
  }
  if (year !== undefined && typeof entry.year === 'number' && entry.year > year && typeof doc.status === 'string' && EXISTING_STATUSES.has(doc.status)) {
    result.problems.push({
      code: 'document-mismatch',
      message: l10n.t("'{0}' dates from {1} in the catalog, after this meeting ({2}): it cannot have been {3} then", entry.title, entry.year, year, doc.status),
      path: ['documents', i, 'status'],
      target: 'value',
    });
  }
}

function checkDuplicates(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const lists: Array<{ path: ValuePath; items: unknown }> = PARTY_LISTS.map((l) => ({ path: [l], items: record[l] }));
  eachItem(record.documents, (doc, i) => isDict(doc) && lists.push({ path: ['documents', i, 'parties'], items: doc.parties }));
  for (const { path, items } of lists) {
    const seen = new Map<string, number>();
    eachItem(items, (item, i) => {
      if (typeof item !== 'string') return;
      const entry = resolvedEntry(catalog.resolveParty(item));
      const key = entry?.name ?? item.trim();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      const itemPath = [...path, i];
      result.problems.push({
        code: 'duplicate-entry',
        message: l10n.t("'{0}' is already listed in '{1}' (item {2})", entry ? partyName(entry) : key, fieldLabel(path), first + 1),
        path: itemPath,
        target: 'value',
        fixes: [{ kind: 'remove-item', title: l10n.t("Remove the duplicate '{0}'", item), path: itemPath, safe: true, preferred: true }],
      });
    });
  }
}

function checkDateOrder(record: Dict, result: RuleResult): void {
  const { date, end_date: endDate } = record;
  if (!isIsoDate(date) || !isIsoDate(endDate) || endDate >= date) return;
  result.problems.push({
    code: 'date-order',
    message: l10n.t("'end_date' ({0}) is before 'date' ({1})", endDate, date),
    path: ['end_date'],
    target: 'value',
  });
}

function checkMembership(record: Dict, { mechanism, date }: Meeting, catalog: CatalogIndex, result: RuleResult): void {
  if (!mechanism?.members) return;
  eachItem(record.partners, (partner, i) => {
    const party = partyAt(partner, catalog);
    if (!party) return;
    const at = membershipAt(mechanism, party, date);
    if (at.member) return;
    const message =
      at.reason === 'not-yet'
        ? l10n.t("'{0}' has been a member of {1} only since {2}; this meeting is dated {3}", partyName(party), mechanism.name, String(at.since), String(date))
        : at.reason === 'no-longer'
          ? l10n.t("'{0}' was a member of {1} until {2}; this meeting is dated {3}", partyName(party), mechanism.name, String(at.until), String(date))
          : l10n.t("'{0}' is not a member of {1} ({2})", partyName(party), mechanism.name, membersSentence(mechanism, catalog));
    result.problems.push({ code: 'mechanism-membership', message, path: ['partners', i], target: 'value' });
  });
}

function membersSentence(mechanism: MechanismEntry, catalog: CatalogIndex): string {
  const members = (mechanism.members ?? []).map((m) => (typeof m === 'string' ? m : m.name)).map((name) => {
    const party = partyAt(name, catalog);
    return party ? partyName(party) : name;
  });
  return members.length > 8
    ? l10n.t('its {0} partners besides ASEAN are listed in the catalog', members.length)
    : l10n.t('members besides ASEAN: {0}', members.join(', '));
}

/**
 * `series` against `date`: the meeting of that number as the catalog's table
 * of known meetings dates it (EAS-2 and EAS-3 both in 2007), else the yearly
 * rule (AMM-57 in 1967 + 57 = 2024).
 */
function checkSeriesYear(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  const { date } = record;
  if (!isIsoDate(date)) return;
  const reading = readSeries(record.series, catalog);
  if (!reading || matchesHeld(reading.held, date)) return;
  const { series, mechanism, held } = reading;
  const when = held.known
    ? l10n.t("'{0}' was {1}", series, heldText(held))
    : l10n.t("'{0}' was held in {1} ({2}-N is held in {3} + N)", series, held.date, String(mechanism.series_prefix), String(mechanism.first_year));
  result.problems.push({
    code: 'series-year',
    message: l10n.t("{0}, but 'date' is {1}", when, date),
    path: ['series'],
    target: 'value',
  });
}

/** An ASEAN member state listed among the external partners of a meeting between ASEAN and others. */
function checkMembersAsPartners(record: Dict, { mechanism, date }: Meeting, catalog: CatalogIndex, result: RuleResult): void {
  if (!mechanism?.external_partners) return;
  eachItem(record.partners, (partner, i) => {
    const party = partyAt(partner, catalog);
    if (!party || !isAseanMemberAt(party, date)) return;
    result.problems.push({
      code: 'member-as-partner',
      message: l10n.t("'{0}' is an ASEAN member state: in {1} the partners are the parties ASEAN meets; list it under 'participants'", partyName(party), mechanism.name),
      path: ['partners', i],
      target: 'value',
      fixes: [{ kind: 'remove-item', title: l10n.t("Remove '{0}' from 'partners'", party.name), path: ['partners', i], safe: false }],
    });
  });
}

/** Mechanisms chaired by ASEAN have an ASEAN member state (as it was at the date) as chair. */
function checkChair(record: Dict, { mechanism, date }: Meeting, catalog: CatalogIndex, result: RuleResult): void {
  if (!mechanism?.chaired_by_asean) return;
  const chair = partyAt(record.chair, catalog);
  if (!chair || isAseanMemberAt(chair, date)) return;
  const why = chair.kind === 'asean-member' ? l10n.t('it joined ASEAN only on {0}', String(catalogDate(chair.joined))) : l10n.t('it is not an ASEAN member state');
  result.problems.push({
    code: 'chair-not-member',
    message: l10n.t("{0} meetings are chaired by an ASEAN member state, and '{1}' could not chair this one: {2}", mechanism.name, partyName(chair), why),
    path: ['chair'],
    target: 'value',
  });
}

/** A meeting announced for later cannot be dated before the meeting that announced it. */
function checkFollowUpDates(record: Dict, result: RuleResult): void {
  if (!isIsoDate(record.date)) return;
  const date = record.date;
  eachItem(record.follow_up, (f, i) => {
    if (!isDict(f) || typeof f.date !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(f.date)) return;
    if (f.date >= date.slice(0, f.date.length)) return;
    result.problems.push({
      code: 'follow-up-date',
      message: l10n.t('This follow-up is dated {0}, before the meeting that announced it ({1})', f.date, date),
      path: ['follow_up', i, 'date'],
      target: 'value',
    });
  });
}

/**
 * A party named at a date when it did not exist yet (a grouping before its
 * founding), a participant of an ASEAN meeting before it joined ASEAN, or a
 * partner met as a dialogue partner before ASEAN's dialogue relations with it
 * began.
 */
function checkPartiesAtDate(record: Dict, { mechanism, date }: Meeting, catalog: CatalogIndex, result: RuleResult): void {
  if (date === undefined) return;
  const seen = new Set<PartyEntry>();
  for (const { path, value } of partyPaths(record)) {
    const party = partyAt(value, catalog);
    if (!party) continue;
    if (isBefore(date, party.founded)) {
      // Once per party: a grouping named in five places needs saying once, on its first mention.
      if (seen.has(party)) continue;
      seen.add(party);
      result.problems.push({
        code: 'party-not-yet',
        message: l10n.t("'{0}' did not exist yet on {1}: it was founded in {2}", partyName(party), date, String(catalogDate(party.founded))),
        path,
        target: 'value',
      });
    } else if (mechanism?.chaired_by_asean && path[0] === 'participants' && party.kind === 'asean-member' && isBefore(date, party.joined)) {
      // An ASEAN meeting's participants are its members; before joining, a state came as an observer at most.
      result.problems.push({
        code: 'party-not-yet',
        message: l10n.t("'{0}' was not yet an ASEAN member on {1}: it joined on {2}", partyName(party), date, String(catalogDate(party.joined))),
        path,
        target: 'value',
      });
    } else if (mechanism?.name === 'ASEAN+1' && path[0] === 'partners' && party.kind !== 'asean-member' && isBefore(date, party.dialogue_since)) {
      result.problems.push({
        code: 'party-not-yet',
        message: l10n.t("'{0}' was not yet an ASEAN dialogue partner on {1}: dialogue relations began in {2}", partyName(party), date, String(catalogDate(party.dialogue_since))),
        path,
        target: 'value',
      });
    }
  }
}

/**
 * When the record lists who was present, every state ASEAN met as a partner
 * was among them. An organisation partner (the Pacific Alliance) is there
 * through its members, so it need not be listed itself.
 */
function checkPartnersAmongParticipants(record: Dict, catalog: CatalogIndex, result: RuleResult): void {
  if (!Array.isArray(record.participants) || record.participants.length === 0) return;
  const present = new Set<string>();
  eachItem(record.participants, (p) => {
    const party = partyAt(p, catalog);
    if (party) present.add(party.name);
    else if (typeof p === 'string') present.add(p.trim());
  });
  eachItem(record.partners, (partner, i) => {
    const party = partyAt(partner, catalog);
    if (!party || party.kind === 'organisation' || present.has(party.name)) return;
    result.problems.push({
      code: 'partners-participants',
      message: l10n.t("'{0}' is a partner of this meeting but is not among its 'participants'", partyName(party)),
      path: ['partners', i],
      target: 'value',
    });
  });
}

function unknownName(
  code: 'unknown-party' | 'unknown-mechanism',
  what: string,
  value: string,
  path: ValuePath,
  suggestions: string[],
): Problem {
  const hint = suggestions.length ? l10n.t(' (did you mean {0}?)', quoteList(suggestions)) : '';
  const fixes: ValueFix[] = suggestions.map((s, i) => ({
    kind: 'replace-value',
    title: l10n.t("Change to '{0}'", s),
    path,
    value: s,
    safe: false,
    preferred: i === 0 && suggestions.length === 1,
  }));
  const message = what === 'party' ? l10n.t("Unknown party '{0}'{1}", value, hint) : l10n.t("Unknown mechanism '{0}'{1}", value, hint);
  return { code, message, path, target: 'value', fixes };
}

function ambiguousName(kind: 'party' | 'mechanism', value: string, path: ValuePath, candidates: string[]): Problem {
  return {
    code: 'ambiguous-name',
    message:
      kind === 'party'
        ? l10n.t("'{0}' could be the party {1}: write the canonical name of the one you mean", value, quoteList(candidates))
        : l10n.t("'{0}' could be the mechanism {1}: write the canonical name of the one you mean", value, quoteList(candidates)),
    path,
    target: 'value',
    // Never applied by --fix or "fix all": only the author knows which one was meant.
    fixes: candidates.map((c) => ({ kind: 'replace-value', title: l10n.t("Change to '{0}'", c), path, value: c, safe: false })),
  };
}

function aliasProblem(value: string, canonical: string, path: ValuePath): Problem {
  return {
    code: 'non-canonical-name',
    message: l10n.t("'{0}' is an alias: write the canonical name '{1}'", value, canonical),
    path,
    target: 'value',
    fixes: [{ kind: 'replace-value', title: l10n.t("Replace with '{0}'", canonical), path, value: canonical, safe: true, preferred: true }],
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
