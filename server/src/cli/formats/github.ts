import type { Severity } from '../../core/types';
import type { ReportedFile } from '../result';
import { visible } from '../visible';

/**
 * GitHub Actions workflow commands, one per diagnostic:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=code::message`.
 * Nothing else goes to stdout, so every line is an annotation.
 */
export function formatGithub(files: readonly ReportedFile[]): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      const properties = [
        ['file', f.file],
        ['line', String(d.range.start.line + 1)],
        ['col', String(d.range.start.character + 1)],
        ['endLine', String(d.range.end.line + 1)],
        ['endColumn', String(d.range.end.character + 1)],
        ['title', d.code],
      ]
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
      lines.push(`::${command(d.severity)} ${properties}::${escapeData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function command(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/**
 * GitHub's escaping for a command's message (`%`, CR and LF, which it
 * decodes), and every other control character shown as `\u001b`: the log
 * viewer obeys ESC sequences, and GitHub decodes no other escape.
 */
export function escapeData(value: string): string {
  return visible(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** GitHub's escaping for a property value: the message's, plus the separators ':' and ','. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
