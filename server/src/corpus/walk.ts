import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ioMessage } from './read';

/**
 * The one walk from folders to record and catalog files, for the CLI and the
 * server's index alike. Walks honour `.gitignore` files (those of the
 * enclosing repository above the folder too, and nested ones, as git applies
 * them) unless told not to, skip `node_modules` and VCS folders, never leave
 * the folder through a symlink, and visit each real folder once, so a
 * symlink loop ends. A folder that cannot be read, and a broken link named
 * like a record, are reported as unreadable.
 */

export type FileKind = 'record' | 'catalog';

export interface WalkRules {
  /** Honour `.gitignore` files (the CLI's `--no-ignore`, the setting `meetingRecords.useIgnoreFiles`). */
  useIgnoreFiles: boolean;
  /** What a file is, from its path relative to the walk's root (forward slashes) and its name. */
  classify(relative: string, name: string): FileKind | undefined;
}

/** What walks found. Each real file once, under the first path it was found by. */
export class FoundFiles {
  private readonly recordsByReal = new Map<string, string>();
  private readonly catalogsByReal = new Map<string, string>();
  readonly unreadable: Array<{ path: string; message: string }> = [];

  add(kind: FileKind, file: string, real: string): void {
    const map = kind === 'record' ? this.recordsByReal : this.catalogsByReal;
    if (!map.has(real)) map.set(real, file);
  }

  /** Record files: absolute paths, in the order found. */
  get records(): string[] {
    return [...this.recordsByReal.values()];
  }

  /** Catalog files: absolute paths, sorted (the order they are merged in). */
  get catalogs(): string[] {
    return [...this.catalogsByReal.values()].sort();
  }
}

export const RECORD_FILE = /\.meeting\.ya?ml$/;
export const CATALOG_FILE = /\.catalog\.ya?ml$/;
export const DEFAULT_RECORD_GLOBS: readonly string[] = ['**/*.meeting.yaml', '**/*.meeting.yml'];
const CATALOG_GLOBS: readonly string[] = ['**/*.catalog.yaml', '**/*.catalog.yml'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Which files of a folder are records and which are catalogs: record globs
 * (`meetingRecords.recordGlobs`, or a glob given to the CLI) and catalog
 * paths or globs (`meetingRecords.catalogPaths`), relative to the folder;
 * every `*.catalog.yaml`/`.yml` is a catalog.
 */
export class FileMatcher {
  private readonly isRecord: (relative: string) => boolean;
  private readonly isCatalog: (relative: string) => boolean;
  /** Catalog files named one by one: read even where `.gitignore` would leave them out, as a file given to the CLI is. */
  readonly namedCatalogs: readonly string[];

  constructor(
    readonly folder: string,
    recordGlobs: readonly string[] = DEFAULT_RECORD_GLOBS,
    catalogPaths: readonly string[] = [],
    { dot = true }: { dot?: boolean } = {},
  ) {
    // The default globs match by name alone: a suffix test instead of a glob match per file.
    const byName = dot && recordGlobs.length === DEFAULT_RECORD_GLOBS.length && recordGlobs.every((g, i) => g === DEFAULT_RECORD_GLOBS[i]);
    this.isRecord = byName ? (relative) => RECORD_FILE.test(relative) : picomatch([...recordGlobs], { dot });
    const catalogGlobs = catalogPaths.filter((p) => picomatch.scan(p).isGlob);
    this.isCatalog = catalogGlobs.length === 0 ? (relative) => CATALOG_FILE.test(relative) : picomatch([...CATALOG_GLOBS, ...catalogGlobs], { dot: true });
    this.namedCatalogs = catalogPaths.filter((p) => !picomatch.scan(p).isGlob).map((p) => path.resolve(folder, p));
  }

  relative(file: string): string | undefined {
    const relative = path.relative(this.folder, file);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return toPosix(relative);
  }

  /** What a file under the folder is, by its relative path. */
  classify(relative: string): FileKind | undefined {
    if (this.isCatalog(relative)) return 'catalog';
    if (this.isRecord(relative)) return 'record';
    return undefined;
  }

  kindOf(file: string): FileKind | undefined {
    if (this.namedCatalogs.includes(file)) return 'catalog';
    const relative = this.relative(file);
    return relative === undefined ? undefined : this.classify(relative);
  }

  rules(useIgnoreFiles: boolean): WalkRules {
    return { useIgnoreFiles, classify: (relative) => this.classify(relative) };
  }
}

/** Walks a folder to the end. */
export function walkFolderSync(root: string, rules: WalkRules, found: FoundFiles): void {
  for (const _step of walkFolder(root, rules, found)) {
    // Each step is one folder read; nothing to do between them here.
  }
}

/** Walks a folder, yielding after each folder read so a caller can slice the work (the server) or stop. */
export function* walkFolder(root: string, rules: WalkRules, found: FoundFiles): Generator<void, void, void> {
  const rootReal = realOrSelf(root);
  const seen = new Set<string>([rootReal]);
  const levels = rules.useIgnoreFiles ? withOwnIgnore(enclosingIgnores(root), root) : [];
  const stack: Pending[] = [{ dir: root, real: rootReal, rel: '', levels }];
  while (stack.length > 0) {
    const next = stack.pop() as Pending;
    readFolder(next, { rootReal, seen, rules, found }, stack);
    yield;
  }
}

/**
 * Whether a walk of `root` under `rules` would take `file`, without walking:
 * for one file that changed on disk. The same skipped folders and ignore
 * files apply; a file under an ignored folder is ignored, as git never looks
 * inside one.
 */
export function walkTakes(root: string, file: string, rules: WalkRules): FileKind | undefined {
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  const kind = rules.classify(toPosix(relative), parts[parts.length - 1]);
  if (!kind || parts.some((part) => SKIPPED_FOLDERS.has(part))) return undefined;
  let levels = rules.useIgnoreFiles ? withOwnIgnore(enclosingIgnores(root), root) : [];
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    if (isIgnored(dir, true, levels)) return undefined;
    if (rules.useIgnoreFiles) levels = withOwnIgnore(levels, dir);
  }
  return isIgnored(file, false, levels) ? undefined : kind;
}

