import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (`main`) and ESM (`module`) copies. Node loads the CommonJS one for
// everyone, including the Apollo packages; Vite's resolver would hand our sources the ESM one,
// and a schema or error made by one copy fails the other's `instanceof` checks. Resolve it as
// Node does, so tests run the modules production runs.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Three tiers by file suffix (docs/testing.md). Run one with `npx vitest run --project <name>`.
const ignored = ['**/node_modules/**', '**/__generated__/**', '**/dist/**', '.marquee/**'];

// Starts throwaway PostgreSQL, Redis and FerretDB once per run (shared by both projects that
// list it) and provides their URLs; see the file for TEST_*_URL overrides.
const testServers = './packages/testing/src/globalSetup.ts';

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    // Child processes rather than worker threads: tests spawn servers and load native addons
    // (Prisma, argon2), which behave as in production only in a process of their own.
    pool: 'forks',
    // Our machines have 2 cores; one test file per core. Integration files mostly wait on the
    // servers, so running two at once still keeps each well inside its timeouts.
    maxWorkers: Math.max(1, availableParallelism()),
    // Stopping three servers (PostgreSQL waits for its checkpoint) can take a few seconds.
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.e2e.test.ts'],
          // Unit files open an in-memory PGlite and apply every migration in beforeAll (a few
          // seconds of WebAssembly work each); two files at a time on 2 cores needs headroom.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: [testServers],
          // Real round trips to servers sharing two cores with the test workers.
          testTimeout: 30_000,
          // beforeAll hooks create and migrate databases.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: ignored,
          globalSetup: [testServers],
          // Each file starts the router and five subgraphs as processes: one file at a time, or
          // two files' process trees would compete for two cores and time out.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
