/**
 * The language client's lifecycle. One `ClientHost` lives as long as the
 * extension; it creates a fresh `LanguageClient` on start and on every
 * restart, so commands and panels never hold a client themselves: they ask
 * `ready()` for the current one.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ConfigurationRequest,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  DocumentStateNotification,
  LANGUAGE_ID,
  SETTINGS_SECTION,
  type DocumentStateParams,
  type InitializationOptions,
} from '../../server/src/protocol';
import { CATALOG_FILE_GLOB, CATALOG_LANGUAGE_ID, readServerSettings } from './config';
import { chosenLocale } from './l10n';
import { TraceChannel } from './traceChannel';

/** Also the prefix of `meetingRecords.trace.server`, which vscode-languageclient reads by this id. */
const CLIENT_ID = SETTINGS_SECTION;
const CLIENT_NAME = 'Meeting Records';
/** How long a stopping server may take to shut down before it is killed. */
const STOP_TIMEOUT_MS = 2_000;

/**
 * Records and catalogs on disk, and records not saved yet. Other schemes (git
 * diffs, remote file views) are left out: an old revision of a record would
 * otherwise be validated as a second record with the same id.
 */
const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: LANGUAGE_ID, scheme: 'file' },
  { language: LANGUAGE_ID, scheme: 'untitled' },
  { language: CATALOG_LANGUAGE_ID, scheme: 'file' },
  // Someone who mapped `*.catalog.yaml` back to plain YAML still gets catalog checks.
  { language: 'yaml', scheme: 'file', pattern: CATALOG_FILE_GLOB },
];

/** Problem counts of one document, as last reported by the server. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export class ClientHost implements vscode.Disposable {
  readonly outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  private readonly traceChannel = new TraceChannel(`${CLIENT_NAME} Trace`);
  private readonly documentStateEmitter = new vscode.EventEmitter<DocumentStateParams>();
  private readonly problemCountsEmitter = new vscode.EventEmitter<string>();
  private readonly clientChangeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private pending: Promise<LanguageClient | undefined> | undefined;
  /** Whether the workspace was trusted when the current client started. */
  private startedTrusted = vscode.workspace.isTrusted;
  /** Counts from the current client's `publishDiagnostics`, by document URI. */
  private readonly published = new Map<string, ProblemCounts>();
  /** Last reported errors/warnings/skipped of each document, to tell real changes from re-validation. */
  private readonly reportedCounts = new Map<string, string>();

  /** The server reported the state of one document (for the status bar). */
  readonly onDidChangeDocumentState = this.documentStateEmitter.event;
  /**
   * A document's problem counts changed (its URI as `uri.toString()` spells it): typing re-validates
   * often, but a preview banner or the overview table only needs redrawing when these change,
   * which also happens without an edit there (a catalog or a record with the same id changed).
   */
  readonly onDidChangeProblemCounts = this.problemCountsEmitter.event;
  /** A new client started or the old one went away: per-document state from before is stale. */
  readonly onDidChangeClient = this.clientChangeEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      this.outputChannel,
      this.traceChannel,
      this.documentStateEmitter,
      this.problemCountsEmitter,
      this.clientChangeEmitter,
      // Workspace catalogs and settings were ignored until now: start over with them. (VS Code
      // may also fire this while starting up in an already trusted workspace: no restart then.)
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client && !this.startedTrusted) void this.restart();
      }),
    );
  }

  /** The running client, started if need be; undefined when the server cannot start (see the output). */
  ready(): Promise<LanguageClient | undefined> {
    if (this.pending) return this.pending;
    if (this.client?.isRunning()) return Promise.resolve(this.client);
    return this.restart();
  }

  /**
   * Problem counts from the current server's last `publishDiagnostics` for `uri`; undefined until
   * it has published for it. (`DiagnosticCollection.get` cannot tell "clean" from "not checked yet".)
   */
  publishedCounts(uri: vscode.Uri): ProblemCounts | undefined {
    return this.published.get(uri.toString());
  }

  /** Stops the current client (if any) and starts a new one; waits for a start already under way. */
  restart(): Promise<LanguageClient | undefined> {
    const previous = this.pending ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.replaceClient());
    this.pending = next;
    void next.finally(() => {
      if (this.pending === next) this.pending = undefined;
    });
    return next;
  }

  async stop(): Promise<void> {
    await this.pending;
    await this.disposeClient();
  }

  dispose(): void {
    void this.stop().finally(() => this.disposables.forEach((d) => d.dispose()));
  }

  private async replaceClient(): Promise<LanguageClient | undefined> {
    await this.disposeClient();
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, this.serverOptions(), this.clientOptions());
    client.onNotification(DocumentStateNotification, (params: DocumentStateParams) => {
      // Re-spelled the way VS Code writes URIs, so listeners can compare with `uri.toString()`.
      const state = { ...params, uri: vscode.Uri.parse(params.uri).toString() };
      this.documentStateEmitter.fire(state);
      const counts = `${state.errors}/${state.warnings}/${state.skipped ?? ''}`;
      if (this.reportedCounts.get(state.uri) === counts) return;
      this.reportedCounts.set(state.uri, counts);
      this.problemCountsEmitter.fire(state.uri);
    });
    this.client = client;
    this.startedTrusted = vscode.workspace.isTrusted;
    this.clientChangeEmitter.fire();
    try {
      await client.start();
      return client;
    } catch (error) {
      // vscode-languageclient has already logged the details to the output channel.
      this.outputChannel.error(`The Meeting Records language server did not start: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.published.clear();
    this.reportedCounts.clear();
    this.clientChangeEmitter.fire();
    try {
      await client.dispose(STOP_TIMEOUT_MS);
    } catch (error) {
      this.outputChannel.warn(`Stopping the language server: ${errorMessage(error)}`);
    }
  }

  private serverOptions(): ServerOptions {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    return {
      run: { module, transport: TransportKind.ipc },
      // Used when the extension host runs under a debugger: attach to port 6009.
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.outputChannel,
      traceOutputChannel: this.traceChannel,
      // Problems show up as diagnostics; the output is one command away ("Show Output").
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // No file watchers here: the server registers its own (records, catalogs and the globs of its
      // settings) through dynamic registration, and watchers on both sides sent every event twice.
      // A function, so every restart reports the trust of that moment.
      // The language too (meetingRecords.locale, `auto` resolved), so the server speaks what the client does.
      initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted, locale: chosenLocale() }),
      middleware: {
        workspace: { configuration: answerConfiguration },
        handleDiagnostics: (uri, diagnostics, next) => {
          this.published.set(uri.toString(), {
            errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
            warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
          });
          next(uri, diagnostics);
        },
      },
    };
  }
}

/** Answers `workspace/configuration` for our section with one checked, typed settings object. */
const answerConfiguration: ConfigurationRequest.MiddlewareSignature = async (params, token, next) => {
  const answers = await next(params, token);
  if (!Array.isArray(answers)) return answers;
  return params.items.map((item, index) =>
    item.section === SETTINGS_SECTION
      ? readServerSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
      : answers[index],
  );
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
