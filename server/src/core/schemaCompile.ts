/**
 * How the two JSON Schemas are compiled with ajv, in one place. Only the
 * build and the tests load this module: the build (scripts/generate.mjs)
 * writes each compiled validator out as standalone code under generated/,
 * which schema.ts and the catalog reader import, so no process compiles a
 * schema at run time (a cost every thread would pay); the tests compile
 * afresh here and check the generated code answers exactly alike.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import catalogSchema from '../../../schemas/catalog.schema.json';
import recordSchema from '../../../schemas/meeting-record.schema.json';

/**
 * Annotation keywords editors understand, and their Vietnamese twins (`_vi`,
 * shown on hover and in completion when the product speaks Vietnamese:
 * features/schemaInfo.ts, core/schema.ts); ajv must accept them in strict mode.
 */
const ANNOTATIONS = [
  'markdownDescription',
  'markdownEnumDescriptions',
  'patternErrorMessage',
  'title_vi',
  'description_vi',
  'markdownDescription_vi',
  'markdownEnumDescriptions_vi',
  'patternErrorMessage_vi',
];

interface SchemaSpec {
  schema: object;
  /** Errors carry their schema and data: the record's sentences and fixes read them (schema.ts). */
  verbose: boolean;
  annotations: readonly string[];
}

export const SCHEMAS = {
  record: { schema: recordSchema, verbose: true, annotations: [...ANNOTATIONS, 'enumDescriptions'] },
  catalog: { schema: catalogSchema, verbose: false, annotations: ANNOTATIONS },
} satisfies Record<string, SchemaSpec>;

export type SchemaName = keyof typeof SCHEMAS;

/** One ajv instance per schema; `source` keeps the generated code for standaloneCode. */
function ajvFor(spec: SchemaSpec, source: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: spec.verbose, code: { source } });
  ajv.addVocabulary([...spec.annotations]);
  addFormats(ajv, ['date', 'uri']);
  return ajv;
}

/** A validator compiled now, as the run-time path did before the build generated them. */
export function compileSchema(name: SchemaName): ValidateFunction {
  return ajvFor(SCHEMAS[name], false).compile(SCHEMAS[name].schema);
}

/** The validator as a CommonJS module (what generated/<name>Validator.js holds). */
export function standaloneValidator(name: SchemaName): string {
  const ajv = ajvFor(SCHEMAS[name], true);
  return standaloneCode(ajv, ajv.compile(SCHEMAS[name].schema));
}
