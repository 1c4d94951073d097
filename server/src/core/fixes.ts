import { LineIndex } from './text';
import type { Diagnostic, Fix, TextEdit } from './types';
import type { ValidateOptions, Validator } from './validate';

/**
 * Applies non-overlapping edits to a text. Overlapping edits are dropped
 * (the later one in document order), so a batch never garbles text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + span.newText;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

/** The safe fixes of a set of diagnostics: one per diagnostic, the preferred one first. */
export function safeFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  return diagnostics
    .map((d) => (d.fixes ?? []).filter((f) => f.safe).sort((a, b) => Number(b.preferred ?? false) - Number(a.preferred ?? false))[0])
    .filter((f): f is Fix => f !== undefined);
}

export interface FixAllResult {
  text: string;
  /** How many edits were applied over all rounds. */
  applied: number;
}

/**
 * Applies every safe fix, re-validating between rounds because one fix can
 * move another's range (removing a duplicate line shifts what follows).
 */
export function fixAll(validator: Validator, text: string, options: ValidateOptions = {}, maxRounds = 10): FixAllResult {
  let current = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const analysis = validator.validate(current, options);
    const fixes = safeFixes(analysis.diagnostics);
    if (fixes.length === 0) break;
    const edits = firstEditOfEachFix(fixes);
    const next = applyEdits(analysis.text, edits);
    if (next === analysis.text) break;
    applied += edits.length;
    current = next;
  }
  return { text: current, applied };
}

/** Fixes whose edits overlap another's wait for the next round. */
function firstEditOfEachFix(fixes: readonly Fix[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const taken: Array<[number, number, number, number]> = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) =>
      taken.some(([sl, sc, el, ec]) => !(before(e.range.end, sl, sc) || after(e.range.start, el, ec))),
    );
    if (overlaps) continue;
    for (const e of fix.edits) {
      chosen.push(e);
      taken.push([e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character]);
    }
  }
  return chosen;
}

function before(p: { line: number; character: number }, line: number, character: number): boolean {
  return p.line < line || (p.line === line && p.character <= character);
}

function after(p: { line: number; character: number }, line: number, character: number): boolean {
  return p.line > line || (p.line === line && p.character >= character);
}
