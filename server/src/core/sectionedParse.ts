/**
 * Parsing a large record by pieces, so that a keystroke re-parses only the
 * piece it touched.
 *
 * `parseDocument` of a 5,000-line record costs most of a keystroke's budget
 * (docs/performance.md). A record is one block mapping at column 0, and a line
 * that starts at column 0 with `key:` can only be the next key of that
 * mapping: anything that could make it part of the line before (an open flow
 * collection or quoted string) leaves the text before it unparseable on its
 * own. So the record is cut at those lines into sections, long top-level
 * block lists are cut further at their item lines into groups of about
 * {@link DEFAULT_GROUP_LINES} lines, each piece is parsed on its own (and
 * cached by its text), and the pieces' nodes are copied into one tree with
 * their ranges moved to where the piece sits in the record.
 *
 * The result is indistinguishable from `parseDocument(text, PARSE_OPTIONS)`
 * for everything that validation and the editor features read: the value,
 * every node's range, scalar types, tags, `doc.range`, `doc.contents.range`,
 * errors and warnings. Where a node ends can depend on the text after it (an
 * empty value followed by comments ends where the next token starts), so no
 * cut is made after a line that may end in an empty value, nor inside a list
 * after an item with blank or comment lines: the pieces around such a place
 * stay together. Any doubt goes to a full parse: a text with directives,
 * explicit keys or values (`?`/`:` at column 0), `...`, or `---` after the
 * first key, and any piece with an error or a warning, an anchor or an alias,
 * content that is not the expected block mapping or sequence, a non-scalar
 * top-level key, an empty value at its end (unless it ends the text), or a
 * top-level key seen twice. Because every problem goes to a full parse,
 * `doc.errors` and `doc.warnings` are either the full parse's own or empty
 * (as the full parse's are then). The rules were found, and are checked, by
 * differential tests against `parseDocument` on random records and edits
 * (test/unit/sectioned-parse.test.mjs).
 *
 * The assembled tree shares nothing mutable with the cache or with earlier
 * results: every node, pair, range and item list is a fresh copy, so a caller
 * may change a result (a quick fix's `doc.setIn`) without harm. Copying a
 * 5,000-line tree costs a few milliseconds; sharing would save them but make
 * every caller promise never to write.
 *
 * What may differ is where comments and blank lines attach (`comment`,
 * `commentBefore`, `spaceBefore`): a comment at column 0 before a key is
 * the key's `commentBefore` in a full parse and the previous piece's trailing
 * comment here. Nothing in validation or the editor features reads them, and
 * quick fixes compute their edits from ranges, not by re-stringifying a tree.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedNode, Range, Schema } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
// PARSE_OPTIONS is read only inside functions, never while this module loads,
// so parse.ts may import this module in turn.
import { PARSE_OPTIONS } from './parse';
import { explicitTags, parseDocumentWithin } from './guardedParse';

/** Texts shorter than this are parsed whole: a full parse takes a few milliseconds, splitting saves nothing. */
export const DEFAULT_MIN_CHARS = 8 * 1024;
/** Items of a long top-level list are parsed in groups of about this many lines (half to twice as many). */
export const DEFAULT_GROUP_LINES = 100;
/** Cached pieces total at most this many characters (a 5,000-line record is about 200,000). */
export const DEFAULT_MAX_CACHED_CHARS = 1_000_000;

/** Knobs for tests, which split small texts into small pieces to exercise every path. */
export interface SectionedParserTuning {
  /** Texts shorter than this many characters are parsed whole. */
  readonly minChars: number;
  /** A top-level block list is cut into groups of about this many lines (half to twice as many). */
  readonly groupLines: number;
}

export interface SectionedParserStats {
  /** Texts parsed whole (small, not splittable, or some piece in doubt). */
  fullParses: number;
  /** Texts assembled from pieces. */
  assembled: number;
  /** Pieces parsed because they were not in the cache. */
  piecesParsed: number;
  /** Pieces taken from the cache. */
  piecesReused: number;
}

type Parsed = Document.Parsed;
type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

/** A stretch of the text; offsets are in the whole text. */
interface Slice {
  readonly offset: number;
  readonly text: string;
}

