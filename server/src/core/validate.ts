import type { Document } from 'yaml';
import type { CatalogIndex } from './catalog';
import { editsForFix, firstLineSpan, spanOfProblem, type SpanFix } from './locate';
import { parseChunk, splitDocuments, locatePath, nodeSpan, type ParsedChunk } from './parse';
import { SectionedParser } from './sectionedParse';
import type { Problem } from './problems';
import { checkRules, isDict, type Mention } from './rules';
import { checkSchema } from './schema';
import { LineIndex, stripBom } from './text';
import {
  DEFAULT_SEVERITY,
  type Diagnostic,
  type Fix,
  type Range,
  type RuleCode,
  type Severity,
  type Span,
  type ValuePath,
} from './types';

export type SeverityOverrides = Partial<Record<RuleCode, Severity | 'off'>>;

export interface ValidateOptions {
  /** Files longer than this (in characters) are not validated: one information diagnostic says so. */
  maxFileSize?: number;
  severity?: SeverityOverrides;
}

/** A mention placed in the file. */
export interface LocatedMention extends Mention {
  range: Range;
}

/** What the index, the outline and the overview need of one record. */
export interface RecordInfo {
  /** Index of the YAML document in the file. */
  index: number;
  value: unknown;
  id?: string;
  idRange?: Range;
  title?: string;
  date?: string;
  mechanism?: string;
  level?: string;
  /** Range of the whole document's content. */
  range: Range;
  mentions: LocatedMention[];
  errors: number;
  warnings: number;
}

/** One YAML document of a file: where it is and whether it holds anything. */
export interface FileChunk {
  /** Offset of the document in the file. */
  readonly offset: number;
  readonly text: string;
  readonly hasContent: boolean;
}

export interface FileAnalysis {
  /** The text the analysis is about (BOM removed). */
  text: string;
  lineIndex: LineIndex;
  chunks: readonly FileChunk[];
  records: RecordInfo[];
  diagnostics: Diagnostic[];
  /** Why validation did not run, when it did not. */
  skipped?: string;
  /**
   * The parse tree of one of this file's documents (ranges relative to the
   * document). Trees are not kept with the analysis: a file of 200,000 small
   * documents would hold 200,000 trees (over a gigabyte). They come from the
   * validator's bounded cache, or are parsed again when it let them go.
   */
  treeOf(chunk: FileChunk): Document.Parsed | undefined;
}

/** validateKnownRecord's answer: a FileAnalysis without trees, its one record without mentions. */
export interface KnownRecordAnalysis extends Pick<FileAnalysis, 'text' | 'lineIndex' | 'chunks' | 'diagnostics'> {
  records: Array<Omit<RecordInfo, 'mentions'>>;
}

/** One chunk's findings in chunk offsets: cached by chunk text, placed per file. */
interface ChunkFinding {
  code: RuleCode;
  message: string;
  span: Span;
  fixes: SpanFix[];
}

/** Everything found in one document, in document offsets: the same for every file and place it occurs in. */
interface ChunkAnalysis {
  chunk: ParsedChunk;
  findings: ChunkFinding[];
  mentions: Array<Mention & { span: Span }>;
  idSpan?: Span;
  /** The last placement of these findings in a file, reused while the document stays where it was. */
  placed?: Placement;
}

/**
 * A document's findings placed in a file. Documents start at a line start,
 * so a document that did not move keeps every range: an edit in one record
 * of a 200-record file re-places that record only.
 */
interface Placement extends PlacedDocument {
  line: number;
  character: number;
  recordIndex: number;
  severityKey: string;
}

interface PlacedDocument {
  diagnostics: Diagnostic[];
  /** Findings past the file's cap: counted, not placed. */
  unlisted: number;
  record?: RecordInfo;
}

/**
 * Diagnostics listed per file, by the editor and the CLI alike; the rest are
 * counted in one information diagnostic. Far above any real record file (and
 * more than anyone reads in a Problems panel, which every keystroke re-sends),
 * low enough that a generated one (1.6 million problems) cannot exhaust memory.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 20_000;

const CACHE_LIMIT = 4096;
/**
 * Characters of document text the cache may hold in all. A parse tree costs
 * about 20 bytes per character of YAML, so this keeps the cache near 50 MB.
 * Counting entries alone was not enough: every keystroke in a 5,000-line
 * record cached that version's whole tree (about 4.5 MB), and the server
 * grew by 1.5 GB in 300 keystrokes.
 */
