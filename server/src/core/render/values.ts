/**
 * Defensive readers for record values. A preview must show whatever a file
 * holds, including values of the wrong type, so nothing here throws and
 * nothing assumes the schema was satisfied.
 */

import * as l10n from '@vscode/l10n';

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

/**
 * How the page shows a value of the format's enums (level, format, document
 * type and status): in the language of the page; a value the format does not
 * define is shown humanized, as it was written.
 */
export function enumLabel(value: string): string {
  switch (value) {
    case 'summit': return l10n.t('Summit');
    case 'ministerial': return l10n.t('Ministerial');
    case 'senior-officials': return l10n.t('Senior officials');
    case 'ambassadors': return l10n.t('Ambassadors');
    case 'working-level': return l10n.t('Working level');
    case 'other': return l10n.t('Other');
    case 'in-person': return l10n.t('In person');
    case 'online': return l10n.t('Online');
    case 'hybrid': return l10n.t('Hybrid');
    case 'declaration': return l10n.t('Declaration');
    case 'joint-statement': return l10n.t('Joint statement');
    case 'statement': return l10n.t('Statement');
    case 'plan-of-action': return l10n.t('Plan of action');
    case 'work-plan': return l10n.t('Work plan');
    case 'vision': return l10n.t('Vision');
    case 'agreement': return l10n.t('Agreement');
    case 'protocol': return l10n.t('Protocol');
    case 'roadmap': return l10n.t('Roadmap');
    case 'programme': return l10n.t('Programme');
    case 'report': return l10n.t('Report');
    case 'framework': return l10n.t('Framework');
    case 'code-of-conduct': return l10n.t('Code of conduct');
    case 'adopted': return l10n.t('Adopted');
    case 'signed': return l10n.t('Signed');
    case 'proposed': return l10n.t('Proposed');
    case 'planned': return l10n.t('Planned');
    case 'under-negotiation': return l10n.t('Under negotiation');
    case 'ratified': return l10n.t('Ratified');
    case 'reviewed': return l10n.t('Reviewed');
    case 'implemented': return l10n.t('Implemented');
    case 'noted': return l10n.t('Noted');
    default: return humanize(value);
  }
}