/** A top-level section: one piece, or a `key:` over a block list cut into groups (the first holds the key line). */
interface Section extends Slice {
  readonly groups?: readonly Slice[];
}

/** What a parsed piece can stand for in the assembled tree. */
type PieceKind = 'mapping' | 'sequence' | 'unusable';

/** A cached piece parse. Its nodes are never handed out nor changed: the assembled tree gets copies. */
interface PieceParse {
  readonly kind: PieceKind;
  /** Undefined when unusable: nothing of it is reused, so nothing of it is kept. */
  readonly doc: Parsed | undefined;
  /**
   * An empty value reaches the end of the piece (`key: # note` and blank
   * lines). Where an empty value ends depends on the next token, which is in
   * the next piece: such a piece stands for itself only at the end of the text.
   */
  readonly openEnd: boolean;
}

/** A section whose pieces all parsed cleanly, ready to be copied into the tree. */
type ReadySection =
  | { readonly offset: number; readonly doc: Parsed; readonly map: YAMLMap.Parsed }
  | {
      readonly offset: number;
      readonly doc: Parsed;
      readonly map: YAMLMap.Parsed;
      /** The key line's pair, whose value is the head of the list. */
      readonly pair: ParsedPair;
      readonly list: YAMLSeq.Parsed;
      readonly tails: ReadonlyArray<{ readonly offset: number; readonly doc: Parsed; readonly list: YAMLSeq.Parsed }>;
    };

export class SectionedParser {
  readonly stats: SectionedParserStats = { fullParses: 0, assembled: 0, piecesParsed: 0, piecesReused: 0 };
  private readonly cache: PieceCache;
  private readonly tuning: SectionedParserTuning;

  constructor(maxCachedChars: number = DEFAULT_MAX_CACHED_CHARS, tuning: Partial<SectionedParserTuning> = {}) {
    this.cache = new PieceCache(maxCachedChars);
    this.tuning = { minChars: DEFAULT_MIN_CHARS, groupLines: DEFAULT_GROUP_LINES, ...tuning };
  }

  /**
   * The text parsed as `parseDocument(text, PARSE_OPTIONS)` would, re-parsing
   * only the pieces not parsed before. The caller owns the returned tree: it
   * shares no node, range or item list with the cache or with another result.
   */
  parse(text: string): Parsed {
    if (text.length < this.tuning.minChars) return this.full(text);
    const sections = splitSections(text, this.tuning.groupLines);
    if (!sections) return this.full(text);
    const ready = this.prepare(sections);
    if (!ready) return this.full(text);
    let doc: Parsed;
    try {
      doc = assemble(ready);
    } catch {
      // Copying recurses: a piece nested deeply enough to overflow the stack here
      // gets the answer the full parse gives, whatever it is.
      return this.full(text);
    }
    this.stats.assembled++;
    return doc;
  }

  /**
   * A tree of only some of a record's top-level sections, for placing
   * problems already found in its value (`record`, read by another parser
   * whose values match `yaml`'s): the first and the last section, which fix
   * where the record and its mapping start and end, every section whose key
   * is `wanted`, and every section that holds more than its own key's lines.
   * Each node kept is the node `parseDocument` gives, ranges included.
   * Undefined when that cannot be vouched for:
   * - the text is not cut into sections (as for `parse`);
   * - its key lines at column 0 are not exactly the record's keys, in order
   *   (a key line inside a quoted or flow value, or a key written otherwise);
   * - a section kept does not parse cleanly alone (as for `parse`);
   * - a section kept reads as another value than the record's.
   */
  parseSections(text: string, record: Readonly<Record<string, unknown>>, wanted: ReadonlySet<string>): Parsed | undefined {
    const sections = splitSections(text, this.tuning.groupLines);
    if (!sections || !sameKeys(keyLines(text), Object.keys(record))) return undefined;
    const last = sections.length - 1;
    const keep = sections.map((section, i) => i === 0 || i === last || !ownLinesOnly(section.text) || wanted.has(sectionKey(section.text)));
    const ready = this.prepare(joinNeighbours(text, sections, keep));
    if (!ready) return undefined;
    let doc: Parsed;
    try {
      doc = assemble(ready);
    } catch {
      return undefined;
    }
    for (const pair of (doc.contents as YAMLMap.Parsed).items) {
      const key = String((pair.key as Scalar.Parsed).value);
      if (!Object.hasOwn(record, key) || !isDeepStrictEqual(pair.value?.toJS(doc) ?? null, record[key])) return undefined;
    }
    return doc;
  }

