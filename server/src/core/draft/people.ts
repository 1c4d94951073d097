import type { PartyEntry } from '../catalog';
import { foldName } from '../text';
import type { Span } from '../types';
import type { Sentence, Token } from './article';
import { tokensIn } from './article';
import type { NameIndex } from './gazetteer';

/**
 * People named with their office, the way Vietnamese reports introduce them:
 * "Thứ trưởng Bộ Ngoại giao Đỗ Hùng Việt", "Bộ trưởng Ngoại giao Hàn Quốc
 * Cho Tae Yul", "Đại sứ Việt Nam tại Mexico Lê Linh Lan", "bà Socorro Flores
 * Liera, Thứ trưởng Bộ Ngoại giao Mexico", "Bà Nguyễn Minh Hằng, Trưởng SOM
 * ASEM của Việt Nam". And who heads a delegation: the person who "dẫn đầu
 * đoàn <party>" or "làm Trưởng đoàn <party>", co-chairs ("X và Y đồng chủ
 * trì"), and people "tham dự" with a party.
 */

export interface Person {
  name: Span & { text: string };
  /** The office as the article words it ("Thứ trưởng Bộ Ngoại giao, Trưởng SOM ASEAN của Việt Nam"). */
  role?: Span & { text: string };
  party?: { entry: PartyEntry } & Span;
}

export interface Head {
  person: Person;
  party: { entry: PartyEntry } & Span;
  /** The words that make this person a head of delegation ("dẫn đầu đoàn Việt Nam"). */
  cue: Span;
}

const OFFICES = [
  'Phó Thủ tướng Thường trực',
  'Phó Thủ tướng',
  'Thủ tướng',
  'Phó Chủ tịch nước',
  'Chủ tịch nước',
  'Phó Tổng thống',
  'Tổng thống',
  'Quốc vương',
  'Ngoại trưởng',
  'Bộ trưởng Bộ Ngoại giao',
  'Bộ trưởng Ngoại giao',
  'Bộ trưởng Bộ Quốc phòng',
  'Bộ trưởng Quốc phòng',
  'Bộ trưởng',
  'Thứ trưởng Thường trực Bộ Ngoại giao',
  'Thứ trưởng Bộ Ngoại giao',
  'Thứ trưởng Ngoại giao',
  'Thứ trưởng Bộ Quốc phòng',
  'Thứ trưởng',
  'Đại sứ',
  'Tổng Thư ký ASEAN',
  'Tổng Thư ký',
  'Trưởng SOM ASEAN',
  'Trưởng SOM',
  'Vụ trưởng',
  'Đại tướng',
  'Thượng tướng',
  'Trung tướng',
  'Thiếu tướng',
];
const OFFICE = `(?:${OFFICES.map((o) => o.replace(/ /g, '\\s+')).join('|')})`;
/** One office or several ("Phó Thủ tướng, Bộ trưởng Ngoại giao"). */
const OFFICE_CHAIN = new RegExp(`(?<!\\p{L})${OFFICE}(?:\\s*,\\s*${OFFICE})*`, 'gu');
const HONORIFIC = /(?<!\p{L})(?:ông|bà|Ông|Bà)\s+(?=\p{Lu})/gu;

/** Words that may follow an office but are not a name. */
/** Capitalised words that start an institution's name, not a person's (compared as written: "Vũ" is a name, "Vụ" a department). */
const NOT_NAME = new Set(['Bộ', 'Vụ', 'Ban', 'Ủy', 'Hội', 'Nhóm', 'Cục', 'Sở', 'Viện', 'Đảng', 'SOM', 'ASEAN', 'Trưởng']);

export function findPeople(sentence: Sentence, tokens: readonly Token[], names: NameIndex, text: string): Person[] {
  const people: Person[] = [];
  const words = tokensIn(tokens, sentence);
  const at = (offset: number): number => words.findIndex((t) => t.start >= offset);
  for (const office of sentence.text.matchAll(OFFICE_CHAIN)) {
    const officeStart = sentence.start + (office.index ?? 0);
    let cursor = officeStart + office[0].length;
    // "Bộ trưởng Ngoại giao Hàn Quốc", "Đại sứ Việt Nam tại Mexico"
    let party: Person['party'];
    const next = names.parties.find((p) => p.start >= cursor && /^\s*$/.test(text.slice(cursor, p.start)));
    if (next) {
      party = { entry: next.entry, start: next.start, end: next.end };
      cursor = next.end;
      const abroad = /^\s+tại\s+/u.exec(text.slice(cursor));
      const host = abroad && names.parties.find((p) => p.start === cursor + abroad[0].length);
      if (host) cursor = host.end;
    }
    const name = nameAt(words, at(cursor), cursor, text, names);
    if (!name) continue;
    const role = { start: officeStart, end: cursor, text: text.slice(officeStart, cursor).trim() };
    // "Thứ trưởng Lê Văn Nam của Việt Nam"
    const of = /^\s+của\s+/u.exec(text.slice(name.end, name.end + 8));
    const own = of ? names.parties.find((p) => p.start === name.end + of[0].length) : undefined;
    const person: Person = { name, role, party: party ?? (own && { entry: own.entry, start: own.start, end: own.end }) };
    extendWithAppositive(person, text, sentence, names);
    people.push(person);
  }
  for (const honorific of sentence.text.matchAll(HONORIFIC)) {
    const start = sentence.start + (honorific.index ?? 0) + honorific[0].length;
    const name = nameAt(words, at(start), start, text, names);
    if (!name || people.some((p) => p.name.start === name.start)) continue;
    const person: Person = { name };
    extendWithAppositive(person, text, sentence, names);
    people.push(person);
  }
  return people.sort((a, b) => a.name.start - b.name.start);
}

