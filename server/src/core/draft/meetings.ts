import { resolvedEntry, type CatalogIndex, type MechanismEntry } from '../catalog';
import type { Span } from '../types';
import type { Sentence } from './article';
import type { DateMention } from './dates';
import type { MechanismMatch, NameIndex, PartyMatch } from './gazetteer';

/**
 * Meeting phrases in a sentence: "Hội nghị các quan chức cao cấp ASEAN+3
 * (với các nước Trung Quốc, Nhật Bản, Hàn Quốc)", "các Hội nghị Bộ trưởng
 * ASEAN 1 với Australia, Canada, …", "Diễn đàn Khu vực ASEAN (ARF) lần thứ
 * 26", "hội nghị ASEAN - Nhật Bản". Each phrase knows its mechanism, level,
 * number and partners as written, and how the sentence relates to it:
 * reported (it took place), future (announced), context (the umbrella
 * event: "trong khuôn khổ AMM-57"), or only mentioned.
 */

export type Level = 'summit' | 'ministerial' | 'senior-officials' | 'ambassadors' | 'working-level' | 'other';
export type Relation = 'reported' | 'future' | 'context' | 'mention';

export interface MeetingPhrase extends Span {
  mechanism?: { entry: MechanismEntry } & Span;
  /** "ASEAN - Nhật Bản": ASEAN with one partner. */
  pair?: PartyMatch;
  level?: { level: Level } & Span;
  /** "lần thứ 57", "AMM 57", "ASEM 13". */
  ordinal?: { n: number } & Span;
  online?: Span;
  /** "các hội nghị", "một loạt hội nghị": several sessions. */
  plural: boolean;
  relation: Relation;
  /** Followed by "và các hội nghị liên quan": an umbrella week of meetings. */
  umbrella: boolean;
  date?: DateMention;
}

/** A mechanism whose own name is a meeting's ("Diễn đàn Khu vực ASEAN", "Hội nghị Cấp cao Đông Á"). */
const HEADED = /^(?:Hội nghị|Diễn đàn|Cấp cao|Cuộc họp|Hội nghị Cấp cao)(?!\p{L})/u;
const HEAD = /(?<!\p{L})(?:Hội nghị|hội nghị|Cuộc họp|cuộc họp|Phiên họp|phiên họp|Cấp cao|cấp cao)(?!\p{L})/gu;
/** Before a mechanism's name, these make it people or a role, not a meeting: "các Bộ trưởng Ngoại giao ASEAN", "Trưởng SOM ASEAN". */
const PEOPLE_BEFORE = /(?:các|những|Các|Những|Trưởng|trưởng|Chủ tịch|Ủy ban|đoàn|Đoàn|nước|thành viên|tiến trình|vai trò|quan chức cao cấp|Quan chức cao cấp|Bộ trưởng|đối tác|hợp tác|cho)\s+$/u;
/** Where a meeting's name ends: a verb, a preposition of place or time, a new clause, another meeting. */
const END =
  /\s+(?:để|nhằm|đã|sẽ|đang|diễn ra|được|tại|ở|vào|ngày|sáng|chiều|tối|do|dưới|nhân dịp|khi|là|bàn|thảo luận|trao đổi|tiếp tục|thông qua|dự kiến|từ|hướng tới|chuẩn bị|cũng|đồng chủ trì|chủ trì|gồm khoảng|hai bên|các bên|trên|mà|thì|trước)(?!\p{L})|[.;:!?]|,(?!\s*(?:gồm|với|bao gồm)\s)|\s+và\s+(?=(?:Hội nghị|hội nghị|Cuộc họp|cuộc họp|Phiên họp|phiên họp|các hội nghị|các Hội nghị|Diễn đàn)(?!\p{L}))/u;
