/**
 * Command implementations that are not a panel's own: validating the
 * workspace, creating a record, restarting the server. The command table that
 * binds ids to these lives in extension.ts.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID, ValidateWorkspaceRequest, type ValidateWorkspaceResult } from '../../server/src/protocol';
import { errorMessage, type ClientHost } from './client';

/** Focuses the Problems panel; `workbench.actions.view.problems` would toggle it closed when it is already open. */
export const PROBLEMS_PANEL_COMMAND = 'workbench.panel.markers.view.focus';
/** The snippet, in snippets/meeting-record.code-snippets, that "New Meeting Record" inserts. */
const NEW_RECORD_SNIPPET = 'Meeting record';

export async function validateWorkspace(host: ClientHost): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(l10n.t('Open a folder with meeting records to validate it.'));
    return;
  }
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: l10n.t('Meeting Records: validating the workspace…'),
      cancellable: true,
    },
    async (_progress, token) => {
      const client = await host.ready();
      if (!client) throw new Error(l10n.t('The Meeting Records language server is not running.'));
      try {
        return await client.sendRequest(ValidateWorkspaceRequest, token);
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        throw error;
      }
    },
  );
  if (!result) return;
  await vscode.commands.executeCommand(PROBLEMS_PANEL_COMMAND);
  const message = summarizeValidation(result);
  if (result.errors > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}

export function summarizeValidation({ files, errors, warnings }: ValidateWorkspaceResult): string {
  if (files === 0) return l10n.t('Meeting Records: no record files found in this workspace.');
  const checked = files === 1 ? l10n.t('Checked 1 record file') : l10n.t('Checked {0} record files', files);
  if (errors === 0 && warnings === 0) return l10n.t('{0}: no problems.', checked);
  const errorCount = errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors);
  const warningCount = warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings);
  return l10n.t('{0}: {1}, {2}.', checked, errorCount, warningCount);
}

/**
 * Asks for a file name (relative to the active record's folder or the
 * workspace folder) and writes the new record there; an empty name, or no
 * open folder, gives an untitled editor instead. Either way the record
 * snippet fills in every required field.
 */
export async function newRecord(extensionUri: vscode.Uri): Promise<void> {
  const base = await baseFolder();
  let target: vscode.Uri | undefined;
  if (base) {
    const name = await vscode.window.showInputBox({
      title: l10n.t('New Meeting Record'),
      prompt: l10n.t('File name, relative to {0}. Leave empty for an untitled editor.', vscode.workspace.asRelativePath(base, true) || base.fsPath),
      value: `${today()}-meeting.meeting.yaml`,
      valueSelection: [11, 18],
      validateInput: (value) => checkNewFileName(base, value),
    });
    if (name === undefined) return;
    if (name.trim()) target = vscode.Uri.joinPath(base, name.trim());
  }
  const snippet = await loadSnippet(extensionUri);
  let document: vscode.TextDocument;
  if (target) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, new Uint8Array());
    document = await vscode.workspace.openTextDocument(target);
  } else {
    document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID });
  }
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(snippet);
}

/** Why `value` cannot be the new record's file name, or undefined when it can. */
async function checkNewFileName(base: vscode.Uri, value: string): Promise<string | undefined> {
  const name = value.trim();
  if (!name) return undefined;
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..'))
    return l10n.t('Give a path inside the folder, without "..".');
  if (!/\.meeting\.ya?ml$/.test(name)) return l10n.t('Record files end in .meeting.yaml or .meeting.yml.');
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(base, name));
    return l10n.t('A file with that name exists already.');
  } catch {
    return undefined;
  }
}

/** The folder of the active record if it is in the workspace, else a workspace folder. */
async function baseFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active))
    return vscode.Uri.joinPath(active, '..');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: l10n.t('Folder for the new meeting record') }))?.uri;
}

/** The snippet file is the one source of the template, for completion and for this command. */
async function loadSnippet(extensionUri: vscode.Uri): Promise<vscode.SnippetString> {
  const file = vscode.Uri.joinPath(extensionUri, 'snippets', 'meeting-record.code-snippets');
  const snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<
    string,
    { body?: string | string[] }
  >;
  const body = snippets[NEW_RECORD_SNIPPET]?.body;
  if (body === undefined) throw new Error(`The snippet "${NEW_RECORD_SNIPPET}" is missing from ${file.fsPath}.`);
  return new vscode.SnippetString(Array.isArray(body) ? body.join('\n') : body);
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function restartServer(host: ClientHost): Promise<void> {
  const client = await host.restart();
  if (client) {
    vscode.window.setStatusBarMessage(`$(check) ${l10n.t('Meeting Records: language server restarted')}`, 3_000);
    return;
  }
  const choice = await vscode.window.showErrorMessage(l10n.t('The Meeting Records language server did not start.'), l10n.t('Show Output'));
  if (choice) host.outputChannel.show();
}

/** Runs a command, turning a failure into one message with a way to the log. What it returns goes to `executeCommand`'s caller. */
export function reportingErrors<A extends unknown[]>(
  host: ClientHost,
  title: () => string,
  run: (...args: A) => unknown,
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      host.outputChannel.error(`${title()}: ${errorMessage(error)}`);
      const choice = await vscode.window.showErrorMessage(l10n.t('{0} failed: {1}', title(), errorMessage(error)), l10n.t('Show Output'));
      if (choice) host.outputChannel.show();
      return undefined;
    }
  };
}
