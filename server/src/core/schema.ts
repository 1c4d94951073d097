import type { ErrorObject } from 'ajv';
import recordSchema from '../../../schemas/meeting-record.schema.json';
import validateRecord from './generated/recordValidator';
import { fieldLabel, type Problem, type ValueFix } from './problems';
import { nearest, quoteList } from './text';
import type { ValuePath } from './types';

export type JsonSchema = Record<string, unknown>;

export const RECORD_SCHEMA = recordSchema as JsonSchema;

/** A validator ajv compiled (standalone code under generated/). */
export interface CompiledValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Schema problems of one record, one sentence each, at the place the format names. */
export function checkSchema(value: unknown): Problem[] {
  // Compiled at build time (schemaCompile.ts, scripts/generate.mjs): compiling costs far more than validating.
  return schemaProblems(validateRecord, value);
}

/** What a compiled schema finds in a value, as sentences a person understands, each at its path (records and catalogs alike). */
export function schemaProblems(validate: CompiledValidator, value: unknown): Problem[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  // A value that is no date at all (`0000-13-45`) breaks the format and the year's pattern: one sentence says it.
  const badFormats = new Set(errors.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  return errors
    .filter((e) => !anyOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(`${p}/`)))
    .filter((e) => !(e.keyword === 'pattern' && badFormats.has(e.instancePath)))
    .map(problemFromError);
}

function problemFromError(error: ErrorObject): Problem {
  const path = pointerToPath(error.instancePath);
  const label = fieldLabel(path);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      return {
        code: 'schema',
        message: `Missing required field '${missing}'${path.length ? ` in '${label}'` : ''}`,
        path,
        target: 'missing',
        fixes: [insertFieldFix(path, missing, parent)],
      };
    }
    case 'additionalProperties': {
      const unknown = String(error.params.additionalProperty);
      const allowed = Object.keys((parent.properties as JsonSchema | undefined) ?? {});
      const suggestion = nearest(unknown, allowed, 1)[0];
      return {
        code: 'schema',
        message: `Unknown field '${unknown}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        path: [...path, unknown],
        target: 'key',
        fixes: suggestion
          ? [{ kind: 'rename-key', title: `Rename to '${suggestion}'`, path: [...path, unknown], key: suggestion, safe: false, preferred: true }]
          : undefined,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestions = typeof error.data === 'string' ? nearest(error.data, allowed, 2) : [];
      return {
        code: 'schema',
        message: `'${label}' must be one of: ${allowed.join(', ')}`,
        path,
        target: 'value',
        fixes: suggestions.map((s, i) => replaceFix(path, s, `Change to '${s}'`, i === 0)),
      };
    }
    case 'anyOf':
      return anyOfProblem(path, label, parent);
    default:
      return { code: 'schema', message: sentenceFor(error, label, parent), path, target: 'value' };
  }
}

function anyOfProblem(path: ValuePath, label: string, parent: JsonSchema): Problem {
  const branches = (parent.anyOf as JsonSchema[] | undefined) ?? [];
  const required = branches.flatMap((b) => (Array.isArray(b.required) ? (b.required as string[]) : []));
  const message = required.length === branches.length && required.length > 0
    ? `'${label}' needs ${quoteList(required)}`
    : `'${label}' does not match any allowed form`;
  return { code: 'schema', message, path, target: 'missing' };
}

function sentenceFor(error: ErrorObject, label: string, parent: JsonSchema): string {
  switch (error.keyword) {
    case 'type':
      return `'${label}' must be ${typeWords(String(error.params.type))}`;
    case 'const':
      return `'${label}' must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'pattern':
      return typeof parent.patternErrorMessage === 'string'
        ? `'${label}': ${parent.patternErrorMessage}`
        : `'${label}' does not have the expected form (${String(error.params.pattern)})`;
    case 'format':
      return formatSentence(label, String(error.params.format));
    case 'minLength':
      return `'${label}' must not be empty`;
    case 'maxLength':
      return `'${label}' is too long (at most ${String(error.params.limit)} characters)`;
    case 'minItems':
      return `'${label}' needs at least ${String(error.params.limit)} item(s)`;
    case 'uniqueItems':
      return `'${label}' lists the same item twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1})`;
    default:
      return `'${label}' ${error.message ?? 'is not valid'}`;
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    array: 'a list',
    object: 'a mapping of fields',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  };
  return type.split(',').map((t) => words[t] ?? t).join(' or ');
}

function formatSentence(label: string, format: string): string {
  if (format === 'date') return `'${label}' must be a real date written YYYY-MM-DD`;
  if (format === 'uri') return `'${label}' must be a full web address starting with http:// or https://, such as https://example.org/page`;
  return `'${label}' must be a valid ${format}`;
}

function replaceFix(path: ValuePath, value: string, title: string, preferred: boolean): ValueFix {
  return { kind: 'replace-value', title, path, value, safe: false, preferred };
}

/** A placeholder from the schema's own examples, so an inserted field reads as a hint. */
function insertFieldFix(path: ValuePath, key: string, parent: JsonSchema): ValueFix {
  const property = ((parent.properties as Record<string, JsonSchema> | undefined) ?? {})[key] ?? {};
  return {
    kind: 'insert-field',
    title: `Add missing field '${key}'`,
    path,
    key,
    value: placeholderFor(property),
    safe: false,
    preferred: true,
  };
}

function placeholderFor(property: JsonSchema): string {
  if ('const' in property) return JSON.stringify(property.const);
  const examples = property.examples;
  if (Array.isArray(examples) && examples.length > 0 && typeof examples[0] !== 'object') {
    return JSON.stringify(examples[0]);
  }
  if (Array.isArray(property.enum) && property.enum.length > 0) return String(property.enum[0]);
  if (property.type === 'array') return '[]';
  if (property.type === 'object') return '{}';
  return '""';
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
