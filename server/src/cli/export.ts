/**
 * `meeting-records export --format ics|csv|jsonld|json [--out FILE] PATHS`:
 * records out to calendars, spreadsheets, the web and scripts. The files are
 * found, read, judged and checked for duplicate ids exactly as `validate`
 * does (the corpus layer, the same catalogs), so a record is exported only
 * when `validate` would find no error in it.
 */
import * as nodePath from 'node:path';
import type { CatalogIndex } from '../core/catalog';
import { buildCatalog, parseCatalogFile } from '../core/catalogFile';
import { exportRecords, isUnreadProblem, selectExportable, type ExportSelection, type SkippedRecord } from '../core/export';
import { FileAnalyzer, type AnalyseSettings, type FileJob } from '../corpus/analyse';
import { judgeInPool } from '../corpus/pool';
import { applySeverity, ioDiagnostic, needingPrecision, type FileVerdict, type ValuedRecord } from '../corpus/result';
import { atomicWrite } from './atomicWrite';
import { loadCatalogs } from './catalogs';
import { parseExportArgs, type ExportOptions } from './exportArgs';
import { formatReport } from './formats';
import { exportHelp } from './help';
import { collectFiles, displayPath } from './inputs';
import { useColor, write, type CliIO } from './io';
import { Progress } from './progress';
import { addDuplicateIds, compareDiagnostics, compareText, summarize, type ReportedFile } from './result';
import { threadCount } from './validateRun';
import { visible } from './visible';

type ValuedFile = ReportedFile & { records: ValuedRecord[] };

/** Records named one by one when some are left out; the rest are counted. */
const MAX_NAMED_SKIPPED = 20;

/**
 * Exit status: 0 exported (with --allow-errors, also when records with
 * errors were left out: the user asked for what parses, and stderr names
 * what is missing); 1 some file has errors or could not be read, and nothing
 * was written; 2 bad usage, an internal failure, or the output could not be
 * written.
 */
