import * as l10n from '@vscode/l10n';
import type { Diagnostic, Range } from '../core/types';
import type { FileAnalysis, LocatedMention, RecordInfo, SeverityOverrides } from '../core/validate';
import type { ArticleDependency } from './articles';

/**
 * The one shape of a file's verdict, from disk to result, for the CLI and
 * the server's index alike. Plain data only: it crosses the worker-thread
 * boundary and the CLI stores it in its result cache as JSON.
 */

/** A diagnostic as a verdict carries it: without its fixes (they are text edits for one version of the file). */
export interface FileDiagnostic extends Omit<Diagnostic, 'fixes'> {
  /** The diagnostic has a safe fix that `--fix` would apply. */
  fixable?: boolean;
}

/** What every verdict knows of a record. */
export interface RecordFacts {
  id?: string;
  idRange?: Range;
  /** 0-based line where the record's YAML document starts (its `---` line, or 0), to group diagnostics per record. */
  line: number;
}

/** A mention as the index keeps it: where and what, without the value path. */
export type IndexedMention = Omit<LocatedMention, 'path'>;

/** What the server's index keeps of a record (the verdict's `index` detail): never a parse tree or a value. */
export interface IndexedRecord extends RecordFacts, Pick<RecordInfo, 'title' | 'date' | 'mechanism' | 'level' | 'range' | 'errors' | 'warnings'> {
  partners: string[];
  mentions: IndexedMention[];
}

/** What an export needs of a record (the verdict's `values` detail): its plain value, where it is, whether it has errors. */
export interface ValuedRecord extends RecordFacts, Pick<RecordInfo, 'value' | 'range' | 'errors'> {}

/** Any record a verdict may carry, for code that passes verdicts on without reading them (the pool). */
export type AnyRecord = RecordFacts | IndexedRecord | ValuedRecord;

export interface FileVerdict<R extends RecordFacts = RecordFacts> {
  /** Absolute path. */
  path: string;
  diagnostics: FileDiagnostic[];
  records: R[];
  /** Why the file was not validated (too large), when it was not. */
  skipped?: string;
  /** How many fixes `--fix` applied and wrote to this file. */
  fixed?: number;
  /** Content hash of the text the diagnostics are about; absent when the file could not be read. */
  hash?: string;
  /** Size and modification time of the file the diagnostics are about, for the cache's quick check and `--fix`. */
  stamp?: { size: number; mtimeMs: number };
  /** Answered from plain values: clean, but records carry no idRange (FileAnalysis.partial). */
  partial?: boolean;
  /** The file was gone when it was to be read: the CLI reports it (`io`), the server's index forgets it. */
  gone?: true;
  /** A bug stopped the validator on this file: every front end shows it as an `internal-error` diagnostic. */
  failure?: string;
  /** The source articles its records name, where they were found and in which state: `not-in-article` depends on them. */
  articles?: ArticleDependency[];
}

export function toFileDiagnostic(d: Diagnostic): FileDiagnostic {
  const out: FileDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: d.range };
  if (d.related) out.related = d.related;
  if (d.fixes?.some((f) => f.safe)) out.fixable = true;
  return out;
}

/** Severity overrides for every code, including the ones the core does not produce (io, encoding). Idempotent. */
export function applySeverity(diagnostics: readonly FileDiagnostic[], overrides: SeverityOverrides): FileDiagnostic[] {
  const out: FileDiagnostic[] = [];
  for (const d of diagnostics) {
    const level = overrides[d.code];
    if (level === 'off') continue;
    out.push(level && level !== d.severity ? { ...d, severity: level } : d);
  }
  return out;
}

const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function ioDiagnostic(message: string): FileDiagnostic {
  return { code: 'io', severity: 'error', message, range: FIRST_LINE };
}

export function failureDiagnostic(failure: string): FileDiagnostic {
  return {
    code: 'internal-error',
    severity: 'error',
    message: l10n.t('Internal error while validating this file (please report it): {0}', failure.replace(/\s*[\r\n]+\s*/g, ' ')),
    range: FIRST_LINE,
  };
}

