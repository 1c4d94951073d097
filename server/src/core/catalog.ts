import * as l10n from '@vscode/l10n';
import { currentLocale } from './l10n';
import { foldName, nearest } from './text';

/**
 * The catalog decides which party, mechanism and document names are known.
 * Bundled YAML files are merged with workspace `*.catalog.yaml` files: a later
 * entry with the same canonical name replaces the earlier one wholesale.
 */

export type PartyKind =
  | 'asean-member'
  | 'dialogue-partner'
  | 'sectoral-partner'
  | 'development-partner'
  | 'organisation'
  | 'other';

/** How a person says each party kind, in hover cards, completion details and the preview (in the process's language). */
export function partyKindLabel(kind: unknown): string | undefined {
  switch (kind) {
    case 'asean-member':
      return l10n.t('ASEAN member state');
    case 'dialogue-partner':
      return l10n.t('Dialogue partner');
    case 'sectoral-partner':
      return l10n.t('Sectoral dialogue partner');
    case 'development-partner':
      return l10n.t('Development partner');
    case 'organisation':
      return l10n.t('Organisation');
    case 'other':
      return l10n.t('Other party');
    default:
      // A kind a workspace catalog made up.
      return undefined;
  }
}

/** The catalog's relationship levels in the language of the process; another level is shown as the catalog has it. */
export function relationshipLevel(level: string): string {
  switch (level) {
    case 'Comprehensive Strategic Partnership':
      return l10n.t('Comprehensive Strategic Partnership');
    case 'Strategic Partnership':
      return l10n.t('Strategic Partnership');
    case 'Comprehensive Partnership':
      return l10n.t('Comprehensive Partnership');
    case 'Dialogue Partnership':
      return l10n.t('Dialogue Partnership');
    case 'Sectoral Dialogue Partnership':
      return l10n.t('Sectoral Dialogue Partnership');
    case 'Development Partnership':
      return l10n.t('Development Partnership');
    default:
      return level;
  }
}

export interface Relationship {
  /** e.g. "Comprehensive Strategic Partnership". */
  level: string;
  /** Year of the latest upgrade to `level`. */
  since?: number;
  date?: string;
}

export interface PartyEntry {
  name: string;
  name_vi?: string;
  aliases?: string[];
  /**
   * Aliases that fold (case, accents and punctuation dropped) like a name or
   * alias of another entry, on purpose: "My" (Mỹ without its accent) and
   * Malaysia's ISO code MY. A value written exactly so resolves; any other
   * spelling of the fold is ambiguous. The build refuses any other such clash.
   */
  ambiguous_aliases?: string[];
  kind: PartyKind;
  iso?: string;
  joined?: string | number;
  /** When an organisation was founded (ASEAN 1967-08-08): the base of its anniversaries. */
  founded?: string | number;
  dialogue_since?: string | number;
  relationship?: Relationship;
  mechanisms?: string[];
  summary?: string;
  /** The summary in Vietnamese (shown instead of `summary` in Vietnamese: summaryOf). */
  summary_vi?: string;
  source?: string | string[];
  note?: string;
}

/** A member of a mechanism, with when its membership began and ended where that matters (Russia in the EAS since 2011). */
export interface Membership {
  name: string;
  /** A year, or a date 'YYYY-MM' or 'YYYY-MM-DD'. */
  since?: string | number;
  until?: string | number;
  note?: string;
}

/** One numbered meeting of a series, as held: the table `series-year` and hover cards read before the yearly rule. */
export interface SeriesMeeting {
  number: number;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (as precise as the source is). */
  date: string | number;
  end_date?: string;
  place?: string;
  source?: string | string[];
  note?: string;
}

