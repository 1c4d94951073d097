/**
 * The meetings overview: every record in the workspace, from the server's
 * list, as the renderer's sortable and filterable table. Clicking a row asks
 * to open that record; only records from the list just shown can be opened.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { renderOverviewPage } from '../../server/src/core/render/overview';
import { ListRecordsRequest, type RecordSummary } from '../../server/src/protocol';
import { errorMessage, type ClientHost } from './client';
import { RECORD_FILE_GLOB } from './config';
import { createNonce, errorPage, loadingPage, panelIcon, webviewOptions } from './webview';

export const OVERVIEW_VIEW_TYPE = 'meetingRecords.overview';
/** Saving several files at once (a rename, a formatter run) refreshes the list once. */
const REFRESH_DELAY_MS = 500;

export class OverviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[];
  /** The records on the page now: the only ones an `open` message may name. */
  private shown: readonly RecordSummary[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  private generation = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: ClientHost,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(RECORD_FILE_GLOB);
    const later = () => this.schedule();
    this.disposables = [
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidChange(later),
      watcher.onDidDelete(later),
      host.onDidChangeProblemCounts(later),
      host.onDidChangeClient(later),
      vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          if (this.panel) panel.dispose();
          else this.adopt(panel);
        },
      }),
    ];
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      this.schedule(0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      OVERVIEW_VIEW_TYPE,
      l10n.t('Meetings Overview'),
      vscode.ViewColumn.Active,
      webviewOptions(this.extensionUri),
    );
    this.adopt(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = panelIcon(this.extensionUri);
    panel.webview.html = loadingPage(panel.webview, l10n.t('Loading the meetings overview…'));
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.schedule(0);
      }),
      panel.onDidDispose(() => {
        clearTimeout(this.timer);
        this.panelDisposables.forEach((d) => d.dispose());
        this.panelDisposables = [];
        this.panel = undefined;
        this.shown = [];
      }),
    ];
    this.schedule(0);
  }

  private schedule(delayMs = REFRESH_DELAY_MS): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    if (!panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const generation = ++this.generation;
    const { webview } = panel;
    try {
      const client = await this.host.ready();
      if (!client) throw new Error(l10n.t('The Meeting Records language server is not running.'));
      const result = await client.sendRequest(ListRecordsRequest);
      if (generation !== this.generation || this.panel !== panel) return;
      const records = Array.isArray(result?.records) ? result.records : [];
      webview.html = renderOverviewPage(records, { cspSource: webview.cspSource, nonce: createNonce() });
      this.shown = records;
    } catch (error) {
      if (generation !== this.generation || this.panel !== panel) return;
      this.host.outputChannel.error(`Meetings overview: ${errorMessage(error)}`);
      webview.html = errorPage(webview, l10n.t('The meetings overview could not be loaded'), errorMessage(error));
      this.shown = [];
    }
  }

  /** Opens a record the page asked for, if it is one of the records on the page. */
  private async open(message: unknown): Promise<void> {
    const request = parseOpenMessage(message);
    const record = request && this.shown.find((r) => r.uri === request.uri && r.line === request.line);
    if (!record) return;
    const uri = vscode.Uri.parse(record.uri, true);
    if (uri.scheme !== 'file') return;
    const position = new vscode.Position(record.line, 0);
    try {
      await vscode.window.showTextDocument(uri, {
        selection: new vscode.Range(position, position),
        viewColumn: this.editorColumn(),
        preview: false,
      });
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('Could not open {0}: {1}', uri.fsPath, errorMessage(error)));
    }
  }

  /** A group with a text editor other than the overview's own, else the one beside it. */
  private editorColumn(): vscode.ViewColumn {
    const own = this.panel?.viewColumn;
    const other = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== own);
    return other?.viewColumn ?? vscode.ViewColumn.Beside;
  }
}

/** `{ type: 'open', uri, line }` from the page, checked field by field; anything else is ignored. */
export function parseOpenMessage(message: unknown): { uri: string; line: number } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, uri, line } = message as Record<string, unknown>;
  if (type !== 'open' || typeof uri !== 'string' || typeof line !== 'number') return undefined;
  if (!Number.isInteger(line) || line < 0) return undefined;
  return { uri, line };
}
