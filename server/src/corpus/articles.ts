import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogIndex } from '../core/catalog';
import { groundRecord, notInArticle, prepareArticle, type ArticleIndex, type Grounding } from '../core/draft';
import { isDict } from '../core/rules';
import { stripBom } from '../core/text';
import type { Diagnostic } from '../core/types';
import { placeProblems, type FileAnalysis, type SeverityOverrides } from '../core/validate';
import { readText, type FileStamp } from './read';

/**
 * The source articles records name (`source.article`), found on disk and
 * read for grounding: the `not-in-article` rule and the editor's evidence.
 * The one place that turns an article's name into a file and its text, for
 * the CLI, the server's index, its open documents and its hovers alike.
 *
 * Where an article is: the name is a path relative to the record's folder;
 * failing that, relative to an `articles` folder beside the record's folder
 * or beside any folder above it, up to the root (the workspace folder, the
 * CLI's current folder). So `seeds/records/x.meeting.yaml` naming
 * `001.txt` finds `seeds/articles/001.txt`. Nothing outside the root is read
 * (a record outside it looks only in its own folder and its `articles`), and
 * an article that is not found grounds nothing: the rule is silent about it.
 */

/** Folder name where articles are kept beside the records (the seeds' layout). */
export const ARTICLES_FOLDER = 'articles';

/** An article found and read. */
export interface FoundArticle {
  file: string;
  text: string;
  index: ArticleIndex;
}

/** What one record's grounding depended on: where its article was found (if it was) and in which state, for the CLI's cache. */
export interface ArticleDependency {
  /** The record's `source.article`. */
  name: string;
  file?: string;
  stamp?: FileStamp;
}

export interface GroundingOptions {
  /** The folder beyond which no article is looked for. */
  root?: string;
  maxFileSize: number;
  severity?: SeverityOverrides;
}

