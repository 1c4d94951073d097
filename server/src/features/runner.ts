import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/**
 * The one safe wrapper every handler runs through: a failure is logged and
 * answered with the handler's empty result, and a request cancelled before
 * (or while) it runs is answered with `RequestCancelled`. The work starts on
 * the next turn of the event loop, so a `$/cancelRequest` that arrived right
 * behind the request is seen before any work is done.
 */

export interface Logger {
  error(message: string): void;
  info?(message: string): void;
}

export function formatError(what: string, error: unknown): string {
  if (error instanceof Error) return `${what}: ${error.message}\n${error.stack ?? ''}`;
  return `${what}: ${String(error)}`;
}

function cancelled<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Runs a request handler safely; `empty` is the answer when it fails. */
export function runSafe<T, E = void>(
  log: Logger,
  what: string,
  empty: T,
  token: CancellationToken | undefined,
  work: () => T | Promise<T>,
): Promise<T | ResponseError<E>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token?.isCancellationRequested) {
        resolve(cancelled<E>());
        return;
      }
      let result: T | Promise<T>;
      try {
        result = work();
      } catch (error) {
        log.error(formatError(what, error));
        resolve(empty);
        return;
      }
      Promise.resolve(result).then(
        (value) => resolve(token?.isCancellationRequested ? cancelled<E>() : value),
        (error: unknown) => {
          log.error(formatError(what, error));
          resolve(empty);
        },
      );
    });
  });
}

/** Runs a notification handler safely: failures are logged, never thrown into the connection. */
export function runSafeNotification(log: Logger, what: string, work: () => void | Promise<void>): void {
  try {
    const result = work();
    if (result instanceof Promise) result.catch((error: unknown) => log.error(formatError(what, error)));
  } catch (error) {
    log.error(formatError(what, error));
  }
}

/** A well-formed LSP position (clients can send anything; a negative line is not a place in a file). */
export function isPosition(value: unknown): value is { line: number; character: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}
