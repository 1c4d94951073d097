/** The problems banner at the top of a preview. */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, Severity } from '../types';
import { html, type Html } from './html';

/** Enough to act on; the Problems panel has the full list. */
const MAX_LISTED_PROBLEMS = 100;

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Errors give a prominent alert ("the record does not validate") listing every
 * problem; warnings and notes alone give a collapsed, quieter box. No
 * diagnostics, no banner.
 */
export function renderProblems(diagnostics: readonly Diagnostic[]): Html | undefined {
  if (!diagnostics.length) return undefined;
  const sorted = [...diagnostics].sort(bySeverityThenPosition);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const list = problemList(sorted);
  if (errors > 0) {
    return html`<section class="problems problems-error" role="alert" aria-labelledby="problems-heading">
<h2 id="problems-heading">${l10n.t('{0}: this file does not validate', countText(diagnostics))}</h2>
<p>${l10n.t('The preview below shows the fields that could be read.')}</p>
${list}
</section>`;
  }
  return html`<details class="problems problems-warning"><summary>${countText(diagnostics)}</summary>${list}</details>`;
}

function problemList(sorted: readonly Diagnostic[]): Html {
  const shown = sorted.slice(0, MAX_LISTED_PROBLEMS);
  const hidden = sorted.length - shown.length;
  return html`<ul>${shown.map(problemItem)}${hidden > 0 && html`<li class="more">${l10n.t('… and {0} more in the Problems panel', hidden)}</li>`}</ul>`;
}

function problemItem(diagnostic: Diagnostic): Html {
  const severity = severityOf(diagnostic);
  return html`<li><span class="loc">${location(diagnostic)}</span><span class="sev sev-${severity}">${severityWord(severity)}</span><span class="message">${String(diagnostic.message)}</span><span class="code">${String(diagnostic.code)}</span></li>`;
}

/** 1-based "line:column", as editors and the CLI print them. */
function location(diagnostic: Diagnostic): string {
  const start = diagnostic.range?.start;
  if (!start || !Number.isFinite(start.line) || !Number.isFinite(start.character)) return '';
  return `${start.line + 1}:${start.character + 1}`;
}

/** The severity as a known word: it becomes a CSS class, so nothing else may pass. */
function severityOf(diagnostic: Diagnostic): Severity {
  return Object.prototype.hasOwnProperty.call(SEVERITY_ORDER, diagnostic.severity) ? diagnostic.severity : 'error';
}

function bySeverityThenPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_ORDER[severityOf(a)] - SEVERITY_ORDER[severityOf(b)] ||
    (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
    (a.range?.start.character ?? 0) - (b.range?.start.character ?? 0)
  );
}

/** "2 errors, 1 warning". */
function countText(diagnostics: readonly Diagnostic[]): string {
  const severities: Severity[] = ['error', 'warning', 'information', 'hint'];
  return severities
    .map((severity) => [severity, diagnostics.filter((d) => severityOf(d) === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => countOf(severity, n))
    .join(', ');
}

function countOf(severity: Severity, n: number): string {
  switch (severity) {
    case 'error':
      return n === 1 ? l10n.t('1 error') : l10n.t('{0} errors', n);
    case 'warning':
      return n === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', n);
    case 'information':
      return n === 1 ? l10n.t('1 note') : l10n.t('{0} notes', n);
    default:
      return n === 1 ? l10n.t('1 hint') : l10n.t('{0} hints', n);
  }
}

/** The severity as the banner shows it; its CSS class keeps the fixed word. */
function severityWord(severity: Severity): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'information':
      return l10n.t('information');
    default:
      return l10n.t('hint');
  }
}
