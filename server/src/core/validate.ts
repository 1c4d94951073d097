import * as l10n from '@vscode/l10n';
import type { Document } from 'yaml';
import type { CatalogIndex } from './catalog';
import { fastRead, type FastDocument } from './fastRead';
import { formatNumber } from './l10n';
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
  /** How the skipped-file message names the limit's knob; the editor's setting by default. */
  maxFileSizeName?: string;
  severity?: SeverityOverrides;
  /**
   * What the caller reads of the analysis. `full` (the default) is
   * everything, as the editor needs it. `verdict` is a batch judge's need
   * (the CLI): the diagnostics, and each record's id, value and place. The
   * validator may then answer a clean file from plain values (js-yaml, see
   * fastRead.ts) and place the problems of a flawed one-record file with a
   * tree of only the sections concerned; the analysis says so in `partial`.
   * The diagnostics are the same either way (tests compare the two).
   */
  detail?: 'full' | 'verdict';
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
   * Set when a `verdict` shortcut answered (ValidateOptions.detail): records
   * carry no mentions; with `values`, no idRange either (a clean file read
   * from plain values has no ranges). Absent for a full analysis.
   */
  partial?: 'values' | 'sections';
  /**
   * The parse tree of one of this file's documents (ranges relative to the
   * document). Trees are not kept with the analysis: a file of 200,000 small
   * documents would hold 200,000 trees (over a gigabyte). They come from the
   * validator's bounded cache, or are parsed again when it let them go.
   */
  treeOf(chunk: FileChunk): Document.Parsed | undefined;
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
  /** Parses the sections a flawed record's verdict needs; caches nothing (each file is seen once). */
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
      return skippedFile(text, lineIndex, options.maxFileSize, options.maxFileSizeName ?? l10n.t('setting {0}', 'meetingRecords.maxFileSize'));
    }
    if (options.detail === 'verdict') {
      const quick = this.verdictShortcut(text, lineIndex, options);
      if (quick) return quick;
    }
    const severityKey = JSON.stringify(options.severity ?? {});
    const chunks: FileChunk[] = [];
    const diagnostics: Diagnostic[] = [];
    const records: RecordInfo[] = [];
    let unlisted = 0;
    const pieces = splitDocuments(text);
    // A file of more documents than the cache holds would only churn it: every tree would live just long
    // enough to be promoted to the old generation, for garbage collection to trace.
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
   * `detail: 'verdict'`: a clean file answered from js-yaml's plain values;
   * a file of one flawed record with its problems placed in a tree of only
   * the sections they, their fixes and the id are in
   * (SectionedParser.parseSections): a 45-line record with one wrong partner
   * costs `yaml` a few lines instead of all 45. Undefined when neither
   * shortcut can vouch for the full analysis's diagnostics.
   */
  private verdictShortcut(text: string, lineIndex: LineIndex, options: ValidateOptions): FileAnalysis | undefined {
    const reading = fastRead(text, this.catalog);
    if (!reading) return undefined;
    if (reading.kind === 'flawed') return this.placeFlawedRecord(text, lineIndex, reading.document, options);
    const chunks = reading.documents.map((d): FileChunk => ({ offset: d.offset, text: d.text, hasContent: d.value !== undefined }));
    const records = reading.documents
      .filter((d): d is FastDocument & { value: Record<string, unknown> } => d.value !== undefined)
      .map((d, index) => valueRecord(d, index, lineIndex));
    return { text, lineIndex, chunks, records, diagnostics: [], partial: 'values', treeOf: (chunk) => this.treeOf(chunk) };
  }

  private placeFlawedRecord(
    text: string,
    lineIndex: LineIndex,
    { offset, text: chunkText, value }: FastDocument & { value: Record<string, unknown> },
    options: ValidateOptions,
  ): FileAnalysis | undefined {
    const problems = [...checkSchema(value), ...checkRules(value, this.catalog).problems];
    const wanted = new Set<string>(['id']);
    const wantHead = (path: ValuePath): void => {
      if (path.length > 0) wanted.add(String(path[0]));
    };
    for (const problem of problems) {
      wantHead(problem.path);
      for (const fix of problem.fixes ?? []) wantHead(fix.path);
    }
    const doc = (this.partial ??= new SectionedParser(0)).parseSections(chunkText, value, wanted);
    if (!doc) return undefined;
    const chunk: ParsedChunk = { offset: 0, text: chunkText, doc, value, hasContent: true, syntaxErrors: [] };
    const where = { offset, position: lineIndex.positionAt(offset), recordIndex: 0 };
    const placed = placeDocument(analyzeChunk(chunk, this.catalog, problems), where, options.severity, lineIndex, MAX_DIAGNOSTICS_PER_FILE);
    if (placed.unlisted > 0 || !placed.record) return undefined;
    return {
      text,
      lineIndex,
      chunks: [{ offset, text: chunkText, hasContent: true }],
      diagnostics: placed.diagnostics,
      records: [placed.record],
      partial: 'sections',
      treeOf: (c) => this.treeOf(c),
    };
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
 * (a flawed record's verdict); they are placed without mentions, which need every
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

/**
 * Problems found about one record of an analysed file outside the
 * validator, placed in the file like the validator's own (ranges, severity
 * overrides). The grounding rule needs the record's article, which only a
 * caller that reads files has; it finds little, so the record's tree is
 * parsed again only when there is something to place.
 */
export function placeProblems(analysis: FileAnalysis, record: number, problems: readonly Problem[], overrides?: SeverityOverrides): Diagnostic[] {
  const wanted = problems.flatMap((problem) => {
    const severity = severityOf(problem.code, overrides);
    return severity === 'off' ? [] : [{ problem, severity }];
  });
  const chunk = analysis.chunks.filter((c) => c.hasContent)[record];
  const doc = wanted.length > 0 && chunk ? analysis.treeOf(chunk) : undefined;
  if (!doc || !chunk) return [];
  return wanted.map(({ problem, severity }) => {
    const finding: ChunkFinding = { code: problem.code, message: problem.message, span: spanOfProblem(doc, chunk.text, problem), fixes: [] };
    const diagnostic = placeFinding(finding, severity, chunk.offset, analysis.lineIndex);
    if (problem.related) diagnostic.related = problem.related;
    return diagnostic;
  });
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
    message: l10n.t('{0} more problems in this file are not listed (at most {1} are shown)', formatNumber(count), formatNumber(MAX_DIAGNOSTICS_PER_FILE)),
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

/**
 * A clean record read from plain values: no ranges inside it, so none for
 * its id; its range is its document's, found by counting the document's own
 * line breaks (a clean file has no lone CR), so a one-record file never has
 * the lines of the whole file found. (A lazy getter for the range would
 * spare even that, but V8 then keeps these objects long enough to promote
 * them, and a batch run spends far longer collecting garbage:
 * docs/performance.md.)
 */
function valueRecord(document: FastDocument & { value: Record<string, unknown> }, index: number, lineIndex: LineIndex): RecordInfo {
  const { value, text } = document;
  const start = lineIndex.positionAt(document.offset);
  let breaks = 0;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    breaks++;
    lastBreak = i;
  }
  const end = breaks === 0 ? { line: start.line, character: start.character + text.length } : { line: start.line + breaks, character: text.length - lastBreak - 1 };
  return {
    index,
    value,
    id: stringField(value.id),
    title: stringField(value.title),
    date: stringField(value.date),
    mechanism: stringField(value.mechanism),
    level: stringField(value.level),
    range: { start, end },
    mentions: [],
    errors: 0,
    warnings: 0,
  };
}

function skippedFile(text: string, lineIndex: LineIndex, limit: number, limitName: string): FileAnalysis {
  const skipped = l10n.t('Not validated: the file has {0} characters, more than the limit of {1} ({2})', formatNumber(text.length), formatNumber(limit), limitName);
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