export async function runExport(args: readonly string[], io: CliIO): Promise<number> {
  const options = parseExportArgs(args);
  if (options.help) {
    await write(io.stdout, exportHelp());
    return 0;
  }
  const run = await judgeRun(options, io);
  const problems = problemReport([...run.files, ...run.catalogProblems]);
  if (problems.length > 0) await write(io.stderr, formatReport('stylish', problems, { cwd: io.cwd, color: useColor({ ...io, stdout: io.stderr }) }));
  const failures = run.files.filter((f) => f.failure);
  if (failures.length > 0) return note(io, `internal error while reading ${failures.map((f) => f.file).join(', ')}; nothing exported`, 2);

  const selection = selectExportable(run.files);
  const errors = summarize(problems).errors;
  if ((errors > 0 || selection.unread.length > 0) && !options.allowErrors) {
    return note(io, `nothing exported: ${blockers(errors, selection)}. Fix them, or use --allow-errors to export the ${plural(selection.records.length, 'record')} without errors`, 1);
  }
  await noteLeftOut(io, selection);
  const text = exportRecords(options.format, selection.records, { catalog: run.catalog, generatedAt: generatedAt(io.env) });
  if (options.out === undefined) {
    await write(io.stdout, text);
    return 0;
  }
  try {
    // Never over a record or catalog the run read, whatever path or link leads to it; never over a folder or device.
    atomicWrite(nodePath.resolve(io.cwd, options.out), text, { inputs: run.inputs });
  } catch (error) {
    return note(io, `cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  return 0;
}

interface JudgedRun {
  /** Record files (and unreadable paths), with their records' values and every diagnostic, in path order. */
  files: ValuedFile[];
  /** Workspace catalogs that could not be read or have problems. */
  catalogProblems: ReportedFile[];
  catalog: CatalogIndex;
  /** Every file the run read: what --out must never replace. */
  inputs: string[];
}

/** The files found, read and judged as `validate` does them, duplicate ids across the run included. */
async function judgeRun(options: ExportOptions, io: CliIO): Promise<JudgedRun> {
  const cwd = io.cwd;
  const collected = collectFiles(options.paths.length ? options.paths : ['.'], cwd, options.useIgnoreFiles);
  const { catalogs, entries: catalogProblems } = loadCatalogs(collected.catalogs, options, cwd);
  const settings: AnalyseSettings<'values'> = { catalogs, detail: 'values', fastPath: io.env.MEETING_RECORDS_FAST_PATH !== '0', hashes: false, maxFileSizeName: '--max-file-size' };
  const catalog = buildCatalog(catalogs.map((c) => parseCatalogFile(c.text, c.file)));
  const found = judgedFiles(collected.records, cwd);
  const jobs = found.map((f): FileJob => ({ path: f.path, maxFileSize: options.maxFileSize, severity: options.severity }));
  const here = new FileAnalyzer(settings, undefined, catalog);
  const verdicts = await judgeAll(jobs, here, io);
  // As validate does: an id used twice needs its range, which a clean file's shortcut does not give.
  for (const i of needingPrecision(verdicts)) verdicts[i] = here.analyse({ ...jobs[i], precise: true });
  const files: ValuedFile[] = found.map((f, i) => ({ ...verdicts[i], file: f.file }));
  addDuplicateIds(files, options);
  for (const dir of collected.unreadable) {
    files.push({ path: dir.path, file: displayPath(dir.path, cwd), records: [], diagnostics: applySeverity([ioDiagnostic(dir.message)], options.severity) });
  }
  files.sort((a, b) => compareText(a.file, b.file));
  const inputs = [...collected.records, ...collected.catalogs, ...options.catalogs.map((c) => nodePath.resolve(cwd, c))];
  return { files, catalogProblems, catalog, inputs };
}

/** The record files with the names the user sees, in the order every export lists them. */
function judgedFiles(paths: readonly string[], cwd: string): Array<{ path: string; file: string }> {
  return paths.map((path) => ({ path, file: displayPath(path, cwd) })).sort((a, b) => compareText(a.file, b.file));
}

/** Verdicts with values, in job order: in-process for small runs, on worker threads too for large ones (as `validate`). */
async function judgeAll(jobs: readonly FileJob[], here: FileAnalyzer<'values'>, io: CliIO): Promise<Array<FileVerdict<ValuedRecord>>> {
  const verdicts = new Array<FileVerdict<ValuedRecord>>(jobs.length);
  const progress = Progress.for(io.stderr, jobs.length, 'reading');
  let done = 0;
  await judgeInPool({
    script: nodePath.join(__dirname, 'worker.js'),
    workers: Math.max(0, threadCount(jobs.length, io.env) - 1),
    settings: here.settings,
    jobs,
    here,
    onVerdict: (index, verdict) => {
      // The pool's workers run the same `values` settings: their records carry values too.
      verdicts[index] = verdict as FileVerdict<ValuedRecord>;
      progress.update(++done);
    },
  });
  progress.clear();
  return verdicts;
}

/**
 * What stops an export, as `validate --quiet` shows it: the errors, and why
 * a file could not be read even when that is only information (too large).
 * Without the `--fix` hint, which is validate's.
 */
function problemReport(files: readonly ReportedFile[]): ReportedFile[] {
  return files
    .map((f) => ({
      ...f,
      fixed: undefined,
      diagnostics: f.diagnostics
        .filter((d) => d.severity === 'error' || isUnreadProblem(d))
        .map(({ fixable: _fixable, ...d }) => d)
        .sort(compareDiagnostics),
    }))
    .filter((f) => f.diagnostics.length > 0);
}

function blockers(errors: number, selection: ExportSelection): string {
  const parts: string[] = [];
  if (errors > 0) parts.push(`${plural(errors, 'error')} (${plural(selection.skipped.length, 'record')} affected)`);
  if (selection.unread.length > 0) parts.push(`${plural(selection.unread.length, 'file')} not read`);
  return parts.join(' and ');
}

/** With --allow-errors: what the export leaves out, so nothing goes missing unsaid. */
async function noteLeftOut(io: CliIO, selection: ExportSelection): Promise<void> {
  const { skipped, unread } = selection;
  if (skipped.length > 0) {
    const named = skipped.slice(0, MAX_NAMED_SKIPPED).map(describeSkipped);
    const more = skipped.length - named.length;
    await note(io, `left out ${plural(skipped.length, 'record')} with errors: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`, 0);
  }
  if (unread.length > 0) await note(io, `left out ${plural(unread.length, 'file')} that could not be read: ${unread.join(', ')}`, 0);
}

function describeSkipped(r: SkippedRecord): string {
  return `${r.file}:${r.line}${r.id === undefined ? '' : ` (${r.id})`}`;
}

/**
 * When the export is made: SOURCE_DATE_EPOCH (seconds) when set, the
 * reproducible-builds convention, so the same records give the same bytes;
 * else now. Only the iCalendar DTSTAMP shows it.
 */
export function generatedAt(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

async function note(io: CliIO, message: string, code: number): Promise<number> {
  await write(io.stderr, `meeting-records export: ${visible(message.replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
  return code;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
