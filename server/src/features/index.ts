/**
 * The pure feature modules, bundled as dist/features.js for unit tests, with
 * the server-state pieces those tests drive directly. Nothing here needs a connection.
 */
export * from './completion';
export * from './completionResolve';
export * from './hover';
export * from './codeActions';
export * from './symbols';
export * from './folding';
export * from './definition';
export * from './references';
export * from './workspaceSymbols';
export * from './diagnostics';
export * from './schemaInfo';
export * from './yamlContext';
export { nodeAt, chunkAt } from './yamlTree';
export * from './cards';
export * from './preview';
export * from './evidence';
export * from './draft';
export * from '../state/settings';
export * from '../state/catalogs';
export * from '../state/documents';
export * from '../state/recordIndex';
export { FileMatcher } from '../corpus/walk';