interface IgnoreLevel {
  /** The folder of the .gitignore, with a trailing separator: paths below it start with this. */
  prefix: string;
  rules: Ignore;
}

interface Pending {
  dir: string;
  real: string;
  /** Path relative to the walk's root, with forward slashes ('' for the root). */
  rel: string;
  levels: IgnoreLevel[];
}

interface WalkState {
  rootReal: string;
  /** Real folders visited, so a link loop ends and a folder reached twice is read once. */
  seen: Set<string>;
  rules: WalkRules;
  found: FoundFiles;
}

function readFolder({ dir, real, rel, levels }: Pending, state: WalkState, stack: Pending[]): void {
  const { rootReal, seen, rules, found } = state;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    found.unreadable.push({ path: dir, message: ioMessage(error, 'read-folder') });
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (SKIPPED_FOLDERS.has(name)) continue;
    const full = path.join(dir, name);
    const childRel = rel ? `${rel}/${name}` : name;
    let childReal = path.join(real, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        childReal = fs.realpathSync(full);
        const target = fs.statSync(childReal);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        // A broken link where a record should be is a record nobody can read: say so, as for any unreadable file.
        if (rules.classify(childRel, name) === 'record' && !isIgnored(full, false, levels)) {
          found.unreadable.push({ path: full, message: l10n.t('Cannot read the file: {0}', l10n.t('it is a broken symbolic link')) });
        }
        continue;
      }
      // Never leave the folder that was asked for, whatever a link points at.
      if (!isInside(rootReal, childReal)) continue;
    }
    if (isDir) {
      if (seen.has(childReal) || isIgnored(full, true, levels)) continue;
      seen.add(childReal);
      stack.push({ dir: full, real: childReal, rel: childRel, levels: rules.useIgnoreFiles ? withOwnIgnore(levels, full) : levels });
    } else if (isFile) {
      const kind = rules.classify(childRel, name);
      if (kind && !isIgnored(full, false, levels)) found.add(kind, full, childReal);
    }
  }
}

function withOwnIgnore(levels: IgnoreLevel[], dir: string): IgnoreLevel[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return levels;
  }
  return [...levels, { prefix: dir.endsWith(path.sep) ? dir : dir + path.sep, rules: ignore().add(text) }];
}

/**
 * The `.gitignore` files of the repository around `root`, from its top down
 * to `root`'s parent, as git applies them. Outside a repository: none.
 */
function enclosingIgnores(root: string): IgnoreLevel[] {
  const parents: string[] = [];
  let dir = path.dirname(root);
  let top: string | undefined = fs.existsSync(path.join(root, '.git')) ? root : undefined;
  while (!top) {
    parents.unshift(dir);
    if (fs.existsSync(path.join(dir, '.git'))) top = dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!top || top === root) return [];
  return parents.reduce<IgnoreLevel[]>((levels, parent) => withOwnIgnore(levels, parent), []);
}

/** Git's rule: the deepest `.gitignore` with a matching pattern decides; a `!pattern` re-includes. */
function isIgnored(full: string, isDir: boolean, levels: readonly IgnoreLevel[]): boolean {
  let ignored = false;
  for (const level of levels) {
    if (!full.startsWith(level.prefix)) continue;
    const rel = toPosix(full.slice(level.prefix.length));
    const verdict = level.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

export function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

