import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../../../package.json';
import { DEFAULT_SEVERITY, RULE_CODES, type RuleCode, type Severity } from '../../core/types';

/** One line per rule code, for SARIF's rule table and `--help`. The README's rule table has the anchors. */
export const RULE_DESCRIPTIONS: Record<RuleCode, string> = {
  'yaml-syntax': 'The YAML does not parse.',
  schema: 'The JSON Schema rejects a value: a missing or unknown field, a wrong type, enum value, pattern or date.',
  'unknown-party': 'A party is neither a canonical catalog name nor an alias.',
  'unknown-mechanism': 'A mechanism is not in the catalog.',
  'non-canonical-name': 'An alias is used where the canonical catalog name belongs (a safe fix replaces it).',
  'duplicate-entry': 'The same party is listed twice in one list, aliases resolved (a safe fix removes it).',
  'date-order': "'end_date' is before 'date'.",
  'duplicate-id': 'Two records in the run share an id.',
  'mechanism-membership': 'A partner is not a member of a mechanism with fixed membership at the meeting\'s date.',
  'series-year': "The series number disagrees with 'date' (the catalog's table of known meetings, else the yearly rule).",
  'ambiguous-name': 'A name folds like several catalog names: the author must choose (a fix per candidate, never applied by --fix).',
  'member-as-partner': 'An ASEAN member state is listed under partners of a meeting between ASEAN and others (ASEAN+1, ASEAN+3, EAS…).',
  'chair-not-member': 'The chair of a mechanism chaired by ASEAN is not an ASEAN member state at the meeting\'s date.',
  'follow-up-date': 'A follow-up meeting is dated before the meeting that announced it.',
  'document-mismatch': 'A document the catalog knows disagrees with its entry: type, parties, or a year after the meeting.',
  'party-not-yet': 'A party did not exist yet at the meeting\'s date, or was not yet a dialogue partner.',
  'partners-participants': 'A partner is missing from the participants the record lists.',
  'not-in-article': "A party, date or document that the record's source article (source.article, found beside the record) does not mention.",
  encoding: 'The file is not UTF-8 text (binary content or invalid UTF-8).',
  'file-too-large': 'The file is larger than --max-file-size and was not validated.',
  'too-many-problems': 'The file has more problems than are listed; the rest are counted in one message.',
  io: 'The file could not be read, or --fix could not write it.',
  'internal-error': 'A bug stopped the validator on this file; the run exits 2. Please report it.',
};

export const TOOL_NAME = 'meeting-records';
export const TOOL_VERSION: string = pkg.version;

/**
 * Where the README documents the rules: the package's homepage or repository
 * when package.json names one, else the README shipped beside dist/.
 */
export function readmeUrl(): string {
  const manifest = pkg as { homepage?: string; repository?: string | { url?: string } };
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const web = manifest.homepage ?? repository?.replace(/^git\+/, '').replace(/\.git$/, '');
  if (web && /^https?:\/\//.test(web)) return web.replace(/#.*$/, '');
  return pathToFileURL(path.join(__dirname, '..', 'README.md')).href;
}

export function ruleHelpUri(code: RuleCode): string {
  return `${readmeUrl()}#rule-${code}`;
}

export function ruleIds(): readonly RuleCode[] {
  return RULE_CODES;
}

export function defaultSeverity(code: RuleCode): Severity {
  return DEFAULT_SEVERITY[code];
}
