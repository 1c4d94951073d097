import { DEFAULT_SETTINGS, type MeetingRecordsSettings, type SeverityOverride } from '../protocol';
import { RULE_CODES, type RuleCode } from '../core/types';

/**
 * `meetingRecords.*` settings: whatever the client sends is checked field by
 * field and anything malformed falls back to its default, so a typo in a
 * user's settings.json never breaks validation.
 */

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);
const SEVERITY_SYNONYMS: Record<string, SeverityOverride> = { info: 'information', warn: 'warning', none: 'off', ignore: 'off' };
/** Below this the limit would skip ordinary records; above it a single file could stall the editor. */
const MIN_FILE_SIZE = 1_000;
const MAX_FILE_SIZE = 100_000_000;

export function checkSettings(raw: unknown): MeetingRecordsSettings {
  const input = isObject(raw) ? raw : {};
  const validate = isObject(input.validate) ? input.validate : {};
  return {
    validate: { enable: typeof validate.enable === 'boolean' ? validate.enable : DEFAULT_SETTINGS.validate.enable },
    severity: checkSeverity(input.severity),
    catalogPaths: stringList(input.catalogPaths) ?? [...DEFAULT_SETTINGS.catalogPaths],
    recordGlobs: nonEmpty(stringList(input.recordGlobs)) ?? [...DEFAULT_SETTINGS.recordGlobs],
    useIgnoreFiles: typeof input.useIgnoreFiles === 'boolean' ? input.useIgnoreFiles : DEFAULT_SETTINGS.useIgnoreFiles,
    maxFileSize:
      typeof input.maxFileSize === 'number' && Number.isFinite(input.maxFileSize)
        ? Math.min(MAX_FILE_SIZE, Math.max(MIN_FILE_SIZE, Math.floor(input.maxFileSize)))
        : DEFAULT_SETTINGS.maxFileSize,
  };
}

function checkSeverity(raw: unknown): Partial<Record<RuleCode, SeverityOverride>> {
  const result: Partial<Record<RuleCode, SeverityOverride>> = {};
  if (!isObject(raw)) return result;
  for (const code of RULE_CODES) {
    const value = raw[code];
    if (typeof value !== 'string') continue;
    const lower = value.trim().toLowerCase();
    const severity = SEVERITIES.has(lower) ? (lower as SeverityOverride) : SEVERITY_SYNONYMS[lower];
    if (severity) result[code] = severity;
  }
  return result;
}

function stringList(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((s) => s.trim());
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stable key for a settings value: analyses made under equal settings can be reused. */
export function settingsKey(settings: MeetingRecordsSettings): string {
  return JSON.stringify(settings);
}

export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Settings per resource, fetched with `workspace/configuration` and cached
 * until the configuration changes or the document closes. When the client
 * cannot answer configuration requests, the last pushed settings (from
 * `didChangeConfiguration`) or the defaults apply everywhere.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<MeetingRecordsSettings>>();
  private pushed: MeetingRecordsSettings = checkSettings(undefined);

  constructor(private fetcher: ConfigurationFetcher | undefined) {}

  /** Whether settings come from `workspace/configuration` requests. */
  get pulls(): boolean {
    return this.fetcher !== undefined;
  }

  setFetcher(fetcher: ConfigurationFetcher | undefined): void {
    this.fetcher = fetcher;
    this.cache.clear();
  }

  get(scopeUri: string | undefined): Promise<MeetingRecordsSettings> {
    const fetcher = this.fetcher;
    if (!fetcher) return Promise.resolve(this.pushed);
    const key = scopeUri ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = fetcher(scopeUri).then(checkSettings, () => checkSettings(undefined));
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** `didChangeConfiguration`: forget everything; keep pushed settings when the client sends them. */
  changed(pushedSection: unknown): void {
    this.cache.clear();
    if (pushedSection !== undefined) this.pushed = checkSettings(pushedSection);
  }

  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
  }
}