const CACHE_CHARS = 2_000_000;

/**
 * Validates record files against one catalog. Keeps a bounded cache of
 * per-document results keyed by the document's text, so an edit in one
 * record of a 200-record file re-validates that record only.
 */
export class Validator {
  private readonly cache = new Map<string, ChunkAnalysis>();
  private cachedChars = 0;
  /**
   * Re-parses only the piece of a large record a keystroke touched. Only a
   * validator that sees the same texts again (the editor's) has a use for it.
   */
  private readonly sectioned: SectionedParser | undefined;
  /** Parses the sections validateKnownRecord needs; caches nothing (each file is seen once). */
  private partial: SectionedParser | undefined;

  /** `cacheLimit` 0 keeps nothing: for one-pass work such as indexing a workspace. */
  constructor(
    readonly catalog: CatalogIndex,
    private readonly cacheLimit = CACHE_LIMIT,
  ) {
    this.sectioned = cacheLimit > 0 ? new SectionedParser() : undefined;
  }

  validate(rawText: string, options: ValidateOptions = {}): FileAnalysis {
    const text = stripBom(rawText);
    const lineIndex = new LineIndex(text);
    if (options.maxFileSize !== undefined && text.length > options.maxFileSize) {
      return skippedFile(text, lineIndex, options.maxFileSize);
    }
    const severityKey = JSON.stringify(options.severity ?? {});
    const chunks: FileChunk[] = [];
    const diagnostics: Diagnostic[] = [];
    const records: RecordInfo[] = [];
    let unlisted = 0;
    const pieces = splitDocuments(text);
    // A file of more documents than the cache holds would only churn it: every tree would live just long
    // enough to be promoted to the old generation, and garbage collection took three quarters of the time.
    const cacheThisFile = pieces.length <= this.cacheLimit / 2;
    for (const { offset, text: chunkText } of pieces) {
      const analysis = this.analyzeChunk(chunkText, cacheThisFile);
      chunks.push({ offset, text: chunkText, hasContent: analysis.chunk.hasContent });
      const where = { offset, position: lineIndex.positionAt(offset), recordIndex: records.length };
      const room = MAX_DIAGNOSTICS_PER_FILE - diagnostics.length;
      // Past the cap findings are counted, not placed: a million diagnostic objects would exhaust memory.
      const placed =
        analysis.findings.length <= room
          ? this.placement(analysis, where, severityKey, options.severity, lineIndex, cacheThisFile)
          : placeDocument(analysis, where, options.severity, lineIndex, room);
      for (const diagnostic of placed.diagnostics) diagnostics.push(diagnostic);
      unlisted += placed.unlisted;
      if (placed.record) records.push(placed.record);
    }
    if (unlisted > 0) diagnostics.push(unlistedDiagnostic(unlisted, lineIndex));
    return { text, lineIndex, chunks, records, diagnostics, treeOf: (chunk) => this.treeOf(chunk) };
  }

  /**
   * What `validate` gives for a file of one record whose value the caller
   * has already read and found problems in (the CLI's fast path reads it
   * with js-yaml, whose values match `yaml`'s there), with the problems
   * placed in a tree of only the sections they, their fixes and the id are
   * in (SectionedParser.parseSections): a 45-line record with one wrong
   * partner costs `yaml` a few lines instead of all 45. Its record has no
   * mentions (placing them needs every section). Undefined when the
   * shortcut cannot vouch for the same result: then call `validate`.
   */
  validateKnownRecord(rawText: string, record: unknown, options: ValidateOptions = {}): KnownRecordAnalysis | undefined {
    const text = stripBom(rawText);
    if (!isDict(record) || (options.maxFileSize !== undefined && text.length > options.maxFileSize)) return undefined;
    const pieces = splitDocuments(text);
    if (pieces.length !== 1) return undefined;
    const [{ offset, text: chunkText }] = pieces;
    const problems = [...checkSchema(record), ...checkRules(record, this.catalog).problems];
    const wanted = new Set<string>(['id']);
    const wantHead = (path: ValuePath): void => {
      if (path.length > 0) wanted.add(String(path[0]));
    };
    for (const problem of problems) {
      wantHead(problem.path);
      for (const fix of problem.fixes ?? []) wantHead(fix.path);
    }
    const doc = (this.partial ??= new SectionedParser(0)).parseSections(chunkText, record, wanted);
    if (!doc) return undefined;
    const chunk: ParsedChunk = { offset: 0, text: chunkText, doc, value: record, hasContent: true, syntaxErrors: [] };
    const lineIndex = new LineIndex(text);
    const where = { offset, position: lineIndex.positionAt(offset), recordIndex: 0 };
    const placed = placeDocument(analyzeChunk(chunk, this.catalog, problems), where, options.severity, lineIndex, MAX_DIAGNOSTICS_PER_FILE);
    if (placed.unlisted > 0 || !placed.record) return undefined;
    const { mentions: _none, ...placedRecord } = placed.record;
    return { text, lineIndex, chunks: [{ offset, text: chunkText, hasContent: true }], diagnostics: placed.diagnostics, records: [placedRecord] };
  }

