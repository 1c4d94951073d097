/**
 * The language server's wiring: capabilities, and each LSP message routed to
 * its feature module through the one safe wrapper. No logic lives here.
 * `createConnection` picks the transport from argv (`--stdio`, `--node-ipc`).
 */
import {
  CodeActionKind,
  createConnection,
  ErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  InsertTextMode,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CompletionList,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from './core/fixes';
import { parseLocale, setLocale } from './core/l10n';
import type { Range } from './core/types';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { complete } from './features/completion';
import { resolveCompletion } from './features/completionResolve';
import { definition } from './features/definition';
import { draftFromArticle } from './features/draft';
import { evidenceAt, evidenceLocation } from './features/evidence';
import { DIAGNOSTIC_SOURCE } from './features/diagnostics';
import { answerExport, InvalidExportParams } from './features/export';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { renderPreview } from './features/preview';
import { references } from './features/references';
import { isPosition, runSafe, runSafeNotification } from './features/runner';
import { documentSymbols } from './features/symbols';
import { uriToPath } from './state/uris';
import { Workspace } from './state/workspace';
import { workspaceSymbols } from './features/workspaceSymbols';
import {
  DocumentStateNotification,
  ExportRecordsRequest,
  DraftFromArticleRequest,
  EvidenceRequest,
  ListRecordsRequest,
  RenderPreviewRequest,
  SETTINGS_SECTION,
  ValidateWorkspaceRequest,
  type ExportRecordsResult,
  type DraftFromArticleResult,
  type ListRecordsResult,
  type RenderPreviewResult,
  type InitializationOptions,
  type ValidateWorkspaceResult,
} from './protocol';

/** The language server proper, on the main thread. */
function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = {
    error: (message: string) => connection.console.error(message),
    info: (message: string) => connection.console.info(message),
  };

  let workspace: Workspace | undefined;
  const client = { asIs: false, snippets: true, documentChanges: false, progress: false, watchers: false, configuration: false, folders: false, refresh: false, configurationRegistration: false };

  function ws(): Workspace {
    if (!workspace) throw new Error('The server is not initialized yet');
    return workspace;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const completionItem = caps.textDocument?.completion?.completionItem;
    client.asIs = completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs) ?? false;
    client.snippets = completionItem?.snippetSupport ?? false;
    client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges ?? false;
    client.progress = caps.window?.workDoneProgress ?? false;
    client.watchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false;
    client.configuration = caps.workspace?.configuration ?? false;
    client.configurationRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration ?? false;
    client.folders = caps.workspace?.workspaceFolders ?? false;
    client.refresh = caps.workspace?.diagnostics?.refreshSupport ?? false;
    const pull = caps.textDocument?.diagnostic !== undefined;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    setLocale(parseLocale(options.locale) ?? params.locale);

    workspace = new Workspace(
      {
        log,
        getDocument: (uri) => documents.get(uri),
        allDocuments: () => documents.all(),
        publishDiagnostics: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
        sendDocumentState: (state) => void connection.sendNotification(DocumentStateNotification, state),
        refreshPullDiagnostics: client.refresh ? () => void connection.languages.diagnostics.refresh() : undefined,
        createProgress: async () => {
          if (!client.progress) return undefined;
          // A client that never answers window/workDoneProgress/create must not hold up indexing.
          const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref());
          return Promise.race([connection.window.createWorkDoneProgress(), timeout]);
        },
      },
      { bundleDir: __dirname, pullDiagnostics: pull, trusted: options.workspaceTrusted !== false, workerScript: path.join(__dirname, 'worker.js') },
      client.configuration ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }) : undefined,
    );
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : undefined];
    workspace.setFolders(folders.filter((f): f is string => f !== undefined));

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' '], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: l10n.t('Meeting record') },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        diagnosticProvider: pull ? { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'meeting-records-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    runSafeNotification(log, 'initialized', async () => {
      if (client.configurationRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      }
      if (client.watchers) {
        const settings = await ws().settings.get(undefined);
        // .gitignore files decide what the index takes (meetingRecords.useIgnoreFiles): a change to one re-indexes.
        const globs = new Set(['**/*.meeting.{yaml,yml}', '**/*.catalog.{yaml,yml}', '**/.gitignore', ...settings.recordGlobs, ...settings.catalogPaths]);
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [...[...globs].map((globPattern) => ({ globPattern })), { globPattern: '**/*', kind: WatchKind.Delete }],
        });
      }
      if (client.folders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) =>
          runSafeNotification(log, 'workspace folders', () => {
            const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
            const kept = ws().folders.filter((f) => !removed.has(f));
            const added = event.added.map((f) => uriToPath(f.uri)).filter((f): f is string => f !== undefined);
            ws().setFolders([...kept, ...added]);
            void ws().indexWorkspace();
          }),
        );
      }
      void ws().indexWorkspace();
    });
  });

  // ---------------------------------------------------------------- documents and files

  documents.onDidChangeContent((event) => runSafeNotification(log, 'change', () => ws().changed(event.document)));
  documents.onDidClose((event) => runSafeNotification(log, 'close', () => ws().closed(event.document.uri)));
  connection.onDidChangeWatchedFiles((params) =>
    runSafeNotification(log, 'watched files', () => ws().watchedFilesChanged(params.changes.map((c) => ({ uri: c.uri, type: c.type as 1 | 2 | 3 })))),
  );
  connection.onDidChangeConfiguration((params) =>
    runSafeNotification(log, 'configuration', () => {
      const settings = (params.settings ?? {}) as Record<string, unknown>;
      ws().configurationChanged(client.configuration ? undefined : settings[SETTINGS_SECTION]);
    }),
  );

  // ---------------------------------------------------------------- diagnostics (pull)

  const emptyReport: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on((params, token) =>
    runSafe(log, 'pull diagnostics', emptyReport, token, async () => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: await ws().pullDiagnostics(params.textDocument.uri),
    })),
  );

  // ---------------------------------------------------------------- language features

  const emptyCompletion: CompletionList = { isIncomplete: false, items: [] };
  connection.onCompletion((params, token) =>
    runSafe(log, 'completion', emptyCompletion, token, async () => {
      const w = ws();
      const uri = params.textDocument.uri;
      const settings = await w.settings.get(uri);
      const doc = w.linesOf(uri);
      if (!doc || w.isCatalogUri(uri) || !isPosition(params.position) || doc.length > settings.maxFileSize) return emptyCompletion;
      const shift = (r: Range): Range =>
        doc.bomShift && r.start.line === 0 ? { start: { line: 0, character: r.start.character + 1 }, end: r.end.line === 0 ? { line: 0, character: r.end.character + 1 } : r.end } : r;
      const position = doc.bomShift && params.position.line === 0 ? { line: 0, character: Math.max(0, params.position.character - 1) } : params.position;
      return complete({
        lines: doc.lines,
        position,
        catalog: w.catalogs.catalog,
        roles: w.catalogs.roles,
        documentTitles: w.index.documentTitles(),
        asIs: client.asIs,
        snippets: client.snippets,
        toEditor: shift,
      });
    }),
  );

  connection.onCompletionResolve((item, token) =>
    runSafe(log, 'completion resolve', item, token, () => resolveCompletion(item, { catalog: ws().catalogs.catalog, roles: ws().catalogs.roles })),
  );

  connection.onHover((params, token) =>
    runSafe(log, 'hover', null, token, async () => {
      const view = await ws().view(params.textDocument.uri);
      if (!view || !isPosition(params.position)) return null;
      const position = view.toAnalysis(params.position);
      return hover({
        analysis: view.analysis,
        position,
        catalog: ws().catalogs.catalog,
        recordsMentioning: (kind, name) => ws().recordsMentioning(kind, name),
        toEditor: (r) => view.toEditor(r),
        evidence: await evidenceAt({ analysis: view.analysis, position, evidence: (record) => ws().evidenceOf(view, record) }),
      });
    }),
  );

  connection.onDefinition((params, token) =>
    runSafe(log, 'definition', null, token, async () => {
      const view = await ws().view(params.textDocument.uri);
      if (!view || !isPosition(params.position)) return null;
      const catalogs = ws().catalogs;
      return definition({ analysis: view.analysis, position: view.toAnalysis(params.position), catalog: catalogs.catalog, locate: (e) => catalogs.locationOf(e) });
    }),
  );

  connection.onReferences((params, token) =>
    runSafe(log, 'references', [], token, async () => {
      const view = await ws().view(params.textDocument.uri);
      if (!view || !isPosition(params.position)) return [];
      const catalogs = ws().catalogs;
      return references({
        analysis: view.analysis,
        position: view.toAnalysis(params.position),
        catalog: catalogs.catalog,
        includeDeclaration: params.context?.includeDeclaration ?? false,
        locate: (e) => catalogs.locationOf(e),
        mentions: (kind, name) => ws().mentionLocations(kind, name),
      });
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'document symbols', [], token, async () => {
      const view = await ws().view(params.textDocument.uri);
      return view ? documentSymbols(view.analysis, (r) => view.toEditor(r)) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(log, 'folding ranges', [], token, async () => {
      const view = await ws().view(params.textDocument.uri);
      return view ? foldingRanges(view.analysis) : [];
    }),
  );

  connection.onWorkspaceSymbol((params, token) =>
    runSafe(log, 'workspace symbols', [], token, () => workspaceSymbols(params.query, ws().index.files())),
  );

  connection.onCodeAction((params, token) =>
    runSafe(log, 'code actions', [], token, async () => {
      const w = ws();
      const view = await w.view(params.textDocument.uri);
      if (!view || w.isCatalogUri(params.textDocument.uri)) return [];
      const settings = await w.settings.get(params.textDocument.uri);
      if (!settings.validate.enable) return [];
      const toAnalysis = (r: Range): Range => ({ start: view.toAnalysis(r.start), end: view.toAnalysis(r.end) });
      return codeActions({
        uri: view.uri,
        version: view.version,
        diagnostics: view.analysis.diagnostics,
        range: toAnalysis(params.range),
        only: params.context.only,
        contextDiagnostics: params.context.diagnostics,
        text: view.text,
        lineIndex: view.analysis.lineIndex,
        fixAll: () => fixAll(w.catalogs.validator, view.text, { maxFileSize: settings.maxFileSize, severity: settings.severity }).text,
        toEditor: (r) => view.toEditor(r),
        documentChanges: client.documentChanges,
      });
    }),
  );

  // ---------------------------------------------------------------- custom requests (protocol.ts)

  const emptyPreview: RenderPreviewResult = { html: '', title: '', problemCount: 0 };
  connection.onRequest(RenderPreviewRequest, (params, token) =>
    runSafe(log, 'render preview', emptyPreview, token, async () => {
      const view = await ws().viewOrRead(params.uri);
      if (!view) return emptyPreview;
      return renderPreview({
        uri: params.uri,
        analysis: view.analysis,
        diagnostics: await ws().diagnosticsOf(view),
        catalog: ws().catalogs.catalog,
        cspSource: String(params.cspSource ?? ''),
        nonce: String(params.nonce ?? ''),
      });
    }),
  );

  const emptyList: ListRecordsResult = { records: [] };
  connection.onRequest(ListRecordsRequest, (token) =>
    runSafe(log, 'list records', emptyList, token, () => ({ records: ws().listRecords() })),
  );

  const emptyTotals: ValidateWorkspaceResult = { files: 0, errors: 0, warnings: 0 };
  connection.onRequest(ValidateWorkspaceRequest, (token) =>
    runSafe(log, 'validate workspace', emptyTotals, token, () => ws().validateWorkspace()),
  );

  // A failed export is an error for the client to show, never an empty text it would write to the user's file.
  const exportFailed = new ResponseError<void>(ErrorCodes.InternalError, 'Exporting the records failed; the language server log says why');
  connection.onRequest(ExportRecordsRequest, (params, token) =>
    runSafe<ExportRecordsResult | ResponseError<void>>(log, 'export records', exportFailed, token, async () => {
      try {
        const result = await answerExport(params, {
          sources: (uris, onProgress, isCancelled) => ws().exportSources(uris, onProgress, isCancelled),
          catalog: () => ws().catalogs.catalog,
          // The client's progress, when it sent a workDoneToken; a reporter that reports nothing otherwise.
          progress: connection.window.attachWorkDoneProgress(params.workDoneToken),
          isCancelled: () => token.isCancellationRequested,
          now: () => new Date(),
        });
        // Cancelled: runSafe answers RequestCancelled.
        return result ?? exportFailed;
      } catch (error) {
        if (error instanceof InvalidExportParams) return new ResponseError<void>(ErrorCodes.InvalidParams, error.message);
        throw error;
      }
    }),
  );

  connection.onRequest(EvidenceRequest, (params, token) =>
    runSafe(log, 'evidence', null, token, async () => {
      const view = await ws().viewOrRead(String(params.uri));
      if (!view || !isPosition(params.position)) return null;
      const hit = await evidenceAt({ analysis: view.analysis, position: view.toAnalysis(params.position), evidence: (record) => ws().evidenceOf(view, record) });
      return hit ? evidenceLocation(hit) : null;
    }),
  );

  const emptyDraft: DraftFromArticleResult = { yaml: '', records: 0, evidence: [] };
  connection.onRequest(DraftFromArticleRequest, (params, token) =>
    runSafe(log, 'draft from article', emptyDraft, token, async () => {
      const settings = await ws().settings.get(typeof params.uri === 'string' ? params.uri : undefined);
      return draftFromArticle({ text: params.text, uri: params.uri, catalog: ws().catalogs.catalog, maxLength: settings.maxFileSize });
    }),
  );

  connection.onShutdown(() => workspace?.dispose());

  documents.listen(connection);
  connection.listen();
}

main();