  /** Characters held by the cache, for tests of its bound. */
  get cachedChars(): number {
    return this.cache.chars;
  }

  /** The whole text's parse; past the nesting limit, the NestingLimitError is the caller's to report. */
  private full(text: string): Parsed {
    this.stats.fullParses++;
    return parseDocumentWithin(text, PARSE_OPTIONS);
  }

  /** Every section's parsed pieces, or undefined when any of them is in doubt. */
  private prepare(sections: readonly Section[]): ReadySection[] | undefined {
    const ready: ReadySection[] = [];
    const keys = new Set<unknown>();
    for (const [i, section] of sections.entries()) {
      const atEnd = i === sections.length - 1;
      const one = section.groups ? this.grouped(section, section.groups, atEnd) : this.whole(section, atEnd);
      if (!one) return undefined;
      // A key twice: the full parse keeps both pairs (parse.ts reports them), but the split adds no value there.
      for (const pair of one.map.items) {
        const key = (pair.key as Scalar.Parsed).value;
        if (keys.has(key)) return undefined;
        keys.add(key);
      }
      ready.push(one);
    }
    return ready;
  }

  private whole(section: Slice, atEnd: boolean): ReadySection | undefined {
    const piece = this.piece(section.text);
    if (piece.kind !== 'mapping' || !piece.doc || (piece.openEnd && !atEnd)) return undefined;
    return { offset: section.offset, doc: piece.doc, map: piece.doc.contents as YAMLMap.Parsed };
  }

  private grouped(section: Slice, groups: readonly Slice[], atEnd: boolean): ReadySection | undefined {
    const head = this.piece(groups[0].text);
    if (head.kind !== 'mapping' || !head.doc || head.openEnd) return undefined;
    const map = head.doc.contents as YAMLMap.Parsed;
    const pair = map.items.length === 1 ? map.items[0] : undefined;
    const list = pair?.value;
    if (!pair || !isSeq(list) || list.flow) return undefined;
    const tails: Array<{ offset: number; doc: Parsed; list: YAMLSeq.Parsed }> = [];
    for (const [i, group] of groups.entries()) {
      if (i === 0) continue;
      const tail = this.piece(group.text);
      if (tail.kind !== 'sequence' || !tail.doc || (tail.openEnd && !(atEnd && i === groups.length - 1))) return undefined;
      tails.push({ offset: group.offset, doc: tail.doc, list: tail.doc.contents as YAMLSeq.Parsed });
    }
    return { offset: section.offset, doc: head.doc, map, pair, list: list as YAMLSeq.Parsed, tails };
  }

  private piece(text: string): PieceParse {
    const cached = this.cache.get(text);
    if (cached) {
      this.stats.piecesReused++;
      return cached;
    }
    this.stats.piecesParsed++;
    // The cache keeps its key and the strings in the nodes; parsed from a copy,
    // they do not hold on to the whole record text this piece was cut from.
    const own = detached(text);
    const parsed = parsePiece(own);
    this.cache.set(own, parsed);
    return parsed;
  }
}

function parsePiece(text: string): PieceParse {
  let doc: Parsed;
  try {
    doc = parseDocumentWithin(text, PARSE_OPTIONS);
  } catch {
    // Nested past the limit, say: the full parse meets the same text and reports it.
    return UNUSABLE;
  }
  const kind = classify(doc);
  return kind === 'unusable' ? UNUSABLE : { kind, doc, openEnd: emptyUpTo(doc.contents, text.length) };
}

const UNUSABLE: PieceParse = { kind: 'unusable', doc: undefined, openEnd: false };

/**
 * Whether a piece parsed alone can stand in the assembled tree. Errors and
 * warnings could read differently in the whole text (an unclosed quote
 * swallows the next section), anchors and aliases reach across pieces, and
 * top-level keys must be scalars to be checked for repeats.
 */
