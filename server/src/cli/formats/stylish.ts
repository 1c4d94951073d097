import type { Severity } from '../../core/types';
import { summarize, type ReportedFile } from '../result';
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

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const COLOR: Record<Severity, keyof typeof STYLES> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

/**
 * The human format: files with problems, each problem as
 * `line:col  severity  message  code`, then one summary line.
 */
export function formatStylish(files: readonly ReportedFile[], options: StylishOptions): string {
  const paint: Paint = options.color ? (style, text) => `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : (_, text) => text;
  const out: string[] = [];
  for (const f of files) {
    if (f.fixed) out.push(`${paint('green', '✔')} fixed ${plural(f.fixed, 'problem')} in ${visible(f.file)}`);
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
    const severityWidth = rows.reduce((width, r) => Math.max(width, LABEL[r.severity].length), 0);
    for (const r of rows) {
      const label = LABEL[r.severity];
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
  if (files.length === 0) return 'No record files found.';
  if (problems === 0) return paint('green', `✔ ${plural(files.length, 'file')} checked, no problems`);
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos) parts.push(`${s.infos} info`);
  const line = paint('bold', paint(s.errors ? 'red' : s.warnings ? 'yellow' : 'blue', `✖ ${plural(problems, 'problem')} (${parts.join(', ')})`));
  const fixable = s.fixable ? `\n  ${plural(s.fixable, 'problem')} potentially fixable with the \`--fix\` option.` : '';
  return line + fixable;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
