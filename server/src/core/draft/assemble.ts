import type { CatalogIndex, MechanismEntry, PartyEntry } from '../catalog';
import type { Span } from '../types';
import { isoDate, readArticle, type Article, type Sentence } from './article';
import { findDates, type DateMention } from './dates';
import { findDocuments, type DocumentMention } from './documents';
import { Gazetteer, type NameIndex, type PartyMatch } from './gazetteer';
import { findPhrases, naturalLevel, resolveAseanPlusOne, type Level, type MeetingPhrase } from './meetings';
import { findHeads, findPeople, PartyRegistry, type Head, type Person } from './people';
import { anniversaryYears, seriesMeeting, writtenYears, yearBefore, yearOf, type YearSource } from './years';

/**
 * Walks an article section by section. A sentence that reports a meeting
 * (a meeting phrase, a date, a verb such as "diễn ra" or "tham dự") opens a
 * group of meetings; "Tại hội nghị ASEAN - Nhật Bản" opens one session of a
 * cluster; later sentences go to the meeting they name (its mechanism or a
 * partner only it has), else stay with the last one named. Facts found in a
 * sentence go to the meetings it is about.
 */

export interface Fact<T> {
  value: T;
  spans: Span[];
}

export interface FollowUp {
  title: Fact<string>;
  mechanism?: Fact<string>;
  date?: Fact<string>;
  /** To merge repeated mentions of one announced meeting: its framework, number and level. */
  mechanismName?: string;
  ordinal?: number;
  level?: Level;
}

export interface Meeting {
  section: number;
  phrase: MeetingPhrase;
  title: Fact<string>;
  mechanism?: Fact<MechanismEntry>;
  level?: Fact<Level>;
  series?: Fact<string> & { year: number };
  date?: DateMention;
  year?: YearSource;
  format?: Fact<'online' | 'hybrid'>;
  city?: Fact<string>;
  country?: Fact<string>;
  venue?: Fact<string>;
  chair?: Fact<string>;
  partners: Array<Fact<PartyEntry>>;
  participants: Array<Fact<PartyEntry>>;
  heads: Head[];
  documents: DocumentMention[];
  followUps: FollowUp[];
  sentences: Sentence[];
  parent?: Meeting;
  /** Several sessions reported together ("các Hội nghị ASEAN+1 với …"). */
  cluster: boolean;
  /** "đại diện 10 nước ASEAN": every member state took part. */
  allMembers?: Span;
}

interface SectionState {
  group: Meeting[];
  focus: Meeting[];
  umbrella?: { series?: Fact<string> & { year: number }; mechanism: MechanismEntry };
  /** The place of the last meeting reported in the section, for meetings reported without one ("Cũng trong ngày 23/7/2024, …"). */
  place?: Pick<Meeting, 'city' | 'country'>;
}

export interface Analysis {
  article: Article;
  names: NameIndex;
  meetings: Meeting[];
}