function classify(doc: Parsed): PieceKind {
  // A tag is an error of its own (parse.ts), found while the text is lexed: only a parse of the whole reports it.
  if (doc.errors.length > 0 || doc.warnings.length > 0 || explicitTags(doc).length > 0) return 'unusable';
  const contents = doc.contents;
  if (isMap(contents) && !contents.flow) {
    if (!contents.items.every((pair) => isScalar(pair.key))) return 'unusable';
  } else if (!isSeq(contents) || contents.flow) {
    return 'unusable';
  }
  return copyable(contents) ? (isMap(contents) ? 'mapping' : 'sequence') : 'unusable';
}

/** Whether an empty scalar (no text of its own, `key:` or `-`) ends at `end`, the end of its piece. */
function emptyUpTo(root: ParsedNode | null, end: number): boolean {
  let node = root;
  // Only the last node in document order can reach the end: follow the last item down.
  while (node && (isMap(node) || isSeq(node))) {
    const last: ParsedPair | ParsedNode | undefined = node.items[node.items.length - 1];
    node = last === undefined ? null : isPair(last) ? (last.value ?? (last.key as ParsedNode)) : last;
  }
  return isScalar(node) && node.range[0] === node.range[1] && node.range[2] >= end;
}

/** No anchor, no alias, and only primitive scalar values, which copies may share. Walks without recursion. */
function copyable(root: ParsedNode | null): boolean {
  const stack: Array<ParsedNode | null> = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (isAlias(node) || node.anchor) return false;
    if (isScalar(node)) {
      if (typeof node.value === 'object' && node.value !== null) return false;
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else {
      for (const item of node.items) stack.push(item);
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Splitting

/** A top-level plain key at the start of a line: the only lines a record is cut at. */
const SECTION_KEY = /\n[A-Za-z_][\w-]*:(?=[ \t]|\r?\n|$)/g;
const FIRST_LINE_KEY = /^\uFEFF?[A-Za-z_][\w-]*:(?=[ \t]|\r?\n|$)/;
/**
 * Directives (`%`) bind to the whole document; `?` and `:` at column 0 are an
 * explicit key or value, which may span what looks like a key line.
 */
const WHOLE_DOCUMENT_LINE = /(?:^|\n)[%?:]/;
/** `...` ends a document, so what follows it is not more of the same mapping. */
const DOCUMENT_END = /(?:^|\n)\.\.\.(?=[ \t\r\n]|$)/;
/** `---` after the first key starts another document. */
const DOCUMENT_START = /\n---(?=[ \t\r\n]|$)/g;

/**
 * The text's sections, each from a line `key:` at column 0 to the next; the
 * first also holds what comes before the first key (comments, `---`, a BOM).
 * Undefined when the text must be parsed whole. Only `\n` ends a line:
 * `yaml` reads a lone `\r` or U+2028 as part of the line.
 */
function splitSections(text: string, groupLines: number = DEFAULT_GROUP_LINES): Section[] | undefined {
  if (WHOLE_DOCUMENT_LINE.test(text) || DOCUMENT_END.test(text)) return undefined;
  const cuts = [0];
  let firstKey = FIRST_LINE_KEY.test(text) ? 0 : -1;
  for (const match of text.matchAll(SECTION_KEY)) {
    const start = (match.index ?? 0) + 1;
    if (firstKey < 0) firstKey = start;
    else if (safeCut(text, start)) cuts.push(start);
  }
  if (cuts.length < 2) return undefined;
  DOCUMENT_START.lastIndex = firstKey;
  if (DOCUMENT_START.test(text)) return undefined;
  cuts.push(text.length);
  const sections: Section[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const slice = { offset: cuts[i], text: text.slice(cuts[i], cuts[i + 1]) };
    const groups = splitGroups(slice, groupLines);
    sections.push(groups ? { ...slice, groups } : slice);
  }
  return sections;
}

/**
 * The kept sections, neighbours joined into one piece: fewer parses, and a
 * piece of several whole sections parses as they would (it lacks only cuts).
 * A section cut into groups stays as it is.
 */
function joinNeighbours(text: string, sections: readonly Section[], keep: readonly boolean[]): Section[] {
  const joined: Section[] = [];
  let run: Section | undefined;
  sections.forEach((section, i) => {
    if (!keep[i]) {
      run = undefined;
    } else if (run && !run.groups && !section.groups) {
      run = { offset: run.offset, text: text.slice(run.offset, section.offset + section.text.length) };
      joined[joined.length - 1] = run;
    } else {
      run = section;
      joined.push(section);
    }
  });
  return joined;
}

/** The keys of the text's key lines at column 0, in order. */
function keyLines(text: string): string[] {
  const keys: string[] = [];
  const first = FIRST_LINE_KEY.exec(text);
  if (first) keys.push(sectionKey(first[0].replace(/^\uFEFF/, '')));
  for (const match of text.matchAll(SECTION_KEY)) keys.push(sectionKey(match[0].slice(1)));
  return keys;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** The key of a section that starts with its key line. */
function sectionKey(text: string): string {
  return text.slice(0, text.indexOf(':'));
}

/**
 * Whether every line of a section after its key line is indented, blank, a
 * comment or a list item at column 0 (`- `): nothing else at column 0 that
 * could be another key or the rest of a value begun elsewhere.
 */
function ownLinesOnly(text: string): boolean {
  return !/\n(?![ #\n]|\r\n|-(?:[ \r\n]|$)|$)/.test(text);
}

/**
 * A key line (nothing after the colon but a comment) followed at once by a
 * block list item, at whatever indentation the list has.
 */
const LIST_HEAD = /^[A-Za-z_][\w-]*:(?:[ \t]+(?:#[^\n]*)?)?\r?\n( *)- /;

/**
 * A section `key:` over a block list, cut at item lines (`- ` at the list's
 * own indentation) into groups of about `groupLines` lines. An item line
 * cannot sit inside a previous item unless the text before it is unparseable
 * alone (an open quote or bracket), and block scalar content is always
 * indented deeper than its list. Undefined when the section is not such a
 * list or would be a single group.
 *
 * Where to cut is decided by the item line's own text (a hash of it), at
 * least half a group and at most two groups after the last cut: counting
 * lines alone would move every later cut when a line is added (Enter in a
 * long list), and every later group would be parsed again. With cuts chosen
 * by content, the cuts after the next one stay where they were.
 */
function splitGroups(section: Slice, groupLines: number): Slice[] | undefined {
  const head = LIST_HEAD.exec(section.text);
  if (!head) return undefined;
  const text = section.text;
  // Exactly the list's indentation: the `-` must follow the spaces at once.
  const item = new RegExp(`\\n${head[1]}- `, 'g');
  // The first group keeps the key line and at least the first item: the key's value must be the list.
  const firstItem = head[0].length - head[1].length - 2;
  const least = Math.ceil(groupLines / 2);
  const most = groupLines * 2;
  // An item of n lines is cut before with a chance of n in `spread`: about one cut per `spread` lines past `least`.
  const spread = Math.max(1, groupLines - least);
  const cuts = [0];
  let counted = 0;
  let lines = 0;
  let previousItem = firstItem;
  for (const match of text.matchAll(item)) {
    const at = (match.index ?? 0) + 1;
    const itemLines = countNewlines(text, counted, at);
    lines += itemLines;
    counted = at;
    const wanted = lines >= most || (lines >= least && lineHash(text, at) % spread < itemLines);
    if (at > firstItem && wanted && safeItemCut(text, previousItem, at)) {
      cuts.push(at);
      lines = 0;
    }
    previousItem = at;
  }
  if (cuts.length < 2) return undefined;
  cuts.push(text.length);
  const groups: Slice[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    groups.push({ offset: section.offset + cuts[i], text: text.slice(cuts[i], cuts[i + 1]) });
  }
  return groups;
}

/** FNV-1a of the line starting at `start`: any well-spread function of the line's text would do. */
function lineHash(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  let hash = 0x811c9dc5;
  for (let i = start, stop = end < 0 ? text.length : end; i < stop; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Whether the text may be cut before `lineStart`: the last line before it
 * with anything but a comment on it does not end where an empty value could
 * (`key:`, `- `, a tag, a block scalar header, each maybe with a comment
 * after it). An empty value followed by comments or blank lines ends, in a
 * full parse, where the next token starts, which is past the cut (after the
 * next item's indentation, say); parsed alone, the piece would end it at the
 * cut. The text before a `#` is taken as the line's content even when the `#`
 * is quoted: that can only make a cut look less safe. Pieces are checked for
 * the same after parsing ({@link PieceParse.openEnd}); this keeps them from
 * failing it.
 */
function safeCut(text: string, lineStart: number): boolean {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const content = withoutComment(text.slice(start, end));
    if (!BLANK_LINE.test(content)) return !OPEN_LINE_END.test(content);
    end = start - 1;
  }
  return true;
}

/**
 * Whether a list may be cut before the item line at `lineStart`, the item
 * before it starting at `itemStart`: as {@link safeCut}, and that item has no
 * blank line and no line with only a comment. Those belong, in a full parse,
 * to whatever is open around them, and change how the next item reads: a
 * node that ends with them may end past the cut, after the next item's
 * indentation (a column-0 comment followed by an empty item, an indented
 * comment closing a nested mapping), and after a column-0 comment inside an
 * item, `yaml` can read a last `- ` as more of that item's plain scalar.
 */
function safeItemCut(text: string, itemStart: number, lineStart: number): boolean {
  for (let start = itemStart; start < lineStart; ) {
    const end = text.indexOf('\n', start);
    if (BLANK_LINE.test(withoutComment(text.slice(start, end)))) return false;
    start = end + 1;
  }
  return safeCut(text, lineStart);
}

/** The line up to its first `#` that starts it or follows a space or tab. */
function withoutComment(line: string): string {
  const hash = COMMENT.exec(line);
  return hash ? line.slice(0, hash.index) : line;
}

const COMMENT = /(?:^|[ \t])#/;
const BLANK_LINE = /^[ \t\r]*$/;
/** A line that may end before its value: `key:`, `-`, `!tag`, `|`, `>+`, `|2-`. */
const OPEN_LINE_END = /(?:[:-]|[|>][-+1-9]*|(?:^|[ \t])![^ \t\r]*)[ \t\r]*$/;

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Assembling

/**
 * One document from the sections' pieces: every node copied, its range moved
 * by where its piece sits. The mapping's and the document's start come from
 * the first section (which holds any `---` and leading comments), their ends
 * from the last (which holds any trailing comments).
 */
function assemble(sections: readonly ReadySection[]): Parsed {
  const first = sections[0];
  const last = sections[sections.length - 1];
  const doc = new Document(undefined, PARSE_OPTIONS);
  // As parseDocument leaves them: its options and directives (`---` seen or not). Its options
  // also hold the parser's stream-level directives (`_directives`, read only when a document is
  // constructed); they belong to the cached piece, so the copy goes without them.
  const options: Record<string, unknown> = { ...first.doc.options };
  delete options._directives;
  doc.options = options as typeof doc.options;
  doc.directives = first.doc.directives?.clone();
  const schema = doc.schema;
  const items: ParsedPair[] = [];
  for (const section of sections) {
    if ('tails' in section) items.push(groupedPair(section, schema));
    else for (const pair of section.map.items) items.push(copyPair(pair, section.offset, schema));
  }
  const end = sectionEnd(last);
  const map = copyCollection(first.map, new YAMLMap<ParsedNode, ParsedNode | null>(schema), 0) as YAMLMap.Parsed;
  map.items = items;
  map.range = [first.map.range[0], end.map[1], end.map[2]];
  doc.contents = map;
  doc.range = [first.doc.range[0], end.doc[1], end.doc[2]];
  doc.commentBefore = first.doc.commentBefore;
  doc.comment = end.comment;
  return doc as unknown as Parsed;
}

/**
 * Where the last section's mapping and document end, in the whole text. A
 * grouped section has no parse of its own: its mapping ends where its list
 * does (a block mapping ends at its last value's end), its document where
 * the last group's does.
 */
function sectionEnd(section: ReadySection): { map: Range; doc: Range; comment: string | null } {
  if (!('tails' in section) || section.tails.length === 0) {
    return { map: moved(section.map.range, section.offset), doc: moved(section.doc.range, section.offset), comment: section.doc.comment };
  }
  const tail = section.tails[section.tails.length - 1];
  const listEnd = tail.list.range[2] + tail.offset;
  return {
    map: [section.offset, listEnd, listEnd],
    doc: [section.offset, listEnd, tail.doc.range[2] + tail.offset],
    comment: tail.doc.comment,
  };
}

/** The key line's pair of a grouped section, its list holding the items of every group. */
function groupedPair(section: Extract<ReadySection, { tails: unknown }>, schema: Schema): ParsedPair {
  const by = section.offset;
  const list = copyCollection(section.list, new YAMLSeq<ParsedNode>(schema), by) as YAMLSeq.Parsed;
  const items = section.list.items.map((item) => copyNode(item, by, schema));
  for (const tail of section.tails) for (const item of tail.list.items) items.push(copyNode(item, tail.offset, schema));
  list.items = items;
  const tail = section.tails[section.tails.length - 1];
  list.range = [section.list.range[0] + by, tail.list.range[1] + tail.offset, tail.list.range[2] + tail.offset];
  return new Pair(copyNode(section.pair.key, by, schema), list);
}

function copyPair(pair: ParsedPair, by: number, schema: Schema): ParsedPair {
  return new Pair(copyNode(pair.key, by, schema), pair.value === null ? null : copyNode(pair.value, by, schema));
}

/**
 * A deep copy of a node with its ranges moved by `by`. Scalar values are
 * primitives (checked when the piece was cached), so sharing them is safe;
 * ranges and item lists are new.
 */
function copyNode(node: ParsedNode, by: number, schema: Schema): ParsedNode {
  if (isScalar(node)) return copyFields(node, new Scalar(node.value), by) as Scalar.Parsed;
  if (isMap(node)) {
    const copy = copyCollection(node, new YAMLMap<ParsedNode, ParsedNode | null>(schema), by) as YAMLMap.Parsed;
    copy.items = node.items.map((pair) => copyPair(pair, by, schema));
    return copy;
  }
  if (isSeq(node)) {
    const copy = copyCollection(node, new YAMLSeq<ParsedNode>(schema), by) as YAMLSeq.Parsed;
    copy.items = node.items.map((item) => copyNode(item, by, schema));
    return copy;
  }
  // Pieces with aliases are never used; copied all the same, should that change.
  return copyFields(node, new Alias(node.source), by) as Alias.Parsed;
}

/** A collection's own fields (flow, tag, comments…) without its items, which the caller copies. */
function copyCollection<T extends YAMLMap | YAMLSeq>(from: YAMLMap | YAMLSeq, to: T, by: number): T {
  copyFields(from, to, by, 'items');
  return to;
}

/**
 * Every own enumerable field of `from` (type, source, format, tag, flow,
 * comments…: whatever the parser set, so a new `yaml` field is not lost) onto
 * `to`, with `range` moved. The node-type symbol is not enumerable; the
 * constructor of `to` has set it.
 */
function copyFields<T extends object>(from: object, to: T, by: number, skip?: string): T {
  const source = from as Record<string, unknown>;
  const target = to as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (key === skip) continue;
    const value = source[key];
    target[key] = key === 'range' && Array.isArray(value) ? moved(value as Range, by) : value;
  }
  return to;
}

function moved(range: Range, by: number): Range {
  return [range[0] + by, range[1] + by, range[2] + by];
}

/**
 * A copy of a string that does not point into a larger one. V8 makes a long
 * `slice` a view of its source, so a cached 4 KB piece would keep the whole
 * 200 KB record of its keystroke alive; the cache would hold hundreds.
 * Concatenating makes a rope, and slicing a rope first copies it flat.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * Piece parses by text, least recently used first out, bounded by the total
 * length of their texts (a parse takes a roughly proportional amount of
 * memory). A piece longer than the bound is not kept.
 */
class PieceCache {
  private readonly entries = new Map<string, PieceParse>();
  chars = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string): PieceParse | undefined {
    const found = this.entries.get(text);
    if (found) {
      // Re-inserted, so that Map's insertion order is the order of use.
      this.entries.delete(text);
      this.entries.set(text, found);
    }
    return found;
  }

  set(text: string, parse: PieceParse): void {
    if (text.length > this.maxChars || this.entries.has(text)) return;
    this.entries.set(text, parse);
    this.chars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}
