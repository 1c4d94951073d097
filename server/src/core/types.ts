/**
 * Plain data shared by every layer. Nothing here knows about VS Code or LSP
 * transport; positions follow LSP conventions (0-based lines, UTF-16 columns)
 * because both the editor and the CLI's JSON output count that way.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable diagnostic codes (record-format.md section 4, plus input-safety codes). */
export const RULE_CODES = [
  'yaml-syntax',
  'schema',
  'unknown-party',
  'unknown-mechanism',
  'non-canonical-name',
  'duplicate-entry',
  'date-order',
  'duplicate-id',
  'mechanism-membership',
  'series-year',
  'ambiguous-name',
  'member-as-partner',
  'chair-not-member',
  'follow-up-date',
  'document-mismatch',
  'party-not-yet',
  'partners-participants',
  'not-in-article',
  'encoding',
  'file-too-large',
  'io',
  'too-many-problems',
  'internal-error',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const DEFAULT_SEVERITY: Record<RuleCode, Severity> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'unknown-party': 'error',
  'unknown-mechanism': 'error',
  'non-canonical-name': 'warning',
  'duplicate-entry': 'warning',
  'date-order': 'error',
  'duplicate-id': 'error',
  'mechanism-membership': 'warning',
  'series-year': 'warning',
  'ambiguous-name': 'warning',
  'member-as-partner': 'warning',
  'chair-not-member': 'warning',
  'follow-up-date': 'warning',
  'document-mismatch': 'warning',
  'party-not-yet': 'warning',
  'partners-participants': 'warning',
  /** A party, date or document of a record that its source article (found in the workspace) does not support. */
  'not-in-article': 'information',
  encoding: 'error',
  'file-too-large': 'information',
  'too-many-problems': 'information',
  /** The file could not be read (permissions, vanished, a folder): the CLI reports it as an error. */
  io: 'error',
  /** A bug stopped the validator on this file (the CLI also exits 2). */
  'internal-error': 'error',
};

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open [start, end) span of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A concrete change that resolves a diagnostic. `safe` fixes are applied by `--fix` and "fix all". */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
  /** Marks the single best fix, shown first in the lightbulb. */
  preferred?: boolean;
}

export interface RelatedLocation {
  /** File path (CLI) or URI (server) of the other place; undefined means the same file. */
  file?: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

/** Path into a record's value, as ajv and the rules see it: keys and list indexes. */
export type ValuePath = ReadonlyArray<string | number>;
