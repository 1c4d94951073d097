import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { availableParallelism } from 'node:os';
import { currentLocale } from '../core/l10n';
import type { AnalyseSettings, FileJob, Fixer } from '../corpus/analyse';
import { judgeInPool, type PoolStats } from '../corpus/pool';
import { hashBytes } from '../corpus/read';
import { applySeverity, ioDiagnostic, needingPrecision, type FileDiagnostic, type FileVerdict } from '../corpus/result';
import { cacheKey, ResultCache, resolveCacheLocation } from './cache';
import { formatReport } from './formats';
import { TOOL_VERSION } from './formats/rules';
import { validateHelp } from './help';
import { collectFiles, displayPath } from './inputs';
import { useColor, write, type CliIO } from './io';
import { Progress } from './progress';
import { loadCatalogs } from './catalogs';
import { addDuplicateIds, compareDiagnostics, compareText, summarize, type ReportedFile } from './result';
import { selectShard } from './shard';
import { parseValidateArgs, type ValidateOptions } from './validateArgs';
import { visible } from './visible';

/** How CLI messages name the file-size limit. */
const MAX_FILE_SIZE_FLAG = '--max-file-size';

/**
 * Files each thread should have before another one is started. A thread
 * must warm up the code it runs (and V8 compiles each thread's hot code
 * anew, on the same cores), which smaller shares do not repay; the
 * measurements behind the number are in docs/performance.md.
 */
export const FILES_PER_THREAD = 5000;

/** `meeting-records validate`: returns the exit status (0 clean, 1 errors, 2 usage or internal failure). */
export async function runValidate(args: readonly string[], io: CliIO): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    await write(io.stdout, validateHelp());
    return 0;
  }
  if (options.version) {
    await write(io.stdout, `${TOOL_VERSION}\n`);
    return 0;
  }
  const cwd = io.cwd;
  const collected = collectFiles(options.paths.length ? options.paths : ['.'], cwd, options.useIgnoreFiles);
  let files = collected.records.map((path) => ({ path, file: displayPath(path, cwd) })).sort((a, b) => compareText(a.file, b.file));
  if (options.shard) files = selectShard(files, (f) => f.file, options.shard);

  const { catalogs, entries: catalogEntries } = loadCatalogs(collected.catalogs, options, cwd);
  const settings: AnalyseSettings<'verdict'> = {
    catalogs,
    detail: 'verdict',
    fastPath: io.env.MEETING_RECORDS_FAST_PATH !== '0',
    hashes: options.cache,
    maxFileSizeName: MAX_FILE_SIZE_FLAG,
    locale: currentLocale(),
  };
  // Source articles are looked for up to the current folder (corpus/articles.ts), as a workspace folder bounds the editor's search.
  const jobs = files.map((f): FileJob => ({ path: f.path, maxFileSize: options.maxFileSize, severity: options.severity, articleRoot: cwd }));
  const verdicts = await judgeAll(jobs, settings, options, io);

  const reported: ReportedFile[] = files.map((f, i) => ({ ...verdicts[i], file: f.file }));
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
    for (const f of files) if (f.fixed) notes.push(f.fixed === 1 ? l10n.t('fixed 1 problem in {0}', f.file) : l10n.t('fixed {0} problems in {1}', f.fixed, f.file));
  }
  const summary = summarize(files);
  const tooManyWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 && summary.warnings > options.maxWarnings;
  if (tooManyWarnings) notes.push(l10n.t('{0} warnings: more than --max-warnings {1}', summary.warnings, Number(options.maxWarnings)));
  const failures = files.filter((f) => f.failure);
  for (const f of failures) notes.push(l10n.t('internal error while validating {0}: {1}', f.file, oneLine(f.failure ?? '')));
  await write(io.stderr, notes.map((n) => `meeting-records: ${visible(n)}\n`).join(''));
  if (failures.length > 0) return 2;
  return summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

