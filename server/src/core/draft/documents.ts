import type { DocumentEntry } from '../catalog';
import { foldName } from '../text';
import type { Span } from '../types';
import type { Sentence } from './article';
import type { NameIndex } from './gazetteer';

/**
 * Documents a sentence reports: catalog titles and aliases first, then
 * phrases headed by a document word ("Tuyên bố chung …", "Kế hoạch hành
 * động …"), with a status read from the verb before them:
 * thông qua → adopted, ký → signed, phê chuẩn → ratified, rà soát /
 * kiểm điểm / "tình hình triển khai" → reviewed, đề xuất / dự thảo →
 * proposed, đàm phán / hoàn tất / hoàn thiện → under-negotiation,
 * triển khai / thực hiện → implemented; "sẽ" or "dự kiến" before the verb
 * makes it planned. A document without any such verb is `noted`.
 */

export type DocumentStatus = 'adopted' | 'signed' | 'ratified' | 'reviewed' | 'proposed' | 'planned' | 'under-negotiation' | 'implemented' | 'noted';

export interface DocumentMention extends Span {
  title: string;
  entry?: DocumentEntry;
  type: string;
  status: DocumentStatus;
  /** The verb the status comes from; absent for `noted`. */
  statusSpan?: Span;
  period?: string;
}

/** Heads of document phrases, longest first; each with the document type it implies. */
const HEADS: ReadonlyArray<[string, string]> = [
  ['Tuyên bố chung', 'joint-statement'],
  ['Tuyên bố Tầm nhìn', 'vision'],
  ['Tuyên bố', 'statement'],
  ['Kế hoạch hành động', 'plan-of-action'],
  ['Kế hoạch Hành động', 'plan-of-action'],
  ['Kế hoạch công tác', 'work-plan'],
  ['Kế hoạch thực hiện', 'plan-of-action'],
  ['Kế hoạch triển khai', 'plan-of-action'],
  ['Kế hoạch tổng thể', 'plan-of-action'],
  ['Chương trình hành động', 'plan-of-action'],
  ['Chương trình hợp tác', 'programme'],
  ['Hiệp định khung', 'framework'],
  ['Hiệp định', 'agreement'],
  ['Hiệp ước', 'agreement'],
  ['Nghị định thư', 'protocol'],
  ['Thỏa thuận', 'agreement'],
  ['Bản ghi nhớ', 'agreement'],
  ['Tầm nhìn', 'vision'],
  ['Lộ trình', 'roadmap'],
  ['Báo cáo', 'report'],
  ['Khuôn khổ', 'framework'],
  ['Bộ Quy tắc ứng xử', 'code-of-conduct'],
  ['Bộ quy tắc ứng xử', 'code-of-conduct'],
  ['Hiến chương', 'other'],
];
const HEAD = new RegExp(`(?<!\\p{L})(?:(dự thảo|Dự thảo)\\s+)?(${HEADS.map(([h]) => h.replace(/ /g, '\\s+')).join('|')})(?!\\p{L})`, 'gu');

/** Words that end a document phrase: a new clause, verb or preposition that a title does not contain. */
const PHRASE_END = /\s+(?:và|cùng|nhằm|để|được|đã|sẽ|đang|theo|với|trong|tại|vào|nhân|khi|do|là|cho|có|trên|giữa|thời gian)(?=\s+(?:\p{Ll}|\d))|[,.;:!?…]|\s+\((?![A-Z0-9\- ]{2,12}\))|\s+(?=và\s+\p{Lu})/u;

interface Verb {
  pattern: RegExp;
  status: DocumentStatus;
}

/** Nearest before the document wins; in each group the longer form is listed first. */
const VERBS: Verb[] = [
  { pattern: /kết quả (?:triển khai|thực hiện)|tình hình (?:triển khai|thực hiện)|việc (?:triển khai|thực hiện)|rà soát|kiểm điểm|đánh giá (?:việc|kết quả)/giu, status: 'reviewed' },
  { pattern: /thông qua|ra tuyên bố|công bố|ban hành|phê duyệt/giu, status: 'adopted' },
  { pattern: /ký kết|(?<!\p{L})ký(?!\p{L})/giu, status: 'signed' },
  { pattern: /phê chuẩn/giu, status: 'ratified' },
  { pattern: /đề xuất|dự thảo|đề nghị xây dựng/giu, status: 'proposed' },
  { pattern: /đàm phán|hoàn tất|hoàn thiện|xây dựng/giu, status: 'under-negotiation' },
  { pattern: /triển khai|thực hiện|(?<!\p{L})theo(?!\p{L})|tài trợ|hỗ trợ/giu, status: 'implemented' },
];
const FUTURE = /(?<!\p{L})(?:sẽ|dự kiến|hướng tới|tiến tới|chuẩn bị)(?!\p{L})/u;

