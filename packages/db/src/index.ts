export { openDatabase } from './database.ts';
export type { Database, DatabaseConfig, OpenDatabaseOptions } from './database.ts';
export { applyMigrations, loadMigrations, migrateDatabase, migrationsDir, MigrationError } from './migrate.ts';
export type { Migration } from './migrate.ts';
export type { SqlExecutor } from './sql.ts';
export { Prisma, PrismaClient } from './generated/client.ts';
export type * from './generated/models.ts';
export { CreditRole, UserRole } from './generated/enums.ts';
