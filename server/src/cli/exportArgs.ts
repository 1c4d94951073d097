import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportFormatOfFile, isExportFormat, type ExportFormat } from '../core/export/formats';
import type { SeverityOverrides } from '../core/validate';
import { UsageError } from './errors';
import { DEFAULT_MAX_FILE_SIZE, hint, nonEmpty, parseCount, parseSeverities, usageFromParseError } from './validateArgs';

export interface ExportOptions {
  paths: string[];
  format: ExportFormat;
  /** Where to write; standard output when absent. */
  out?: string;
  /** Export the records without errors even when others have some (exit 0). */
  allowErrors: boolean;
  catalogs: string[];
  useIgnoreFiles: boolean;
  maxFileSize: number;
  severity: SeverityOverrides;
  help: boolean;
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'allow-errors': { type: 'boolean' },
  catalog: { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  severity: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The words after `export`. The options `validate` also has mean the same here. */
export function parseExportArgs(args: readonly string[]): ExportOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseError(error, OPTIONS);
  }
  const v = parsed.values;
  const help = v.help ?? false;
  if (v.out === '') throw new UsageError('--out needs a file name');
  return {
    paths: parsed.positionals,
    // --help must work without a format.
    format: help ? 'json' : formatOf(v.format, v.out),
    out: v.out,
    allowErrors: v['allow-errors'] ?? false,
    catalogs: (v.catalog ?? []).map((file) => nonEmpty('--catalog', file)),
    useIgnoreFiles: !(v['no-ignore'] ?? false),
    maxFileSize: v['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseCount('--max-file-size', v['max-file-size'], 1),
    severity: parseSeverities(v.severity ?? []),
    help,
  };
}

/** `--format`, or else what `--out`'s extension says (`-o meetings.ics`), as `pandoc -o` does. */
function formatOf(given: string | undefined, out: string | undefined): ExportFormat {
  if (given !== undefined) {
    if (!isExportFormat(given)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not '${given}'${hint(given, EXPORT_FORMATS)}`);
    return given;
  }
  const fromName = out === undefined ? undefined : exportFormatOfFile(out);
  if (fromName) return fromName;
  throw new UsageError(`--format ${EXPORT_FORMATS.join('|')} is needed${out === undefined ? '' : ` (the name '${out}' does not say which)`}`);
}