  /** The placed findings of a document, reused when it is where it was last time, under the same severities. */
  private placement(
    analysis: ChunkAnalysis,
    where: Where,
    severityKey: string,
    overrides: SeverityOverrides | undefined,
    lineIndex: LineIndex,
    remember: boolean,
  ): Placement {
    const last = analysis.placed;
    const { position, recordIndex } = where;
    if (last && last.line === position.line && last.character === position.character && last.recordIndex === recordIndex && last.severityKey === severityKey) {
      return last;
    }
    const placed: Placement = {
      line: position.line,
      character: position.character,
      recordIndex,
      severityKey,
      ...placeDocument(analysis, where, overrides, lineIndex, Infinity),
    };
    if (remember) analysis.placed = placed;
    return placed;
  }

  /** A cached tree, or a fresh parse (not cached: features walk many documents of a huge file once each). */
  private treeOf(chunk: FileChunk): Document.Parsed | undefined {
    return (this.cache.get(chunk.text)?.chunk ?? parseChunk(chunk.text, 0)).doc;
  }

  private analyzeChunk(text: string, remember = true): ChunkAnalysis {
    const cached = this.cache.get(text);
    if (cached) {
      // Refresh recency.
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    const sectioned = this.sectioned;
    const analysis = analyzeChunk(sectioned ? parseChunk(text, 0, (t) => sectioned.parse(t)) : parseChunk(text, 0), this.catalog);
    if (remember && this.cacheLimit > 0) {
      this.cache.set(text, analysis);
      this.cachedChars += text.length;
      // Least recently used first; the entry just added always stays.
      while (this.cache.size > 1 && (this.cache.size > this.cacheLimit || this.cachedChars > CACHE_CHARS)) {
        const oldest = this.cache.keys().next().value as string;
        this.cache.delete(oldest);
        this.cachedChars -= oldest.length;
      }
    }
    return analysis;
  }
}

/** Where a document sits in the file being validated. */
interface Where {
  offset: number;
  position: { line: number; character: number };
  recordIndex: number;
}

/** A document's findings and record placed in the file: at most `room` diagnostics, the rest counted. */
function placeDocument(
  analysis: ChunkAnalysis,
  where: Where,
  overrides: SeverityOverrides | undefined,
  lineIndex: LineIndex,
  room: number,
): PlacedDocument {
  const diagnostics: Diagnostic[] = [];
  let unlisted = 0;
  const counts = { errors: 0, warnings: 0 };
  for (const finding of analysis.findings) {
    const severity = severityOf(finding.code, overrides);
    if (severity === 'off') continue;
    countSeverity(severity, counts);
    if (diagnostics.length < room) diagnostics.push(placeFinding(finding, severity, where.offset, lineIndex));
    else unlisted++;
  }
  const record = analysis.chunk.hasContent ? recordInfo(analysis, where, lineIndex, counts) : undefined;
  return { diagnostics, unlisted, record };
}

function countSeverity(severity: Severity, counts: { errors: number; warnings: number }): void {
  if (severity === 'error') counts.errors++;
  if (severity === 'warning') counts.warnings++;
}

/**
 * `found`: the problems of the chunk's value, already checked
 * (validateKnownRecord); they are placed without mentions, which need every
 * section of the tree.
 */
function analyzeChunk(chunk: ParsedChunk, catalog: CatalogIndex, found?: Problem[]): ChunkAnalysis {
  const syntax: ChunkFinding[] = chunk.syntaxErrors.map((e) => ({ code: 'yaml-syntax', message: e.message, span: e.span, fixes: [] }));
  const doc = chunk.doc;
  if (!doc || chunk.value === undefined || syntax.length > 0) return { chunk, findings: syntax, mentions: [] };
  const rules = found ? undefined : checkRules(chunk.value, catalog);
  const problems: Problem[] = found ?? [...checkSchema(chunk.value), ...(rules?.problems ?? [])];
  const findings = problems.map((problem) => ({
    code: problem.code,
    message: problem.message,
    span: spanOfProblem(doc, chunk.text, problem),
    fixes: (problem.fixes ?? [])
      .map((fix) => editsForFix(doc, chunk.text, fix))
      .filter((f): f is SpanFix => f !== undefined),
  }));
  const mentions = (rules?.mentions ?? []).map((m) => ({ ...m, span: nodeSpan(locatePath(doc, m.path)?.node) ?? firstLineSpan(doc, chunk.text) }));
  const idNode = locatePath(doc, ['id'])?.node;
  return { chunk, findings, mentions, idSpan: nodeSpan(idNode ?? null) };
}

function shift(span: Span, offset: number, lineIndex: LineIndex): Range {
  return lineIndex.rangeOf({ start: span.start + offset, end: span.end + offset });
}

function severityOf(code: RuleCode, overrides: SeverityOverrides | undefined): Severity | 'off' {
  return overrides?.[code] ?? DEFAULT_SEVERITY[code];
}

function unlistedDiagnostic(count: number, lineIndex: LineIndex): Diagnostic {
  return {
    code: 'too-many-problems',
    severity: 'information',
    message: `${count.toLocaleString('en')} more problems in this file are not listed (at most ${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en')} are shown)`,
    range: lineIndex.rangeOf({ start: 0, end: lineIndex.lineEndOffset(0) }),
  };
}

function placeFinding(finding: ChunkFinding, severity: Severity, offset: number, lineIndex: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    code: finding.code,
    severity,
    message: finding.message,
    range: shift(finding.span, offset, lineIndex),
  };
  if (finding.fixes.length > 0) {
    diagnostic.fixes = finding.fixes.map(
      (fix): Fix => ({
        title: fix.title,
        safe: fix.safe,
        preferred: fix.preferred,
        edits: fix.edits.map((e) => ({ range: shift(e.span, offset, lineIndex), newText: e.newText })),
      }),
    );
  }
  return diagnostic;
}

