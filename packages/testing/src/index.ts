export { DisposalStack } from './disposables.ts';
export { createTestDatabase, createTestMongoDatabase, createTestRedisPrefix } from './databases.ts';
export type { CreateTestDatabaseOptions, TestDatabase, TestMongoDatabase } from './databases.ts';
export type { TestServerUrls } from './providedContext.ts';
// For e2e tests that start their own processes (router, subgraphs) on free ports.
export { findFreePorts } from './services.ts';
