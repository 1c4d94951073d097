import * as l10n from '@vscode/l10n';
import { MarkupKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver';
import type { CatalogIndex } from '../core/catalog';
import { documentCard, mechanismCard, partyCard } from './cards';
import { recordSkeleton, type CompletionData } from './completion';
import { describeKey, enumValues, propertiesOf, schemaAt, type RoleTable } from './schemaInfo';

/**
 * `completionItem/resolve`: the documentation of the one item the editor
 * shows, rebuilt from the small `data` completion put on it (see
 * `CompletionData`). It is the text completion used to send with every item.
 * `data` comes back from the client and may be anything: when it does not
 * name something that still exists, the item is answered unchanged.
 */

export interface ResolveInput {
  catalog: CatalogIndex;
  roles: RoleTable;
}

export function resolveCompletion(item: CompletionItem, input: ResolveInput): CompletionItem {
  if (typeof item !== 'object' || item === null || item.documentation !== undefined) return item;
  const data = completionData(item.data);
  const documentation = data && markdown(documentationOf(data, input));
  return documentation ? { ...item, documentation } : item;
}

function documentationOf(data: CompletionData, { catalog, roles }: ResolveInput): string | undefined {
  switch (data.kind) {
    case 'key':
      return isSchemaKey(data.path) ? describeKey(data.path) : undefined;
    case 'enum':
      return isSchemaPath(data.path) ? enumValues(schemaAt(data.path)).find((v) => v.value === data.value)?.description : undefined;
    case 'record': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(data.today)) return undefined;
      const { plain } = recordSkeleton(roles, data.today);
      return `${l10n.t('Inserts a record skeleton:')}\n\n\`\`\`yaml\n${plain}\n\`\`\``;
    }
    case 'party': {
      const entry = catalog.parties.find((p) => p.name === data.name);
      return entry && partyCard(entry, catalog);
    }
    case 'mechanism': {
      const entry = catalog.mechanisms.find((m) => m.name === data.name);
      return entry && mechanismCard(entry, catalog);
    }
    case 'document': {
      const entry = catalog.documents.find((d) => d.title === data.name);
      return entry && documentCard(entry);
    }
  }
}

/** `data` as completion wrote it, or undefined for anything else. */
function completionData(value: unknown): CompletionData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Record<string, unknown>;
  switch (data.kind) {
    case 'key':
      return isPath(data.path) ? { kind: 'key', path: data.path } : undefined;
    case 'enum':
      return isPath(data.path) && typeof data.value === 'string' ? { kind: 'enum', path: data.path, value: data.value } : undefined;
    case 'record':
      return typeof data.today === 'string' ? { kind: 'record', today: data.today } : undefined;
    case 'party':
    case 'mechanism':
    case 'document':
      return typeof data.name === 'string' ? { kind: data.kind, name: data.name } : undefined;
    default:
      return undefined;
  }
}

function isPath(value: unknown): value is Array<string | number> {
  return Array.isArray(value) && value.length <= 32 && value.every((s) => typeof s === 'string' || (Number.isInteger(s) && (s as number) >= 0));
}

/** Every key of the path is a property the schema declares (never `__proto__` or `constructor`). */
function isSchemaPath(path: ReadonlyArray<string | number>): boolean {
  let schema = schemaAt([]);
  for (const segment of path) {
    if (!schema) return false;
    if (typeof segment === 'string' && !propertiesOf(schema).some(([name]) => name === segment)) return false;
    schema = schemaAt([segment], schema);
  }
  return schema !== undefined;
}

/** A path to a declared key (completion offers keys only). */
function isSchemaKey(path: ReadonlyArray<string | number>): boolean {
  return path.length > 0 && typeof path[path.length - 1] === 'string' && isSchemaPath(path);
}

function markdown(value: string | undefined): MarkupContent | undefined {
  return value ? { kind: MarkupKind.Markdown, value } : undefined;
}
