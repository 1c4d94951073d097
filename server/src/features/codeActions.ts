import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { safeFixes } from '../core/fixes';
import type { LineIndex } from '../core/text';
import type { Diagnostic, Range, TextEdit } from '../core/types';
import { sameFinding, toLspDiagnostic } from './diagnostics';

/** The source action that applies every safe fix (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.meetingRecords`;
/** The title of the fix-all action, in the language of the process. */
export function fixAllTitle(): string {
  return l10n.t('Fix all safe problems in file');
}

export interface CodeActionInput {
  uri: string;
  version: number;
  /** The document's diagnostics, as the core made them (with fixes). */
  diagnostics: readonly Diagnostic[];
  /** Requested range, in analysis positions. */
  range: Range;
  only?: readonly string[];
  /** Diagnostics the client sent with the request, reused so the editor links each fix to its squiggle. */
  contextDiagnostics: readonly LspDiagnostic[];
  /** Text of the analysis and its line index, for the fix-all edit. */
  text: string;
  lineIndex: LineIndex;
  /** Runs fix-all on the text; returns the fixed text. */
  fixAll: () => string;
  toEditor?: (range: Range) => Range;
  /** The client understands versioned `documentChanges`. */
  documentChanges?: boolean;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const map = input.toEditor ?? ((r: Range) => r);
  const actions: CodeAction[] = [];
  if (wants(input.only, CodeActionKind.QuickFix)) {
    for (const diagnostic of input.diagnostics) {
      if (!diagnostic.fixes?.length || !intersects(diagnostic.range, input.range)) continue;
      const lsp =
        input.contextDiagnostics.find((c) => sameFinding(c, { ...diagnostic, range: map(diagnostic.range) })) ??
        toLspDiagnostic(diagnostic, { uri: input.uri, uriOf: (f) => f, toEditor: map });
      const fixes = [...diagnostic.fixes].sort((a, b) => Number(b.preferred ?? false) - Number(a.preferred ?? false));
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          isPreferred: fix.preferred === true,
          edit: workspaceEdit(input, fix.edits.map((e) => ({ range: map(e.range), newText: e.newText }))),
        });
      }
    }
  }
  if (wants(input.only, FIX_ALL_KIND) && safeFixes(input.diagnostics).length > 0) {
    const fixed = input.fixAll();
    const edit = minimalEdit(input.text, fixed, input.lineIndex);
    if (edit) {
      actions.push({
        title: fixAllTitle(),
        kind: FIX_ALL_KIND,
        edit: workspaceEdit(input, [{ range: map(edit.range), newText: edit.newText }]),
      });
    }
  }
  return actions;
}

function workspaceEdit(input: CodeActionInput, edits: TextEdit[]): WorkspaceEdit {
  if (input.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: input.uri, version: input.version }, edits }] };
  }
  return { changes: { [input.uri]: edits } };
}

/** One edit that turns `before` into `after`: the differing middle, so the cursor and folds elsewhere stay put. */
export function minimalEdit(before: string, after: string, lineIndex: LineIndex): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a CRLF pair or a surrogate pair: widen over the equal prefix and suffix.
  while (start > 0 && (isLow(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  while (endBefore < before.length && (isLow(before.charCodeAt(endBefore)) || (before[endBefore] === '\n' && before[endBefore - 1] === '\r'))) {
    endBefore++;
    endAfter++;
  }
  return { range: lineIndex.rangeOf({ start, end: endBefore }), newText: after.slice(start, endAfter) };
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
