/**
 * "New Record from Article…" and "Go to Evidence": the UI around the
 * server's drafter (meetingRecords/draftFromArticle) and its grounding
 * (meetingRecords/evidence). The server drafts; this module picks the
 * article, writes the record file beside it (never over a file) and opens
 * it, or reveals the article's words.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DraftFromArticleRequest, EvidenceRequest, LANGUAGE_ID, type EvidenceResult } from '../../server/src/protocol';
import type { ClientHost } from './client';

/** An article's text, and its file when it is one (its name goes into `source.article`, the record goes beside it). */
interface ArticleText {
  text: string;
  uri?: vscode.Uri;
}

/**
 * What the command may be given: the explorer's clicked file, or (for
 * automation and tests) `{ uri }` or `{ text }`, which skip every dialog.
 */
type DraftArgument = vscode.Uri | { uri?: vscode.Uri | string; text?: string } | undefined;

/** Free names tried beside the article before giving up: `x.meeting.yaml`, `x-2.meeting.yaml`, … */
const MAX_NAME_TRIES = 100;

/** Runs the command; resolves with the record's URI (a file, or an untitled editor for pasted text), or undefined when nothing was drafted. */
export async function newRecordFromArticle(host: ClientHost, argument?: unknown): Promise<vscode.Uri | undefined> {
  const article = await articleFrom(argument as DraftArgument);
  if (!article) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Meeting Records: drafting records from the article…' },
    async () => {
      const client = await host.ready();
      if (!client) throw new Error('The Meeting Records language server is not running.');
      return client.sendRequest(DraftFromArticleRequest, { text: article.text, uri: article.uri?.scheme === 'file' ? article.uri.toString() : undefined });
    },
  );
  if (result.refused) throw new Error(result.refused);
  if (result.records === 0) {
    void vscode.window.showInformationMessage('Meeting Records: the article reports no ASEAN meeting the drafter recognises; no record was drafted.');
    return undefined;
  }
  const target = article.uri?.scheme === 'file' ? await createBeside(article.uri, result.yaml) : undefined;
  const document = target ? await vscode.workspace.openTextDocument(target) : await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.yaml });
  await vscode.window.showTextDocument(document, { preview: false });
  const count = `${result.records} record${result.records === 1 ? '' : 's'}`;
  vscode.window.setStatusBarMessage(`$(check) Meeting Records: drafted ${count}; check every value against the article (hover shows its sentence)`, 8_000);
  return document.uri;
}

/** The article the command works on: the argument, else the active editor's text, else what the user picks (clipboard or a file). */
async function articleFrom(argument: DraftArgument): Promise<ArticleText | undefined> {
  if (argument instanceof vscode.Uri) return readArticle(argument);
  if (argument && typeof argument === 'object') {
    if (typeof argument.text === 'string') return { text: argument.text, uri: toUri(argument.uri) };
    const uri = toUri(argument.uri);
    if (uri) return readArticle(uri);
  }
  const active = vscode.window.activeTextEditor?.document;
  // A record is not an article; an empty editor has nothing to draft from.
  if (active && active.languageId !== LANGUAGE_ID && active.getText().trim() !== '') return { text: active.getText(), uri: active.uri };
  return pickArticle();
}

function toUri(value: vscode.Uri | string | undefined): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value !== '' ? vscode.Uri.parse(value) : undefined;
}

/** A file's text as the editor has it (unsaved changes included). */
async function readArticle(uri: vscode.Uri): Promise<ArticleText> {
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(), uri };
}

async function pickArticle(): Promise<ArticleText | undefined> {
  const clipboard = await vscode.env.clipboard.readText();
  const items: Array<vscode.QuickPickItem & { from: 'clipboard' | 'file' }> = [
    { from: 'clipboard', label: '$(clippy) Paste the article from the clipboard', detail: clipboard.trim() ? oneLine(clipboard) : 'The clipboard is empty.' },
    { from: 'file', label: '$(file-text) Choose an article file…', detail: 'A text file: an optional URL line, the title, the body.' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'New Record from Article', placeHolder: 'Where is the article?' });
  if (!choice) return undefined;
  if (choice.from === 'clipboard') {
    if (clipboard.trim()) return { text: clipboard };
    void vscode.window.showInformationMessage('The clipboard is empty: copy the article first.');
    return undefined;
  }
  const [file] = (await vscode.window.showOpenDialog({ title: 'Article to draft from', canSelectMany: false, filters: { 'Text files': ['txt'], 'All files': ['*'] } })) ?? [];
  return file ? readArticle(file) : undefined;
}

function oneLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Writes the draft to `<article>.meeting.yaml` beside the article, or the
 * first free `<article>-N.meeting.yaml`: a file that exists is never
 * replaced (the create fails if one appeared since the check, and the next
 * name is tried).
 */
async function createBeside(article: vscode.Uri, yaml: string): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(article, '..');
  const base = path.posix.basename(article.path).replace(/\.[^.]*$/, '') || 'article';
  const contents = new TextEncoder().encode(yaml);
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const target = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}.meeting.yaml`);
    if (await exists(target)) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents });
    if (await vscode.workspace.applyEdit(edit)) return target;
  }
  throw new Error(`${MAX_NAME_TRIES} record files named after ${path.posix.basename(article.path)} exist already beside it.`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Go to Evidence": reveals, in the article, the words that support the
 * value under the cursor (or the nearest sentence, when the article does
 * not). Arguments (`uri`, `position`) are for automation.
 */
export async function goToEvidence(host: ClientHost, uri?: unknown, position?: unknown): Promise<EvidenceResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : editor?.document.uri;
  const at = isPosition(position) ? position : editor?.selection.active;
  if (!target || !at) return undefined;
  const client = await host.ready();
  if (!client) throw new Error('The Meeting Records language server is not running.');
  const result = await client.sendRequest(EvidenceRequest, { uri: target.toString(), position: { line: at.line, character: at.character } });
  if (!result) {
    void vscode.window.showInformationMessage('No evidence here: put the cursor on a party, date or document of a record whose source.article is found beside it.');
    return undefined;
  }
  const range = new vscode.Range(result.range.start.line, result.range.start.character, result.range.end.line, result.range.end.character);
  const shown = await vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { selection: range, preview: true, viewColumn: vscode.ViewColumn.Beside });
  shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  vscode.window.setStatusBarMessage(result.message, 6_000);
  return result;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return typeof line === 'number' && typeof character === 'number';
}
