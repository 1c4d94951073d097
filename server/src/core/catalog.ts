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

/** How a person says each party kind, in hover cards, completion details and the preview. */
export const PARTY_KIND_LABELS: Readonly<Record<PartyKind, string>> = {
  'asean-member': 'ASEAN member state',
  'dialogue-partner': 'Dialogue partner',
  'sectoral-partner': 'Sectoral dialogue partner',
  'development-partner': 'Development partner',
  organisation: 'Organisation',
  other: 'Other party',
};

/** The label of a known kind; undefined for a kind a workspace catalog made up. */
export function partyKindLabel(kind: unknown): string | undefined {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(PARTY_KIND_LABELS, kind)
    ? PARTY_KIND_LABELS[kind as PartyKind]
    : undefined;
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
  kind: PartyKind;
  iso?: string;
  joined?: string | number;
  /** When an organisation was founded (ASEAN 1967-08-08): the base of its anniversaries. */
  founded?: string | number;
  dialogue_since?: string | number;
  relationship?: Relationship;
  mechanisms?: string[];
  summary?: string;
  source?: string | string[];
  note?: string;
}

export interface MechanismEntry {
  name: string;
  aliases?: string[];
  full_name: string;
  full_name_vi?: string;
  founded?: string | number;
  /** Fixed membership besides the ASEAN member states, which belong to every ASEAN-led mechanism. */
  members?: string[];
  /** Meeting N of the series is held in `first_year + N` (AMM: 1967 + 57 = 2024). */
  series_prefix?: string;
  first_year?: number;
  summary?: string;
  source?: string | string[];
  note?: string;
}

export interface DocumentEntry {
  title: string;
  aliases?: string[];
  type: string;
  parties?: string[];
  year?: number;
  summary?: string;
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

export type Resolution<T> =
  | { kind: 'canonical'; entry: T }
  | { kind: 'alias'; entry: T; canonical: string }
  | { kind: 'unknown'; suggestions: string[] };

/** Fast, accent-insensitive look-ups over a merged catalog. Immutable once built. */
export class CatalogIndex {
  private readonly partyByExact = new Map<string, PartyEntry>();
  private readonly partyByFolded = new Map<string, PartyEntry>();
  private readonly mechanismByExact = new Map<string, MechanismEntry>();
  private readonly mechanismByFolded = new Map<string, MechanismEntry>();
  private readonly documentByExact = new Map<string, DocumentEntry>();
  private readonly documentByFolded = new Map<string, DocumentEntry>();
  private readonly partyNames: string[];
  private readonly mechanismNames: string[];

  constructor(
    readonly data: CatalogData,
    readonly origins: ReadonlyMap<object, EntryOrigin> = new Map(),
  ) {
    indexEntries(data.parties, (p) => p.name, this.partyByExact, this.partyByFolded);
    indexEntries(data.mechanisms, (m) => m.name, this.mechanismByExact, this.mechanismByFolded);
    indexEntries(data.documents, (d) => d.title, this.documentByExact, this.documentByFolded);
    this.partyNames = namesAndAliases(data.parties, (p) => p.name);
    this.mechanismNames = namesAndAliases(data.mechanisms, (m) => m.name);
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

  /** Suggestions already computed, per candidate list: a file repeating one unknown name thousands of times pays once. */
  private readonly suggested = new WeakMap<string[], Map<string, string[]>>();

  /** Nearest canonical names; an alias that is close suggests the entry it belongs to. */
  private suggest<T>(
    value: string,
    candidates: string[],
    exact: Map<string, T>,
    folded: Map<string, T>,
    nameOf: (entry: T) => string,
  ): string[] {
    let memo = this.suggested.get(candidates);
    if (!memo) this.suggested.set(candidates, (memo = new Map()));
    const known = memo.get(value);
    if (known) return [...known];
    const names = nearest(value, candidates, 6).map((candidate) => {
      const entry = exact.get(candidate) ?? folded.get(foldName(candidate));
      return entry ? nameOf(entry) : candidate;
    });
    const result = [...new Set(names)].slice(0, 3);
    if (memo.size >= SUGGESTION_MEMO_LIMIT) memo.clear();
    memo.set(value, result);
    return [...result];
  }
}

const SUGGESTION_MEMO_LIMIT = 10_000;

function indexEntries<T extends { aliases?: string[] }>(
  entries: readonly T[],
  nameOf: (entry: T) => string,
  exact: Map<string, T>,
  folded: Map<string, T>,
): void {
  for (const entry of entries) {
    for (const key of [nameOf(entry), ...(entry.aliases ?? [])]) {
      if (typeof key !== 'string') continue;
      exact.set(key, entry);
      const foldedKey = foldName(key);
      // The canonical spelling wins a folding clash: an alias never shadows a name.
      if (!folded.has(foldedKey) || key === nameOf(entry)) folded.set(foldedKey, entry);
    }
  }
}

function namesAndAliases<T extends { aliases?: string[] }>(entries: readonly T[], nameOf: (e: T) => string): string[] {
  return entries.flatMap((e) => [nameOf(e), ...(e.aliases ?? [])]).filter((n) => typeof n === 'string');
}

function resolve<T>(
  value: string,
  exact: Map<string, T>,
  folded: Map<string, T>,
  nameOf: (entry: T) => string,
  suggestions: () => string[],
): Resolution<T> {
  const entry = exact.get(value) ?? folded.get(foldName(value));
  if (!entry) return { kind: 'unknown', suggestions: suggestions() };
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
