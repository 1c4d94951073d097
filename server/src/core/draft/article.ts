import { foldName } from '../text';
import type { Span } from '../types';

/**
 * The structure of a stored news article (the format of `seeds/articles/`):
 * an optional URL line, a title, the body; separator lines of dashes may
 * stand between them. Pasted text works the same (a first line that is not a
 * URL is the title). Everything keeps offsets into the original text, so
 * each drafted value can point at the words it came from.
 */

/** A word: letters, combining marks, digits and `+` (ASEAN+3, ADMM+), as `foldName` keeps them. */
export interface Token extends Span {
  raw: string;
  folded: string;
  /** The first character is an upper-case letter. */
  capital: boolean;
}

export interface Sentence extends Span {
  text: string;
  /** Sections start at the title and at each headline inside the text (scraped pages glue several reports). */
  section: number;
  /** Photo captions, headlines and page furniture: searched for nothing. */
  skip: boolean;
}

export interface Article {
  text: string;
  url?: Span;
  title?: Span;
  /** A publication line such as "Thứ Năm, 21/11/2024 - 19:05". */
  published?: { date: string } & Span;
  sentences: Sentence[];
  tokens: Token[];
}

const TOKEN = /[\p{L}\p{M}\p{N}+]+/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const start = offset + (match.index ?? 0);
    const first = raw.charAt(0);
    tokens.push({ start, end: start + raw.length, raw, folded: foldName(raw), capital: first !== first.toLowerCase() });
  }
  return tokens;
}

interface Line extends Span {
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n|$/g)) {
    const end = match.index ?? text.length;
    lines.push({ start, end, text: text.slice(start, end) });
    start = end + match[0].length;
    if (match[0] === '') break;
  }
  return lines;
}

const SEPARATOR = /^\s*[-=_*]{3,}\s*$/;
const URL_LINE = /^\s*(https?:\/\/\S+)\s*$/;
/** "Thứ Năm, 21/11/2024 - 19:05", "15/06/2021 20:10", "Cập nhật: 26/07/2024". */
const PUBLISHED_LINE = /^\s*(?:(?:Thứ [^\s,]+|Chủ nhật|Cập nhật|Ngày đăng)\s*[,:]?\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\(?GMT[+\d:]*\)?)?\s*$/u;