export interface MechanismEntry {
  name: string;
  aliases?: string[];
  ambiguous_aliases?: string[];
  full_name: string;
  full_name_vi?: string;
  founded?: string | number;
  /** Fixed membership besides the ASEAN member states, which belong to every ASEAN-led mechanism from the day they joined ASEAN. */
  members?: Array<string | Membership>;
  /** The ASEAN Chair (an ASEAN member state) chairs its meetings. */
  chaired_by_asean?: boolean;
  /** Meetings between ASEAN and others: `partners` are the others, never ASEAN member states. */
  external_partners?: boolean;
  /** Meeting N of the series is held in `first_year + N` (AMM: 1967 + 57 = 2024), unless `meetings` says otherwise. */
  series_prefix?: string;
  first_year?: number;
  /** Known meetings of the series, by number: where the yearly rule misdates them (EAS-1 2005, EAS-2 and EAS-3 both 2007). */
  meetings?: SeriesMeeting[];
  summary?: string;
  /** The summary in Vietnamese (shown instead of `summary` in Vietnamese: summaryOf). */
  summary_vi?: string;
  source?: string | string[];
  note?: string;
}

export interface DocumentEntry {
  title: string;
  aliases?: string[];
  ambiguous_aliases?: string[];
  type: string;
  parties?: string[];
  year?: number;
  summary?: string;
  /** The summary in Vietnamese (shown instead of `summary` in Vietnamese: summaryOf). */
  summary_vi?: string;
  source?: string | string[];
  note?: string;
}

export interface CatalogData {
  parties: PartyEntry[];
  mechanisms: MechanismEntry[];
  documents: DocumentEntry[];
}

/** Where a catalog entry came from, so "go to definition" can open it. */
export interface EntryOrigin {
  file: string;
  /** 0-based line of the entry's `name:`/`title:` key, when known. */
  line?: number;
}

/**
 * How a value written in a record resolves. A value equal to one entry's
 * name or alias (case and accents kept) is that entry. Otherwise it is
 * folded (case, accents and punctuation dropped): a fold that matches one
 * entry is an alias of it; a fold that matches several is `ambiguous`, and
 * nothing picks one of them silently ("My" folds like Malaysia's MY and
 * like Mỹ, the United States).
 */
export type Resolution<T> =
  | { kind: 'canonical'; entry: T }
  | { kind: 'alias'; entry: T; canonical: string }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'unknown'; suggestions: string[] };

/** The entry a value resolves to, when it resolves to exactly one. */
export function resolvedEntry<T>(resolution: Resolution<T>): T | undefined {
  return resolution.kind === 'canonical' || resolution.kind === 'alias' ? resolution.entry : undefined;
}

/** Fast, accent-insensitive look-ups over a merged catalog. Immutable once built. */
export class CatalogIndex {
  private readonly partyByExact = new Map<string, PartyEntry>();
  private readonly partyByFolded = new Map<string, PartyEntry[]>();
  private readonly mechanismByExact = new Map<string, MechanismEntry>();
  private readonly mechanismByFolded = new Map<string, MechanismEntry[]>();
  private readonly documentByExact = new Map<string, DocumentEntry>();
  private readonly documentByFolded = new Map<string, DocumentEntry[]>();
  private readonly partyNames: NameIndex;
  private readonly mechanismNames: NameIndex;

  constructor(
    readonly data: CatalogData,
    readonly origins: ReadonlyMap<object, EntryOrigin> = new Map(),
    /** Names refused when the catalog files were merged, each to be reported in its file (catalogFile.ts). */
    readonly conflicts: ReadonlyArray<{ file: string; diagnostic: import('./types').Diagnostic }> = [],
  ) {
    indexEntries(data.parties, (p) => p.name, this.partyByExact, this.partyByFolded);
    indexEntries(data.mechanisms, (m) => m.name, this.mechanismByExact, this.mechanismByFolded);
    indexEntries(data.documents, (d) => d.title, this.documentByExact, this.documentByFolded);
    this.partyNames = new NameIndex(namesAndAliases(data.parties, (p) => p.name));
    this.mechanismNames = new NameIndex(namesAndAliases(data.mechanisms, (m) => m.name));
  }

  get parties(): readonly PartyEntry[] {
    return this.data.parties;
  }
  get mechanisms(): readonly MechanismEntry[] {
    return this.data.mechanisms;
  }
  get documents(): readonly DocumentEntry[] {
    return this.data.documents;
  }

