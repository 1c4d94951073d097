import * as l10n from '@vscode/l10n';
import { UsageError } from './errors';

/** `--shard i/n`: this run takes shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || count > 10_000) {
    throw new UsageError(l10n.t("--shard expects i/n with 1 ≤ i ≤ n (for example 2/4), not '{0}'", value));
  }
  return { index, count };
}

/** 32-bit FNV-1a over UTF-16 code units: stable across machines, Node versions and runs. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The files of one shard. Assignment depends only on each file's relative
 * path (not on which other files exist), so every file lands in exactly one
 * shard and adding a file never moves the others.
 */
export function selectShard<T>(items: readonly T[], keyOf: (item: T) => string, shard: Shard): T[] {
  return items.filter((item) => stableHash(keyOf(item)) % shard.count === shard.index - 1);
}
