import * as l10n from '@vscode/l10n';
import { Composer, CST, Lexer, Parser, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Span } from './types';

/**
 * Lists and mappings nested deeper than this are refused before any tree is
 * built. A record nests four deep (`documents[].parties[]` inside the
 * record's mapping); the yaml parser keeps a frame per level, so 2 MB of `[`
 * cost it 2 GB and 20 s before it gave up. js-yaml's fast reader is given
 * the same depth (fastRead.ts).
 */
export const MAX_NESTING = 100;

/** The one error for YAML nested past MAX_NESTING, in the process's language (core/l10n.ts). */
export function tooDeepMessage(): string {
  return l10n.t('The YAML is nested too deeply: more than {0} levels of lists and mappings', MAX_NESTING);
}

/** Thrown by {@link parseDocumentWithin}: where the text first nests deeper than MAX_NESTING. */
export class NestingLimitError extends Error {
  constructor(readonly span: Span) {
    super(tooDeepMessage());
    this.name = 'NestingLimitError';
  }
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Where each explicit tag (`!!binary`, `!local`, `!`) of a parsed document is written, from the lexer. */
const tagsByDocument = new WeakMap<Document.Parsed, readonly Span[]>();

/**
 * The explicit tags of a document parsed by {@link parseDocumentWithin}, in
 * text order; empty for any other document (one assembled from pieces has
 * none: the sectioned parser parses a piece with a tag whole).
 */
export function explicitTags(doc: Document.Parsed): readonly Span[] {
  return tagsByDocument.get(doc) ?? [];
}

/**
 * `parseDocument(text, options)`, step for step (lexer, CST parser, composer:
 * the same document, errors and warnings), except that it stops with a
 * {@link NestingLimitError} as soon as the CST parser holds more than
 * MAX_NESTING open lists and mappings, on the token that opens the first
 * level past the limit. The parser's stack is exactly the collections open
 * at a token, so nothing is guessed about quotes, comments or block scalars,
 * and the check is one length comparison per token: nothing is built past
 * the limit, and nothing is read twice.
 */
export function parseDocumentWithin(text: string, options: Options): Document.Parsed {
  const parser = new Parser();
  const composer = new Composer(options);
  const tags: Span[] = [];
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokensWithin(parser, text, tags), true, text.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      // As parseDocument: one document is expected, a second one is an error on the first.
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, true) always ends with a document, as parseDocument relies on.
  const parsed = doc as Document.Parsed;
  if (tags.length > 0) tagsByDocument.set(parsed, tags);
  return parsed;
}

/**
 * The CST parser's tokens for `text` (as `parser.parse(text)` yields them),
 * checked for depth at every lexeme; the tags met on the way go to `tags`.
 */
function* tokensWithin(parser: Parser, text: string, tags: Span[]): Generator<CST.Token, void> {
  let afterScalarMarker = false;
  for (const lexeme of new Lexer().lex(text)) {
    const start = parser.offset;
    // A tag token starts with `!`; so may the text of a block scalar at
    // column 0 (`--- |` then `!foo`), which the lexer sends right after a
    // scalar marker token.
    if (!afterScalarMarker && CST.tokenType(lexeme) === 'tag') tags.push({ start, end: start + lexeme.length });
    afterScalarMarker = lexeme === CST.SCALAR;
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_NESTING && openCollections(parser.stack) > MAX_NESTING) {
      throw new NestingLimitError({ start, end: Math.min(text.length, start + Math.max(1, lexeme.length)) });
    }
  }
  yield* parser.end();
}

function openCollections(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const token of stack) if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') n++;
  return n;
}
