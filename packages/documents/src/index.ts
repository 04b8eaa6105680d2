export type { Document, DocumentCollection, DocumentStore, MergeEntry } from './documentStore.ts';
export { DocumentStoreError } from './documentStore.ts';
export { createMongoDocumentStore } from './mongoDocumentStore.ts';
export type { MongoDocumentStoreOptions } from './mongoDocumentStore.ts';
export { createSqlDocumentStore } from './sqlDocumentStore.ts';
export { createMemoryDocumentStore } from './memoryDocumentStore.ts';
export { createLazyDocumentStore } from './lazyDocumentStore.ts';
export { pingMongo } from './mongoReachable.ts';