export function analyseArticle(text: string, catalog: CatalogIndex): Analysis {
  const article = readArticle(text);
  const names = new Gazetteer(catalog).find(text, article.tokens);
  const dates = findDates(text);
  const registry = new PartyRegistry();
  const meetings: Meeting[] = [];
  const aseanPlusOne = resolveAseanPlusOne(catalog);
  const sections = new Map<number, SectionState>();
  for (const sentence of article.sentences) {
    if (sentence.skip) continue;
    const state = sections.get(sentence.section) ?? { group: [], focus: [] };
    sections.set(sentence.section, state);
    const phrases = findPhrases(sentence, names, text, dates);
    const people = findPeople(sentence, article.tokens, names, text);
    for (const person of people) registry.remember(person);
    noteUmbrella(state, phrases, sentence, names, text, catalog);
    // A meeting that took place has a day: "từ tháng 3-5/2021" dates plans, not a meeting.
    const reported = phrases.filter((p) => p.relation === 'reported' && p.date?.day !== undefined && (p.mechanism || p.pair || names.partiesIn(p).length > 0));
    let reporting = false;
    if (reported.length > 0) {
      const group = reported.map((phrase) => sameMeeting(meetings, phrase, sentence.section) ?? newMeeting(meetings, phrase, sentence, text, aseanPlusOne));
      state.group = [...new Set(group)];
      state.focus = state.group;
      reporting = true;
      for (const meeting of state.group) {
        reportFacts(meeting, sentence, phrases, people, names, text);
        completeFromContext(meeting, state, sentence, phrases, text, catalog);
      }
    } else {
      const sub = subMeeting(state, phrases, sentence, names, text, meetings, aseanPlusOne);
      if (sub) state.focus = [sub];
      else refocus(state, sentence, phrases, names, text);
    }
    if (state.focus.length === 0) continue;
    for (const meeting of state.focus) meeting.sentences.push(sentence);
    sentenceFacts(state, sentence, phrases, people, registry, names, text, reporting);
  }
  for (const meeting of meetings) {
    meeting.mechanism ??= mechanismMentioned(meeting, names);
    finishYear(meeting, article, names, dates);
  }
  for (const meeting of meetings) if (!meeting.year && meeting.parent?.year) meeting.year = meeting.parent.year;
  return { article, names, meetings: meetings.filter((m) => m.mechanism && !(m.cluster && m.partners.length === 0)) };
}

function newMeeting(meetings: Meeting[], phrase: MeetingPhrase, sentence: Sentence, text: string, aseanPlusOne: MechanismEntry | undefined): Meeting {
  const meeting: Meeting = {
    section: sentence.section,
    phrase,
    title: titleOf(phrase, text),
    date: phrase.date,
    partners: [],
    participants: [],
    heads: [],
    documents: [],
    followUps: [],
    sentences: [],
    cluster: false,
  };
  if (phrase.mechanism) meeting.mechanism = { value: phrase.mechanism.entry, spans: [phrase.mechanism] };
  else if (phrase.pair && aseanPlusOne) meeting.mechanism = { value: aseanPlusOne, spans: [phrase.pair] };
  if (phrase.level) meeting.level = { value: phrase.level.level, spans: [phrase.level] };
  if (phrase.online) meeting.format = { value: 'online', spans: [phrase.online] };
  meetings.push(meeting);
  return meeting;
}

/** The same meeting reported twice ("Cuộc họp … đã diễn ra chiều nay, 14/1"): same section, framework and day. */
function sameMeeting(meetings: readonly Meeting[], phrase: MeetingPhrase, section: number): Meeting | undefined {
  return meetings.find(
    (m) =>
      m.section === section &&
      !m.parent &&
      m.mechanism?.value.name === phrase.mechanism?.entry.name &&
      m.date?.day === phrase.date?.day &&
      m.date?.month === phrase.date?.month &&
      m.phrase.pair?.entry === phrase.pair?.entry,
  );
}

