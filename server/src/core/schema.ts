import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import recordSchema from '../../../schemas/meeting-record.schema.json';
import validateRecord from './generated/recordValidator';
import { currentLocale } from './l10n';
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
        message: path.length ? l10n.t("Missing required field '{0}' in '{1}'", missing, label) : l10n.t("Missing required field '{0}'", missing),
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
        message: suggestion ? l10n.t("Unknown field '{0}' (did you mean '{1}'?)", unknown, suggestion) : l10n.t("Unknown field '{0}'", unknown),
        path: [...path, unknown],
        target: 'key',
        fixes: suggestion
          ? [{ kind: 'rename-key', title: l10n.t("Rename to '{0}'", suggestion), path: [...path, unknown], key: suggestion, safe: false, preferred: true }]
          : undefined,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestions = typeof error.data === 'string' ? nearest(error.data, allowed, 2) : [];
      return {
        code: 'schema',
        message: l10n.t("'{0}' must be one of: {1}", label, allowed.join(', ')),
        path,
        target: 'value',
        fixes: suggestions.map((s, i) => replaceFix(path, s, l10n.t("Change to '{0}'", s), i === 0)),
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
    ? l10n.t("'{0}' needs {1}", label, quoteList(required))
    : l10n.t("'{0}' does not match any allowed form", label);
  return { code: 'schema', message, path, target: 'missing' };
}

function sentenceFor(error: ErrorObject, label: string, parent: JsonSchema): string {
  switch (error.keyword) {
    case 'type':
      return l10n.t("'{0}' must be {1}", label, typeWords(String(error.params.type)));
    case 'const':
      return l10n.t("'{0}' must be {1}", label, JSON.stringify(error.params.allowedValue));
    case 'pattern':
      return typeof parent.patternErrorMessage === 'string'
        ? l10n.t("'{0}': {1}", label, patternMessage(parent))
        : l10n.t("'{0}' does not have the expected form ({1})", label, String(error.params.pattern));
    case 'format':
      return formatSentence(label, String(error.params.format));
    case 'minLength':
      return l10n.t("'{0}' must not be empty", label);
    case 'maxLength':
      return l10n.t("'{0}' is too long (at most {1} characters)", label, String(error.params.limit));
    case 'minItems':
      return l10n.t("'{0}' needs at least {1} item(s)", label, String(error.params.limit));
    case 'uniqueItems':
      return l10n.t("'{0}' lists the same item twice (items {1} and {2})", label, Number(error.params.j) + 1, Number(error.params.i) + 1);
    default:
      return error.message ? `'${label}' ${error.message}` : l10n.t("'{0}' is not valid", label);
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: l10n.t('text'),
    array: l10n.t('a list'),
    object: l10n.t('a mapping of fields'),
    integer: l10n.t('a whole number'),
    number: l10n.t('a number'),
    boolean: l10n.t('true or false'),
  };
  return type.split(',').map((t) => words[t] ?? t).join(` ${l10n.t('or')} `);
}

/** A schema's own sentence for a pattern (patternErrorMessage), in Vietnamese from patternErrorMessage_vi. */
function patternMessage(parent: JsonSchema): string {
  const vi = parent.patternErrorMessage_vi;
  return currentLocale() === 'vi' && typeof vi === 'string' ? vi : String(parent.patternErrorMessage);
}

function formatSentence(label: string, format: string): string {
  if (format === 'date') return l10n.t("'{0}' must be a real date written YYYY-MM-DD", label);
  if (format === 'uri') return l10n.t("'{0}' must be a full web address starting with http:// or https://, such as https://example.org/page", label);
  return l10n.t("'{0}' must be a valid {1}", label, format);
}

function replaceFix(path: ValuePath, value: string, title: string, preferred: boolean): ValueFix {
  return { kind: 'replace-value', title, path, value, safe: false, preferred };
}

/** A placeholder from the schema's own examples, so an inserted field reads as a hint. */
function insertFieldFix(path: ValuePath, key: string, parent: JsonSchema): ValueFix {
  const property = ((parent.properties as Record<string, JsonSchema> | undefined) ?? {})[key] ?? {};
  return {
    kind: 'insert-field',
    title: l10n.t("Add missing field '{0}'", key),
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