/** Two to five capitalised words right at `offset`, none of them a catalog name or an office word. */
function nameAt(words: readonly Token[], index: number, offset: number, text: string, names: NameIndex): Person['name'] | undefined {
  if (index < 0 || !/^\s*$/.test(text.slice(offset, words[index].start))) return undefined;
  let last = index;
  while (
    last < words.length &&
    last - index < 5 &&
    words[last].capital &&
    !/\d/.test(words[last].raw) &&
    !NOT_NAME.has(words[last].raw) &&
    !names.covers(words[last].start) &&
    (last === index || /^[ \u00a0-]$/.test(text.slice(words[last - 1].end, words[last].start)))
  ) {
    last++;
  }
  if (last - index < 2) return undefined;
  const start = words[index].start;
  const end = words[last - 1].end;
  return { start, end, text: text.slice(start, end) };
}

/**
 * ", Trưởng SOM ASEAN của Việt Nam," after a name belongs to the person: it
 * is added to the role and may give the party. The role's span stays the
 * first office's; its text lists every office.
 */
function extendWithAppositive(person: Person, text: string, sentence: Sentence, names: NameIndex): void {
  let cursor = person.name.end;
  const offices = person.role ? [person.role.text] : [];
  for (let k = 0; k < 3; k++) {
    const comma = /^\s*,\s*/.exec(text.slice(cursor, sentence.end));
    if (!comma) break;
    const from = cursor + comma[0].length;
    const clause = (/^[^,.;]*?(?=\s+(?:dẫn đầu|làm|là|đã|sẽ|tham dự|phát biểu|cho biết|khẳng định|nhấn mạnh|và)(?!\p{L})|[,.;]|$)/u.exec(text.slice(from, sentence.end))?.[0] ?? '').trimEnd();
    if (!OFFICE_START.test(clause)) break;
    const end = from + clause.length;
    offices.push(clause);
    person.role ??= { start: from, end, text: clause };
    const party = names.partiesIn({ start: from, end }).filter((p) => !p.entry.name.startsWith('ASEAN')).pop();
    if (!person.party && party) person.party = { entry: party.entry, start: party.start, end: party.end };
    cursor = end;
  }
  if (person.role) person.role = { ...person.role, text: offices.join(', ') };
}

const OFFICE_START = new RegExp(`^${OFFICE}(?!\\p{L})`, 'u');

const LEADS = /(?<!\p{L})(?:dẫn\s+đầu|làm\s+Trưởng\s+đoàn|là\s+Trưởng\s+đoàn)\s+(?:(?:Đoàn|đoàn)\s+)?/gu;
const CO_CHAIR = /(?<!\p{L})(?:đã\s+)?(?:cùng\s+)?(?:đồng\s+)?chủ\s+trì(?!\p{L})/gu;
const ATTENDS = /(?<!\p{L})(?:Tham\s+dự|tham\s+dự)(?!\p{L})/gu;

/** Heads of delegation named in one sentence. */
export function findHeads(sentence: Sentence, people: readonly Person[], names: NameIndex, text: string, registry: PartyRegistry): Head[] {
  const heads: Head[] = [];
  const add = (person: Person, party: Head['party'] | undefined, cue: Span): void => {
    const resolved = party ?? person.party ?? registry.get(person);
    if (!resolved || heads.some((h) => h.person.name.start === person.name.start)) return;
    heads.push({ person, party: resolved, cue });
  };
  for (const lead of sentence.text.matchAll(LEADS)) {
    const start = sentence.start + (lead.index ?? 0);
    const leader = [...people].reverse().find((p) => p.name.end <= start);
    if (!leader) continue;
    // The party of the delegation: the first one within a few words ("Đoàn đại biểu Bộ Quốc phòng Việt Nam").
    const window = { start: start + lead[0].length, end: Math.min(sentence.end, start + lead[0].length + 40) };
    const party = names.partiesIn(window).find((p) => !p.entry.name.startsWith('ASEAN'));
    const cueEnd = party?.end ?? window.start;
    add(leader, party && { entry: party.entry, start: party.start, end: party.end }, { start, end: cueEnd });
    if (party && !leader.party) leader.party = { entry: party.entry, start: party.start, end: party.end };
  }
  for (const chair of sentence.text.matchAll(CO_CHAIR)) {
    const start = sentence.start + (chair.index ?? 0);
    const cue = { start, end: start + chair[0].length };
    // "X và Y đồng chủ trì" (before) or "do X và Y đồng chủ trì" / "dưới sự chủ trì của X" (after "do"/"của").
    const before = people.filter((p) => p.name.end <= start && clauseBetween(text, p.name.end, start));
    for (const person of before) add(person, undefined, cue);
  }
  for (const attend of sentence.text.matchAll(ATTENDS)) {
    const start = sentence.start + (attend.index ?? 0);
    const after = people.filter((p) => p.name.start > start && p.party && /(?:còn\s+)?có\s/u.test(text.slice(start, p.name.start)));
    for (const person of after) add(person, undefined, { start, end: start + attend[0].length });
  }
  return heads;
}

/** No full stop or semicolon between two offsets (commas and "và" are fine: one clause). */
function clauseBetween(text: string, from: number, to: number): boolean {
  return !/[.;]/.test(text.slice(from, to)) && to - from < 200;
}

/** Parties people were given earlier in the article: "Thứ trưởng Đỗ Hùng Việt" keeps Viet Nam from his first mention. */
export class PartyRegistry {
  private readonly byName = new Map<string, Head['party']>();

  remember(person: Person): void {
    if (person.party) this.byName.set(foldName(person.name.text), person.party);
  }

  get(person: Person): Head['party'] | undefined {
    return this.byName.get(foldName(person.name.text));
  }
}

