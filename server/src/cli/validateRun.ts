import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { availableParallelism } from 'node:os';
import { duplicateIdDiagnostics } from '../core/workspace';
import type { AnalyzeSettings } from './analyze';
import { cacheKey, ResultCache, resolveCacheLocation } from './cache';
import { UsageError } from './errors';
import { applySeverity, ioDiagnostic, toCliDiagnostic } from './diagnostics';
import { collectFiles, displayPath } from './files';
import { formatReport } from './formats';
import { TOOL_VERSION } from './formats/rules';
import { VALIDATE_HELP } from './help';
import { useColor, write, type CliIO } from './io';
import { analyzeSafely, analyzeShared, type SharedStats } from './pool';
import { Progress } from './progress';
import { decodeUtf8, hashBytes, ioMessage } from './readText';
import { compareDiagnostics, summarize, type CliDiagnostic, type FileResult, type ReportedFile } from './result';
import { selectShard } from './shard';
import { parseValidateArgs, type ValidateOptions } from './validateArgs';

/**
 * Files each thread should have before another one is started. A thread
 * must warm up the code it runs (and V8 compiles each thread's hot code
 * anew, on the same cores): on a 2-core machine one thread validates 5,000
 * files sooner than two (0.86 against 0.93 s), two pay from about 10,000
 * (1.36 against 1.39 s; 2.0 against 2.4 s at 20,000).
 */
export const FILES_PER_THREAD = 5000;

/** `meeting-records validate`: returns the exit status (0 clean, 1 errors, 2 usage or internal failure). */
export async function runValidate(args: readonly string[], io: CliIO): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    await write(io.stdout, VALIDATE_HELP);
    return 0;
  }
  if (options.version) {
    await write(io.stdout, `${TOOL_VERSION}\n`);
    return 0;
  }
  const cwd = io.cwd;
  const collected = collectFiles(options.paths.length ? options.paths : ['.'], cwd);
  let files = collected.records.map((path) => ({ path, file: displayPath(path, cwd) })).sort((a, b) => compareText(a.file, b.file));
  if (options.shard) files = selectShard(files, (f) => f.file, options.shard);

  const { catalogs, entries: catalogEntries } = loadCatalogs(collected.catalogs, options, cwd);
  const settings: AnalyzeSettings = {
    catalogs,
    maxFileSize: options.maxFileSize,
    severity: options.severity,
    fix: options.fix,
    fastPath: io.env.MEETING_RECORDS_FAST_PATH !== '0',
    hashes: options.cache,
  };
  const results = await analyzeAll(
    files.map((f) => f.path),
    settings,
    options,
    io,
  );

  const reported: ReportedFile[] = files.map((f, i) => ({ ...results[i], file: f.file }));
  addDuplicateIds(reported, options);
  for (const dir of collected.unreadable) {
    reported.push({ path: dir.path, file: displayPath(dir.path, cwd), records: [], diagnostics: applySeverity([ioDiagnostic(dir.message)], options.severity) });
  }
  reported.push(...catalogEntries);
  const final = reported
    .map((f) => ({ ...f, diagnostics: finalDiagnostics(f.diagnostics, options) }))
    .sort((a, b) => compareText(a.file, b.file));

  await write(io.stdout, formatReport(options.format, final, { cwd, color: useColor(io) }));
  return finish(final, options, io);
}

