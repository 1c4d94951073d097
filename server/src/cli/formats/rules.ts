import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../../../package.json';
import { DEFAULT_SEVERITY, RULE_CODES, type RuleCode, type Severity } from '../../core/types';

/** One line per rule code, for SARIF's rule table and `--help`, in the language of the run. The README's rule table has the anchors. */
export function ruleDescription(code: RuleCode): string {
  switch (code) {
    case 'yaml-syntax':
      return l10n.t('The YAML does not parse.');
    case 'schema':
      return l10n.t('The JSON Schema rejects a value: a missing or unknown field, a wrong type, enum value, pattern or date.');
    case 'unknown-party':
      return l10n.t('A party is neither a canonical catalog name nor an alias.');
    case 'unknown-mechanism':
      return l10n.t('A mechanism is not in the catalog.');
    case 'non-canonical-name':
      return l10n.t('An alias is used where the canonical catalog name belongs (a safe fix replaces it).');
    case 'duplicate-entry':
      return l10n.t('The same party is listed twice in one list, aliases resolved (a safe fix removes it).');
    case 'date-order':
      return l10n.t("'end_date' is before 'date'.");
    case 'duplicate-id':
      return l10n.t('Two records in the run share an id.');
    case 'mechanism-membership':
      return l10n.t("A partner is not a member of a mechanism with fixed membership at the meeting's date.");
    case 'series-year':
      return l10n.t("The series number disagrees with 'date' (the catalog's table of known meetings, else the yearly rule).");
    case 'ambiguous-name':
      return l10n.t('A name folds like several catalog names: the author must choose (a fix per candidate, never applied by --fix).');
    case 'member-as-partner':
      return l10n.t('An ASEAN member state is listed under partners of a meeting between ASEAN and others (ASEAN+1, ASEAN+3, EAS…).');
    case 'chair-not-member':
      return l10n.t("The chair of a mechanism chaired by ASEAN is not an ASEAN member state at the meeting's date.");
    case 'follow-up-date':
      return l10n.t('A follow-up meeting is dated before the meeting that announced it.');
    case 'document-mismatch':
      return l10n.t('A document the catalog knows disagrees with its entry: type, parties, or a year after the meeting.');
    case 'party-not-yet':
      return l10n.t("A party did not exist yet at the meeting's date, or was not yet a dialogue partner.");
    case 'partners-participants':
      return l10n.t('A partner is missing from the participants the record lists.');
    case 'not-in-article':
      return l10n.t("A party, date or document that the record's source article (source.article, found beside the record) does not mention.");
    case 'encoding':
      return l10n.t('The file is not UTF-8 text (binary content or invalid UTF-8).');
    case 'file-too-large':
      return l10n.t('The file is larger than --max-file-size and was not validated.');
    case 'too-many-problems':
      return l10n.t('The file has more problems than are listed; the rest are counted in one message.');
    case 'io':
      return l10n.t('The file could not be read, or --fix could not write it.');
    case 'internal-error':
      return l10n.t('A bug stopped the validator on this file; the run exits 2. Please report it.');
  }
}

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
