import { describe, expect, it } from 'vitest';
import {
  generateTokenKeyPair,
  InvalidTokenError,
  TokenService,
  verifyIdentity,
  verifyRouterRequest,
} from '@marquee/auth';
import { cacheVerifiedTokens } from '../src/tokenCache.ts';
import { createUpstreamSigner } from '../src/upstream/signing.ts';

describe('cacheVerifiedTokens', () => {
  it('checks a token signature once, forgets it once the token has expired, and never remembers a refusal', async () => {
    const tokens = await TokenService.fromKeys(await generateTokenKeyPair());
    let checks = 0;
    const counting = {
      verify: (token: string) => {
        checks += 1;
        return tokens.verify(token);
      },
    };
    let clock = Date.now();
    const cache = cacheVerifiedTokens(counting, () => clock);
    const { token } = await tokens.issue({ userId: 'ada', role: 'USER' }, 60, 'jti-1');

    const first = await cache.verify(token);
    const second = await cache.verify(token);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ userId: 'ada', role: 'USER', tokenId: 'jti-1' });
    expect(checks).toBe(1);

    // Past its expiry the cached claims are dropped and the real check runs again.
    clock += 61_000;
    await cache.verify(token).catch(() => undefined);
    expect(checks).toBe(2);

    const refusals = [
      await cache.verify('v4.public.garbage').catch((error: unknown) => error),
      await cache.verify('v4.public.garbage').catch((error: unknown) => error),
    ];
    expect(refusals.every((error) => error instanceof InvalidTokenError)).toBe(true);
    expect(checks).toBe(4);
  });
});

describe('createUpstreamSigner', () => {
  const secret = 'k'.repeat(32);

  it('signs an operation once per second, each signature valid for its text only', () => {
    let clock = 1_000_000;
    const signer = createUpstreamSigner(secret, () => clock);
    const first = signer.routerSignature('{ a }');
    expect(signer.routerSignature('{ a }')).toBe(first);
    expect(verifyRouterRequest(first, '{ a }', secret, clock)).toBe(true);
    expect(verifyRouterRequest(signer.routerSignature('{ b }'), '{ a }', secret, clock)).toBe(
      false,
    );
    clock += 1_000;
    const next = signer.routerSignature('{ a }');
    expect(next).not.toBe(first);
    expect(verifyRouterRequest(next, '{ a }', secret, clock)).toBe(true);
  });

  it('reuses a signed identity for one request, and re-signs a long-lived one before subgraphs would refuse it', () => {
    let clock = Date.now();
    const signer = createUpstreamSigner(secret, () => clock);
    const identity = {
      userId: 'ada',
      role: 'USER' as const,
      expiresAt: Math.floor(clock / 1000) + 3600,
    };
    const header = signer.identity(identity);
    expect(signer.identity(identity)).toBe(header);
    expect(signer.identity({ ...identity })).toBeDefined();
    clock += 59_000;
    const later = signer.identity(identity);
    expect(later).not.toBe(header);
    expect(verifyIdentity(later, secret, clock)).toMatchObject({ userId: 'ada', role: 'USER' });
  });
});
