// The HTTP API's contract: every request and response as a zod schema, the types derived from them.
// The server validates and builds with these, the OpenAPI document is generated from them, the page imports the
// types. Importing this module registers every component.
export * from './admin.ts';
export * from './common.ts';
export * from './compare.ts';
export * from './concordance.ts';
export * from './documents.ts';
export * from './errors.ts';
export * from './glossary-export.ts';
export * from './candidates.ts';
export * from './glossary.ts';
export * from './health.ts';
export * from './params.ts';
export * from './registry.ts';
export * from './search.ts';
export * from './feed.ts';
