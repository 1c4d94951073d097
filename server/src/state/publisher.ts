import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';

/** What publishing needs of the connection. */
export interface PublishHost {
  publishDiagnostics(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void;
  /** Asks a pull-diagnostics client to pull again (cross-file changes). */
  refreshPullDiagnostics?(): void;
  log: { error(message: string): void };
  formatError(what: string, error: unknown): string;
}

/**
 * Pushed diagnostics and the queue of files to publish again. A cross-file
 * change (an id now shared, a catalog edited) queues the files it touches;
 * they are published together on the next turn of the event loop, so a
 * burst of changes publishes each file once.
 */
export class Publisher {
  private readonly pushed = new Set<string>();
  private readonly queue = new Set<string>();
  private scheduled = false;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: PublishHost,
    /** Publishes one file again (open: from its analysis; closed: from the index). */
    private readonly publishFile: (key: string) => Promise<void>,
    /** Whether a key is open in a pull-diagnostics client, which must be asked to pull. */
    private readonly pulledOpen: (key: string) => boolean,
  ) {}

  push(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void {
    this.host.publishDiagnostics(uri, version, diagnostics);
    this.pushed.add(uri);
  }

  /** Clears what was pushed for a file, if anything was. */
  clear(uri: string): void {
    if (this.pushed.delete(uri)) this.host.publishDiagnostics(uri, undefined, []);
  }

  republish(keys: Iterable<string>): void {
    let any = false;
    for (const key of keys) {
      this.queue.add(key);
      any = true;
    }
    if (!any || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const keys = [...this.queue];
      this.queue.clear();
      for (const key of keys) void this.publishFile(key).catch((e: unknown) => this.host.log.error(this.host.formatError('Publishing', e)));
      if (keys.some((k) => this.pulledOpen(k))) this.refreshSoon();
    });
  }

  private refreshSoon(): void {
    if (this.refreshTimer || !this.host.refreshPullDiagnostics) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.host.refreshPullDiagnostics?.();
    }, 20);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}
