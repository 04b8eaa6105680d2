import { randomUUID } from 'node:crypto';
import { Prisma, writeOutboxEvent, type Database, type UserRole } from '@marquee/db';
import type { AccountDeletedEvent } from '@marquee/pubsub';

/** Where this subgraph's events wait for the relay (same database as the accounts). */
export const USERS_OUTBOX = 'users.event_outbox';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  createdAt: Date;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  role?: UserRole;
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

export interface UserStore {
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** The stored hash, for login only; never part of a record that reaches a resolver. */
  passwordHashOf(
    username: string,
  ): Promise<{ user: UserRecord; passwordHash: string | null } | null>;
  /** Throws UsernameTakenError when the username exists. */
  create(user: NewUser): Promise<UserRecord>;
  /** Changes an account's role (operators, through `marquee token --role admin`). */
  setRole(id: string, role: UserRole): Promise<UserRecord>;
  /**
   * Removes the account and everything the users subgraph holds of it (watchlist, lists and their
   * items, preferences, refresh tokens) and writes its `account.deleted` event to the outbox, in
   * one transaction, so the other subgraphs hear of every deletion that happened and of no other;
   * `false` (and no event) when there was no account.
   */
  deleteAccount(id: string): Promise<boolean>;
  /** Creates the users that do not exist yet (imports, seeds); returns the ids by username. */
  ensureMany(users: readonly NewUser[]): Promise<Map<string, string>>;
}

const select = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  createdAt: true,
} as const;

/** `onEvent` is told after a transaction that wrote an event committed (the relay's wake-up). */
export function createUserStore(db: Database, onEvent: () => void = () => {}): UserStore {
  const { prisma } = db;
  return {
    findByIds: (ids) => prisma.user.findMany({ where: { id: { in: [...ids] } }, select }),
    findByUsername: (username) => prisma.user.findUnique({ where: { username }, select }),
    async passwordHashOf(username) {
      const row = await prisma.user.findUnique({
        where: { username },
        select: { ...select, passwordHash: true },
      });
      if (row === null) return null;
      const { passwordHash, ...user } = row;
      return { user, passwordHash };
    },
    async create(user) {
      try {
        return await prisma.user.create({ data: user, select });
      } catch (error) {
        // P2002: unique constraint; concurrent sign-ups for one name end here, not in a 500.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new UsernameTakenError(user.username);
        }
        throw error;
      }
    },
    setRole: (id, role) => prisma.user.update({ where: { id }, data: { role }, select }),
    async deleteAccount(id) {
      const removed = await prisma.$transaction(async (tx) => {
        await tx.watchlistItem.deleteMany({ where: { userId: id } });
        // List items go with their list (ON DELETE CASCADE).
        await tx.movieList.deleteMany({ where: { ownerId: id } });
        await tx.preference.deleteMany({ where: { userId: id } });
        await tx.refreshToken.deleteMany({ where: { userId: id } });
        const { count } = await tx.user.deleteMany({ where: { id } });
        if (count === 0) return false;
        const payload: AccountDeletedEvent = {
          eventId: randomUUID(),
          userId: id,
          at: new Date().toISOString(),
        };
        await writeOutboxEvent(tx, USERS_OUTBOX, {
          id: payload.eventId,
          topic: 'account.deleted',
          payload,
        });
        return true;
      });
      if (removed) onEvent();
      return removed;
    },
    async ensureMany(users) {
      await prisma.user.createMany({ data: [...users], skipDuplicates: true });
      const rows = await prisma.user.findMany({
        where: { username: { in: users.map((user) => user.username) } },
        select: { id: true, username: true },
      });
      return new Map(rows.map((row) => [row.username, row.id]));
    },
  };
}