/** Cached verdicts first; the rest in-process for small runs, on worker threads too for large ones. */
async function judgeAll(jobs: readonly FileJob[], settings: AnalyseSettings<'verdict'>, options: ValidateOptions, io: CliIO): Promise<FileVerdict[]> {
  const verdicts: FileVerdict[] = new Array<FileVerdict>(jobs.length);
  const cache = options.cache ? ResultCache.open(resolveCacheLocation(options.cacheLocation, io.cwd), runKey(settings, options)) : undefined;
  const toJudge: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const hit = cache?.lookup(jobs[i].path, options.maxFileSize * 3 + 3, jobs[i].articleRoot);
    // With --fix, a file with fixable problems is done again so the fixes get written.
    if (hit && !(options.fix && hit.diagnostics.some((d) => d.fixable))) verdicts[i] = hit;
    else toJudge.push(i);
  }
  const progress = Progress.for(io.stderr, toJudge.length);
  let done = 0;
  const started = Date.now();
  let stats: PoolStats = { here: 0, workers: 0, workerThreads: 0, left: [] };
  if (toJudge.length > 0) {
    const { analyse, fix } = heavy();
    const fixer: Fixer | undefined = options.fix ? fix.fixFile : undefined;
    const here = new analyse.FileAnalyzer(settings, fixer);
    // --fix writes files: only this thread does it, one file at a time.
    const threads = fixer ? 1 : threadCount(toJudge.length, io.env);
    stats = await judgeInPool({
      script: nodePath.join(__dirname, 'worker.js'),
      workers: threads - 1,
      settings,
      jobs: toJudge.map((i) => jobs[i]),
      here,
      onVerdict: (index, verdict) => {
        verdicts[toJudge[index]] = verdict;
        cache?.set(verdict);
        progress.update(++done);
      },
    });
  }
  progress.clear();
  if (io.env.MEETING_RECORDS_STATS === '1') {
    const quick = toJudge.filter((i) => verdicts[i].partial).length;
    await write(
      io.stderr,
      `meeting-records: validated ${toJudge.length} files in ${Date.now() - started} ms: ${stats.here} on the main thread, ${stats.workers} on ${stats.workerThreads} worker thread(s); ${quick} by the fast path; ${jobs.length - toJudge.length} from the cache\n`,
    );
  }
  refineDuplicates(jobs, verdicts, settings, cache);
  const warning = cache?.save();
  if (warning) await write(io.stderr, `meeting-records: ${visible(warning)}\n`);
  return verdicts;
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

/** A record whose id turns out to be duplicated needs its id's range for the diagnostic: its file is judged again without shortcuts. */
function refineDuplicates(jobs: readonly FileJob[], verdicts: FileVerdict[], settings: AnalyseSettings<'verdict'>, cache: ResultCache | undefined): void {
  let precise: InstanceType<ReturnType<typeof heavy>['analyse']['FileAnalyzer']> | undefined;
  for (const i of needingPrecision(verdicts)) {
    precise ??= new (heavy().analyse.FileAnalyzer)(settings);
    verdicts[i] = precise.analyse({ ...jobs[i], precise: true });
    cache?.set(verdicts[i]);
  }
}

let buildFingerprint: string | undefined;

/** Everything a verdict depends on besides the file's content. */
function runKey(settings: AnalyseSettings, options: ValidateOptions): string {
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
    maxFileSize: options.maxFileSize,
    fastPath: settings.fastPath,
    // Verdicts hold their messages as text: a run in another language judges again.
    locale: settings.locale ?? 'en',
    severity: Object.entries(options.severity).sort(([a], [b]) => compareText(a, b)),
  });
}

function finalDiagnostics(diagnostics: readonly FileDiagnostic[], options: ValidateOptions): FileDiagnostic[] {
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : [...diagnostics];
  return shown.sort(compareDiagnostics);
}

/**
 * The validator (yaml, ajv, the schema, the catalog) loads on first use
 * only: a run answered from the cache never pays for it.
 */
function heavy(): { analyse: typeof import('../corpus/analyse'); fix: typeof import('./fix') } {
  return {
    analyse: require('../corpus/analyse') as typeof import('../corpus/analyse'),
    fix: require('./fix') as typeof import('./fix'),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