/** The file a record's `source.article` names, if it exists (see the module comment). */
export function locateArticle(recordFile: string, name: string, root: string | undefined): string | undefined {
  if (name.trim() === '' || name.includes('\0')) return undefined;
  const recordDir = path.dirname(recordFile);
  const top = root && isInside(recordDir, root) ? path.resolve(root) : recordDir;
  for (let dir = recordDir; ; dir = path.dirname(dir)) {
    const candidates = dir === recordDir ? [path.resolve(dir, name), path.resolve(dir, ARTICLES_FOLDER, name)] : [path.resolve(dir, ARTICLES_FOLDER, name)];
    for (const candidate of candidates) if (isInside(candidate, top) && isFile(candidate) && linksInside(candidate, top)) return candidate;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A link inside the folder that leads out of it does not make the file outside "in the workspace". */
function linksInside(file: string, folder: string): boolean {
  try {
    return isInside(fs.realpathSync(file), fs.realpathSync(folder));
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The `source.article` a record names, if it names one. */
export function articleNameOf(record: unknown): string | undefined {
  const source = isDict(record) ? record.source : undefined;
  const name = isDict(source) ? source.article : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** Articles kept read between uses, re-read when their size or time changes. */
const SHELF_SIZE = 32;

/**
 * How long where an article is (or that it is nowhere), and that it is
 * unchanged, is trusted without looking again: a run over thousands of
 * records in one folder looks once, and the editor sees an article that
 * appeared or changed within a second.
 */
const TRUST_MS = 1000;

export class ArticleShelf {
  private readonly read = new Map<string, { stamp: FileStamp; checked: number; catalog: CatalogIndex; article: FoundArticle }>();
  private readonly located = new Map<string, { file: string | undefined; checked: number }>();

  /** The article at `file`, read and prepared for `catalog` (the gazetteer), or undefined when it cannot be read as text. */
  article(file: string, catalog: CatalogIndex, maxFileSize: number): FoundArticle | undefined {
    const kept = this.read.get(file);
    const now = Date.now();
    if (kept && kept.catalog === catalog && now - kept.checked < TRUST_MS) return kept.article;
    const stamp = stampOf(file);
    if (stamp && kept && kept.catalog === catalog && sameStamp(kept.stamp, stamp)) {
      kept.checked = now;
      return kept.article;
    }
    const outcome = readText(file, { maxFileSize, maxFileSizeName: 'the limit for record files', hash: false });
    if (outcome.kind === 'problem') return undefined;
    const text = stripBom(outcome.text);
    // An article longer than a record may be is not read for grounding (readText only refuses what is surely larger).
    if (text.length > maxFileSize) return undefined;
    const article = { file, text, index: prepareArticle(text, catalog) };
    if (this.read.size >= SHELF_SIZE) this.read.delete(this.read.keys().next().value as string);
    this.read.set(file, { stamp: outcome.stat, checked: now, catalog, article });
    return article;
  }

  /** locateArticle, trusted for TRUST_MS per folder and name. */
  private locate(recordFile: string, name: string, root: string | undefined): string | undefined {
    const key = `${path.dirname(recordFile)}\0${name}\0${root ?? ''}`;
    const now = Date.now();
    const known = this.located.get(key);
    if (known && now - known.checked < TRUST_MS) return known.file;
    const file = locateArticle(recordFile, name, root);
    // A bound, not a policy: a walk of more folders than this starts over.
    if (this.located.size >= 4096) this.located.clear();
    this.located.set(key, { file, checked: now });
    return file;
  }

  /** A record's groundings against its article, when the record names one that is found. */
  ground(recordFile: string, record: unknown, catalog: CatalogIndex, options: GroundingOptions): { article: FoundArticle; groundings: Grounding[] } | undefined {
    const name = articleNameOf(record);
    const file = name && this.locate(recordFile, name, options.root);
    const article = file && this.article(file, catalog, options.maxFileSize);
    return article ? { article, groundings: groundRecord(record, article.index, catalog) } : undefined;
  }

  /**
   * `not-in-article` diagnostics for every record of an analysed file, placed
   * like the validator's own, and what they depended on.
   */
  diagnose(recordFile: string, analysis: FileAnalysis, catalog: CatalogIndex, options: GroundingOptions): { diagnostics: Diagnostic[]; dependencies: ArticleDependency[] } {
    const diagnostics: Diagnostic[] = [];
    const dependencies: ArticleDependency[] = [];
    if (options.severity?.['not-in-article'] === 'off') return { diagnostics, dependencies };
    analysis.records.forEach((record, i) => {
      const name = articleNameOf(record.value);
      if (!name) return;
      const file = this.locate(recordFile, name, options.root);
      const article = file && this.article(file, catalog, options.maxFileSize);
      const dependency: ArticleDependency = { name };
      if (file) dependency.file = file;
      const stamp = file && this.read.get(file)?.stamp;
      if (stamp) dependency.stamp = stamp;
      if (!dependencies.some((d) => d.name === name)) dependencies.push(dependency);
      if (!article) return;
      const problems = notInArticle(groundRecord(record.value, article.index, catalog), { file: article.file, name: path.basename(article.file), text: article.text });
      diagnostics.push(...placeProblems(analysis, i, problems, options.severity));
    });
    return { diagnostics, dependencies };
  }
}

function stampOf(file: string): FileStamp | undefined {
  try {
    const stat = fs.statSync(file);
    return { mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    return undefined;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** Whether what a verdict's grounding depended on is as it was: the same file found, unchanged. For the CLI's cache. */
export function dependenciesHold(recordFile: string, dependencies: readonly ArticleDependency[], root: string | undefined): boolean {
  return dependencies.every((d) => {
    const file = locateArticle(recordFile, d.name, root);
    if (file !== d.file) return false;
    if (!file) return true;
    const stamp = stampOf(file);
    return stamp !== undefined && d.stamp !== undefined && sameStamp(stamp, d.stamp);
  });
}
