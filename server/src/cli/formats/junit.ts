import * as l10n from '@vscode/l10n';
import type { FileDiagnostic, RecordFacts } from '../../corpus/result';
import { severityLabel, type ReportedFile } from '../result';
import { visibleLines } from '../visible';

/**
 * JUnit XML for CI test reports: one <testsuite> per file, one <testcase>
 * per record (named by its id), plus a file-level case for problems outside
 * any record (encoding, io, a file without records). Errors are failures;
 * warnings and notes go to the case's <system-out>; a file too large to
 * validate is a skipped case.
 */
export function formatJunit(files: readonly ReportedFile[]): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const f of files) {
    const cases = testCases(f);
    const failures = cases.filter((c) => c.errors.length > 0).length;
    const skipped = cases.filter((c) => c.skipped).length;
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    const body = cases.map((c) => testCaseXml(f.file, c)).join('');
    suites.push(
      `  <testsuite name="${attr(f.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" file="${attr(f.file)}">\n${body}  </testsuite>\n`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="meeting-records" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

interface Case {
  name: string;
  errors: FileDiagnostic[];
  others: FileDiagnostic[];
  skipped?: string;
}

function testCases(f: ReportedFile): Case[] {
  const records = f.records;
  const perRecord: Case[] = records.map((r, i) => ({ name: caseName(r, i), errors: [], others: [] }));
  const fileCase: Case = { name: l10n.t('file'), errors: [], others: [] };
  for (const d of f.diagnostics) {
    const target = d.code === 'file-too-large' || d.code === 'too-many-problems' || d.code === 'io' || d.code === 'encoding' ? fileCase : (perRecord[recordOf(records, d)] ?? fileCase);
    if (d.code === 'file-too-large') target.skipped = d.message;
    else if (d.severity === 'error') target.errors.push(d);
    else target.others.push(d);
  }
  const used = fileCase.errors.length + fileCase.others.length > 0 || fileCase.skipped !== undefined || perRecord.length === 0;
  return used ? [fileCase, ...perRecord] : perRecord;
}

/** The record a diagnostic belongs to: the last one whose document starts at or before its line. */
function recordOf(records: readonly RecordFacts[], d: FileDiagnostic): number {
  let found = -1;
  records.forEach((r, i) => {
    if (r.line <= d.range.start.line) found = i;
  });
  return found < 0 && records.length > 0 ? 0 : found;
}

function caseName(record: RecordFacts, index: number): string {
  return record.id ?? l10n.t('document {0} (line {1})', index + 1, record.line + 1);
}

function line(d: FileDiagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${severityLabel(d.severity)} ${d.message} (${d.code})`;
}

function testCaseXml(file: string, c: Case): string {
  const open = `    <testcase classname="${attr(file)}" name="${attr(c.name)}" file="${attr(file)}" time="0"`;
  const parts: string[] = [];
  if (c.skipped !== undefined) parts.push(`      <skipped message="${attr(c.skipped)}"/>\n`);
  if (c.errors.length > 0) {
    const first = c.errors[0];
    parts.push(
      `      <failure message="${attr(first.message)}" type="${attr(first.code)}">${text(c.errors.map((d) => `${file}:${line(d)}`).join('\n'))}</failure>\n`,
    );
  }
  if (c.others.length > 0) parts.push(`      <system-out>${text(c.others.map((d) => `${file}:${line(d)}`).join('\n'))}</system-out>\n`);
  return parts.length ? `${open}>\n${parts.join('')}    </testcase>\n` : `${open}/>\n`;
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Control characters from records and file names shown as `\u001b` (XML cannot carry most, a terminal would obey the rest); what XML still cannot carry becomes U+FFFD. */
function text(value: string): string {
  return visibleLines(value).replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
