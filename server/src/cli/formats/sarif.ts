import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_CODES, type RuleCode, type Severity } from '../../core/types';
import type { FileDiagnostic } from '../../corpus/result';
import type { ReportedFile } from '../result';
import { terminalSafeJson } from '../visible';
import { currentLocale } from '../../core/l10n';
import { ruleDescription, TOOL_NAME, TOOL_VERSION, defaultSeverity, readmeUrl, ruleHelpUri } from './rules';

/**
 * SARIF 2.1.0 for code scanning: one rule per diagnostic code (so results
 * group and link to the README), every result with a 1-based region in
 * UTF-16 code units, paths relative to the working folder (%SRCROOT%).
 */
export function formatSarif(files: readonly ReportedFile[], cwd: string): string {
  const ruleIndex = new Map<RuleCode, number>(RULE_CODES.map((code, i) => [code, i]));
  const artifacts: Array<{ location: ArtifactLocation }> = [];
  const results: unknown[] = [];
  const artifactIndex = new Map<string, number>();
  const locationOf = (file: string): ArtifactLocation => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(file, index);
      artifacts.push({ location: artifactLocation(file) });
    }
    return { ...artifactLocation(file), index };
  };
  for (const f of files) {
    const location = locationOf(f.file);
    for (const d of f.diagnostics) {
      const result: Record<string, unknown> = {
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: level(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(d) } }],
      };
      const related = (d.related ?? []).filter((r) => r.file !== undefined);
      if (related.length) {
        result.relatedLocations = related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: locationOf(r.file as string), region: region(r) },
        }));
      }
      results.push(result);
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: readmeUrl(),
            rules: RULE_CODES.map((code) => ({
              id: code,
              name: ruleName(code),
              shortDescription: { text: ruleDescription(code) },
              fullDescription: { text: ruleDescription(code) },
              helpUri: ruleHelpUri(code),
              help: { text: l10n.t('{0} See {1}', ruleDescription(code), ruleHelpUri(code)) },
              defaultConfiguration: { level: level(defaultSeverity(code)) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
        // The language of the run's messages (SARIF 2.1.0 §3.14.4), stated when it is not the default English.
        ...(currentLocale() === 'en' ? {} : { language: currentLocale() }),
      },
    ],
  };
  return `${terminalSafeJson(JSON.stringify(log, null, 2))}\n`;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

/** Files inside the working folder are relative to %SRCROOT%; others are absolute file URLs. */
function artifactLocation(file: string): ArtifactLocation {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(d: Pick<FileDiagnostic, 'range'>): Record<string, number> {
  return {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `unknown-party` → `UnknownParty`, SARIF's conventional rule name. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