async function finish(files: readonly ReportedFile[], options: ValidateOptions, io: CliIO): Promise<number> {
  const notes: string[] = [];
  if (options.format !== 'stylish') {
    for (const f of files) if (f.fixed) notes.push(`fixed ${f.fixed} problem${f.fixed === 1 ? '' : 's'} in ${f.file}`);
  }
  const summary = summarize(files);
  const tooManyWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 && summary.warnings > options.maxWarnings;
  if (tooManyWarnings) notes.push(`${summary.warnings} warnings: more than --max-warnings ${options.maxWarnings}`);
  const failures = files.filter((f) => f.failure);
  for (const f of failures) notes.push(`internal error while validating ${f.file}: ${oneLine(f.failure ?? '')}`);
  await write(io.stderr, notes.map((n) => `meeting-records: ${n}\n`).join(''));
  if (failures.length > 0) return 2;
  return summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

/** Cached results first; the rest in-process for small runs, on worker threads for large ones. */
async function analyzeAll(paths: readonly string[], settings: AnalyzeSettings, options: ValidateOptions, io: CliIO): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(paths.length);
  const cache = options.cache ? ResultCache.open(resolveCacheLocation(options.cacheLocation, io.cwd), runKey(settings)) : undefined;
  const toValidate: number[] = [];
  for (let i = 0; i < paths.length; i++) {
    const hit = cache?.lookup(paths[i], settings.maxFileSize * 3 + 3);
    // With --fix, a file with fixable problems is done again so the fixes get written.
    if (hit && !(settings.fix && hit.diagnostics.some((d) => d.fixable))) results[i] = hit;
    else toValidate.push(i);
  }
  const progress = Progress.for(io.stderr, toValidate.length);
  let done = 0;
  const onResult = (index: number, result: FileResult): void => {
    results[index] = result;
    cache?.set(result);
    progress.update(++done);
  };
  const started = Date.now();
  let stats: SharedStats = { main: toValidate.length, workers: 0, workerThreads: 0, handedBack: 0 };
  if (toValidate.length > 0) {
    let analyzer: InstanceType<ReturnType<typeof heavy>['analyze']['FileAnalyzer']> | undefined;
    const analyzeHere = (index: number, precisely = false): FileResult => {
      const here = (analyzer ??= new (heavy().analyze.FileAnalyzer)(settings));
      return analyzeSafely(paths[index], (file) => (precisely ? here.analyzePrecisely(file) : here.analyze(file)));
    };
    const threads = threadCount(toValidate.length, io.env);
    if (threads > 1) stats = await analyzeShared(paths, toValidate, settings, threads - 1, analyzeHere, onResult);
    else for (const index of toValidate) onResult(index, analyzeHere(index));
  }
  progress.clear();
  if (io.env.MEETING_RECORDS_STATS === '1') {
    const fast = toValidate.filter((i) => results[i].fast).length;
    await write(
      io.stderr,
      `meeting-records: validated ${toValidate.length} files in ${Date.now() - started} ms: ${stats.main} on the main thread (${stats.handedBack} handed back by workers), ${stats.workers} on ${stats.workerThreads} worker thread(s); ${fast} by the fast path; ${paths.length - toValidate.length} from the cache\n`,
    );
  }
  refineDuplicates(paths, results, settings, cache);
  const warning = cache?.save();
  if (warning) await write(io.stderr, `meeting-records: ${warning}\n`);
  return results;
}

/**
 * Threads that validate, the main thread included (so N - 1 workers): one
 * per FILES_PER_THREAD files, at most one per core.
 * MEETING_RECORDS_THREADS overrides the choice (0 or 1: in-process; N: N
 * threads even for a small run), for tests and tuning; results are the same
 * either way.
 */
export function threadCount(files: number, env: NodeJS.ProcessEnv): number {
  const forced = env.MEETING_RECORDS_THREADS;
  if (forced !== undefined && /^\d+$/.test(forced)) return files === 0 ? 0 : Math.min(Number(forced), 64, files);
  return Math.max(1, Math.min(availableParallelism(), 16, Math.floor(files / FILES_PER_THREAD)));
}

/**
 * Fast-path results carry no id ranges; a record whose id turns out to be
 * duplicated needs one for its diagnostic, so its file is validated again on
 * the precise path. Duplicates are rare, so this costs next to nothing.
 */
function refineDuplicates(paths: readonly string[], results: FileResult[], settings: AnalyzeSettings, cache: ResultCache | undefined): void {
  const uses = new Map<string, number>();
  for (const result of results) for (const r of result.records) if (r.id !== undefined) uses.set(r.id, (uses.get(r.id) ?? 0) + 1);
  let analyzer: InstanceType<ReturnType<typeof heavy>['analyze']['FileAnalyzer']> | undefined;
  for (let i = 0; i < results.length; i++) {
    if (!results[i].fast || !results[i].records.some((r) => r.id !== undefined && (uses.get(r.id) ?? 0) > 1)) continue;
    const precise = (analyzer ??= new (heavy().analyze.FileAnalyzer)({ ...settings, fix: false, fastPath: false }));
    results[i] = analyzeSafely(paths[i], (file) => precise.analyze(file));
    cache?.set(results[i]);
  }
}

