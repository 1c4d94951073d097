/**
 * The live preview: one webview panel that shows the active record file as
 * the server renders it, re-rendered a moment after each edit, following
 * whichever record editor is active, and restored after a window reload.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RenderPreviewRequest, type RenderPreviewParams } from '../../server/src/protocol';
import { errorMessage, type ClientHost } from './client';
import { isRecordDocument, previewDebounceMs } from './config';
import { createNonce, errorPage, loadingPage, panelIcon, webviewOptions } from './webview';

export const PREVIEW_VIEW_TYPE = 'meetingRecords.preview';
/** The record shown when the window closed, so a restored panel knows what to show. */
const PREVIEW_RESOURCE_KEY = 'meetingRecords.preview.resource';

export class PreviewManager implements vscode.Disposable {
  private preview: RecordPreview | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: ClientHost,
  ) {
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel) => this.revive(panel),
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isRecordDocument(editor.document)) this.preview?.follow(editor.document.uri);
      }),
    ];
  }

  /** Shows the preview of `uri` (from a menu) or of the active record editor. */
  async show(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const resource = uri ?? activeRecordUri();
    if (!resource) {
      void vscode.window.showInformationMessage(l10n.t('Open a meeting record (*.meeting.yaml) to preview it.'));
      return;
    }
    const document = await vscode.workspace.openTextDocument(resource);
    if (!isRecordDocument(document)) {
      void vscode.window.showInformationMessage(l10n.t('{0} is not a meeting record.', path.basename(resource.path)));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (this.preview) {
      this.preview.reveal(column, toSide);
      this.preview.follow(resource);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      previewTitle(resource),
      { viewColumn: column, preserveFocus: toSide },
      webviewOptions(this.context.extensionUri),
    );
    this.adopt(panel, resource);
  }

  dispose(): void {
    this.preview?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private async revive(panel: vscode.WebviewPanel): Promise<void> {
    const stored = this.context.workspaceState.get<string>(PREVIEW_RESOURCE_KEY);
    if (!stored || this.preview) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.context.extensionUri);
    this.adopt(panel, vscode.Uri.parse(stored));
  }

  private adopt(panel: vscode.WebviewPanel, resource: vscode.Uri): void {
    const remember = (uri: vscode.Uri) => void this.context.workspaceState.update(PREVIEW_RESOURCE_KEY, uri.toString());
    const preview = new RecordPreview(panel, resource, this.host, this.context.extensionUri, remember);
    preview.onDidDispose(() => {
      if (this.preview === preview) this.preview = undefined;
    });
    this.preview = preview;
  }
}

class RecordPreview {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: vscode.CancellationTokenSource | undefined;
  /** Set when a render was due while the panel was hidden. */
  private stale = false;
  private disposed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private resource: vscode.Uri,
    private readonly host: ClientHost,
    extensionUri: vscode.Uri,
    private readonly remember: (resource: vscode.Uri) => void,
  ) {
    panel.iconPath = panelIcon(extensionUri);
    panel.webview.html = loadingPage(panel.webview, l10n.t('Loading the preview…'));
    remember(resource);
    this.disposables.push(
      this.disposeEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.schedule(0);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length && sameUri(event.document.uri, this.resource)) {
          this.schedule(previewDebounceMs(this.resource));
        }
      }),
      host.onDidChangeProblemCounts((uri) => {
        if (uri === this.resource.toString()) this.schedule(previewDebounceMs(this.resource));
      }),
      host.onDidChangeClient(() => this.schedule(previewDebounceMs(this.resource))),
    );
    this.schedule(0);
  }

  reveal(column: vscode.ViewColumn, preserveFocus: boolean): void {
    this.panel.reveal(column, preserveFocus);
  }

  follow(resource: vscode.Uri): void {
    if (sameUri(resource, this.resource)) return;
    this.resource = resource;
    this.panel.title = previewTitle(resource);
    this.remember(resource);
    this.schedule(0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.request?.cancel();
    this.disposeEmitter.fire();
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), delayMs);
  }

  /** Asks the server for the page; a newer render cancels an older one still waiting. */
  private async render(): Promise<void> {
    if (this.disposed) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.request?.cancel();
    const request = new vscode.CancellationTokenSource();
    this.request = request;
    const { webview } = this.panel;
    const resource = this.resource;
    try {
      // The server renders only documents it was sent; opening one (no editor needed) sends it.
      await vscode.workspace.openTextDocument(resource);
      const client = await this.host.ready();
      if (!client) throw new Error(l10n.t('The Meeting Records language server is not running.'));
      const params: RenderPreviewParams = {
        uri: resource.toString(),
        cspSource: webview.cspSource,
        nonce: createNonce(),
      };
      const result = await client.sendRequest(RenderPreviewRequest, params, request.token);
      if (request.token.isCancellationRequested || this.disposed) return;
      if (typeof result?.html !== 'string' || !result.html) throw new Error(l10n.t('The server sent an empty page.'));
      this.panel.title = result.title ? l10n.t('Preview {0}', result.title) : previewTitle(resource);
      webview.html = result.html;
    } catch (error) {
      if (request.token.isCancellationRequested || this.disposed) return;
      this.host.outputChannel.error(`Preview of ${resource.toString(true)}: ${errorMessage(error)}`);
      webview.html = errorPage(
        webview,
        l10n.t('The preview of {0} could not be shown', path.basename(resource.path)),
        errorMessage(error),
      );
    } finally {
      if (this.request === request) this.request = undefined;
      request.dispose();
    }
  }
}

function activeRecordUri(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isRecordDocument(document) ? document.uri : undefined;
}

function previewTitle(resource: vscode.Uri): string {
  return l10n.t('Preview {0}', path.basename(resource.path));
}

function sameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}
