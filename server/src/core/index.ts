/** The editor-free core: text in, records and diagnostics out. */
export * from './types';
export * from './text';
export * from './catalog';
export * from './catalogFile';
export * from './parse';
export * from './guardedParse';
export * from './sectionedParse';
export * from './problems';
export * from './rules';
export * from './schema';
export * from './locate';
export * from './validate';
export * from './workspace';
export * from './fixes';
export * from './render';
export * from './draft';
export * from './export';
