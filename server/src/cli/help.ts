import * as l10n from '@vscode/l10n';
import { CSV_COLUMNS } from '../core/export/formats';
import { formatNumber } from '../core/l10n';
import { RULE_CODES } from '../core/types';
import { DEFAULT_MAX_FILE_SIZE } from './validateArgs';

/** Breaks a long line at spaces, continuing lines indented by two. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

/** `meeting-records --help`, in the language of the run. */
export function mainHelp(): string {
  return l10n.t(`meeting-records — validate and render YAML records of ASEAN meetings

Usage:
  meeting-records validate [paths|globs…] [options]   validate records (default: the current folder)
  meeting-records render FILE [-o out.html]           render a record file as a standalone HTML page
  meeting-records draft ARTICLE [--format yaml|json]  draft records from a news article (- for stdin)
  meeting-records export --format FORMAT [paths…]    export records as ics, csv, jsonld or json
  meeting-records help [command]                      show help
  meeting-records --version                           print the version

Every command takes --locale en|vi|auto (default auto: LC_ALL, LC_MESSAGES
or LANG, else English).

Run 'meeting-records validate --help' for the validation options,
'meeting-records export --help' for the export options.
`);
}

/** `meeting-records validate --help`. The option names, format names and codes are the same in every language. */
export function validateHelp(): string {
  return l10n.t(
    `Usage: meeting-records validate [paths|globs…] [options]

Validates *.meeting.yaml / *.meeting.yml records against the schema and the
catalog. A folder means every record under it (.gitignore honoured unless
--no-ignore, node_modules and VCS folders skipped), as the editor's index does; a glob (quote it: 'records/**/*.yaml') is
matched under its static base; a file is taken as given; '!glob' leaves out
what it matches. *.catalog.yaml files found under the given folders are
merged over the bundled catalog. Default path: the current folder.

Options:
  -f, --format NAME       stylish (default), json, github, sarif or junit
      --max-warnings N    exit 1 when there are more than N warnings (-1: no limit)
  -q, --quiet             report errors only (warnings are neither shown nor counted)
      --catalog FILE      merge a catalog file over the bundled one (repeatable; last wins)
      --fix               apply the safe fixes (alias → canonical name, duplicate entry
                          removed) in place, keeping comments, quoting, key order and
                          blank lines; writes atomically and never over a file that
                          changed since it was read
      --shard i/n         validate only shard i of n (1-based): a stable split of the files
                          by their relative path, for CI matrices. Duplicate ids are then
                          only found within the shard
      --cache             reuse results of unchanged files (keyed by content, schema,
                          catalog and version)
      --cache-location P  cache file or folder (implies --cache; default
                          node_modules/.cache/meeting-records/validate-cache.json);
                          only a regular file that is a cache is ever replaced
      --no-ignore         walk folders without honouring .gitignore files
      --max-file-size N   skip files longer than N characters with an information
                          diagnostic (default {0})
      --severity C=L      set code C to level L: error, warning, information, hint or off
                          (repeatable, or comma-separated)
      --locale L          en, vi or auto (default: from LC_ALL, LC_MESSAGES or LANG)
  -h, --help              show this help
      --version           print the version

{1}

Exit status: 0 no errors; 1 errors found (or more warnings than --max-warnings,
or an unreadable file); 2 bad usage (unknown option, missing path) or an
internal failure.
`,
    formatNumber(DEFAULT_MAX_FILE_SIZE),
    wrap(l10n.t('Codes: {0}', RULE_CODES.join(', ')), 78),
  );
}

/** `meeting-records export --help`. */
export function exportHelp(): string {
  return l10n.t(
    `Usage: meeting-records export --format ics|csv|jsonld|json [--out FILE] [paths|globs…] [options]

Exports records, found and judged as 'validate' finds and judges them (the
same paths, globs, .gitignore rules and catalogs; default: the current
folder), one per meeting, in files' path order:

  ics     iCalendar (RFC 5545): one all-day event per record, UID from its id,
          so importing a newer export updates the events
  csv     one row per record (RFC 4180, CRLF, UTF-8 with BOM for Excel); columns
          {0}
  jsonld  schema.org Event objects in one @graph (@context https://schema.org)
  json    [{"file", "line", "record"}]: every record as written, for scripts

Party and mechanism names are published by their canonical catalog names
(ics, csv, jsonld); json keeps the records exactly as written.

A record is exported only when it has no error. When any file has an error
(or could not be read), its problems go to standard error and nothing is
exported, unless --allow-errors says to export the records without errors.

Options:
  -f, --format FORMAT     ics, csv, jsonld or json; may be left out when the
                          --out name ends in .ics, .csv, .jsonld or .json
  -o, --out FILE          write to FILE (atomically: a complete file or none)
                          instead of standard output. Never over one of the
                          records or catalogs read, a folder or a device; a link
                          is followed, a link to nothing refused
      --allow-errors      export the records without errors; the ones left out
                          are named on standard error, and the exit status is 0
      --catalog FILE      merge a catalog file over the bundled one (repeatable)
      --no-ignore         walk folders without honouring .gitignore files
      --max-file-size N   leave out files longer than N characters (default
                          {1}); they count as not read
      --severity C=L      set code C to level L, as for validate (an error set to
                          warning no longer stops the export)
  -h, --help              show this help

Environment: SOURCE_DATE_EPOCH (seconds) stamps the iCalendar events, so the
same records always give the same bytes; else the current time is used.

Exit status: 0 exported (also with --allow-errors when records were left
out); 1 errors found or a file not read, nothing written; 2 bad usage, an
internal failure, or FILE could not be written.
`,
    CSV_COLUMNS.join(', '),
    formatNumber(DEFAULT_MAX_FILE_SIZE),
  );
}
