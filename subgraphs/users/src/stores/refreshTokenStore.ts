import type { Database } from '@marquee/db';

/** Refresh tokens live in the users database by hash; see README "Sessions". */
export interface RefreshTokenStore {
  save(token: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks the token used and returns its user when it was valid: unexpired, never used or revoked.
   * Atomic, so two concurrent refreshes with one token cannot both succeed.
   */
  consume(tokenHash: string, now: Date): Promise<string | null>;
  /** Revokes one token of this user; a token of another user is left alone. */
  revoke(tokenHash: string, userId: string, now: Date): Promise<void>;
}

export function createRefreshTokenStore(db: Database): RefreshTokenStore {
  const { prisma } = db;
  return {
    async save(token) {
      await prisma.refreshToken.create({ data: token });
    },
    async consume(tokenHash, now) {
      const { count } = await prisma.refreshToken.updateMany({
        where: { tokenHash, revokedAt: null, expiresAt: { gt: now } },
        data: { revokedAt: now },
      });
      if (count === 0) return null;
      const row = await prisma.refreshToken.findUnique({
        where: { tokenHash },
        select: { userId: true },
      });
      return row?.userId ?? null;
    },
    async revoke(tokenHash, userId, now) {
      await prisma.refreshToken.updateMany({
        where: { tokenHash, userId, revokedAt: null },
        data: { revokedAt: now },
      });
    },
  };
}
