/**
 * The catalog of a command line run, for every command that judges records
 * (`validate`, `export`): the bundled catalog, then the workspace catalogs
 * found under the given folders, then `--catalog` files.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { SeverityOverrides } from '../core/validate';
import type { AnalyseSettings } from '../corpus/analyse';
import { readCatalogFile } from '../corpus/catalogs';
import { applySeverity, toFileDiagnostic } from '../corpus/result';
import { UsageError } from './errors';
import { displayPath } from './inputs';
import type { ReportedFile } from './result';

export interface CatalogOptions {
  /** `--catalog` files, in the order given. */
  catalogs: readonly string[];
  severity: SeverityOverrides;
}

/**
 * Workspace catalogs (found under the given folders, in path order) then
 * --catalog files (in the order given), each merged over what came before.
 * A --catalog that cannot be read is a usage error; a workspace catalog that
 * cannot be read or has problems gets its own entry in the report.
 */
export function loadCatalogs(
  found: readonly string[],
  options: CatalogOptions,
  cwd: string,
): { catalogs: AnalyseSettings['catalogs']; entries: ReportedFile[] } {
  const catalogs: Array<{ file: string; text: string; path: string }> = [];
  const entries: ReportedFile[] = [];
  const seen = new Set<string>();
  const explicit = options.catalogs.map((c) => ({ path: resolveExisting(c, cwd), given: c }));
  for (const { path, given } of [...found.map((p) => ({ path: p, given: undefined })), ...explicit]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const file = displayPath(path, cwd);
    const read = readCatalogFile(path);
    if (read.kind === 'problem') {
      if (given !== undefined && read.diagnostic.code === 'io') {
        const prefix = l10n.t('Cannot read the file: {0}', '');
        const reason = read.diagnostic.message.startsWith(prefix) ? read.diagnostic.message.slice(prefix.length) : read.diagnostic.message;
        throw new UsageError(`--catalog ${given}: ${reason}`);
      }
      entries.push({ path, file, records: [], diagnostics: applySeverity([read.diagnostic], options.severity) });
      continue;
    }
    catalogs.push({ file, text: read.text, path });
  }
  // The catalog parser loads on first use only: a run answered from the cache never pays for it.
  const { parseCatalogFile, buildCatalog } = require('../core/catalogFile') as typeof import('../core/catalogFile');
  const parsed = catalogs.map((c) => parseCatalogFile(c.text, c.file));
  // Names refused when the files are merged (an alias another entry has) are problems of the file that wrote them.
  const conflicts = parsed.length > 0 ? buildCatalog(parsed).conflicts : [];
  catalogs.forEach((c, i) => {
    const found = [...parsed[i].diagnostics, ...conflicts.filter((x) => x.file === c.file).map((x) => x.diagnostic)];
    const diagnostics = applySeverity(found.map(toFileDiagnostic), options.severity);
    if (diagnostics.length > 0) entries.push({ path: c.path, file: c.file, records: [], diagnostics });
  });
  return { catalogs: catalogs.map(({ file, text }) => ({ file, text })), entries };
}

function resolveExisting(given: string, cwd: string): string {
  const resolved = nodePath.resolve(cwd, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(l10n.t("--catalog: no such file '{0}'", given));
  }
  if (!stat.isFile()) throw new UsageError(l10n.t("--catalog: '{0}' is not a file", given));
  return resolved;
}
