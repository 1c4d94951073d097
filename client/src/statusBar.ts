/**
 * The status bar item for the active record editor: valid, or how many
 * problems, from the server's `documentState` notifications. Until the server
 * has sent one for a document, the counts of its last `publishDiagnostics`
 * for it are used (it publishes for clean files too, so none means valid).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { DocumentStateParams } from '../../server/src/protocol';
import type { ClientHost } from './client';
import { PROBLEMS_PANEL_COMMAND } from './commands';
import { isRecordDocument } from './config';

/** What the item shows; `undefined` counts mean the server has not reported yet. */
export interface RecordState {
  errors: number;
  warnings: number;
  skipped?: string;
}

export class RecordStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'meetingRecords.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly states = new Map<string, DocumentStateParams>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly host: ClientHost) {
    this.item.name = 'Meeting Records';
    this.item.command = { command: PROBLEMS_PANEL_COMMAND, title: l10n.t('Show Problems') };
    this.disposables = [
      this.item,
      host.onDidChangeDocumentState((state) => {
        this.states.set(state.uri, state);
        this.update();
      }),
      host.onDidChangeClient(() => {
        this.states.clear();
        this.update();
      }),
      // publishDiagnostics lands in the collection just after the host counted it.
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => this.states.delete(document.uri.toString())),
    ];
    this.update();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isRecordDocument(document)) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = describeState(this.stateOf(document.uri));
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip, role: 'button' };
    this.item.show();
  }

  private stateOf(uri: vscode.Uri): RecordState | undefined {
    return this.states.get(uri.toString()) ?? this.host.publishedCounts(uri);
  }
}

/** Text and tooltip for a state; pure, so the wording is easy to check. */
export function describeState(state: RecordState | undefined): { text: string; tooltip: string } {
  const click = l10n.t('Click to open the Problems panel.');
  const label = l10n.t('Meeting record');
  if (!state) return { text: `$(loading~spin) ${label}`, tooltip: l10n.t('Meeting Records: checking this file…') };
  if (state.skipped) {
    return { text: `$(circle-slash) ${label}`, tooltip: l10n.t('Meeting Records: not validated ({0}).', state.skipped) };
  }
  const total = state.errors + state.warnings;
  if (total === 0) return { text: `$(check) ${label}`, tooltip: l10n.t('Meeting Records: this file is valid.') };
  const icon = state.errors > 0 ? '$(error)' : '$(warning)';
  const errors = state.errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', state.errors);
  const warnings = state.warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', state.warnings);
  const found = state.errors > 0 && state.warnings > 0 ? l10n.t('{0} and {1}', errors, warnings) : state.errors > 0 ? errors : warnings;
  return {
    text: `${icon} ${total === 1 ? l10n.t('1 problem') : l10n.t('{0} problems', total)}`,
    tooltip: l10n.t('Meeting Records: {0} in this file. {1}', found, click),
  };
}
