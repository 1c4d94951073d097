import * as path from 'node:path';
import { CATALOG_FILE, FileMatcher, RECORD_FILE, walkTakes, type FileKind } from '../corpus/walk';
import { displayName, pathToUri, uriToPath } from './uris';

/**
 * Where the workspace is and what its files are: the folders, each folder's
 * file rules (from its settings), and how a key (a file's path) is spelled as
 * a URI and named in messages.
 */
export class WorkspacePaths {
  private folderList: string[] = [];
  private matchers: Array<{ matcher: FileMatcher; useIgnoreFiles: boolean }> = [];
  private readonly uriByKey = new Map<string, string>();
  /**
   * The readable name of a key, relative to its folder. One function per
   * set of folders: the index keeps duplicate-id messages made under it.
   */
  nameOf: (key: string) => string = (key) => displayName(key, this.folderList);

  get folders(): readonly string[] {
    return this.folderList;
  }

  setFolders(folders: readonly string[]): void {
    this.folderList = [...new Set(folders.map((f) => path.normalize(f)))];
    this.nameOf = (key) => displayName(key, this.folderList);
  }

  /** The file rules each folder's settings give, as the last index pass read them. */
  setMatchers(matchers: Array<{ matcher: FileMatcher; useIgnoreFiles: boolean }>): void {
    this.matchers = matchers;
  }

  /** The client's spelling of a key's URI, used from then on for that file. */
  remember(key: string, uri: string): void {
    if (!this.uriByKey.has(key)) this.uriByKey.set(key, uri);
  }

  rememberLatest(key: string, uri: string): void {
    this.uriByKey.set(key, uri);
  }

  uriOf(key: string): string {
    return this.uriByKey.get(key) ?? (path.isAbsolute(key) ? pathToUri(key) : key);
  }

  /** The workspace folder a key is in, as the scope URI of its settings. */
  scopeOf(key: string): string | undefined {
    const folder = this.folderOf(key);
    return folder ? pathToUri(folder) : undefined;
  }

  /** The workspace folder a key is in. */
  folderOf(key: string): string | undefined {
    return this.folderList.find((f) => key === f || key.startsWith(f + path.sep));
  }

  /** What a file is by its name and place (an editor's document may be anything the user opened). */
  kindOf(file: string): FileKind | undefined {
    for (const { matcher } of this.matchers) {
      const kind = matcher.kindOf(file);
      if (kind) return kind;
    }
    // Outside every folder (or before indexing): go by the file name.
    if (CATALOG_FILE.test(file)) return 'catalog';
    if (RECORD_FILE.test(file)) return 'record';
    return undefined;
  }

  /** What a walk of the workspace takes this file as, if anything: ignored files and files outside every folder are not taken. */
  takes(file: string): FileKind | undefined {
    for (const { matcher, useIgnoreFiles } of this.matchers) {
      if (matcher.namedCatalogs.includes(file)) return 'catalog';
      const kind = walkTakes(matcher.folder, file, matcher.rules(useIgnoreFiles));
      if (kind) return kind;
    }
    return undefined;
  }

  isCatalogUri(uri: string): boolean {
    const file = uriToPath(uri);
    return file !== undefined && this.kindOf(file) === 'catalog';
  }
}
