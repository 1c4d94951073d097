/** The pure feature modules, bundled as dist/features.js for unit tests. Nothing here needs a connection. */
export * from './completion';
export * from './hover';
export * from './codeActions';
export * from './symbols';
export * from './folding';
export * from './definition';
export * from './references';
export * from './workspaceSymbols';
export * from './diagnostics';
export * from './settings';
export * from './schemaInfo';
export * from './yamlContext';
export { nodeAt, chunkAt } from './yamlTree';
export * from './cards';
export * from './catalogs';
export * from './documents';
export * from './workspaceIndex';
export * from './preview';