/** Records as a verdict lists them: each starts on its YAML document's first line. */
export function recordFacts(analysis: Pick<FileAnalysis, 'chunks' | 'lineIndex' | 'records'>): RecordFacts[] {
  const starts = documentStarts(analysis);
  return analysis.records.map((r, i): RecordFacts => {
    const facts: RecordFacts = { line: starts[i] ?? r.range.start.line };
    if (r.id !== undefined) facts.id = r.id;
    if (r.idRange !== undefined) facts.idRange = r.idRange;
    return facts;
  });
}

/**
 * Records with their values, for an export. The value is plain data (YAML's
 * core schema: no dates, no tags), so it crosses threads as is. A record
 * read from plain values (a clean file's shortcut) has its document's range;
 * its start moves to the document's first line of content, where a full
 * analysis starts it, so the line an export names is the same either way.
 */
export function valuedRecords(analysis: Pick<FileAnalysis, 'chunks' | 'lineIndex' | 'records' | 'partial'>): ValuedRecord[] {
  const facts = recordFacts(analysis);
  const documents = analysis.chunks.filter((c) => c.hasContent);
  return analysis.records.map((r, i) => {
    const range = analysis.partial === 'values' && documents[i] ? { start: { line: r.range.start.line + leadingLines(documents[i].text), character: 0 }, end: r.range.end } : r.range;
    return { ...facts[i], value: r.value, range, errors: r.errors };
  });
}

/** A line before a document's content: blank, a comment, or a `---` / `...` marker with at most a comment after it. */
const BEFORE_CONTENT = /^(?:---|\.\.\.)?\s*(?:#.*)?$/;

function leadingLines(text: string): number {
  const content = text.split('\n').findIndex((line) => !BEFORE_CONTENT.test(line));
  return content < 0 ? 0 : content;
}

/**
 * Verdicts answered from plain values that hold an id used more than once
 * in the run: their ids have no range for a `duplicate-id` diagnostic, so
 * these files are judged again without shortcuts. Duplicates are rare, so
 * this costs next to nothing.
 */
export function needingPrecision(verdicts: ReadonlyArray<Pick<FileVerdict, 'records' | 'partial'>>): number[] {
  const uses = new Map<string, number>();
  for (const verdict of verdicts) for (const r of verdict.records) if (r.id !== undefined) uses.set(r.id, (uses.get(r.id) ?? 0) + 1);
  const out: number[] = [];
  verdicts.forEach((v, i) => {
    if (v.partial && v.records.some((r) => r.id !== undefined && (uses.get(r.id) ?? 0) > 1)) out.push(i);
  });
  return out;
}

/** Records as the index keeps them. The core reuses the RecordInfo of a record an edit did not touch, and so does this. */
export function indexedRecords(analysis: Pick<FileAnalysis, 'chunks' | 'lineIndex' | 'records'>): IndexedRecord[] {
  const starts = documentStarts(analysis);
  return analysis.records.map((r, i) => indexedRecord(r, starts[i] ?? r.range.start.line));
}

/** Records belong to the documents with content, in order. */
function documentStarts({ chunks, lineIndex }: Pick<FileAnalysis, 'chunks' | 'lineIndex'>): number[] {
  return chunks.filter((c) => c.hasContent).map((c) => lineIndex.positionAt(c.offset).line);
}

/**
 * A keystroke in one record of a 200-record file copies one index record,
 * not 200: entries are remembered per RecordInfo (and its line).
 */
const indexedByInfo = new WeakMap<RecordInfo, IndexedRecord>();

function indexedRecord(r: RecordInfo, line: number): IndexedRecord {
  let indexed = indexedByInfo.get(r);
  if (!indexed || indexed.line !== line) {
    indexed = {
      id: r.id,
      idRange: r.idRange,
      line,
      title: r.title,
      date: r.date,
      mechanism: r.mechanism,
      level: r.level,
      partners: r.mentions.filter((m) => m.kind === 'party' && m.path[0] === 'partners').map((m) => m.name),
      range: r.range,
      mentions: r.mentions.map((m) => ({ kind: m.kind, name: m.name, range: m.range, known: m.known })),
      errors: r.errors,
      warnings: r.warnings,
    };
    indexedByInfo.set(r, indexed);
  }
  return indexed;
}
