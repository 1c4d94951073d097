import * as l10n from '@vscode/l10n';
import viBundle from '../../../l10n/bundle.l10n.vi.json';

/**
 * The language of everything the product says, for the whole process: the
 * server picks it once at `initialize`, the CLI once from `--locale` or the
 * environment, a worker thread from its settings. English is the default
 * and is the text in the code; Vietnamese comes from l10n/bundle.l10n.vi.json
 * (extracted with @vscode/l10n-dev, keyed by the English text).
 *
 * Code that says something calls `l10n.t(...)` on an `import * as l10n from
 * '@vscode/l10n'` — the one form @vscode/l10n-dev's extractor recognises —
 * and this module decides which bundle those calls read. Rule codes, field
 * names, enum values and canonical catalog names never change with it.
 */

export type Locale = 'en' | 'vi';

export const LOCALES: readonly Locale[] = ['en', 'vi'];

const BUNDLES: Record<Locale, l10n.l10nJsonFormat> = { en: {}, vi: viBundle };

let current: Locale = 'en';

/**
 * A supported locale from a BCP 47 tag (`vi`, `vi-VN`, `en-GB`) or a POSIX
 * locale (`vi_VN.UTF-8`, `en_US`); undefined for `auto`, `C`, `POSIX`, an
 * empty value or a language the product does not speak.
 */
export function parseLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const language = /^([A-Za-z]{2,3})(?:[-_.@]|$)/.exec(tag.trim())?.[1]?.toLowerCase();
  return LOCALES.find((l) => l === language);
}

/** Switches the process to a locale (anything parseLocale does not know means English) and returns the one chosen. */
export function setLocale(tag: unknown): Locale {
  current = parseLocale(tag) ?? 'en';
  l10n.config({ contents: BUNDLES[current] });
  return current;
}

export function currentLocale(): Locale {
  return current;
}

/**
 * How a message names a catalog party: its usual Vietnamese name (`name_vi`,
 * Nhật Bản for Japan) in Vietnamese, else the canonical name. Only for
 * naming a party in prose; a value to write in a record stays canonical.
 */
export function partyName(entry: { name: string; name_vi?: unknown }): string {
  return current === 'vi' && typeof entry.name_vi === 'string' && entry.name_vi.trim() !== '' ? entry.name_vi : entry.name;
}

/** The list words of quoteList and friends, so "'a', 'b' or 'c'" reads "'a', 'b' hoặc 'c'". */
export function conjunction(word: 'or' | 'and'): string {
  return word === 'and' ? l10n.t('and') : l10n.t('or');
}

/** A count as the locale writes it: 12,000 in English, 12.000 in Vietnamese. */
export function formatNumber(value: number): string {
  return value.toLocaleString(current === 'vi' ? 'vi-VN' : 'en');
}
