import * as l10n from '@vscode/l10n';
import type { RelatedLocation, RuleCode, ValuePath } from './types';

/**
 * What the schema and the rules find, before it is placed in a file. Problems
 * speak of value paths, not text, so the same checks run on any parse of a
 * record; placing them (ranges, edits) is a separate step.
 */
export interface Problem {
  code: RuleCode;
  message: string;
  path: ValuePath;
  /**
   * What the range covers: the value at `path`, the key holding it, or — for a
   * missing field — the key of the mapping at `path` (the record's first key at top level).
   */
  target: 'value' | 'key' | 'missing';
  fixes?: ValueFix[];
  related?: RelatedLocation[];
}

/** A fix in terms of the record's structure; `locate.ts` turns it into text edits. */
export type ValueFix =
  | { kind: 'replace-value'; title: string; path: ValuePath; value: string; safe: boolean; preferred?: boolean }
  | { kind: 'rename-key'; title: string; path: ValuePath; key: string; safe: boolean; preferred?: boolean }
  | { kind: 'remove-item'; title: string; path: ValuePath; safe: boolean; preferred?: boolean }
  | { kind: 'insert-field'; title: string; path: ValuePath; key: string; value: string; safe: boolean; preferred?: boolean };

/** `documents[0].title`, `location.city`, `partners[2]`: how a person names a place in a record. */
export function fieldLabel(path: ValuePath): string {
  let label = '';
  for (const segment of path) {
    if (typeof segment === 'number') label += `[${segment}]`;
    else label += label ? `.${segment}` : segment;
  }
  return label || l10n.t('record');
}
