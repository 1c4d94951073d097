import type { Span } from '../types';
import { isoDate } from './article';

/**
 * Dates as Vietnamese news writes them: "ngày 26/7", "chiều 2/8",
 * "Chiều ngày 14/1", "23/7/2024", "21-23/7", "24-27/7/2024", "từ ngày 8 đến
 * 11/7", "từ ngày 31/7 đến 3/8", "ngày 13-1", "ngày 21 tháng 7 năm 2016",
 * "tháng 11/2018", "tháng 3-5/2021", "tháng Chín", "tháng 8 năm 2021".
 * A mention keeps what the text says and nothing more: the year is left
 * out when the text has none (see years.ts for how a draft infers it).
 */
export interface DateMention extends Span {
  day?: number;
  month: number;
  year?: number;
  /** The last day of a range ("21-23/7", "từ ngày 8 đến 11/7"). */
  endDay?: number;
  endMonth?: number;
  endYear?: number;
}

const MONTH_WORDS: Readonly<Record<string, number>> = {
  giêng: 1,
  một: 1,
  hai: 2,
  ba: 3,
  tư: 4,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
  'mười một': 11,
  'mười hai': 12,
  chạp: 12,
};

const DAY_PART = String.raw`(?:(?:ngày|sáng|chiều|trưa|tối|đêm|hôm)(?:\s+(?:ngày|nay|qua))?,?\s+)`;
const SEP = String.raw`[/.]`;
const D = String.raw`(\d{1,2})`;
const M = String.raw`(\d{1,2})`;
const Y = String.raw`(\d{4})`;

interface Form {
  pattern: RegExp;
  read(m: RegExpExecArray): Omit<DateMention, 'start' | 'end'> | undefined;
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** Tried in order at each position; the first (longest) form that reads a valid date wins. */
const FORMS: Form[] = [
  {
    // từ ngày 31/7 đến (ngày) 3/8(/2019)
    pattern: new RegExp(String.raw`từ\s+(?:ngày\s+)?${D}${SEP}${M}(?:${SEP}${Y})?\s+(?:đến|tới|-|–)\s+(?:ngày\s+)?${D}${SEP}${M}(?:${SEP}${Y})?`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[2], year: num(m[3] ?? m[6]), endDay: +m[4], endMonth: +m[5], endYear: num(m[6]) }),
  },
  {
    // từ ngày 8 đến (ngày) 11/7(/2024)
    pattern: new RegExp(String.raw`từ\s+(?:ngày\s+)?${D}\s+(?:đến|tới)\s+(?:ngày\s+)?${D}${SEP}${M}(?:${SEP}${Y})?`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[3], year: num(m[4]), endDay: +m[2], endMonth: +m[3], endYear: num(m[4]) }),
  },
  {
    // (từ) (ngày) 21-23/7(/2024)
    pattern: new RegExp(String.raw`(?:từ\s+)?${DAY_PART}?${D}\s*[-–]\s*${D}${SEP}${M}(?:${SEP}${Y})?`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[3], year: num(m[4]), endDay: +m[2], endMonth: +m[3], endYear: num(m[4]) }),
  },
  {
    // ngày 21 tháng 7 (năm 2016)
    pattern: new RegExp(String.raw`${DAY_PART}?${D}\s+tháng\s+${M}(?:\s+năm\s+${Y})?`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[2], year: num(m[3]) }),
  },
  {
    // (chiều) (ngày) 26/7(/2024)
    pattern: new RegExp(String.raw`${DAY_PART}?${D}${SEP}${M}(?:${SEP}${Y})?(?![\d/.]\d)`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[2], year: num(m[3]) }),
  },
  {
    // ngày 13-1 (only with "ngày": a bare "13-1" is too often something else)
    pattern: new RegExp(String.raw`ngày\s+${D}-${M}(?:-${Y})?(?![\d-])`, 'iuy'),
    read: (m) => ({ day: +m[1], month: +m[2], year: num(m[3]) }),
  },
  {
    // (từ) tháng 3-5/2021, tháng 3/1996-3/2021 is read as its first month
    pattern: new RegExp(String.raw`(?:từ\s+)?tháng\s+${M}\s*[-–]\s*${M}${SEP}${Y}`, 'iuy'),
    read: (m) => ({ month: +m[1], year: +m[3], endMonth: +m[2], endYear: +m[3] }),
  },
  {
    // tháng 11/2018, tháng 8 năm 2021, tháng 11
    pattern: new RegExp(String.raw`tháng\s+${M}(?:(?:${SEP}|\s+năm\s+)${Y})?(?![\d])`, 'iuy'),
    read: (m) => ({ month: +m[1], year: num(m[2]) }),
  },
  {
    // tháng Chín, tháng Mười hai (năm 2016)
    pattern: new RegExp(String.raw`tháng\s+(Mười\s+một|Mười\s+hai|Giêng|Chạp|Một|Hai|Ba|Tư|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)(?!\p{L})(?:\s+năm\s+${Y})?`, 'uy'),
    read: (m) => {
      const month = MONTH_WORDS[m[1].toLowerCase().replace(/\s+/g, ' ')];
      return month ? { month, year: num(m[2]) } : undefined;
    },
  },
];

/** Every date mention in `text`, in order; `offset` is added to each span. */
export function findDates(text: string, offset = 0): DateMention[] {
  const found: DateMention[] = [];
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1])) continue;
    for (const form of FORMS) {
      form.pattern.lastIndex = at;
      const match = form.pattern.exec(text);
      if (!match) continue;
      const read = form.read(match);
      if (!read || !valid(read)) continue;
      found.push({ ...read, start: offset + at, end: offset + at + match[0].length });
      at += match[0].length - 1;
      break;
    }
  }
  return found;
}

function valid(date: Omit<DateMention, 'start' | 'end'>): boolean {
  const year = date.year ?? 2000; // a leap year: 29/2 without a year is a real date
  if (date.year !== undefined && (date.year < 1900 || date.year > 2100)) return false;
  if (date.month < 1 || date.month > 12) return false;
  if (date.day !== undefined && !isoDate(year, date.month, date.day)) return false;
  if (date.endMonth !== undefined && (date.endMonth < 1 || date.endMonth > 12)) return false;
  if (date.endDay !== undefined && !isoDate(date.endYear ?? year, date.endMonth ?? date.month, date.endDay)) return false;
  return true;
}

/** Four-digit years written alone ("năm 2021", "ASEAN 2020"), not in periods ("2018-2022") or dates. */
export function findYears(text: string, offset = 0): Array<Span & { year: number }> {
  const years: Array<Span & { year: number }> = [];
  for (const match of text.matchAll(/(?<![\d/.\-–])(19|20)\d{2}(?![\d/\-–]|\.\d)/gu)) {
    const start = offset + (match.index ?? 0);
    years.push({ start, end: start + 4, year: Number(match[0]) });
  }
  return years;
}