/** "họp" alone is the head of "cuộc họp", and "dự" starts "dự kiến": neither reports anything. */
const REPORT_VERB = /(?<!\p{L})(?:diễn ra|tham dự|nhóm họp|đã họp|khai mạc|bế mạc|tổ chức|chủ trì|đồng chủ trì)(?!\p{L})/u;
const CONTEXT_BEFORE = /(?:khuôn khổ|bên lề|chương trình làm việc|chuỗi hoạt động|trước thềm|nhân dịp)\s+(?:của\s+)?(?:các\s+)?$/u;
const FUTURE_BEFORE = /(?:chuẩn bị cho|chuẩn bị|hướng tới|tiến tới|báo cáo lên|trình lên)\s+(?:(?:[\p{L}\d]+\s+){0,4})$/u;
const FUTURE_AFTER = /^[^.;]{0,40}?(?<!\p{L})(?:sẽ|dự kiến|sắp tới|cuối năm nay|năm tới|tháng tới)(?!\p{L})/u;
const LEVEL_WORDS: ReadonlyArray<[RegExp, Level]> = [
  [/(?<!\p{L})(?:quan chức cao cấp|Quan chức cao cấp|SOM)(?!\p{L})/u, 'senior-officials'],
  [/(?<!\p{L})(?:Cấp cao|cấp cao|Thượng đỉnh|thượng đỉnh|Lãnh đạo|lãnh đạo)(?!\p{L})/u, 'summit'],
  [/(?<!\p{L})(?:Bộ trưởng|bộ trưởng|Ngoại trưởng)(?!\p{L})/u, 'ministerial'],
  [/(?<!\p{L})(?:Đại sứ|đại sứ)(?!\p{L})/u, 'ambassadors'],
  [/(?<!\p{L})(?:chuyên gia|Nhóm công tác|nhóm công tác|cấp làm việc)(?!\p{L})/u, 'working-level'],
];

export function findPhrases(sentence: Sentence, names: NameIndex, text: string, dates: readonly DateMention[]): MeetingPhrase[] {
  const starts: number[] = [];
  for (const head of sentence.text.matchAll(HEAD)) {
    const at = sentence.start + (head.index ?? 0);
    // "các hội nghị liên quan" belongs to the umbrella before it; "Trung tâm Hội nghị Quốc gia" is a place.
    if (/^\s+liên quan/u.test(text.slice(at + head[0].length, at + head[0].length + 10)) || /Trung tâm\s+$/u.test(text.slice(at - 10, at))) continue;
    starts.push(at);
  }
  for (const mechanism of names.mechanismsIn(sentence)) {
    if (!PEOPLE_BEFORE.test(text.slice(Math.max(sentence.start, mechanism.start - 24), mechanism.start))) starts.push(mechanism.start);
  }
  starts.sort((a, b) => a - b);
  const phrases: MeetingPhrase[] = [];
  let covered = -1;
  for (const start of starts) {
    if (start < covered) continue;
    const end = phraseEnd(text, start, sentence.end, names);
    covered = end;
    phrases.push(readPhrase({ start, end }, sentence, names, text));
  }
  // "Đại sứ các nước ASEAN … đã nhóm họp …": a meeting named only by who met.
  const verb = /(?<!\p{L})(?:đã\s+)?(?:nhóm họp|họp)(?!\p{L})/u.exec(sentence.text);
  const verbAt = sentence.start + (verb?.index ?? 0);
  if (verb && verbAt > sentence.start && !phrases.some((p) => p.start < verbAt)) {
    phrases.unshift(readPhrase({ start: sentence.start, end: verbAt }, sentence, names, text, true));
  }
  // "chuẩn bị cho A và B": B is announced as A is. A framework named alone ("trong các khuôn khổ ASEAN 3")
  // is an announced meeting only in a list that starts with one ("các hội nghị trong các khuôn khổ ASEAN 3, EAS và ARF").
  for (let i = 0; i < phrases.length; i++) {
    const conjoined = i > 0 && /^\s*(?:,|và|cùng)\s*$/u.test(text.slice(phrases[i - 1].end, phrases[i].start));
    if (conjoined && phrases[i - 1].relation !== 'reported' && phrases[i - 1].relation !== 'mention') phrases[i].relation = phrases[i - 1].relation;
    else if (phrases[i].relation === 'future' && phrases[i].mechanism?.start === phrases[i].start && !HEADED.test(text.slice(phrases[i].start, phrases[i].end))) phrases[i].relation = 'mention';
  }
  attachDates(phrases, dates, sentence, text);
  return phrases;
}

function phraseEnd(text: string, start: number, limit: number, names: NameIndex): number {
  let from = start + 1;
  for (;;) {
    const rest = text.slice(from, limit);
    const stop = END.exec(rest);
    if (!stop) return limit;
    const at = from + stop.index;
    const inside = text.slice(start, at);
    const open = (inside.match(/\(/g) ?? []).length - (inside.match(/\)/g) ?? []).length;
    // Inside brackets, or a comma inside a list of parties: the phrase goes on.
    if (open > 0 || (stop[0] === ',' && listGoesOn(text, at, names))) {
      from = at + stop[0].length;
      continue;
    }
    return text.slice(start, at).trimEnd().length + start;
  }
}

