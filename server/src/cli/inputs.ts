import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { CATALOG_FILE, FileMatcher, FoundFiles, realOrSelf, statOrUndefined, toPosix, walkFolderSync } from '../corpus/walk';
import { emptyPathProblem, UsageError } from './errors';

/** The files a command line names. */
export interface CollectedFiles {
  /** Record files: absolute paths, each real file once. */
  records: string[];
  /** Workspace catalog files, absolute, sorted. */
  catalogs: string[];
  /** Folders (and broken links named like records) that could not be read: reported as `io` errors. */
  unreadable: Array<{ path: string; message: string }>;
}

/**
 * The command line's paths and globs as files, through the walk the editor
 * uses (corpus/walk.ts):
 * - a folder means every `*.meeting.yaml`/`*.meeting.yml` under it;
 * - a glob is matched (picomatch) over a walk of its static base only;
 * - a file is taken as given, even when `.gitignore` lists it;
 * - `!glob` leaves out what it matches (relative to the working folder).
 * `*.catalog.yaml`/`.yml` files met on the way are workspace catalogs.
 */
export function collectFiles(inputs: readonly string[], cwd: string, useIgnoreFiles = true): CollectedFiles {
  const found = new FoundFiles();
  const excludes = inputs.filter((i) => i.startsWith('!')).map((i) => picomatch(toPosix(i.slice(1)), { dot: true }));
  for (const input of inputs.filter((i) => !i.startsWith('!'))) {
    const empty = emptyPathProblem(input);
    if (empty) throw new UsageError(empty);
    const absolute = path.resolve(cwd, input);
    const stat = statOrUndefined(absolute);
    if (stat?.isDirectory()) {
      walkFolderSync(absolute, new FileMatcher(absolute).rules(useIgnoreFiles), found);
    } else if (stat) {
      found.add(CATALOG_FILE.test(absolute) ? 'catalog' : 'record', absolute, realOrSelf(absolute));
    } else if (picomatch.scan(input).isGlob) {
      if (expandGlob(input, cwd, useIgnoreFiles, found) === 0) throw new UsageError(l10n.t("no files match '{0}'", input));
    } else {
      throw new UsageError(l10n.t("no such file or folder: '{0}'", input));
    }
  }
  const kept = (file: string): boolean => !excludes.some((m) => m(toPosix(path.relative(cwd, file))));
  return { records: found.records.filter(kept), catalogs: found.catalogs.filter(kept), unreadable: found.unreadable };
}

/** Walks the glob's static base, matching paths relative to it. Returns how many record files matched. */
function expandGlob(input: string, cwd: string, useIgnoreFiles: boolean, found: FoundFiles): number {
  const scan = picomatch.scan(toPosix(input));
  const base = path.resolve(cwd, scan.base || '.');
  if (!statOrUndefined(base)?.isDirectory()) return 0;
  const rules = new FileMatcher(base, [scan.glob], [], { dot: false }).rules(useIgnoreFiles);
  let matched = 0;
  const counting = {
    ...rules,
    classify: (relative: string, name: string) => {
      const kind = rules.classify(relative, name);
      if (kind === 'record') matched++;
      return kind;
    },
  };
  walkFolderSync(base, counting, found);
  return matched;
}

/** How a file is shown: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..`)) return toPosix(file.slice(prefix.length));
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? toPosix(rel) : toPosix(file);
}