  resolveParty(value: string): Resolution<PartyEntry> {
    return resolve(value, this.partyByExact, this.partyByFolded, (p) => p.name, () =>
      this.suggest(value, this.partyNames, this.partyByExact, this.partyByFolded, (p) => p.name),
    );
  }

  resolveMechanism(value: string): Resolution<MechanismEntry> {
    return resolve(value, this.mechanismByExact, this.mechanismByFolded, (m) => m.name, () =>
      this.suggest(value, this.mechanismNames, this.mechanismByExact, this.mechanismByFolded, (m) => m.name),
    );
  }

  resolveDocument(value: string): Resolution<DocumentEntry> {
    return resolve(value, this.documentByExact, this.documentByFolded, (d) => d.title, () => []);
  }

  /** The mechanism whose numbering rule uses this series prefix ("AMM" for "AMM-57"). */
  mechanismForSeriesPrefix(prefix: string): MechanismEntry | undefined {
    const folded = foldName(prefix);
    return this.data.mechanisms.find((m) => m.series_prefix && foldName(m.series_prefix) === folded);
  }

  originOf(entry: object): EntryOrigin | undefined {
    return this.origins.get(entry);
  }

  /** Suggestions already computed, per name index: a file repeating one unknown name thousands of times pays once. */
  private readonly suggested = new WeakMap<NameIndex, Map<string, string[]>>();

  /** Nearest canonical names; an alias that is close suggests the entry it belongs to. */
  private suggest<T>(
    value: string,
    candidates: NameIndex,
    exact: Map<string, T>,
    folded: Map<string, T[]>,
    nameOf: (entry: T) => string,
  ): string[] {
    let memo = this.suggested.get(candidates);
    if (!memo) this.suggested.set(candidates, (memo = new Map()));
    const known = memo.get(value);
    if (known) return [...known];
    const names = candidates.nearest(value, 6).flatMap((candidate) => {
      const entry = exact.get(candidate);
      return entry ? [nameOf(entry)] : (folded.get(foldName(candidate)) ?? []).map(nameOf);
    });
    const result = [...new Set(names)].slice(0, 3);
    if (memo.size >= SUGGESTION_MEMO_LIMIT) memo.clear();
    memo.set(value, result);
    return [...result];
  }
}

/**
 * Names folded once, sorted, and bucketed by length: a suggestion looks only
 * at names that could qualify (those that start with the value, found by
 * binary search, and those whose length is within the edit limit), so an
 * unknown name costs a few hundred comparisons however many names a
 * workspace catalog brings.
 */
class NameIndex {
  private readonly sorted: Array<{ folded: string; name: string }>;
  private readonly byLength = new Map<number, Array<{ folded: string; name: string }>>();

  constructor(names: readonly string[]) {
    this.sorted = names.map((name) => ({ folded: foldName(name), name })).sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
    for (const item of this.sorted) {
      const bucket = this.byLength.get(item.folded.length);
      if (bucket) bucket.push(item);
      else this.byLength.set(item.folded.length, [item]);
    }
  }

  /** As `nearest` in text.ts over every name, looking only where a qualifying name can be. */
  nearest(value: string, max: number): string[] {
    const folded = foldName(value);
    if (!folded) return [];
    const within = new Set<{ folded: string; name: string }>();
    if (folded.length >= 3) for (let i = this.firstAtOrAfter(folded); i < this.sorted.length && this.sorted[i].folded.startsWith(folded); i++) within.add(this.sorted[i]);
    const limit = Math.max(1, Math.floor(folded.length / 3));
    for (let length = folded.length - limit; length <= folded.length + limit; length++) for (const item of this.byLength.get(length) ?? []) within.add(item);
    const byName = new Map([...within].map((item) => [item.name, item]));
    return nearest(value, byName.keys(), max);
  }

