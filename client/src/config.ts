/**
 * Settings and document kinds, in one place. The server's settings are read
 * here per resource and checked with the server's own checker, so both sides
 * agree on what a malformed value falls back to.
 */
import * as vscode from 'vscode';
import { checkSettings } from '../../server/src/state/settings';
import { LANGUAGE_ID, SETTINGS_SECTION, type MeetingRecordsSettings } from '../../server/src/protocol';

/** `*.catalog.yaml` (and `.yml`) files get their own language, so opening one activates the extension. */
export const CATALOG_LANGUAGE_ID = 'meeting-catalog';
export const RECORD_FILE_GLOB = '**/*.meeting.{yaml,yml}';
export const CATALOG_FILE_GLOB = '**/*.catalog.{yaml,yml}';

export function isRecordDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

/**
 * What the server gets for `workspace/configuration` with section
 * `meetingRecords`. In an untrusted workspace, the paths and globs that could
 * make the server read other files come from user settings only. VS Code
 * already ignores workspace values of `restrictedConfigurations`; reading
 * `inspect()` here keeps that guarantee even where it would not.
 */
export function readServerSettings(scope: vscode.Uri | undefined): MeetingRecordsSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return checkSettings({
    validate: { enable: config.get('validate.enable') },
    severity: config.get('severity'),
    catalogPaths: trustedValue(config, 'catalogPaths'),
    recordGlobs: trustedValue(config, 'recordGlobs'),
    maxFileSize: config.get('maxFileSize'),
  });
}

function trustedValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  if (vscode.workspace.isTrusted) return config.get(key);
  const values = config.inspect(key);
  return values?.globalValue ?? values?.defaultValue;
}

export type TraceSetting = 'off' | 'messages' | 'verbose';

/** `meetingRecords.trace.server`: how much of the LSP traffic to log. */
export function traceSetting(): TraceSetting {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('trace.server');
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

/** Beyond this the preview would feel broken rather than calm. */
const MAX_DEBOUNCE_MS = 5_000;
const DEFAULT_DEBOUNCE_MS = 300;

/** `meetingRecords.preview.debounceMs`: pause after typing before the preview re-renders. */
export function previewDebounceMs(scope: vscode.Uri | undefined): number {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>('preview.debounceMs');
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_DEBOUNCE_MS;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(value)));
}
