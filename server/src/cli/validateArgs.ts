import * as l10n from '@vscode/l10n';
import { parseArgs } from 'node:util';
import { nearest } from '../core/text';
import { RULE_CODES, type RuleCode, type Severity } from '../core/types';
import type { SeverityOverrides } from '../core/validate';
import { emptyPathProblem, UsageError } from './errors';
import { FORMATS, type FormatName } from './formats';
import { parseShard, type Shard } from './shard';

export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

export interface ValidateOptions {
  paths: string[];
  format: FormatName;
  maxWarnings?: number;
  quiet: boolean;
  catalogs: string[];
  fix: boolean;
  shard?: Shard;
  cache: boolean;
  cacheLocation?: string;
  /** Honour `.gitignore` files while walking folders (off with `--no-ignore`). */
  useIgnoreFiles: boolean;
  maxFileSize: number;
  severity: SeverityOverrides;
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  catalog: { type: 'string', multiple: true },
  fix: { type: 'boolean' },
  shard: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  severity: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const LEVELS: ReadonlyArray<Severity | 'off'> = ['error', 'warning', 'information', 'hint', 'off'];
const LEVEL_ALIASES: Record<string, Severity | 'off'> = { info: 'information', warn: 'warning' };

export function parseValidateArgs(args: readonly string[]): ValidateOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: joinNegativeNumbers(args), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseError(error, OPTIONS);
  }
  const v = parsed.values;
  const format = (v.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(l10n.t("--format must be one of {0}, not '{1}'{2}", FORMATS.join(', '), String(v.format), hint(v.format ?? '', FORMATS)));
  return {
    paths: parsed.positionals,
    format,
    maxWarnings: v['max-warnings'] === undefined ? undefined : parseCount('--max-warnings', v['max-warnings'], -1),
    quiet: v.quiet ?? false,
    catalogs: (v.catalog ?? []).map((file) => nonEmpty('--catalog', file)),
    fix: v.fix ?? false,
    shard: v.shard === undefined ? undefined : parseShard(v.shard),
    cache: (v.cache ?? false) || v['cache-location'] !== undefined,
    cacheLocation: nonEmpty('--cache-location', v['cache-location']),
    useIgnoreFiles: !(v['no-ignore'] ?? false),
    maxFileSize: v['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseCount('--max-file-size', v['max-file-size'], 1),
    severity: parseSeverities(v.severity ?? []),
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

/** Options whose value may start with a minus sign and a digit: `--max-warnings -1`, or a mistaken `--shard -1/2`. */
const NUMERIC_OPTIONS = new Set(['--max-warnings', '--max-file-size', '--shard']);

/**
 * `--max-warnings -1`: parseArgs would take `-1` for an option (and then say
 * the option needs a value); `--max-warnings=-1` it reads as meant, so the
 * option's own check can say what is wrong with the value.
 */
function joinNegativeNumbers(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (NUMERIC_OPTIONS.has(args[i]) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else {
      out.push(args[i]);
    }
  }
  return out;
}

export function parseCount(flag: string, value: string, min: number): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      min > 0
        ? l10n.t("{0} expects a whole number of at least {1}, not '{2}'", flag, min, value)
        : min === 0
          ? l10n.t("{0} expects a whole number ≥ 0, not '{1}'", flag, value)
          : l10n.t("{0} expects a whole number (-1 for no limit), not '{1}'", flag, value),
    );
  }
  return n;
}

/** `--severity code=level`, repeatable, or several at once separated by commas. */
export function parseSeverities(values: readonly string[]): SeverityOverrides {
  const overrides: SeverityOverrides = {};
  for (const item of values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    // Any word before the sign, so that a wrong code (`__proto__`, `Schema`) is named as unknown.
    const match = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(item);
    if (!match) throw new UsageError(l10n.t("--severity expects code=level (for example series-year=error), not '{0}'", item));
    const code = match[1] as RuleCode;
    if (!(RULE_CODES as readonly string[]).includes(code)) throw new UsageError(l10n.t("--severity: unknown code '{0}'{1}", match[1], hint(match[1], RULE_CODES)));
    const level = (LEVEL_ALIASES[match[2]] ?? match[2]) as Severity | 'off';
    if (!LEVELS.includes(level)) throw new UsageError(l10n.t("--severity: level must be one of {0}, not '{1}'", LEVELS.join(', '), match[2]));
    overrides[code] = level;
  }
  return overrides;
}

/** An option's path, refused when empty (see emptyPathProblem). */
export function nonEmpty<T extends string | undefined>(flag: string, value: T): T {
  const empty = value === undefined ? undefined : emptyPathProblem(value, flag);
  if (empty) throw new UsageError(empty);
  return value;
}

/** node:util parseArgs's complaint as a usage error in the CLI's words, with the nearest option named. */
export function usageFromParseError(error: unknown, options: Readonly<Record<string, { type: string }>>): UsageError {
  const e = error as { code?: string; message?: string };
  const message = (e.message ?? String(error)).split('\n')[0];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    const names = Object.keys(options).map((n) => `--${n}`);
    return new UsageError(l10n.t("unknown option '{0}'{1}", flag, hint(flag, names)));
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /--([a-z-]+)/.exec(message)?.[1];
    const option = flag ? options[flag] : undefined;
    if (option?.type === 'boolean') return new UsageError(l10n.t('--{0} takes no value', String(flag)));
    return new UsageError(flag ? l10n.t('--{0} needs a value', flag) : message);
  }
  return new UsageError(message);
}

export function hint(value: string, candidates: readonly string[]): string {
  const best = nearest(value.replace(/^-+/, ''), candidates.map((c) => c.replace(/^-+/, '')), 1)[0];
  if (!best) return '';
  const full = candidates.find((c) => c.replace(/^-+/, '') === best) ?? best;
  return l10n.t(" (did you mean '{0}'?)", full);
}
