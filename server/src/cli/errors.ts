import * as l10n from '@vscode/l10n';

/** A problem with how the CLI was called: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Why `value` names no file, when it is empty: `path.resolve('')` is the
 * working folder, so an empty argument (an unset shell variable in `"$DIR"`)
 * would silently mean "here". As `ls ''` and `git add ''` do, it is refused.
 * (A blank name such as ' ' is a file name like any other.)
 */
export function emptyPathProblem(value: string, flag?: string): string | undefined {
  if (value !== '') return undefined;
  return flag ? l10n.t("{0}: an empty path ('') names no file or folder", flag) : l10n.t("an empty path ('') names no file or folder");
}
