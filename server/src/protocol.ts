/**
 * Custom requests, notifications and settings shared by the client and the
 * server. Both import this file; nothing is declared twice. Requests and
 * notifications are typed: `sendRequest(RenderPreviewRequest, params)` and
 * `onRequest(RenderPreviewRequest, handler)` check their params and results.
 */
import { NotificationType, RequestType, RequestType0, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { ExportFormat } from './core/export/formats';
import type { RuleCode, Severity } from './core/types';

export const LANGUAGE_ID = 'meeting-record';
export const SETTINGS_SECTION = 'meetingRecords';

export type SeverityOverride = Severity | 'off';

/** `meetingRecords.*` settings, as the server reads them per resource. */
export interface MeetingRecordsSettings {
  validate: { enable: boolean };
  severity: Partial<Record<RuleCode, SeverityOverride>>;
  catalogPaths: string[];
  recordGlobs: string[];
  /** Honour `.gitignore` files when indexing, as `meeting-records validate` does (VS Code's `search.useIgnoreFiles`). */
  useIgnoreFiles: boolean;
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: MeetingRecordsSettings = {
  validate: { enable: true },
  severity: {},
  catalogPaths: [],
  recordGlobs: ['**/*.meeting.yaml', '**/*.meeting.yml'],
  useIgnoreFiles: true,
  maxFileSize: 2_000_000,
};

/** Request: render the preview page body for a record document. */
export const RenderPreviewRequest = new RequestType<RenderPreviewParams, RenderPreviewResult, void>('meetingRecords/renderPreview');
export interface RenderPreviewParams {
  uri: string;
  /** Content-Security-Policy source of the webview (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
}
export interface RenderPreviewResult {
  html: string;
  title: string;
  problemCount: number;
}

/** Request: every record in the workspace, for the overview. */
export const ListRecordsRequest = new RequestType0<ListRecordsResult, void>('meetingRecords/listRecords');
export interface RecordSummary {
  uri: string;
  id: string;
  title: string;
  date?: string;
  mechanism?: string;
  level?: string;
  partners: string[];
  /** 0-based line of the record's first key. */
  line: number;
  errors: number;
  warnings: number;
}
export interface ListRecordsResult {
  records: RecordSummary[];
}

/** Request: validate every record file in the workspace now (the "Validate Workspace" command). */
export const ValidateWorkspaceRequest = new RequestType0<ValidateWorkspaceResult, void>('meetingRecords/validateWorkspace');
export interface ValidateWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
}

/**
 * Request: the records of the workspace (or of some of its files and
 * folders) as the text of an export, for the "Export Records…" command. The
 * server judges the files as `meeting-records export` does (open documents
 * as they are in the editor) and returns the text; the client writes it
 * where the user chose, so the server never writes a file. With a
 * `workDoneToken` it reports progress.
 */
export const ExportRecordsRequest = new RequestType<ExportRecordsParams, ExportRecordsResult, void>('meetingRecords/export');
export interface ExportRecordsParams extends WorkDoneProgressParams {
  format: ExportFormat;
  /** Record files and folders to export; every record file of the workspace when absent. */
  uris?: string[];
}
export interface ExportRecordsResult {
  /** The export: records without errors only. CSV starts with a byte order mark. */
  text: string;
  /** Records in the export. */
  records: number;
  /** Record files looked at. */
  files: number;
  /** Error diagnostics in those files. */
  errors: number;
  /** Records left out because they have errors (`line` is 1-based). */
  skipped: Array<{ uri: string; line: number; id?: string }>;
  /** Files that could not be read at all (unreadable, not UTF-8, too large). */
  unread: string[];
}

/** Notification from the server: the state of one document, for the status bar. */
export const DocumentStateNotification = new NotificationType<DocumentStateParams>('meetingRecords/documentState');
export interface DocumentStateParams {
  uri: string;
  version?: number;
  records: number;
  errors: number;
  warnings: number;
  /** Set when validation was skipped (too large, disabled). */
  skipped?: string;
}

/**
 * `initializationOptions` sent by the VS Code client with `initialize`.
 * Other clients may omit them: a missing value means trusted.
 */
export interface InitializationOptions {
  /**
   * False in an untrusted (Restricted Mode) workspace: the server then ignores
   * the workspace's own `*.catalog.yaml` files and uses only the bundled
   * catalog. (`catalogPaths` and `recordGlobs` from workspace settings are
   * already dropped by the client before they reach the server.) The client
   * restarts the server when the user grants trust.
   */
  workspaceTrusted?: boolean;
  /**
   * The language of everything the server says (`en` or `vi`), from the
   * `meetingRecords.locale` setting with `auto` already resolved to VS Code's
   * display language. Absent, the server takes LSP's `InitializeParams.locale`;
   * English when neither is one it speaks. Fixed for the server's life: the
   * client restarts the server when the setting changes.
   */
  locale?: string;
}

/**
 * Request: draft meeting records from the text of a news article (the
 * "New Record from Article…" command). `uri` is the article's, when it is a
 * file: its name goes into each record's `source.article`.
 */
export const DraftFromArticleRequest = new RequestType<DraftFromArticleParams, DraftFromArticleResult, void>('meetingRecords/draftFromArticle');
export interface DraftFromArticleParams {
  text: string;
  uri?: string;
}
export interface DraftFromArticleResult {
  /** The record file to write: a header, then one YAML document per record. */
  yaml: string;
  /** How many records the article gave (0: it reports no ASEAN meeting the drafter recognises). */
  records: number;
  /** For every drafted value, the span of the article it came from (UTF-16 offsets into `text`). */
  evidence: DraftEvidence[];
  /** Why nothing was drafted, when the text was refused (too long). */
  refused?: string;
}
export interface DraftEvidence {
  record: number;
  path: string;
  start: number;
  end: number;
  quote: string;
}

/** Request: the article evidence of the record value at a position ("Go to evidence"); null where there is none. */
export const EvidenceRequest = new RequestType<EvidenceParams, EvidenceResult | null, void>('meetingRecords/evidence');
export interface EvidenceParams {
  uri: string;
  position: { line: number; character: number };
}
export interface EvidenceResult {
  /** The article's URI. */
  uri: string;
  /** The words that support the value, or (when the article does not) the nearest sentence. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  supported: boolean;
  /** One line for the user: what was found where. */
  message: string;
}
