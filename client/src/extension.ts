/**
 * Entry point. The extension activates when a record or catalog is opened,
 * when one of its commands runs, or when VS Code restores one of its panels;
 * it starts the language server right away, since each of those needs it.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ClientHost } from './client';
import { newRecord, reportingErrors, restartServer, validateWorkspace } from './commands';
import { exportRecordsCommand } from './export';
import { goToEvidence, newRecordFromArticle } from './draft';
import { applyLocale, LOCALE_SETTING } from './l10n';
import { OverviewPanel } from './overview';
import { PreviewManager } from './preview';
import { RecordStatusBar } from './statusBar';

let host: ClientHost | undefined;

export function activate(context: vscode.ExtensionContext): void {
  applyLocale();
  const clientHost = new ClientHost(context);
  host = clientHost;
  const previews = new PreviewManager(context, clientHost);
  const overview = new OverviewPanel(context.extensionUri, clientHost);
  context.subscriptions.push(clientHost, previews, overview, new RecordStatusBar(clientHost));

  // Registered once; each command asks the host for the current client, so restarts need nothing here.
  // Titles are functions: a failure is reported in the language chosen when it happens.
  const commands: Record<string, [title: () => string, run: (...args: never[]) => unknown]> = {
    'meetingRecords.openPreview': [() => l10n.t('Open Preview'), (uri?: vscode.Uri) => previews.show(asUri(uri), false)],
    'meetingRecords.openPreviewToSide': [
      () => l10n.t('Open Preview to the Side'),
      (uri?: vscode.Uri) => previews.show(asUri(uri), true),
    ],
    'meetingRecords.showOverview': [() => l10n.t('Show Meetings Overview'), () => overview.show()],
    'meetingRecords.validateWorkspace': [() => l10n.t('Validate Workspace'), () => validateWorkspace(clientHost)],
    'meetingRecords.exportRecords': [() => l10n.t('Export Records'), (...args: unknown[]) => exportRecordsCommand(clientHost, ...args)],
    'meetingRecords.newRecord': [() => l10n.t('New Meeting Record'), () => newRecord(context.extensionUri)],
    'meetingRecords.newRecordFromArticle': [() => l10n.t('New Record from Article'), (argument?: unknown) => newRecordFromArticle(clientHost, argument)],
    'meetingRecords.goToEvidence': [() => l10n.t('Go to Evidence'), (uri?: unknown, position?: unknown) => goToEvidence(clientHost, uri, position)],
    'meetingRecords.restartServer': [() => l10n.t('Restart Language Server'), () => restartServer(clientHost)],
    'meetingRecords.showOutput': [() => l10n.t('Show Output'), () => clientHost.outputChannel.show()],
  };
  for (const [id, [title, run]] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, reportingErrors(clientHost, title, run)));
  }

  // A new language: the client's strings switch now, and the server (which says most things) starts over in it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(LOCALE_SETTING)) return;
      applyLocale();
      void clientHost.restart();
    }),
  );

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
