/**
 * Entry point. The extension activates when a record or catalog is opened,
 * when one of its commands runs, or when VS Code restores one of its panels;
 * it starts the language server right away, since each of those needs it.
 */
import * as vscode from 'vscode';
import { ClientHost } from './client';
import { newRecord, reportingErrors, restartServer, validateWorkspace } from './commands';
import { exportRecordsCommand } from './export';
import { goToEvidence, newRecordFromArticle } from './draft';
import { OverviewPanel } from './overview';
import { PreviewManager } from './preview';
import { RecordStatusBar } from './statusBar';

let host: ClientHost | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const clientHost = new ClientHost(context);
  host = clientHost;
  const previews = new PreviewManager(context, clientHost);
  const overview = new OverviewPanel(context.extensionUri, clientHost);
  context.subscriptions.push(clientHost, previews, overview, new RecordStatusBar(clientHost));

  // Registered once; each command asks the host for the current client, so restarts need nothing here.
  const commands: Record<string, [title: string, run: (...args: never[]) => unknown]> = {
    'meetingRecords.openPreview': ['Open Preview', (uri?: vscode.Uri) => previews.show(asUri(uri), false)],
    'meetingRecords.openPreviewToSide': [
      'Open Preview to the Side',
      (uri?: vscode.Uri) => previews.show(asUri(uri), true),
    ],
    'meetingRecords.showOverview': ['Show Meetings Overview', () => overview.show()],
    'meetingRecords.validateWorkspace': ['Validate Workspace', () => validateWorkspace(clientHost)],
    'meetingRecords.exportRecords': ['Export Records', (...args: unknown[]) => exportRecordsCommand(clientHost, ...args)],
    'meetingRecords.newRecord': ['New Meeting Record', () => newRecord(context.extensionUri)],
    'meetingRecords.newRecordFromArticle': ['New Record from Article', (argument?: unknown) => newRecordFromArticle(clientHost, argument)],
    'meetingRecords.goToEvidence': ['Go to Evidence', (uri?: unknown, position?: unknown) => goToEvidence(clientHost, uri, position)],
    'meetingRecords.restartServer': ['Restart Language Server', () => restartServer(clientHost)],
    'meetingRecords.showOutput': ['Show Output', () => clientHost.outputChannel.show()],
  };
  for (const [id, [title, run]] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, reportingErrors(clientHost, title, run)));
  }

  void clientHost.ready();
}

export async function deactivate(): Promise<void> {
  await host?.stop();
  host = undefined;
}

/** Menus pass the clicked resource; the command palette and keybindings pass nothing (or something else). */
function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}