function recordInfo(analysis: ChunkAnalysis, where: Where, lineIndex: LineIndex, counts: { errors: number; warnings: number }): RecordInfo {
  const { chunk } = analysis;
  const { offset } = where;
  const value = chunk.value;
  const record = isDict(value) ? value : {};
  const contentStart = chunk.doc?.contents?.range?.[0] ?? 0;
  const contentEnd = chunk.doc?.contents?.range?.[1] ?? chunk.text.length;
  return {
    index: where.recordIndex,
    value,
    id: stringField(record.id),
    idRange: analysis.idSpan ? shift(analysis.idSpan, offset, lineIndex) : undefined,
    title: stringField(record.title),
    date: stringField(record.date),
    mechanism: stringField(record.mechanism),
    level: stringField(record.level),
    range: shift({ start: contentStart, end: contentEnd }, offset, lineIndex),
    // Fields named, not rest/spread: this runs for every mention of every record on each keystroke in a
    // multi-record file, and object rest/spread made it the largest cost of such an edit.
    mentions: analysis.mentions.map((m) => ({ kind: m.kind, name: m.name, path: m.path, known: m.known, range: shift(m.span, offset, lineIndex) })),
    errors: counts.errors,
    warnings: counts.warnings,
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function skippedFile(text: string, lineIndex: LineIndex, limit: number): FileAnalysis {
  const skipped = `Not validated: the file has ${text.length.toLocaleString('en')} characters, more than the limit of ${limit.toLocaleString('en')} (setting meetingRecords.maxFileSize)`;
  const end = lineIndex.lineEndOffset(0);
  return {
    text,
    lineIndex,
    chunks: [],
    records: [],
    treeOf: () => undefined,
    skipped,
    diagnostics: [{ code: 'file-too-large', severity: 'information', message: skipped, range: lineIndex.rangeOf({ start: 0, end }) }],
  };
}