export function findDocuments(sentence: Sentence, names: NameIndex, text: string): DocumentMention[] {
  const found: DocumentMention[] = [];
  for (const match of names.documentsIn(sentence)) {
    const entry = match.entry;
    found.push({ start: match.start, end: match.end, title: entry.title, entry, type: entry.type, period: periodOf(entry.title) ?? periodOf(text.slice(match.start, match.end + 20)), ...statusOf(text, sentence, match.start) });
  }
  for (const head of sentence.text.matchAll(HEAD)) {
    const start = sentence.start + (head.index ?? 0);
    const headStart = start + (head[1] ? head[0].length - head[2].length : 0);
    if (found.some((d) => d.start <= headStart && headStart < d.end) || genericBefore(text, start) || institutionBefore(text, start)) continue;
    const end = phraseEnd(text, headStart + head[2].length, sentence.end);
    // A bare head ("Tuyên bố") is a word, not a title.
    if (end - headStart <= head[2].length + 1) continue;
    const title = text.slice(headStart, end);
    // A known document named short ("Kế hoạch hành động Manila"): the catalog's entry.
    const known = shortNameOf(names, title);
    if (known) {
      if (!found.some((d) => d.entry === known)) found.push({ start: headStart, end, title: known.title, entry: known, type: known.type, period: periodOf(known.title), ...statusOf(text, sentence, headStart) });
      continue;
    }
    const type = HEADS.find(([h]) => h.toLowerCase() === head[2].replace(/\s+/g, ' ').toLowerCase())?.[1] ?? 'other';
    const status = head[1] ? { status: 'proposed' as const, statusSpan: { start, end: start + head[1].length } } : statusOf(text, sentence, start);
    found.push({ start: headStart, end, title, type, period: periodOf(title), ...status });
  }
  return found.sort((a, b) => a.start - b.start);
}

function shortNameOf(names: NameIndex, title: string): DocumentEntry | undefined {
  const folded = foldName(title);
  const hits = names.catalogDocuments.filter((d) => [d.title, ...(d.aliases ?? [])].some((n) => foldName(n).startsWith(`${folded} `)));
  return hits.length === 1 ? hits[0] : undefined;
}

function phraseEnd(text: string, from: number, limit: number): number {
  const rest = text.slice(from, limit);
  const stop = PHRASE_END.exec(rest);
  let end = from + (stop ? stop.index : rest.length);
  // A period in brackets belongs to the title: "(2012-2022)".
  const bracket = /^\s*\(\d{4}\s*[-–]\s*\d{4}\)/.exec(text.slice(end, limit));
  if (bracket) end += bracket[0].length;
  return from + text.slice(from, end).trimEnd().length;
}

/** "các Hiệp định thương mại tự do", "nhiều văn kiện như": a kind of document, not one document. */
function genericBefore(text: string, offset: number): boolean {
  return /(?:các|những|nhiều|mọi|một số)\s+$/u.test(text.slice(Math.max(0, offset - 12), offset));
}

/** "Ban Điều hành Hiệp ước …", "Ủy ban …": the body of a treaty, not the treaty. */
function institutionBefore(text: string, offset: number): boolean {
  return /(?:Ban Điều hành|Ủy ban|Ban Thư ký|Hội đồng)\s+$/u.test(text.slice(Math.max(0, offset - 16), offset));
}

function statusOf(text: string, sentence: Sentence, offset: number): Pick<DocumentMention, 'status' | 'statusSpan'> {
  const before = text.slice(sentence.start, offset);
  let best: { index: number; length: number; status: DocumentStatus } | undefined;
  // The verb that ends nearest the document; of two ending together ("kết quả triển khai", "triển khai") the longer.
  for (const verb of VERBS) {
    for (const match of before.matchAll(verb.pattern)) {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      const bestEnd = best ? best.index + best.length : -1;
      if (!best || end > bestEnd || (end === bestEnd && match[0].length > best.length)) best = { index, length: match[0].length, status: verb.status };
    }
  }
  if (!best) return { status: 'noted' };
  const statusSpan = { start: sentence.start + best.index, end: sentence.start + best.index + best.length };
  const clauseStart = Math.max(before.lastIndexOf(',', best.index), before.lastIndexOf(';', best.index)) + 1;
  const lead = before.slice(clauseStart, best.index);
  if (FUTURE.test(lead) && (best.status === 'adopted' || best.status === 'signed' || best.status === 'ratified')) return { status: 'planned', statusSpan };
  return { status: best.status, statusSpan };
}

function periodOf(title: string): string | undefined {
  const match = /(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)/.exec(title);
  return match ? `${match[1]}-${match[2]}` : undefined;
}
