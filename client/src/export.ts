/**
 * "Meeting Records: Export Records…": the format from a quick pick, the
 * export from the language server (which judges the records as
 * `meeting-records export` does), a question when records with errors would
 * be left out, then a save dialog and an atomic write. The server never
 * writes; this module only asks and writes.
 *
 * For automation and tests the command also takes its answers as arguments:
 * `executeCommand('meetingRecords.exportRecords', 'csv', targetUri, { allowErrors, sources })`.
 * From the Explorer's context menu it gets the clicked resource (and the
 * selection) and exports those.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../server/src/core/export/formats';
import { ExportRecordsRequest, type ExportRecordsResult } from '../../server/src/protocol';
import type { ClientHost } from './client';

/** What the command was given: nothing (the palette), resources (the Explorer), or answers (automation). */
export interface ExportRequest {
  format?: ExportFormat;
  target?: vscode.Uri;
  /** Files and folders to export; the whole workspace when absent. */
  sources?: vscode.Uri[];
  /** Write even when records with errors are left out, without asking (automation only). */
  allowErrors?: boolean;
}

/** What the command returns to `executeCommand`, for automation: undefined when nothing was written. */
export interface ExportOutcome {
  target: string;
  records: number;
  skipped: number;
}

/** The command's arguments, in any of the three ways it is called. */
export function parseExportArgs(args: readonly unknown[]): ExportRequest {
  const [first, second, third] = args;
  if (first instanceof vscode.Uri) {
    // Explorer: (clicked, selected[]).
    const selected = Array.isArray(second) ? second.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
    return { sources: selected.length > 0 ? selected : [first] };
  }
  if (first === undefined) return {};
  if (!isExportFormat(first)) throw new Error(`The export format must be one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(first)}.`);
  const options = typeof third === 'object' && third !== null ? (third as { allowErrors?: unknown; sources?: unknown }) : {};
  const sources = Array.isArray(options.sources) ? options.sources.map(asUri).filter((u): u is vscode.Uri => u !== undefined) : undefined;
  return { format: first, target: asUri(second), sources, allowErrors: options.allowErrors === true };
}

/** A URI, a URI string or a file path. */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value);
}

