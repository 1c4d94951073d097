import * as l10n from '@vscode/l10n';
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
  meeting-records help [command]                      show help
  meeting-records --version                           print the version

Every command takes --locale en|vi|auto (default auto: LC_ALL, LC_MESSAGES
or LANG, else English).

Run 'meeting-records validate --help' for the validation options.
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