/** A comma between two parties ("Australia, Canada", "Liên minh châu Âu (EU), Ấn Độ"). */
function listGoesOn(text: string, comma: number, names: NameIndex): boolean {
  const before = names.parties.some((p) => p.end <= comma && /^\s*(?:\([^()]*\))?\s*$/.test(text.slice(p.end, comma)));
  const after = names.parties.some((p) => p.start > comma && /^\s*(?:và\s+)?$/u.test(text.slice(comma + 1, p.start)));
  return before && after;
}

function readPhrase(span: Span, sentence: Sentence, names: NameIndex, text: string, subjectOnly = false): MeetingPhrase {
  const words = text.slice(span.start, span.end);
  const mechanisms = names.mechanismsIn(span);
  const parties = names.partiesIn(span);
  const plural = /(?:các|một loạt|loạt|những)\s+$/u.test(text.slice(Math.max(sentence.start, span.start - 12), span.start));
  const phrase: MeetingPhrase = { ...span, plural, relation: 'mention', umbrella: false };
  phrase.pair = pairIn(parties, text);
  const mechanism = chooseMechanism(mechanisms, text);
  if (mechanism) phrase.mechanism = { entry: mechanism.entry, start: mechanism.start, end: mechanism.end };
  phrase.level = levelIn(span, words, mechanisms);
  phrase.ordinal = ordinalIn(span, words, mechanisms, text);
  const online = /(?<!\p{L})trực tuyến(?!\p{L})/u.exec(words);
  if (online) phrase.online = { start: span.start + (online.index ?? 0), end: span.start + (online.index ?? 0) + online[0].length };
  phrase.umbrella = /^\s*(?:\([^)]*\)\s*)*và các hội nghị liên quan/u.test(text.slice(span.end, span.end + 60)) || /và các hội nghị liên quan/u.test(words);
  phrase.relation = relationOf(phrase, sentence, text, subjectOnly);
  // A framework's name alone ("ASEM", "SOM ASEAN") is not a meeting that took place; "Diễn đàn Khu vực ASEAN" is.
  if (phrase.relation === 'reported' && mechanisms[0]?.start === span.start && !HEADED.test(words)) phrase.relation = 'mention';
  return phrase;
}

/** "ASEAN - Nhật Bản", "ASEAN-Hàn Quốc": ASEAN, a dash, one partner. */
function pairIn(parties: readonly PartyMatch[], text: string): PartyMatch | undefined {
  for (let i = 0; i + 1 < parties.length; i++) {
    if (parties[i].entry.name !== 'ASEAN' || parties[i + 1].entry.kind === 'asean-member') continue;
    if (/^\s*[-–—]\s*$/.test(text.slice(parties[i].end, parties[i + 1].start))) return parties[i + 1];
  }
  return undefined;
}

/**
 * The framework of a phrase with several mechanisms: a SOM held within
 * ASEAN+3 or ASEM belongs to that framework (the catalog's rule), and the
 * AMM alias that swallows "ASEAN" of "ASEAN-Hàn Quốc" gives way to the pair.
 */
function chooseMechanism(mechanisms: readonly MechanismMatch[], text: string): MechanismMatch | undefined {
  const framed = mechanisms.filter((m) => m.entry.name !== 'SOM');
  const list = framed.length > 0 ? framed : mechanisms;
  const first = list[0];
  if (!first) return undefined;
  // "Hội nghị Bộ trưởng Ngoại giao ASEAN-Hàn Quốc": the alias ends in "ASEAN" followed by a dash and a partner.
  if (/^\s*[-–—]\s*\p{Lu}/u.test(text.slice(first.end, first.end + 4)) && /ASEAN$/u.test(text.slice(first.start, first.end)) && list.length === 1) return undefined;
  return first;
}

function levelIn(span: Span, words: string, mechanisms: readonly MechanismMatch[]): MeetingPhrase['level'] {
  // Level words inside a mechanism's own name ("Cấp cao Đông Á") say nothing about who met.
  let masked = words;
  for (const m of mechanisms) {
    const from = m.start - span.start;
    masked = masked.slice(0, from) + ' '.repeat(m.end - m.start) + masked.slice(from + m.end - m.start);
  }
  let best: MeetingPhrase['level'];
  for (const [pattern, level] of LEVEL_WORDS) {
    const match = pattern.exec(masked);
    if (match && (!best || (match.index ?? 0) + span.start < best.start)) best = { level, start: span.start + (match.index ?? 0), end: span.start + (match.index ?? 0) + match[0].length };
  }
  if (best) return best;
  // No level word outside the names: the level the named frameworks' own meetings have ("Hội nghị Cấp cao ASEAN" - …).
  for (const m of mechanisms) {
    const level = naturalLevel(m.entry) ?? (m.entry.name === 'SOM' ? 'senior-officials' : undefined);
    if (level) return { level, start: m.start, end: m.end };
  }
  return undefined;
}

