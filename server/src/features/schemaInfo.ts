import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../core/catalog';
import { currentLocale } from '../core/l10n';
import { checkRules, type MentionKind } from '../core/rules';
import { RECORD_SCHEMA, type JsonSchema } from '../core/schema';

/**
 * What the record schema says about a place in a record, for completion and
 * hover. Which places hold parties, mechanisms and document titles is taken
 * from the rules themselves (a probe record run through `checkRules`), so the
 * editor and the validator never disagree about where a party goes.
 */

export type SchemaPath = ReadonlyArray<string | number>;

export function schemaAt(path: SchemaPath, root: JsonSchema = RECORD_SCHEMA): JsonSchema | undefined {
  let current: JsonSchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') {
      const items: unknown = current.items;
      current = isSchema(items) ? items : undefined;
    } else {
      const properties: unknown = current.properties;
      const next = isSchema(properties) ? properties[segment] : undefined;
      current = isSchema(next) ? next : undefined;
    }
  }
  return current;
}

export function propertiesOf(schema: JsonSchema | undefined): Array<[string, JsonSchema]> {
  const properties: unknown = schema?.properties;
  if (!isSchema(properties)) return [];
  return Object.entries(properties).filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]));
}

export function requiredOf(schema: JsonSchema | undefined): string[] {
  const required: unknown = schema?.required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
}

/** Fields of which at least one is needed (`source` needs `publisher` or `url`). */
export function oneOfRequired(schema: JsonSchema | undefined): string[] {
  const anyOf: unknown = schema?.anyOf;
  if (!Array.isArray(anyOf)) return [];
  return anyOf.flatMap((branch: unknown) => (isSchema(branch) ? requiredOf(branch) : []));
}

export interface EnumValue {
  value: string;
  description?: string;
}

export function enumValues(schema: JsonSchema | undefined): EnumValue[] {
  if (!schema) return [];
  if ('const' in schema) return [{ value: String(schema.const), description: descriptionOf(schema) }];
  const values: unknown = schema.enum;
  if (!Array.isArray(values)) return [];
  const vi: unknown = currentLocale() === 'vi' ? (schema.markdownEnumDescriptions_vi ?? schema.enumDescriptions_vi) : undefined;
  const descriptions: unknown = Array.isArray(vi) ? vi : (schema.markdownEnumDescriptions ?? schema.enumDescriptions);
  return values.map((value, i) => ({
    value: String(value),
    description: Array.isArray(descriptions) ? textOf(descriptions[i]) : undefined,
  }));
}

export function typeOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.type === 'string') return schema.type;
  if ('const' in schema) return typeof schema.const;
  if (Array.isArray(schema.enum)) return 'string';
  return undefined;
}

export function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items: unknown = schema?.items;
  return isSchema(items) ? items : undefined;
}

export function isMappingList(path: SchemaPath): boolean {
  const schema = schemaAt(path);
  return typeOf(schema) === 'array' && typeOf(itemsOf(schema)) === 'object';
}

/** A short type phrase for completion details: "text", "list of parties", "one of 6 values". */
export function typePhrase(path: SchemaPath, catalogRoles: RoleTable): string {
  const schema = schemaAt(path);
  const role = catalogRoles.roleOf(path);
  if (role) return role === 'document' ? l10n.t('document title') : role === 'party' ? l10n.t('party') : l10n.t('mechanism');
  const values = enumValues(schema);
  if (values.length === 1) return l10n.t('always {0}', values[0].value);
  if (values.length > 1) return l10n.t('one of {0} values', values.length);
  const type = typeOf(schema);
  if (type === 'array') {
    const itemRole = catalogRoles.roleOf([...path, 0]);
    if (itemRole) return itemRole === 'party' ? l10n.t('list of parties') : itemRole === 'mechanism' ? l10n.t('list of mechanisms') : l10n.t('list of documents');
    const items = itemsOf(schema);
    return typeOf(items) === 'object' ? l10n.t('list of entries') : l10n.t('list of text');
  }
  if (type === 'object') return l10n.t('fields');
  if (schema?.format === 'date') return l10n.t('date YYYY-MM-DD');
  return type === 'string' ? l10n.t('text') : (type ?? l10n.t('value'));
}

/** Markdown for a key's hover and completion documentation. */
export function describeKey(path: SchemaPath): string | undefined {
  const schema = schemaAt(path);
  if (!schema) return undefined;
  const parts: string[] = [];
  const description = descriptionOf(schema);
  if (description) parts.push(description);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (typeof key === 'string') {
    const parent = schemaAt(parentPath);
    if (requiredOf(parent).includes(key)) parts.push(l10n.t('**Required.**'));
    else if (oneOfRequired(parent).includes(key)) {
      parts.push(l10n.t('**Required** unless {0} is given.', oneOfRequired(parent).filter((k) => k !== key).map((k) => `\`${k}\``).join(` ${l10n.t('or')} `)));
    }
  }
  const values = enumValues(schema.type === 'array' ? itemsOf(schema) : schema);
  if (values.length > 1) {
    parts.push([l10n.t('Allowed values:'), ...values.map((v) => `- \`${v.value}\`${v.description ? ` — ${v.description}` : ''}`)].join('\n'));
  }
  if (typeof schema.default !== 'undefined') parts.push(l10n.t('Default: {0}', `\`${String(schema.default)}\``));
  const examples: unknown = schema.examples;
  if (Array.isArray(examples) && examples.length > 0 && values.length === 0) {
    const shown = examples.filter((e) => typeof e !== 'object').slice(0, 3);
    if (shown.length) parts.push(l10n.t('Examples: {0}', shown.map((e) => `\`${String(e)}\``).join(', ')));
  }
  return parts.join('\n\n');
}

/**
 * A schema's description in the language of the process: the schema carries
 * both, `description` / `markdownDescription` in English and
 * `description_vi` / `markdownDescription_vi` in Vietnamese (English where a
 * Vietnamese one is missing).
 */
export function descriptionOf(schema: JsonSchema | undefined): string | undefined {
  const vi = currentLocale() === 'vi' ? (textOf(schema?.markdownDescription_vi) ?? textOf(schema?.description_vi)) : undefined;
  return vi ?? textOf(schema?.markdownDescription) ?? textOf(schema?.description);
}

/** Which catalog names go where, learned from the rules. */
export class RoleTable {
  private readonly patterns = new Map<string, MentionKind>();

  constructor(catalog: CatalogIndex) {
    for (const mention of checkRules(probeValue(RECORD_SCHEMA, 0), catalog).mentions) {
      this.patterns.set(patternOf(mention.path), mention.kind);
    }
  }

  roleOf(path: SchemaPath): MentionKind | undefined {
    return this.patterns.get(patternOf(path));
  }

  /** A party list whose items must not repeat. */
  isPartyList(listPath: SchemaPath): boolean {
    return this.roleOf([...listPath, 0]) === 'party';
  }
}

function patternOf(path: SchemaPath): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

/** A record with a value at every place the schema allows: `x` for text, one item per list. */
function probeValue(schema: JsonSchema, depth: number): unknown {
  if (depth > 8) return 'x';
  const type = typeOf(schema);
  if (type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [key, property] of propertiesOf(schema)) value[key] = probeValue(property, depth + 1);
    return value;
  }
  if (type === 'array') {
    const items = itemsOf(schema);
    return [items ? probeValue(items, depth + 1) : 'x'];
  }
  return 'x';
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
