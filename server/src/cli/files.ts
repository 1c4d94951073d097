import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { UsageError } from './errors';
import { ioMessage } from './readText';

/**
 * Turns the command line's paths and globs into files:
 * - a folder means every `*.meeting.yaml`/`*.meeting.yml` under it;
 * - a glob is matched (picomatch) over a walk of its static base only;
 * - a file is taken as given;
 * - `!glob` leaves out what it matches (relative to the working folder).
 * Walks honour `.gitignore` files (those of the enclosing repository above
 * the folder too, and nested ones), skip `node_modules` and `.git`, never
 * leave the folder through a symlink, and visit each real folder once, so a
 * symlink loop ends. `*.catalog.yaml`/`.yml` files met on the way are
 * workspace catalogs.
 */
export interface CollectedFiles {
  /** Record files: absolute paths, each real file once. */
  records: string[];
  /** Workspace catalog files, absolute, sorted. */
  catalogs: string[];
  /** Folders that could not be read: reported as `io` errors. */
  unreadable: Array<{ path: string; message: string }>;
}

export const RECORD_FILE = /\.meeting\.ya?ml$/;
export const CATALOG_FILE = /\.catalog\.ya?ml$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

type Kind = 'record' | 'catalog' | undefined;

export function collectFiles(inputs: readonly string[], cwd: string): CollectedFiles {
  const records = new Map<string, string>();
  const catalogs = new Map<string, string>();
  const unreadable: CollectedFiles['unreadable'] = [];
  const excludes = inputs.filter((i) => i.startsWith('!')).map((i) => picomatch(toPosix(i.slice(1)), { dot: true }));
  const add = (kind: Kind, file: string, real: string): void => {
    if (kind === 'record' && !records.has(real)) records.set(real, file);
    if (kind === 'catalog' && !catalogs.has(real)) catalogs.set(real, file);
  };

  for (const input of inputs.filter((i) => !i.startsWith('!'))) {
    const absolute = path.resolve(cwd, input);
    const stat = statOrUndefined(absolute);
    if (stat?.isDirectory()) {
      walk(absolute, (name) => (RECORD_FILE.test(name) ? 'record' : CATALOG_FILE.test(name) ? 'catalog' : undefined), add, unreadable);
    } else if (stat) {
      add(CATALOG_FILE.test(absolute) ? 'catalog' : 'record', absolute, realOrSelf(absolute));
    } else if (picomatch.scan(input).isGlob) {
      const found = expandGlob(input, cwd, add, unreadable);
      if (found === 0) throw new UsageError(`no files match '${input}'`);
    } else {
      throw new UsageError(`no such file or folder: '${input}'`);
    }
  }

  const excluded = (file: string): boolean => excludes.some((m) => m(toPosix(path.relative(cwd, file))));
  return {
    records: [...records.values()].filter((f) => !excluded(f)),
    catalogs: [...catalogs.values()].filter((f) => !excluded(f)).sort(),
    unreadable,
  };
}

/** Walks the glob's static base, matching paths relative to it. Returns how many record files matched. */
function expandGlob(
  input: string,
  cwd: string,
  add: (kind: Kind, file: string, real: string) => void,
  unreadable: CollectedFiles['unreadable'],
): number {
  const scan = picomatch.scan(toPosix(input));
  const base = path.resolve(cwd, scan.base || '.');
  if (!statOrUndefined(base)?.isDirectory()) return 0;
  const matches = picomatch(scan.glob, { dot: false });
  let found = 0;
  walk(
    base,
    (name, rel) => {
      if (CATALOG_FILE.test(name)) return 'catalog';
      if (!matches(rel)) return undefined;
      found++;
      return 'record';
    },
    add,
    unreadable,
  );
  return found;
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

function walk(
  root: string,
  classify: (name: string, rel: string) => Kind,
  add: (kind: Kind, file: string, real: string) => void,
  unreadable: CollectedFiles['unreadable'],
): void {
  const rootReal = realOrSelf(root);
  const seen = new Set<string>([rootReal]);
  const stack: Pending[] = [{ dir: root, real: rootReal, rel: '', levels: withOwnIgnore(enclosingIgnores(root), root) }];
  while (stack.length > 0) {
    const { dir, real, rel, levels } = stack.pop() as Pending;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: dir, message: ioMessage(error).replace('the file', 'the folder') });
      continue;
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
          if (classify(name, childRel) === 'record' && !isIgnored(full, false, levels)) {
            unreadable.push({ path: full, message: 'Cannot read the file: it is a broken symbolic link' });
          }
          continue;
        }
        // Never leave the folder that was asked for, whatever a link points at.
        if (!isInside(rootReal, childReal)) continue;
      }
      if (isDir) {
        if (seen.has(childReal) || isIgnored(full, true, levels)) continue;
        seen.add(childReal);
        stack.push({ dir: full, real: childReal, rel: childRel, levels: withOwnIgnore(levels, full) });
      } else if (isFile) {
        const kind = classify(name, childRel);
        if (kind && !isIgnored(full, false, levels)) add(kind, full, childReal);
      }
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

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** How a file is shown: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..`)) return toPosix(file.slice(prefix.length));
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? toPosix(rel) : toPosix(file);
}
