/**
 * Defensive readers for record values. A preview must show whatever a file
 * holds, including values of the wrong type, so nothing here throws and
 * nothing assumes the schema was satisfied.
 */

export type Dict = Readonly<Record<string, unknown>>;

/** Lists longer than this are cut short in the preview; the rest is counted, not rendered. */
export const MAX_LIST_ITEMS = 500;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** An own property only: a key named `__proto__` or `constructor` in a record never reaches the prototype. */
export function field(record: unknown, key: string): unknown {
  return isDict(record) && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Scalars as display text; objects and lists have no single text (undefined). Blank strings count as absent. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  return undefined;
}

/**
 * A value where a list belongs: a list as is, nothing as empty, and any other
 * value as a one-item list, so `partners: Japan` still shows Japan.
 */
export function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first `MAX_LIST_ITEMS` items and how many were left out. */
export function capped(items: readonly unknown[]): { shown: readonly unknown[]; hidden: number } {
  if (items.length <= MAX_LIST_ITEMS) return { shown: items, hidden: 0 };
  return { shown: items.slice(0, MAX_LIST_ITEMS), hidden: items.length - MAX_LIST_ITEMS };
}

/** "senior-officials" → "Senior officials". */
export function humanize(text: string): string {
  const spaced = text.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