let buildFingerprint: string | undefined;

/** Everything a result depends on besides the file's content. */
function runKey(settings: AnalyzeSettings): string {
  if (buildFingerprint === undefined) {
    try {
      buildFingerprint = hashBytes(fs.readFileSync(__filename));
    } catch {
      buildFingerprint = '';
    }
  }
  // The build's bytes cover the schema and the bundled catalog, which are inlined in it.
  return cacheKey({
    version: TOOL_VERSION,
    build: buildFingerprint,
    catalogs: settings.catalogs,
    maxFileSize: settings.maxFileSize,
    fastPath: settings.fastPath,
    severity: Object.entries(settings.severity).sort(([a], [b]) => compareText(a, b)),
  });
}

/**
 * Workspace catalogs (found under the given folders, in path order) then
 * --catalog files (in the order given), each merged over what came before.
 * A --catalog that cannot be read is a usage error; a workspace catalog that
 * cannot be read or has problems gets its own entry in the report.
 */
function loadCatalogs(
  found: readonly string[],
  options: ValidateOptions,
  cwd: string,
): { catalogs: AnalyzeSettings['catalogs']; entries: ReportedFile[] } {
  const catalogs: Array<{ file: string; text: string; path: string }> = [];
  const entries: ReportedFile[] = [];
  const seen = new Set<string>();
  const explicit = options.catalogs.map((c) => ({ path: resolveExisting(c, cwd), given: c }));
  for (const { path, given } of [...found.map((p) => ({ path: p, given: undefined })), ...explicit]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const file = displayPath(path, cwd);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path);
    } catch (error) {
      if (given !== undefined) throw new UsageError(`--catalog ${given}: ${ioMessage(error).replace(/^Cannot read the file: /, '')}`);
      entries.push({ path, file, records: [], diagnostics: [ioDiagnostic(ioMessage(error))] });
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if (decoded.kind === 'problem') {
      entries.push({ path, file, records: [], diagnostics: [decoded.diagnostic] });
      continue;
    }
    catalogs.push({ file, text: decoded.text, path });
  }
  for (const c of catalogs) {
    const diagnostics = applySeverity(heavy().catalogFile.parseCatalogFile(c.text, c.file).diagnostics.map(toCliDiagnostic), options.severity);
    if (diagnostics.length > 0) entries.push({ path: c.path, file: c.file, records: [], diagnostics });
  }
  return { catalogs: catalogs.map(({ file, text }) => ({ file, text })), entries };
}

function resolveExisting(given: string, cwd: string): string {
  const resolved = nodePath.resolve(cwd, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(`--catalog: no such file '${given}'`);
  }
  if (!stat.isFile()) throw new UsageError(`--catalog: '${given}' is not a file`);
  return resolved;
}

/** `duplicate-id` across every record of the run (of the shard, with --shard). */
function addDuplicateIds(files: ReportedFile[], options: ValidateOptions): void {
  const byFile = duplicateIdDiagnostics(
    files.map((f) => ({ file: f.file, records: f.records })),
    options.severity,
  );
  if (byFile.size === 0) return;
  for (const f of files) {
    const extra = byFile.get(f.file);
    if (extra) f.diagnostics = [...f.diagnostics, ...extra.map(toCliDiagnostic)];
  }
}

function finalDiagnostics(diagnostics: readonly CliDiagnostic[], options: ValidateOptions): CliDiagnostic[] {
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : [...diagnostics];
  return shown.sort(compareDiagnostics);
}

/**
 * The validator (yaml, ajv, the schema, the catalog) loads on first use
 * only: a run answered from the cache never pays for it.
 */
function heavy(): { analyze: typeof import('./analyze'); catalogFile: typeof import('../core/catalogFile') } {
  return {
    analyze: require('./analyze') as typeof import('./analyze'),
    catalogFile: require('../core/catalogFile') as typeof import('../core/catalogFile'),
  };
}

/** Code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
