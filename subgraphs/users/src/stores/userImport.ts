import { bulkUpsert, type BulkResult, type Database } from '@marquee/db';

/** An imported account (MovieLens): no password, so it cannot log in. */
export interface ImportedUser {
  line: number;
  id: string;
  username: string;
  displayName: string;
}

/** Bulk writes into the users subgraph's tables, for `marquee ingest`. */
export interface UserImportStore {
  upsertUsers(rows: readonly ImportedUser[]): Promise<BulkResult>;
}

export function createUserImportStore(db: Database): UserImportStore {
  // One batch at a time: a user named in two batches written at once would be inserted by both,
  // and the loser fails on the unique username (ON CONFLICT only waits on the id). After the
  // first commits, the second sees the user and changes nothing.
  let turn: Promise<unknown> = Promise.resolve();
  const write = (rows: readonly ImportedUser[]) =>
    bulkUpsert(
      db.sql,
      {
        table: 'users."user"',
        key: ['id'],
        columns: [
          { name: 'id', type: 'text' },
          { name: 'username', type: 'text' },
          { name: 'display_name', type: 'text', onConflict: 'insertOnly' },
          { name: 'password_hash', type: 'text', onConflict: 'insertOnly' },
        ],
        touch: 'updated_at',
      },
      rows.map((row) => ({
        line: row.line,
        values: [row.id, row.username, row.displayName, null],
      })),
    );
  return {
    upsertUsers(rows) {
      const upsert = turn.then(() => write(rows));
      turn = upsert.catch(() => undefined);
      return upsert;
    },
  };
}
