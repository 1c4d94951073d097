/**
 * The channel handed to vscode-languageclient as `traceOutputChannel`.
 *
 * Since vscode-languageclient 10 the client traces only while the trace
 * channel's log level is Trace (set through "Developer: Set Log Level…"), and
 * `<id>.trace.server` merely picks messages or verbose. Users of language
 * extensions expect `meetingRecords.trace.server` alone to switch tracing, so
 * this adapter reports log level Trace exactly when that setting is not `off`
 * and writes every line to a plain output channel, created on first use so an
 * empty "Meeting Records Trace" never clutters the Output view.
 */
import * as vscode from 'vscode';
import { traceSetting } from './config';

export class TraceChannel implements vscode.LogOutputChannel {
  private channel: vscode.OutputChannel | undefined;
  private level = levelFor(traceSetting());
  private readonly levelEmitter = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly configListener: vscode.Disposable;
  readonly onDidChangeLogLevel = this.levelEmitter.event;

  constructor(readonly name: string) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('meetingRecords.trace.server')) return;
      const level = levelFor(traceSetting());
      if (level === this.level) return;
      this.level = level;
      this.levelEmitter.fire(level);
    });
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  trace(message: string, ...args: unknown[]): void {
    this.log('Trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.log('Debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.log('Info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log('Warn', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.log('Error', error instanceof Error ? (error.stack ?? error.message) : error, args);
  }

  append(value: string): void {
    this.output().append(value);
  }
  appendLine(value: string): void {
    this.output().appendLine(value);
  }
  replace(value: string): void {
    this.output().replace(value);
  }
  clear(): void {
    this.channel?.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    this.output().show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus);
  }
  hide(): void {
    this.channel?.hide();
  }

  dispose(): void {
    this.configListener.dispose();
    this.levelEmitter.dispose();
    this.channel?.dispose();
  }

  private log(label: string, message: string, args: unknown[]): void {
    if (this.level === vscode.LogLevel.Off) return;
    const extra = args.length ? ' ' + args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : '';
    this.output().appendLine(`[${label} - ${new Date().toLocaleTimeString()}] ${message}${extra}`);
  }

  private output(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel(this.name);
    return this.channel;
  }
}

function levelFor(setting: string): vscode.LogLevel {
  return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
}