  private firstAtOrAfter(key: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid].folded < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

const SUGGESTION_MEMO_LIMIT = 10_000;

function indexEntries<T extends { aliases?: string[] }>(
  entries: readonly T[],
  nameOf: (entry: T) => string,
  exact: Map<string, T>,
  folded: Map<string, T[]>,
): void {
  for (const entry of entries) {
    for (const key of [nameOf(entry), ...(entry.aliases ?? [])]) {
      if (typeof key !== 'string') continue;
      // A name another entry already has as its own name or alias was refused when the catalog was merged (catalogFile.ts).
      if (!exact.has(key)) exact.set(key, entry);
      const foldedKey = foldName(key);
      const sharing = folded.get(foldedKey);
      if (!sharing) folded.set(foldedKey, [entry]);
      else if (!sharing.includes(entry)) sharing.push(entry);
    }
  }
}

function namesAndAliases<T extends { aliases?: string[] }>(entries: readonly T[], nameOf: (e: T) => string): string[] {
  return entries.flatMap((e) => [nameOf(e), ...(e.aliases ?? [])]).filter((n) => typeof n === 'string');
}

function resolve<T>(
  value: string,
  exact: Map<string, T>,
  folded: Map<string, T[]>,
  nameOf: (entry: T) => string,
  suggestions: () => string[],
): Resolution<T> {
  const candidates = exact.has(value) ? [exact.get(value) as T] : (folded.get(foldName(value)) ?? []);
  if (candidates.length === 0) return { kind: 'unknown', suggestions: suggestions() };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: [...candidates] };
  const [entry] = candidates;
  const canonical = nameOf(entry);
  return value === canonical ? { kind: 'canonical', entry } : { kind: 'alias', entry, canonical };
}

/**
 * Merges catalog layers in order; an entry whose canonical name (or title)
 * appears again in a later layer is replaced by the later one.
 */
export function mergeCatalogs(layers: ReadonlyArray<Partial<CatalogData>>): CatalogData {
  return {
    parties: mergeBy(layers.map((l) => l.parties ?? []), (p) => p.name),
    mechanisms: mergeBy(layers.map((l) => l.mechanisms ?? []), (m) => m.name),
    documents: mergeBy(layers.map((l) => l.documents ?? []), (d) => d.title),
  };
}

function mergeBy<T>(layers: T[][], keyOf: (entry: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const layer of layers) for (const entry of layer) merged.set(keyOf(entry), entry);
  return [...merged.values()];
}

/** Two entries with names that fold alike (case, accents and punctuation dropped), as the build and the tests check them. */
export interface FoldClash {
  folded: string;
  first: { entry: string; name: string };
  second: { entry: string; name: string };
  /** Either side lists its name in `ambiguous_aliases`: the clash is meant, and such values are reported as ambiguous. */
  declared: boolean;
}

/** Every fold clash between different entries of one kind. */
export function foldClashes<T extends { aliases?: string[]; ambiguous_aliases?: string[] }>(entries: readonly T[], nameOf: (entry: T) => string): FoldClash[] {
  const seen = new Map<string, Array<{ entry: T; name: string }>>();
  const clashes: FoldClash[] = [];
  for (const entry of entries) {
    for (const name of [nameOf(entry), ...(entry.aliases ?? [])]) {
      if (typeof name !== 'string') continue;
      const folded = foldName(name);
      const earlier = seen.get(folded) ?? [];
      for (const other of earlier) {
        if (other.entry === entry) continue;
        const declared = (other.entry.ambiguous_aliases ?? []).includes(other.name) || (entry.ambiguous_aliases ?? []).includes(name);
        clashes.push({ folded, first: { entry: nameOf(other.entry), name: other.name }, second: { entry: nameOf(entry), name }, declared });
      }
      earlier.push({ entry, name });
      seen.set(folded, earlier);
    }
  }
  return clashes;
}

/** An entry's one-line summary in the language of the process: `summary_vi` in Vietnamese when the catalog has one. */
export function summaryOf(entry: { summary?: unknown; summary_vi?: unknown }): string | undefined {
  const vi = currentLocale() === 'vi' && typeof entry.summary_vi === 'string' && entry.summary_vi.trim() !== '' ? entry.summary_vi : undefined;
  return vi ?? (typeof entry.summary === 'string' && entry.summary.trim() !== '' ? entry.summary : undefined);
}
