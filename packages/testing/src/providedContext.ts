/**
 * Values the integration/e2e global setup hands to test files through vitest's `provide`/`inject`.
 * Each is the URL of a whole server (not of a database): test files carve their own throwaway
 * database, key prefix or Mongo database out of it with the helpers in databases.ts.
 */
export interface TestServerUrls {
  /** PostgreSQL superuser connection to the `postgres` database, allowed to CREATE DATABASE. */
  testDatabaseUrl: string;
  testRedisUrl: string;
  /** MongoDB wire protocol (FerretDB), no database in the path. */
  testMongoUrl: string;
}

declare module 'vitest' {
  // An interface merge is how vitest types `inject`; a type alias cannot extend it.
  interface ProvidedContext extends TestServerUrls {}
}
