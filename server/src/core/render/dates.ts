/**
 * Dates as people read them: "26 July 2024", "25–27 July 2024", "July 2024";
 * in Vietnamese as the press writes them: "26/7/2024", "25-27/7/2024", "tháng 7/2024".
 */
import { currentLocale } from '../l10n';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

interface CalendarDate {
  year: number;
  month: number;
  /** Absent for month precision (`2024-09`, allowed in follow-ups). */
  day?: number;
}

/** `YYYY-MM-DD` or `YYYY-MM` when it names a real calendar day or month; anything else is undefined. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth ? { year, month, day } : undefined;
}

/** "26 July 2024"; text that is not a valid date is returned unchanged so the reader sees what the file says. */
export function formatDate(text: string): string {
  const date = parseCalendarDate(text);
  if (!date) return text;
  if (currentLocale() === 'vi') return date.day === undefined ? `tháng ${date.month}/${date.year}` : `${date.day}/${date.month}/${date.year}`;
  const monthYear = `${MONTHS[date.month - 1]} ${date.year}`;
  return date.day === undefined ? monthYear : `${date.day} ${monthYear}`;
}

/**
 * A span of days, sharing the month and year when they agree:
 * "25–27 July 2024", "30 July – 2 August 2024", "30 December 2024 – 2 January 2025".
 */
export function formatDateRange(start: string, end: string | undefined): string {
  const from = parseCalendarDate(start);
  const to = end === undefined ? undefined : parseCalendarDate(end);
  if (end === undefined || end.trim() === start.trim()) return formatDate(start);
  if (!from?.day || !to?.day) return `${formatDate(start)} – ${formatDate(end)}`;
  // Reversed ranges (a date-order error) stay spelled out in full, so the mistake is visible.
  if (from.year !== to.year || isBefore(to, from)) return `${formatDate(start)} – ${formatDate(end)}`;
  if (currentLocale() === 'vi') return from.month !== to.month ? `${from.day}/${from.month} – ${formatDate(end)}` : `${from.day}-${formatDate(end)}`;
  if (from.month !== to.month) return `${from.day} ${MONTHS[from.month - 1]} – ${formatDate(end)}`;
  return `${from.day}–${formatDate(end)}`;
}

function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a.year * 10000 + a.month * 100 + (a.day ?? 0) < b.year * 10000 + b.month * 100 + (b.day ?? 0);
}
