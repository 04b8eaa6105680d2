import type { Database } from '@marquee/db';

export interface RevokedToken {
  tokenId: string;
  userId: string;
  expiresAt: Date;
}

/** The durable record of logged-out access tokens (`users.revoked_token`). */
export interface RevokedTokenStore {
  /** Recording a token twice keeps the first record. */
  save(token: RevokedToken): Promise<void>;
  /** Every revoked token that has not expired by `now`. */
  unexpired(now: Date): Promise<RevokedToken[]>;
  /** Forgets tokens that expired before `now` (they are refused as expired anyway); returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

export function createRevokedTokenStore(db: Database): RevokedTokenStore {
  const { prisma } = db;
  return {
    async save(token) {
      await prisma.revokedToken.createMany({ data: [token], skipDuplicates: true });
    },
    unexpired: (now) =>
      prisma.revokedToken.findMany({
        where: { expiresAt: { gt: now } },
        select: { tokenId: true, userId: true, expiresAt: true },
      }),
    async purgeExpired(now) {
      const { count } = await prisma.revokedToken.deleteMany({
        where: { expiresAt: { lte: now } },
      });
      return count;
    },
  };
}
