import type { Position, Range } from '../core/types';
import type { FileAnalysis, ValidateOptions, Validator } from '../core/validate';

/**
 * One analysed version of an open document. The core analyses text without
 * its BOM; an editor that keeps the BOM in the document counts it as the
 * first character of line 0, so positions on that line shift by one.
 */
export class DocView {
  private lineCache: string[] | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly analysis: FileAnalysis,
    readonly bomShift: 0 | 1,
  ) {}

  get text(): string {
    return this.analysis.text;
  }

  get lines(): string[] {
    this.lineCache ??= this.analysis.text.split(/\r\n|\r|\n/);
    return this.lineCache;
  }

  /** Editor position → analysis position. */
  toAnalysis(position: Position): Position {
    if (this.bomShift === 0 || position.line !== 0) return position;
    return { line: 0, character: Math.max(0, position.character - 1) };
  }

  /** Analysis range → editor range. */
  toEditor(range: Range): Range {
    if (this.bomShift === 0) return range;
    const shift = (p: Position): Position => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
    return { start: shift(range.start), end: shift(range.end) };
  }

  offsetAt(position: Position): number {
    return this.analysis.lineIndex.offsetAt(this.toAnalysis(position));
  }
}

interface Entry {
  version: number;
  generation: number;
  optionsKey: string;
  view: DocView;
}

/** Analyses of open documents, keyed by URI and reused while version, catalog and settings are unchanged. */
export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();

  get(uri: string, version: number, text: string, validator: Validator, generation: number, options: ValidateOptions): DocView {
    const optionsKey = JSON.stringify(options);
    const entry = this.entries.get(uri);
    if (entry && entry.version === version && entry.generation === generation && entry.optionsKey === optionsKey) return entry.view;
    const analysis = validator.validate(text, options);
    const view = new DocView(uri, version, analysis, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    this.entries.set(uri, { version, generation, optionsKey, view });
    return view;
  }

  /** The latest analysis, whatever its version (for features that tolerate a few milliseconds of staleness). */
  latest(uri: string): DocView | undefined {
    return this.entries.get(uri)?.view;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
