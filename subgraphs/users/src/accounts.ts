import { randomUUID } from 'node:crypto';
import {
  generateRefreshToken,
  hashPassword,
  hashRefreshToken,
  verifyPassword,
  type Identity,
  type TokenService,
} from '@marquee/auth';
import { badUserInput, conflict, forbidden, unauthenticated } from '@marquee/errors';
import { isStorableId, requireText } from '@marquee/server-kit';
import type { TokenRevocations } from './revocations.ts';
import type { RefreshTokenStore } from './stores/refreshTokenStore.ts';
import { UsernameTakenError, type UserRecord, type UserStore } from './stores/userStore.ts';

const USERNAME = /^[a-z0-9_.-]{3,32}$/;
/** Imported MovieLens users are named `movielens:<id>`; the colon keeps them out of sign-up's space. */
export const IMPORTED_USER_PREFIX = 'movielens:';

export interface Accounts {
  signUp(input: {
    username: string;
    password: string;
    displayName?: string | null;
  }): Promise<Session>;
  logIn(input: { username: string; password: string }): Promise<Session>;
  /** Trades a refresh token for a new session; the old refresh token is spent (rotation). */
  refresh(refreshToken: string): Promise<Session>;
  /** Revokes the access token the request came with and, when given, that refresh token. */
  logOut(identity: Identity, refreshToken: string | undefined): Promise<void>;
  /**
   * Deletes the caller's account after checking their password; the store announces it
   * (`account.deleted`, through its outbox) so the other subgraphs remove what they hold of the user.
   */
  deleteAccount(identity: Identity, password: string): Promise<void>;
}

export interface Session {
  token: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: UserRecord;
}

export interface AccountsOptions {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  revocations: TokenRevocations;
  tokens: TokenService;
  ttlSeconds: number;
  refreshTtlSeconds: number;
}

// Verifying against a fixed hash when the user does not exist keeps the response time the same,
// so login timing does not reveal which usernames exist.
const dummyHash = hashPassword(randomUUID());

export function createAccounts(options: AccountsOptions): Accounts {
  const { users, refreshTokens, revocations, tokens, ttlSeconds, refreshTtlSeconds } = options;
  const session = async (user: UserRecord): Promise<Session> => {
    const access = await tokens.issue(
      { userId: user.id, role: user.role },
      ttlSeconds,
      randomUUID(),
    );
    const refreshToken = generateRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + refreshTtlSeconds * 1000);
    await refreshTokens.save({
      tokenHash: hashRefreshToken(refreshToken),
      userId: user.id,
      expiresAt: refreshExpiresAt,
    });
    return { ...access, refreshToken, refreshExpiresAt, user };
  };
  return {
    async signUp({ username, password, displayName }) {
      const name = username.trim().toLowerCase();
      if (!USERNAME.test(name)) {
        throw badUserInput(
          'Usernames are 3 to 32 characters: letters, digits, "_", "." or "-".',
          'username',
        );
      }
      requireText(password, 'password', {
        min: 8,
        max: 128,
        message: 'Passwords are 8 to 128 characters long.',
      });
      const shown = requireText(displayName ?? name, 'displayName', {
        min: 1,
        max: 64,
        trim: true,
        message: 'Display names are 1 to 64 characters long.',
      });
      try {
        const user = await users.create({
          id: randomUUID(),
          username: name,
          displayName: shown,
          passwordHash: await hashPassword(password),
        });
        return await session(user);
      } catch (error) {
        if (error instanceof UsernameTakenError) throw conflict('That username is taken.');
        throw error;
      }
    },
    async logIn({ username, password }) {
      const name = username.trim().toLowerCase();
      // Names sign-up could never have created are not looked up (NUL would fail in the driver).
      const found = isStorableId(name) ? await users.passwordHashOf(name) : null;
      const hash = found?.passwordHash ?? (await dummyHash);
      const ok = await verifyPassword(hash, password);
      if (!ok || found === null || found.passwordHash === null) {
        throw unauthenticated('Wrong username or password.');
      }
      return session(found.user);
    },
    async refresh(refreshToken) {
      const userId =
        refreshToken.length > 200
          ? null
          : await refreshTokens.consume(hashRefreshToken(refreshToken), new Date());
      const [user] = userId === null ? [] : await users.findByIds([userId]);
      if (user === undefined)
        throw unauthenticated('The refresh token is not valid; log in again.');
      return session(user);
    },
    async logOut(identity, refreshToken) {
      if (identity.tokenId !== undefined) {
        await revocations.revoke({
          tokenId: identity.tokenId,
          userId: identity.userId,
          expiresAt: identity.expiresAt,
        });
      }
      if (refreshToken !== undefined && refreshToken.length <= 200) {
        await refreshTokens.revoke(hashRefreshToken(refreshToken), identity.userId, new Date());
      }
    },
    async deleteAccount(identity, password) {
      const [user] = await users.findByIds([identity.userId]);
      if (user === undefined) throw unauthenticated('This account no longer exists.');
      const found = await users.passwordHashOf(user.username);
      if (found?.passwordHash === null || found?.passwordHash === undefined) {
        throw forbidden(
          'This account has no password (it was imported), so it cannot be deleted this way.',
        );
      }
      if (password.length > 128 || !(await verifyPassword(found.passwordHash, password)))
        throw unauthenticated('Wrong password.');
      // The deletion and its `account.deleted` event are one transaction in the store.
      await users.deleteAccount(user.id);
      // Other tokens of the account are refused by the router's account check; this one is also
      // revoked so even a router without that check stops it.
      if (identity.tokenId !== undefined) {
        await revocations.revoke({
          tokenId: identity.tokenId,
          userId: user.id,
          expiresAt: identity.expiresAt,
        });
      }
    },
  };
}
