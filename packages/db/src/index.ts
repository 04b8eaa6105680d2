export { openDatabase } from './database.ts';
export type { Database, DatabaseConfig, OpenDatabaseOptions } from './database.ts';
export {
  applyMigrations,
  loadMigrations,
  migrateDatabase,
  migrationsDir,
  MigrationError,
} from './migrate.ts';
export type { Migration } from './migrate.ts';
export type { CopyOptions, CopySource, SqlExecutor } from './sql.ts';
export { Prisma, PrismaClient } from './generated/client.ts';
export type * from './generated/models.ts';
export { CreditRole, UserRole } from './generated/enums.ts';
export { bulkUpsert, encodeCopyValue } from './bulkUpsert.ts';
export {
  copyInteger,
  copyNullableText,
  copyText,
  copyTextArray,
  copyUnlessConflict,
} from './copyRows.ts';
export type { CopyPart } from './copyRows.ts';
export type {
  BulkColumn,
  BulkResult,
  BulkRow,
  BulkTarget,
  BulkValue,
  ConflictPolicy,
} from './bulkUpsert.ts';
export {
  BulkLoadError,
  BulkLoadInProgressError,
  isForeignKey,
  isPrimaryKey,
  listDeferredDefinitions,
  nonEmptyTables,
  recoverInterruptedBulkLoad,
  restoreDefinitions,
  withDeferredDefinitions,
} from './bulkLoad.ts';
export type { DeferrableTriggers, DeferredDefinition, RestoreOptions } from './bulkLoad.ts';
export { openEmbeddedDatabase, RELAY_CHANNEL } from './embedded/openEmbedded.ts';
export { DataDirInUseError } from './embedded/dataDirLock.ts';
export type { EmbeddedAccess, EmbeddedDatabase, EmbeddedOptions } from './embedded/openEmbedded.ts';
export type { LockHolder } from './embedded/dataDirLock.ts';
export { relayOutbox, writeOutboxEvent } from './outbox.ts';
export type { OutboxEvent, OutboxRelay, OutboxSink, OutboxTable, RawWriter } from './outbox.ts';
