import * as l10n from '@vscode/l10n';
import type { Severity } from '../../core/types';
import { severityLabel, summarize, type ReportedFile } from '../result';
import { visible } from '../visible';

export interface StylishOptions {
  color: boolean;
}

type Paint = (style: keyof typeof STYLES, text: string) => string;

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  blue: [34, 39],
} as const;

const COLOR: Record<Severity, keyof typeof STYLES> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

/**
 * The human format: files with problems, each problem as
 * `line:col  severity  message  code`, then one summary line.
 */
export function formatStylish(files: readonly ReportedFile[], options: StylishOptions): string {
  const paint: Paint = options.color ? (style, text) => `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : (_, text) => text;
  const out: string[] = [];
  for (const f of files) {
    if (f.fixed) out.push(`${paint('green', '✔')} ${f.fixed === 1 ? l10n.t('fixed 1 problem in {0}', visible(f.file)) : l10n.t('fixed {0} problems in {1}', f.fixed, visible(f.file))}`);
  }
  if (out.length) out.push('');
  for (const f of files) {
    if (f.diagnostics.length === 0) continue;
    // File names and messages (which quote record values) are shown, never obeyed: no ESC from them reaches the terminal.
    out.push(paint('underline', visible(f.file)));
    const rows = f.diagnostics.map((d) => ({
      where: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      severity: d.severity,
      message: visible(d.message.replace(/\s*[\r\n]+\s*/g, ' ')),
      code: d.code,
    }));
    // reduce, not Math.max(...rows): a file may have more problems than a call can take arguments.
    const whereWidth = rows.reduce((width, r) => Math.max(width, r.where.length), 0);
    const severityWidth = rows.reduce((width, r) => Math.max(width, severityLabel(r.severity).length), 0);
    for (const r of rows) {
      const label = severityLabel(r.severity);
      out.push(
        `  ${paint('dim', r.where.padEnd(whereWidth))}  ${paint(COLOR[r.severity], label)}${' '.repeat(severityWidth - label.length)}  ${r.message}  ${paint('dim', r.code)}`,
      );
    }
    out.push('');
  }
  out.push(summaryLine(files, paint));
  return `${out.join('\n')}\n`;
}

function summaryLine(files: readonly ReportedFile[], paint: Paint): string {
  const s = summarize(files);
  const problems = s.errors + s.warnings + s.infos;
  if (files.length === 0) return l10n.t('No record files found.');
  if (problems === 0) {
    return paint('green', `✔ ${files.length === 1 ? l10n.t('1 file checked, no problems') : l10n.t('{0} files checked, no problems', files.length)}`);
  }
  const parts = [
    s.errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', s.errors),
    s.warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', s.warnings),
  ];
  if (s.infos) parts.push(l10n.t('{0} info', s.infos));
  const total = problems === 1 ? l10n.t('1 problem ({0})', parts.join(', ')) : l10n.t('{0} problems ({1})', problems, parts.join(', '));
  const line = paint('bold', paint(s.errors ? 'red' : s.warnings ? 'yellow' : 'blue', `✖ ${total}`));
  const fixable = s.fixable
    ? `\n  ${s.fixable === 1 ? l10n.t('1 problem potentially fixable with the `--fix` option.') : l10n.t('{0} problems potentially fixable with the `--fix` option.', s.fixable)}`
    : '';
  return line + fixable;
}
