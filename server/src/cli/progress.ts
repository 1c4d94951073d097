import * as l10n from '@vscode/l10n';
/**
 * `[1200/5000] validating…` (or another verb) on stderr, rewritten in place, for long runs on
 * a terminal only (never in CI logs or pipes), and cleared when done.
 */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly verb = l10n.t('validating'),
  ) {}

  static for(stream: NodeJS.WritableStream & { isTTY?: boolean }, total: number, verb?: string): Progress {
    return new Progress(stream, total, stream.isTTY === true && total >= 100, verb);
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r[${done}/${this.total}] ${this.verb}…\x1b[K`);
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