export async function exportRecordsCommand(host: ClientHost, ...args: unknown[]): Promise<ExportOutcome | undefined> {
  const request = parseExportArgs(args);
  if (!vscode.workspace.workspaceFolders?.length && !request.sources) {
    void vscode.window.showInformationMessage('Open a folder with meeting records to export them.');
    return undefined;
  }
  const format = request.format ?? (await pickFormat());
  if (!format) return undefined;
  const result = await runExport(host, format, request.sources);
  if (!result) return undefined;
  if (result.records === 0 && result.skipped.length === 0 && result.unread.length === 0) {
    void vscode.window.showInformationMessage('Meeting Records: no records to export.');
    return undefined;
  }
  if (!(await acceptLeftOut(result, request))) return undefined;
  const target = request.target ?? (await askTarget(format));
  if (!target) return undefined;
  await writeAtomically(target, new TextEncoder().encode(result.text));
  const outcome: ExportOutcome = { target: target.toString(), records: result.records, skipped: result.skipped.length };
  if (!request.target) void announce(target, result);
  return outcome;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items = EXPORT_FORMATS.map((format) => ({ format, label: EXPORT_FORMAT_INFO[format].label, description: `.${EXPORT_FORMAT_INFO[format].extension}`, detail: EXPORT_FORMAT_INFO[format].detail }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Export Meeting Records', placeHolder: 'Export the records as…' });
  return picked?.format;
}

/** The export from the server, with its progress in a cancellable notification. */
function runExport(host: ClientHost, format: ExportFormat, sources: readonly vscode.Uri[] | undefined): Thenable<ExportRecordsResult | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Meeting Records: exporting as ${EXPORT_FORMAT_INFO[format].label}`, cancellable: true },
    async (progress, token) => {
      const client = await host.ready();
      if (!client) throw new Error('The Meeting Records language server is not running.');
      const workDoneToken = `meetingRecords/export/${randomBytes(8).toString('hex')}`;
      const listening = followProgress(client, workDoneToken, progress);
      try {
        const uris = sources?.map((u) => client.code2ProtocolConverter.asUri(u));
        return await client.sendRequest(ExportRecordsRequest, { format, uris, workDoneToken }, token);
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        throw error;
      } finally {
        listening.dispose();
      }
    },
  );
}

/** The server's percentages as the notification's increments. */
function followProgress(client: LanguageClient, token: string, progress: vscode.Progress<{ message?: string; increment?: number }>): vscode.Disposable {
  let shown = 0;
  return client.onProgress(WorkDoneProgress.type, token, (value) => {
    if (value.kind !== 'report') return;
    const report = value as WorkDoneProgressReport;
    const percentage = report.percentage ?? shown;
    progress.report({ message: report.message, increment: Math.max(0, percentage - shown) });
    shown = Math.max(shown, percentage);
  });
}

/**
 * Nothing goes missing unsaid: when records with errors (or unreadable
 * files) would be left out, the user decides, as `--allow-errors` does on
 * the command line. Automation decides by its `allowErrors` argument.
 */
async function acceptLeftOut(result: ExportRecordsResult, request: ExportRequest): Promise<boolean> {
  const missing = describeLeftOut(result);
  if (!missing) return true;
  if (request.target) {
    if (request.allowErrors) return true;
    void showProblemsOffer(`Meeting Records: nothing exported: ${missing}.`);
    return false;
  }
  const exportAnyway = `Export ${plural(result.records, 'Record')} Anyway`;
  const choice = await vscode.window.showWarningMessage(
    `${capitalize(missing)} would be left out of the export.`,
    { modal: true, detail: 'Fix their errors first to export every record, or export the others now.' },
    exportAnyway,
    'Show Problems',
  );
  if (choice === 'Show Problems') await vscode.commands.executeCommand('meetingRecords.validateWorkspace');
  return choice === exportAnyway;
}

export function describeLeftOut(result: Pick<ExportRecordsResult, 'skipped' | 'unread'>): string | undefined {
  const parts: string[] = [];
  if (result.skipped.length > 0) parts.push(`${plural(result.skipped.length, 'record')} with errors`);
  if (result.unread.length > 0) parts.push(`${plural(result.unread.length, 'file')} that could not be read`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

async function showProblemsOffer(message: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, 'Show Problems')) === 'Show Problems') await vscode.commands.executeCommand('meetingRecords.validateWorkspace');
}

/** Record and catalog files are inputs: an export never replaces one (the CLI refuses the same). */
const INPUT_FILE = /\.(meeting|catalog)\.ya?ml$/i;

async function askTarget(format: ExportFormat): Promise<vscode.Uri | undefined> {
  const { label, extension } = EXPORT_FORMAT_INFO[format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (;;) {
    const target = await vscode.window.showSaveDialog({
      title: `Export Meeting Records as ${label}`,
      saveLabel: 'Export',
      defaultUri: folder && vscode.Uri.joinPath(folder, `meeting-records.${extension}`),
      filters: { [label]: [extension] },
    });
    if (!target || !INPUT_FILE.test(target.path)) return target;
    await vscode.window.showWarningMessage('That is a meeting record or catalog file: an export never replaces one. Choose another name.', { modal: true });
  }
}

/**
 * A complete file or none: the bytes go to a temporary file beside the
 * target, which is then renamed over it, so a reader (a calendar app
 * watching the file) never sees half an export and a failed write leaves
 * the old one whole.
 */
export async function writeAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  if (INPUT_FILE.test(target.path)) throw new Error(`${target.fsPath || target.toString()} is a meeting record or catalog file: an export never replaces one.`);
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const temporary = vscode.Uri.joinPath(target, '..', `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
    throw error;
  }
}

async function announce(target: vscode.Uri, result: ExportRecordsResult): Promise<void> {
  const left = result.skipped.length > 0 ? `; ${plural(result.skipped.length, 'record')} with errors left out` : '';
  const choice = await vscode.window.showInformationMessage(`Exported ${plural(result.records, 'record')} to ${vscode.workspace.asRelativePath(target)}${left}.`, 'Open');
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
