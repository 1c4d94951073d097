// The catalog schema's validator, compiled at build time (scripts/generate.mjs, from schemaCompile.ts).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