function ordinalIn(span: Span, words: string, mechanisms: readonly MechanismMatch[], text: string): MeetingPhrase['ordinal'] {
  const written = /(?<!\p{L})lần\s+thứ\s+(\d{1,3})(?!\d)/u.exec(words);
  if (written) return { n: Number(written[1]), start: span.start + (written.index ?? 0), end: span.start + (written.index ?? 0) + written[0].length };
  // "AMM 57", "AMM-57", "ASEAN 51", "ASEM 13": a number right after the mechanism.
  for (const m of mechanisms) {
    const after = /^\s*-?\s*(\d{1,3})(?![\d/.])/.exec(text.slice(m.end, span.end));
    if (after) return { n: Number(after[1]), start: m.start, end: m.end + after[0].length };
  }
  return undefined;
}

function relationOf(phrase: MeetingPhrase, sentence: Sentence, text: string, subjectOnly: boolean): Relation {
  const clauseStart = Math.max(sentence.start, text.lastIndexOf(',', phrase.start - 1) + 1, text.lastIndexOf(';', phrase.start - 1) + 1);
  const before = text.slice(Math.max(sentence.start, phrase.start - 60), phrase.start);
  const after = text.slice(phrase.end, sentence.end);
  const clauseBefore = text.slice(clauseStart, phrase.start);
  const willBefore = /(?<!\p{L})(?:sẽ|dự kiến)(?!\p{L})/u.test(text.slice(sentence.start, phrase.start)) && !/(?<!\p{L})đã(?!\p{L})/u.test(clauseBefore);
  if (FUTURE_BEFORE.test(before) || FUTURE_AFTER.test(after) || willBefore) return 'future';
  if (CONTEXT_BEFORE.test(before) || (phrase.umbrella && !REPORT_VERB.test(after.slice(0, 60)))) return 'context';
  const verbBefore = REPORT_VERB.test(text.slice(sentence.start, phrase.start));
  const verbAfter = REPORT_VERB.test(after.slice(0, 80));
  if (subjectOnly || verbBefore || verbAfter) return 'reported';
  return 'mention';
}

/** Each phrase takes the date written nearest after it in its clause, else (reported ones) the sentence's first free date. */
function attachDates(phrases: MeetingPhrase[], dates: readonly DateMention[], sentence: Sentence, text: string): void {
  const inSentence = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const taken = new Set<DateMention>();
  phrases.forEach((phrase, i) => {
    const next = phrases[i + 1]?.start ?? sentence.end;
    const own = inSentence.find((d) => d.start >= phrase.start && d.start < next && !/[.;]/.test(text.slice(Math.min(phrase.end, d.start), d.start)) && (phrase.relation === 'future' || d.start - phrase.end < 40));
    if (own && phrase.relation === 'future') {
      phrase.date = own;
      taken.add(own);
    }
  });
  const free = inSentence.filter((d) => !taken.has(d));
  // "A và B (Singapore, ngày 5/8)": the date after the last conjunct is the first's too.
  for (let i = phrases.length - 2; i >= 0; i--) {
    const between = text.slice(phrases[i].end, phrases[i + 1].start);
    if (!phrases[i].date && phrases[i].relation === 'future' && phrases[i + 1].relation === 'future' && /^\s*(?:,|và)\s*$/u.test(between)) phrases[i].date = phrases[i + 1].date;
  }
  for (const phrase of phrases) {
    if (phrase.date) continue;
    if (phrase.relation === 'reported') phrase.date = free.find((d) => d.end <= phrase.start) ?? free[0];
    else if (phrase.relation === 'future' && phrases.every((p) => p.relation !== 'reported')) phrase.date = free.find((d) => d.end <= phrase.start);
  }
}

/** The level a mechanism's own meetings have, from its English name ("East Asia Summit" → summit). */
export function naturalLevel(mechanism: MechanismEntry): Level | undefined {
  const name = mechanism.full_name ?? '';
  if (/Summit/i.test(name)) return 'summit';
  if (/Senior Officials/i.test(name)) return 'senior-officials';
  if (/Minist/i.test(name)) return 'ministerial';
  return undefined;
}

export function resolveAseanPlusOne(catalog: CatalogIndex): MechanismEntry | undefined {
  return resolvedEntry(catalog.resolveMechanism('ASEAN+1'));
}
