import type { ProvidedContext } from 'vitest';

declare module 'vitest' {
  /**
   * Values the integration/e2e global setup hands to test files through vitest's
   * `provide`/`inject`. Each is the URL of a whole server (not of a database): test files carve
   * their own throwaway database, key prefix or Mongo database out of it with the helpers in
   * databases.ts.
   */
  interface ProvidedContext {
    /** PostgreSQL superuser connection to the `postgres` database, allowed to CREATE DATABASE. */
    testDatabaseUrl: string;
    testRedisUrl: string;
    /** MongoDB wire protocol (FerretDB), no database in the path. */
    testMongoUrl: string;
  }
}

export type TestServerUrls = Pick<
  ProvidedContext,
  'testDatabaseUrl' | 'testRedisUrl' | 'testMongoUrl'
>;