/** The meeting's name in the article's words, without the list of partners or participants that follows. */
function titleOf(phrase: MeetingPhrase, text: string): Fact<string> {
  let end = phrase.end;
  const words = text.slice(phrase.start, phrase.end);
  const list = /\s*(?:\(\s*với\b|\bvới\s+sự\b|,\s*gồm\b|\bgồm\b|\bvới\s+\d+\s)/u.exec(words);
  if (list && list.index > 8) end = phrase.start + list.index;
  const raw = text.slice(phrase.start, end).replace(/\s+/g, ' ').trim();
  const value = raw.charAt(0).toUpperCase() + raw.slice(1);
  return { value, spans: [{ start: phrase.start, end: phrase.start + text.slice(phrase.start, end).trimEnd().length }] };
}

/** Facts of the sentence that reports the meeting: place, partners and participants listed with it, format. */
function reportFacts(meeting: Meeting, sentence: Sentence, phrases: readonly MeetingPhrase[], people: readonly Person[], names: NameIndex, text: string): void {
  const futureStart = Math.min(...phrases.filter((p) => p.relation === 'future').map((p) => p.start), sentence.end);
  const blocked = blockedSpans(sentence, people, text);
  const place = placeOf(sentence, names, text, futureStart, blocked);
  if (place.city && !meeting.city) meeting.city = place.city;
  if (place.country && !meeting.country) meeting.country = place.country;
  if (place.venue && !meeting.venue) meeting.venue = place.venue;
  if (!meeting.format) {
    const online = /(?<!\p{L})(kết hợp trực tiếp và trực tuyến|trực tuyến)(?!\p{L})/u.exec(sentence.text);
    if (online) meeting.format = { value: online[1].startsWith('kết hợp') ? 'hybrid' : 'online', spans: [offsetSpan(sentence, online)] };
  }
  const own = phrases.filter((p) => p.relation === 'reported');
  const index = own.indexOf(meeting.phrase);
  const listEnd = index >= 0 && index + 1 < own.length ? own[index + 1].start : futureStart;
  const listStart = meeting.phrase.start >= sentence.start && meeting.phrase.end <= sentence.end ? meeting.phrase.start : sentence.start;
  const skipPhrases = phrases.filter((p) => p !== meeting.phrase && p.relation !== 'reported');
  const lists = participantLists(names, { start: listStart, end: listEnd }, text, [...blocked, ...place.spans, ...skipPhrases]);
  if (meeting.phrase.pair) addParty(meeting.partners, meeting.phrase.pair);
  for (const party of lists) {
    if (isAseanItself(party.entry)) {
      if (party.entry.name !== 'ASEAN') addParty(meeting.participants, party);
    } else if (party.entry.kind === 'asean-member') addParty(meeting.participants, party);
    else {
      addParty(meeting.partners, party);
      addParty(meeting.participants, party);
    }
  }
  const all = ALL_MEMBERS.exec(sentence.text);
  if (all) meeting.allMembers = offsetSpan(sentence, all);
}

/** "đại diện 10 nước ASEAN", "mười nước thành viên ASEAN": every member state, without naming one (also what grounds them). */
export const ALL_MEMBERS = /(?<!\p{L})(\d{1,2}|mười)\s+nước\s+(?:thành viên\s+)?ASEAN(?!\p{L})/u;

/** Series, level and place a reported meeting takes from its own number, its sentence or the section's umbrella event. */
function completeFromContext(meeting: Meeting, state: SectionState, sentence: Sentence, phrases: readonly MeetingPhrase[], text: string, catalog: CatalogIndex): void {
  const phrase = meeting.phrase;
  const mechanism = meeting.mechanism?.value;
  if (!meeting.level) {
    const own = phraseMechanismLevel(phrase, mechanism);
    const inSentence = own ? undefined : sentenceLevel(sentence, phrases, text);
    const umbrella = state.umbrella && naturalLevel(state.umbrella.mechanism);
    if (own) meeting.level = { value: own, spans: [meeting.mechanism?.spans[0] ?? phrase] };
    else if (inSentence) meeting.level = inSentence;
    else if (umbrella && state.umbrella) meeting.level = { value: umbrella, spans: [] };
  }
  if (!meeting.series && mechanism && phrase.ordinal && meeting.level && naturalLevel(mechanism) === meeting.level.value) {
    const series = seriesMeeting(catalog, mechanism, phrase.ordinal.n);
    if (series) meeting.series = { value: series.series, year: series.year, spans: [phrase.ordinal] };
  }
  if (!meeting.series && state.umbrella?.series && state.umbrella.mechanism !== mechanism) meeting.series = state.umbrella.series;
  if (meeting.city || meeting.country) state.place = { city: meeting.city, country: meeting.country };
  else if (state.place) Object.assign(meeting, { city: state.place.city, country: state.place.country });
}

function phraseMechanismLevel(phrase: MeetingPhrase, mechanism: MechanismEntry | undefined): Level | undefined {
  return mechanism ? naturalLevel(mechanism) : undefined;
  void phrase;
}

/** "Thứ trưởng … đã cùng Trưởng SOM các nước ASEAN tham dự phiên họp …": who met, said outside the meeting's name. */
function sentenceLevel(sentence: Sentence, phrases: readonly MeetingPhrase[], text: string): Fact<Level> | undefined {
  let masked = text.slice(sentence.start, sentence.end);
  for (const p of phrases) masked = masked.slice(0, p.start - sentence.start) + ' '.repeat(p.end - p.start) + masked.slice(p.end - sentence.start);
  for (const [pattern, level] of SENTENCE_LEVELS) {
    const match = pattern.exec(masked);
    if (match) return { value: level, spans: [{ start: sentence.start + (match.index ?? 0), end: sentence.start + (match.index ?? 0) + match[0].length }] };
  }
  return undefined;
}

const SENTENCE_LEVELS: ReadonlyArray<[RegExp, Level]> = [
  [/(?<!\p{L})(?:Trưởng SOM|quan chức cao cấp|Quan chức cao cấp)(?!\p{L})/u, 'senior-officials'],
  [/(?<!\p{L})(?:các nhà lãnh đạo|Nguyên thủ|nguyên thủ)(?!\p{L})/u, 'summit'],
  [/(?<!\p{L})(?:các Bộ trưởng|Bộ trưởng Ngoại giao các nước)(?!\p{L})/u, 'ministerial'],
  [/(?<!\p{L})(?:Đại sứ các nước)(?!\p{L})/u, 'ambassadors'],
];

function offsetSpan(sentence: Sentence, match: RegExpExecArray): Span {
  const start = sentence.start + (match.index ?? 0);
  return { start, end: start + match[0].length };
}

/** ASEAN and its own bodies (the Secretariat) are not partners of ASEAN. */
function isAseanItself(party: PartyEntry): boolean {
  return party.name === 'ASEAN' || party.name.startsWith('ASEAN ');
}

function addParty(list: Array<Fact<PartyEntry>>, match: PartyMatch): void {
  const found = list.find((f) => f.value === match.entry);
  if (found) found.spans.push({ start: match.start, end: match.end });
  else list.push({ value: match.entry, spans: [{ start: match.start, end: match.end }] });
}

/** Words no party list may come from: the reporter ("phóng viên TTXVN tại Lào"), people's offices, "dẫn đầu đoàn Việt Nam", the chair. */
function blockedSpans(sentence: Sentence, people: readonly Person[], text: string): Span[] {
  const spans: Span[] = [];
  for (const person of people) {
    spans.push(person.name);
    if (person.role) spans.push(person.role);
    if (person.party) spans.push(person.party);
  }
  for (const match of sentence.text.matchAll(/(?<!\p{L})(?:phóng viên|Phóng viên)[^,.;]*|(?:dẫn đầu|Trưởng đoàn)\s+(?:Đoàn\s+|đoàn\s+)?(?:[^,.;]{0,40}?)(?=\s+(?:tham dự|dự|sang)|[,.;]|$)|(?:sự\s+)?chủ trì của\s+[^,.;]*|(?:Đại sứ quán|Sứ quán)\s+[^,.;]*?(?=\s+ngày|\s+nhằm|[,.;]|$)/gu)) {
    spans.push(offsetSpan(sentence, match));
  }
  void text;
  return spans;
}

const inside = (span: Span, spans: readonly Span[]): boolean => spans.some((s) => s.start <= span.start && span.end <= s.end);

/**
 * Runs of parties in a list ("Australia, Canada, Trung Quốc … và Vương quốc
 * Anh"), each introduced by a list word ("với", "gồm", "tham gia của") or at
 * least three long: a lone party in passing is not a participant.
 */
function participantLists(names: NameIndex, span: Span, text: string, blocked: readonly Span[]): PartyMatch[] {
  const parties = names.partiesIn(span).filter((p) => !inside(p, blocked));
  const out: PartyMatch[] = [];
  let run: PartyMatch[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const lead = text.slice(Math.max(span.start, run[0].start - 40), run[0].start);
    const cued = /(?:với|gồm|gồm có|bao gồm|là|tham gia của|tham dự của|các nước|đối tác|thuộc|giữa|\()\s*(?:(?:đại diện|các nước|nước|\d+|đối tác|của|\(|gồm|các|Bộ trưởng Quốc phòng hoặc|hoặc)\s*)*$/u.test(lead);
    if (cued || run.length >= 3) out.push(...run);
    run = [];
  };
  for (const party of parties) {
    const previous = run[run.length - 1];
    if (previous && /^[\s,()]*(?:(?:và|cùng)[\s,()]+)?$/u.test(text.slice(previous.end, party.start))) run.push(party);
    else {
      flush();
      run = [party];
    }
  }
  flush();
  return out;
}

/** "tại thủ đô Viêng Chăn", "tại Singapore", "tại Băng Cốc, Thái Lan", "tại Đại sứ quán Việt Nam tại Mexico". */
function placeOf(sentence: Sentence, names: NameIndex, text: string, before: number, blocked: readonly Span[]): { city?: Fact<string>; country?: Fact<string>; venue?: Fact<string>; spans: Span[] } {
  const out: { city?: Fact<string>; country?: Fact<string>; venue?: Fact<string>; spans: Span[] } = { spans: [] };
  for (const match of sentence.text.matchAll(/(?<!\p{L})(?:tại|ở)\s+(?:thủ đô\s+|thành phố\s+|TP\.?\s*)?/gu)) {
    const at = sentence.start + (match.index ?? 0) + match[0].length;
    if (at >= before || inside({ start: at, end: at }, blocked.filter((b) => !/^(?:Đại sứ quán|Sứ quán)/u.test(text.slice(b.start, b.end))))) continue;
    const venue = /^(?:Trung tâm Hội nghị|Đại sứ quán|Sứ quán|Khách sạn|Cung|Nhà Quốc hội|Trụ sở|Học viện|Tòa nhà)[^,.;]*?(?=\s+(?:ngày|nhằm|để|vào|ở|từ|đã)\s|[,.;]|$)/u.exec(text.slice(at, sentence.end));
    if (venue && !out.venue) {
      out.venue = { value: venue[0], spans: [{ start: at, end: at + venue[0].length }] };
      out.spans.push(out.venue.spans[0]);
      continue;
    }
    const place = names.places.find((p) => p.start === at);
    const party = names.parties.find((p) => p.start === at);
    if (place && !out.city) {
      out.city = { value: place.entry.name, spans: [place] };
      out.spans.push(place);
      const country = names.parties.find((p) => p.start > place.end && /^\s*[,(]\s*$/.test(text.slice(place.end, p.start)));
      const countryEntry = country?.entry.name === place.entry.country ? country : undefined;
      out.country = { value: place.entry.country, spans: [countryEntry ?? place] };
      if (countryEntry) out.spans.push(countryEntry);
      break;
    }
    if (party && !out.country) {
      out.country = { value: party.entry.name, spans: [party] };
      out.spans.push(party);
      if (party.entry.kind === 'asean-member' && names.places.some((p) => p.start === party.start)) out.city = { value: party.entry.name, spans: [party] };
      break;
    }
  }
  return out;
}

function noteUmbrella(state: SectionState, phrases: readonly MeetingPhrase[], sentence: Sentence, names: NameIndex, text: string, catalog: CatalogIndex): void {
  for (const phrase of phrases) {
    const isUmbrella = phrase.relation === 'context' || (phrase.umbrella && phrase.relation === 'future');
    if (!isUmbrella || !phrase.mechanism) continue;
    const mechanism = phrase.mechanism.entry;
    const series = phrase.ordinal ? seriesMeeting(catalog, mechanism, phrase.ordinal.n) : undefined;
    if (!series && state.umbrella) continue;
    state.umbrella = { mechanism, series: series && { value: series.series, year: series.year, spans: [phrase.ordinal as Span] } };
    void names;
    void text;
    void sentence;
  }
}

/** "Tại hội nghị ASEAN - Nhật Bản", "Các Bộ trưởng ASEAN - Trung Quốc", "đồng chủ trì Hội nghị … ASEAN-Hàn Quốc": one session of a cluster. */
function subMeeting(state: SectionState, phrases: readonly MeetingPhrase[], sentence: Sentence, names: NameIndex, text: string, meetings: Meeting[], aseanPlusOne: MechanismEntry | undefined): Meeting | undefined {
  const cluster = state.group.find((m) => m.cluster || (!m.parent && m.mechanism?.value === aseanPlusOne && m.partners.length >= 2));
  if (!cluster) return undefined;
  let pair = phrases.find((p) => p.pair && p.relation !== 'future' && p.relation !== 'context')?.pair;
  if (!pair) {
    const opening = names.partiesIn({ start: sentence.start, end: Math.min(sentence.end, sentence.start + 40) });
    for (let i = 0; i + 1 < opening.length && !pair; i++) {
      if (opening[i].entry.name === 'ASEAN' && /^\s*[-–—]\s*$/.test(text.slice(opening[i].end, opening[i + 1].start))) pair = opening[i + 1];
    }
  }
  if (!pair) return undefined;
  const partner = pair.entry;
  const existing = state.group.find((m) => m.parent === cluster && m.partners[0]?.value === partner);
  if (existing) return existing;
  if (!cluster.partners.some((p) => p.value === partner)) return undefined;
  cluster.cluster = true;
  cluster.partners = cluster.partners.filter((p) => p.value !== partner);
  const phrase = phrases.find((p) => p.pair === pair);
  const sub: Meeting = {
    section: sentence.section,
    phrase: phrase ?? cluster.phrase,
    title: phrase ? titleOf(phrase, text) : { value: text.slice(pair.start - (text.slice(0, pair.start).match(/ASEAN\s*[-–—]\s*$/u)?.[0].length ?? 0), pair.end), spans: [{ start: pair.start - (text.slice(0, pair.start).match(/ASEAN\s*[-–—]\s*$/u)?.[0].length ?? 0), end: pair.end }] },
    mechanism: aseanPlusOne ? { value: aseanPlusOne, spans: [pair] } : cluster.mechanism,
    level: cluster.level,
    series: cluster.series,
    date: cluster.date,
    format: cluster.format,
    city: cluster.city,
    country: cluster.country,
    partners: [{ value: partner, spans: [{ start: pair.start, end: pair.end }] }],
    participants: [],
    heads: [],
    documents: [],
    followUps: [],
    sentences: [],
    parent: cluster,
    cluster: false,
  };
  meetings.push(sub);
  state.group.push(sub);
  return sub;
}

/** Follow the sentence to the one meeting it names; "các hội nghị" means them all. */
function refocus(state: SectionState, sentence: Sentence, phrases: readonly MeetingPhrase[], names: NameIndex, text: string): void {
  if (state.group.length === 0) return;
  if (/^(?:Tại|Phát biểu tại|Kết thúc|Trong)\s+các\s+(?:hội nghị|Hội nghị|cuộc họp)/u.test(sentence.text)) {
    state.focus = state.group.filter((m) => !m.parent);
    return;
  }
  const futurePhrases = phrases.filter((p) => p.relation === 'future');
  const cueMechanisms = new Set(names.mechanismsIn(sentence).filter((m) => !inside(m, futurePhrases)).map((m) => m.entry));
  const byMechanism = state.group.filter((m) => m.mechanism && cueMechanisms.has(m.mechanism.value) && !m.cluster);
  if (byMechanism.length === 1) {
    state.focus = byMechanism;
    return;
  }
  const cueParties = new Set(names.partiesIn(sentence).filter((p) => !inside(p, futurePhrases)).map((p) => p.entry));
  const owners = state.group.filter((m) => m.partners.some((p) => cueParties.has(p.value) && state.group.filter((o) => o.partners.some((q) => q.value === p.value)).length === 1));
  if (owners.length === 1) state.focus = owners;
  void text;
}

function sentenceFacts(state: SectionState, sentence: Sentence, phrases: readonly MeetingPhrase[], people: readonly Person[], registry: PartyRegistry, names: NameIndex, text: string, reporting: boolean): void {
  const targets = state.focus;
  const heads = findHeads(sentence, people, names, text, registry);
  for (const meeting of targets) {
    for (const head of heads) if (!meeting.heads.some((h) => h.person.name.text === head.person.name.text)) meeting.heads.push(head);
    if (meeting.level?.value === 'ambassadors' || (!meeting.level && /Đại sứ/u.test(meeting.phrase && text.slice(meeting.phrase.start, meeting.phrase.end)))) {
      for (const person of people) {
        const party = person.party ?? registry.get(person);
        if (person.role?.text.startsWith('Đại sứ') && party && !meeting.heads.some((h) => h.person.name.text === person.name.text)) meeting.heads.push({ person, party, cue: person.role });
      }
    }
    if (!meeting.chair) meeting.chair = chairOf(sentence, names, text, people, registry, heads);
  }
  const documents = findDocuments(sentence, names, text);
  for (const meeting of targets) for (const doc of documents) if (!meeting.documents.some((d) => d.title === doc.title)) meeting.documents.push(doc);
  for (const phrase of phrases) {
    if (phrase.relation !== 'future') continue;
    const followUp = followUpOf(phrase, text, state);
    if (!followUp) continue;
    const target = followUpTarget(state, phrase);
    if (!target) continue;
    const same = target.followUps.find((f) => sameFollowUp(f, followUp));
    if (!same) target.followUps.push(followUp);
    else if (!same.date && followUp.date) same.date = followUp.date;
  }
  void reporting;
}

/** One announced meeting mentioned twice: same framework, and the same number or level where both give one. */
function sameFollowUp(a: FollowUp, b: FollowUp): boolean {
  if (a.mechanismName !== b.mechanismName) return false;
  if (a.mechanismName === undefined) return a.title.value === b.title.value;
  if (a.ordinal !== undefined && b.ordinal !== undefined) return a.ordinal === b.ordinal && a.level === b.level;
  return a.level === undefined || b.level === undefined || a.level === b.level;
}

function followUpOf(phrase: MeetingPhrase, text: string, state: SectionState): FollowUp | undefined {
  const mechanism = phrase.mechanism ? { value: phrase.mechanism.entry.name, spans: [phrase.mechanism as Span] } : phrase.pair ? { value: 'ASEAN+1', spans: [phrase.pair as Span] } : undefined;
  if (!mechanism && !phrase.date) return undefined;
  const title = titleOf(phrase, text);
  const followUp: FollowUp = { title, mechanismName: mechanism?.value, ordinal: phrase.ordinal?.n, level: phrase.level?.level };
  if (mechanism) followUp.mechanism = mechanism;
  if (phrase.date) followUp.date = { value: '', spans: [phrase.date] };
  void state;
  return followUp;
}

/** An announced meeting belongs to the meeting of its framework; else to the focus, or the cluster of a focused session. */
function followUpTarget(state: SectionState, phrase: MeetingPhrase): Meeting | undefined {
  const mechanism = phrase.mechanism?.entry.name ?? (phrase.pair ? 'ASEAN+1' : undefined);
  const same = state.focus.length > 1 ? state.focus.filter((m) => m.mechanism?.value.name === mechanism) : [];
  if (same.length === 1) return same[0];
  const focus = state.focus[0];
  if (!focus) return undefined;
  if (focus.parent && !(phrase.pair && focus.partners.some((p) => p.value === phrase.pair?.entry))) return focus.parent;
  return focus;
}

function chairOf(sentence: Sentence, names: NameIndex, text: string, people: readonly Person[], registry: PartyRegistry, heads: readonly Head[]): Fact<string> | undefined {
  const cues = /(?<!\p{L})(?:(?:dưới\s+)?sự\s+chủ\s+trì\s+của|nước\s+Chủ\s+tịch(?:\s+ASEAN)?|nước\s+chủ\s+nhà|do)\s+/gu;
  for (const cue of sentence.text.matchAll(cues)) {
    const at = sentence.start + (cue.index ?? 0) + cue[0].length;
    const party = names.parties.find((p) => p.start === at && !isAseanItself(p.entry));
    if (party && (!/^do\s/u.test(cue[0]) || /^\s*(?:đồng\s+)?chủ\s+trì/u.test(text.slice(party.end, party.end + 20)))) return { value: party.entry.name, spans: [party] };
    const person = people.find((p) => p.role && p.role.start === at);
    const party2 = person && (person.party ?? registry.get(person));
    if (party2 && !/^do\s/u.test(cue[0])) return { value: party2.entry.name, spans: [party2] };
  }
  // Co-chairs: the ASEAN side chairs.
  const aseanHead = heads.find((h) => h.party.entry.kind === 'asean-member' && /chủ\s+trì/u.test(text.slice(h.cue.start, h.cue.end)));
  if (aseanHead) return { value: aseanHead.party.entry.name, spans: [aseanHead.party] };
  // "với cương vị Chủ tịch Ủy ban ASEAN tại Mexico": the head whose office chairs.
  const chairing = /(?<!\p{L})Chủ\s+tịch\s+Ủy\s+ban\s+ASEAN/u.exec(sentence.text);
  if (chairing) {
    const before = [...people].reverse().find((p) => p.name.end <= sentence.start + (chairing.index ?? 0));
    const party = before && (before.party ?? registry.get(before));
    if (party) return { value: party.entry.name, spans: [party, offsetSpan(sentence, chairing)] };
  }
  return undefined;
}

/** A meeting reported without its framework ("Đại sứ các nước ASEAN … đã nhóm họp"): the one its report names ("Chủ tịch Ủy ban ASEAN tại Mexico"). */
function mechanismMentioned(meeting: Meeting, names: NameIndex): Fact<MechanismEntry> | undefined {
  for (const sentence of meeting.sentences) {
    const found = names.mechanismsIn(sentence).find((m) => m.entry.name !== 'SOM');
    if (found) return { value: found.entry, spans: [found] };
  }
  return undefined;
}

function finishYear(meeting: Meeting, article: Article, names: NameIndex, dates: readonly DateMention[]): void {
  const date = meeting.date;
  if (!date) return;
  if (date.year !== undefined) {
    meeting.year = { year: date.year, start: date.start, end: date.end, because: 'the article gives it' };
    return;
  }
  const series = meeting.series;
  if (series) {
    meeting.year = { year: series.year, ...series.spans[0], because: `${series.value} is held in ${series.year}` };
    return;
  }
  const own = meeting.parent ? [...meeting.sentences, ...meeting.parent.sentences] : meeting.sentences;
  const anniversary = own.flatMap((s) => anniversaryYears(s, names))[0];
  if (anniversary) {
    meeting.year = anniversary;
    return;
  }
  if (article.published) {
    meeting.year = { year: yearBefore(date, article.published.date), start: article.published.start, end: article.published.end, because: `the article was published on ${article.published.date}` };
    return;
  }
  for (const followUp of meeting.followUps) {
    const mention = followUp.date?.spans[0] as DateMention | undefined;
    if (mention?.year === undefined) continue;
    const year = mention.month >= date.month ? mention.year : mention.year - 1;
    meeting.year = { year, start: mention.start, end: mention.end, because: `the report dates a later meeting in ${mention.month}/${mention.year}` };
    return;
  }
  const section = article.sentences.filter((s) => s.section === meeting.section);
  const written = [...writtenYears(section, names), ...dates.filter((d) => d.year !== undefined && section.some((s) => s.start <= d.start && d.end <= s.end)).map((d) => ({ start: d.start, end: d.end, year: d.year as number }))];
  const years = [...new Set(written.map((y) => y.year))];
  if (years.length === 1) meeting.year = { year: years[0], start: written[0].start, end: written[0].end, because: `the only year the report names is ${years[0]}` };
}

export function isoOf(mention: DateMention, year: number, end = false): string | undefined {
  if (end) {
    if (mention.endDay === undefined) return undefined;
    return isoDate(mention.endYear ?? (mention.endMonth !== undefined && mention.endMonth < mention.month ? year + 1 : year), mention.endMonth ?? mention.month, mention.endDay);
  }
  if (mention.day === undefined) return undefined;
  return isoDate(year, mention.month, mention.day);
}

export { yearOf, naturalLevel };