/** The end of the report proper: after "(Nguồn …)" comes the page's furniture. */
const SOURCE_LINE = /^\s*\(Nguồn[:\s]/u;

export function readArticle(text: string): Article {
  const lines = linesOf(text);
  let i = 0;
  const nextContent = (): Line | undefined => {
    while (i < lines.length && (lines[i].text.trim() === '' || SEPARATOR.test(lines[i].text))) i++;
    return lines[i];
  };
  const article: Article = { text, sentences: [], tokens: tokenize(text) };
  let line = nextContent();
  const url = line && URL_LINE.exec(line.text);
  if (line && url) {
    const start = line.start + line.text.indexOf(url[1]);
    article.url = { start, end: start + url[1].length };
    i++;
    line = nextContent();
  }
  if (line) {
    article.title = trimmed(line);
    article.sentences.push({ ...article.title, text: text.slice(article.title.start, article.title.end), section: 0, skip: true });
    i++;
  }
  let section = 0;
  for (; i < lines.length; i++) {
    const current = lines[i];
    if (current.text.trim() === '' || SEPARATOR.test(current.text)) continue;
    const published = PUBLISHED_LINE.exec(current.text);
    if (published && !article.published) {
      const date = isoDate(Number(published[3]), Number(published[2]), Number(published[1]));
      if (date) {
        article.published = { date, ...trimmed(current) };
        continue;
      }
    }
    if (isHeadline(current.text)) {
      // "Video đang HOT", "Chia sẻ": page furniture, not the heading of another report.
      if (current.text.trim().split(/\s+/).length >= 5) section++;
      article.sentences.push({ ...trimmed(current), text: current.text.trim(), section, skip: true });
      continue;
    }
    for (const piece of splitLine(current)) {
      if (piece.headline) section++;
      article.sentences.push({ start: piece.start, end: piece.end, text: text.slice(piece.start, piece.end), section, skip: piece.skip });
    }
    if (SOURCE_LINE.test(current.text)) break;
  }
  return article;
}

function trimmed(line: Line): Span {
  const lead = line.text.length - line.text.trimStart().length;
  return { start: line.start + lead, end: line.start + line.text.trimEnd().length };
}

/** A line that ends without a full stop and is short enough to be a heading, not a paragraph. */
function isHeadline(line: string): boolean {
  const trimmedLine = line.trim();
  return trimmedLine.length < 160 && !/[.!?…:;"”)]$/u.test(trimmedLine) && !/Ảnh\s*:/u.test(trimmedLine);
}

interface Piece extends Span {
  skip: boolean;
  headline: boolean;
}

/**
 * A paragraph's sentences. Photo captions ("… (Ảnh: TTXVN)", "… - ảnh 1")
 * are marked to skip; a teaser headline glued to its paragraph ("…Hàn Quốc
 * Ngày 26/7, Bộ trưởng…") starts a new section.
 */
function splitLine(line: Line): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  let rest = line.text;
  if (/\s-\s*ảnh\s*\d/iu.test(rest)) return [{ ...trimmed(line), skip: true, headline: false }];
  const caption = /\(?(?<!\p{L})Ảnh\s*:[^)\n]*\)?/u.exec(rest);
  if (caption) {
    const end = (caption.index ?? 0) + caption[0].length;
    pieces.push({ start: line.start, end: line.start + end, skip: true, headline: false });
    from = end;
    rest = rest.slice(end);
  }
  const glued = /^([^.!?,;:]{10,160}?[\p{L}\p{N})])\s+(?=(?:Ngày|Chiều|Sáng|Tối|Trưa|Hôm)\s+\d|(?:Theo|Trên|Tại)\s+\p{Ll})/u.exec(rest);
  let headline = false;
  if (glued && startsLikeHeadline(glued[1])) {
    pieces.push({ start: line.start + from, end: line.start + from + glued[1].length, skip: true, headline: true });
    from += glued[0].length;
    rest = line.text.slice(from);
    headline = false;
  }
  for (const sentence of sentences(rest)) {
    const start = line.start + from + sentence.start;
    pieces.push({ start, end: line.start + from + sentence.end, skip: false, headline });
    headline = false;
  }
  return pieces;
}

/** A glued teaser reads like a headline: a few capitalised words and no date of its own at the start. */
function startsLikeHeadline(text: string): boolean {
  return !/^\s*(?:Ngày|Chiều|Sáng|Tối|Theo)\b/u.test(text) && text.split(/\s+/).length >= 4;
}

/** Sentence spans: a full stop, "!" or "?" followed by a space and a capital (not "v.v.", "1.000", "TP."). */
export function sentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const boundary = /([.!?…]+["”)]*)(\s+)(?=["“(]?[\p{Lu}\d])/gu;
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[1].length;
    const before = text.slice(Math.max(start, end - 6), end);
    if (/(?:\bv\.v\.|\bTP\.|\bTp\.|\b[A-ZĐ]\.)$/u.test(before)) continue;
    pushTrimmed(spans, text, start, end);
    start = end + match[2].length;
  }
  pushTrimmed(spans, text, start, text.length);
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  const piece = text.slice(start, end);
  const lead = piece.length - piece.trimStart().length;
  const trail = piece.length - piece.trimEnd().length;
  if (end - trail > start + lead) spans.push({ start: start + lead, end: end - trail });
}

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Tokens that lie inside a span. */
export function tokensIn(tokens: readonly Token[], span: Span): Token[] {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].end <= span.start) low = mid + 1;
    else high = mid;
  }
  const out: Token[] = [];
  for (let k = low; k < tokens.length && tokens[k].start < span.end; k++) if (tokens[k].start >= span.start) out.push(tokens[k]);
  return out;
}
