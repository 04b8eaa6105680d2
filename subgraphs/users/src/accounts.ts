import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword, type TokenService } from '@marquee/auth';
import { badUserInput, conflict, unauthenticated } from '@marquee/errors';
import { UsernameTakenError, type UserRecord, type UserStore } from './stores/userStore.ts';

const USERNAME = /^[a-z0-9_.-]{3,32}$/;
/** Imported MovieLens users are named `movielens:<id>`; the colon keeps them out of sign-up's space. */
export const IMPORTED_USER_PREFIX = 'movielens:';

export interface Accounts {
  signUp(input: { username: string; password: string; displayName?: string | null }): Promise<Session>;
  logIn(input: { username: string; password: string }): Promise<Session>;
}

export interface Session {
  token: string;
  expiresAt: Date;
  user: UserRecord;
}

// Verifying against a fixed hash when the user does not exist keeps the response time the same,
// so login timing does not reveal which usernames exist.
const dummyHash = hashPassword(randomUUID());

export function createAccounts(users: UserStore, tokens: TokenService, ttlSeconds: number): Accounts {
  const session = async (user: UserRecord): Promise<Session> => ({
    ...(await tokens.issue({ userId: user.id, role: user.role }, ttlSeconds, randomUUID())),
    user,
  });
  return {
    async signUp({ username, password, displayName }) {
      const name = username.trim().toLowerCase();
      if (!USERNAME.test(name)) {
        throw badUserInput('Usernames are 3 to 32 characters: letters, digits, "_", "." or "-".', 'username');
      }
      if (password.length < 8 || password.length > 128) {
        throw badUserInput('Passwords are 8 to 128 characters long.', 'password');
      }
      const shown = (displayName ?? name).trim();
      if (shown.length < 1 || shown.length > 64) {
        throw badUserInput('Display names are 1 to 64 characters long.', 'displayName');
      }
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
      const found = await users.passwordHashOf(username.trim().toLowerCase());
      const hash = found?.passwordHash ?? (await dummyHash);
      const ok = await verifyPassword(hash, password);
      if (!ok || found === null || found.passwordHash === null) {
        throw unauthenticated('Wrong username or password.');
      }
      return session(found.user);
    },
  };
}
