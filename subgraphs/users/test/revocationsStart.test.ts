import { createLogger } from '@marquee/logger';
import { describe, expect, it } from 'vitest';
import { createDurableRevocations, type RevocationCache } from '../src/revocations.ts';
import type { RevokedToken, RevokedTokenStore } from '../src/stores/revokedTokenStore.ts';

const logger = createLogger({ name: 'test', level: 'silent' });

const record = (tokens: RevokedToken[]): RevokedTokenStore => ({
  save: () => Promise.resolve(),
  unexpired: () => Promise.resolve(tokens),
  purgeExpired: () => Promise.resolve(0),
});

describe('revocations at start', () => {
  it('waits for a revocation cache that times out at first, then loads every unexpired logout before serving', async () => {
    let failuresLeft = 2;
    const revoked = new Map<string, number>();
    let loaded = false;
    const cache: RevocationCache = {
      isLoaded() {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          return Promise.reject(new Error('Command timed out'));
        }
        return Promise.resolve(loaded);
      },
      revoke: (tokenId, expiresAt) => Promise.resolve(void revoked.set(tokenId, expiresAt)),
      markLoaded: () => Promise.resolve(void (loaded = true)),
    };
    const expiresAt = new Date(Date.now() + 3_600_000);
    const revocations = createDurableRevocations({
      record: record([{ tokenId: 't1', userId: 'u1', expiresAt }]),
      cache,
      logger,
    });
    const stop = await revocations.start();
    await stop();
    expect(failuresLeft).toBe(0);
    expect(loaded).toBe(true);
    expect([...revoked]).toEqual([['t1', Math.floor(expiresAt.getTime() / 1000)]]);
  });
});
