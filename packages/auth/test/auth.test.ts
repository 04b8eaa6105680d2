import { describe, expect, it } from 'vitest';
import {
  generateRefreshToken,
  generateTokenKeyPair,
  hashPassword,
  hashRefreshToken,
  InvalidTokenError,
  signIdentity,
  signRouterCredential,
  signRouterRequest,
  TokenService,
  verifyIdentity,
  verifyPassword,
  verifyRouterCredential,
  verifyRouterRequest,
} from '../src/index.ts';

const secret = 'k'.repeat(32);
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt per hash, and verifies only the right password', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    await expect(verifyPassword(first, 'same password')).resolves.toBe(true);
    await expect(verifyPassword(first, 'other password')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'same password')).resolves.toBe(false);
  });
});

describe('access tokens', () => {
  it('issues PASETO v4.public tokens carrying user, role, expiry and token id', async () => {
    const tokens = await TokenService.fromKeys(await generateTokenKeyPair());
    const { token, expiresAt } = await tokens.issue({ userId: 'u1', role: 'ADMIN' }, 120, 'jti-1');
    expect(token).toMatch(/^v4\.public\./);
    await expect(tokens.verify(token)).resolves.toEqual({
      userId: 'u1',
      role: 'ADMIN',
      expiresAt: Math.floor(expiresAt.getTime() / 1000),
      tokenId: 'jti-1',
    });
  });

  it('refuses expired, tampered, foreign-key and malformed tokens with the reason', async () => {
    const tokens = await TokenService.fromKeys(await generateTokenKeyPair());
    const expired = await tokens.issue({ userId: 'u1', role: 'USER' }, 1, 'e');
    const valid = await tokens.issue({ userId: 'u1', role: 'USER' }, 60, 'v');
    const foreign = await (
      await TokenService.fromKeys(await generateTokenKeyPair())
    ).issue({ userId: 'u1', role: 'ADMIN' }, 60, 'f');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(tokens.verify(expired.token)).rejects.toMatchObject({ reason: 'expired' });
    await expect(tokens.verify(`${valid.token.slice(0, -3)}abc`)).rejects.toMatchObject({
      reason: 'invalid',
    });
    await expect(tokens.verify(foreign.token)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verify('v2.local.whatever')).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('cannot issue with the public key alone (the router)', async () => {
    const { publicKey } = await generateTokenKeyPair();
    const verifier = await TokenService.fromKeys({ publicKey });
    await expect(verifier.issue({ userId: 'u', role: 'USER' }, 60, 'x')).rejects.toThrow(
      /no secret key/,
    );
  });
});

describe('router-signed identity', () => {
  it('round-trips user, role, expiry and token id', () => {
    const identity = { userId: 'u1', role: 'USER' as const, expiresAt: inAMinute(), tokenId: 't1' };
    expect(verifyIdentity(signIdentity(identity, secret), secret)).toEqual(identity);
  });

  it('carries no identity when the header is missing, forged, altered or stale', () => {
    const identity = { userId: 'u1', role: 'USER' as const, expiresAt: inAMinute() };
    const header = signIdentity(identity, secret);
    expect(verifyIdentity(undefined, secret)).toBeUndefined();
    expect(
      verifyIdentity(
        signIdentity({ ...identity, role: 'ADMIN' }, 'another-secret-of-32-characters!'),
        secret,
      ),
    ).toBeUndefined();
    const [payload, signature] = header.split('.') as [string, string];
    const promoted = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('"USER"', '"ADMIN"'),
    ).toString('base64url');
    expect(verifyIdentity(`${promoted}.${signature}`, secret)).toBeUndefined();
    expect(
      verifyIdentity(signIdentity(identity, secret, Date.now() - 120_000), secret),
    ).toBeUndefined();
    expect(verifyIdentity(`${header}.extra`, secret)).toBeUndefined();
  });

  it('accepts an old signature when the caller lifts the age limit, but never past the token expiry', () => {
    const identity = {
      userId: 'u1',
      role: 'USER' as const,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    };
    const hourOld = signIdentity(identity, secret, Date.now() - 3_000_000);
    expect(verifyIdentity(hourOld, secret)).toBeUndefined();
    expect(verifyIdentity(hourOld, secret, Date.now(), { maxAgeSeconds: Infinity })).toEqual(
      identity,
    );
    const expired = signIdentity(
      { ...identity, expiresAt: Math.floor(Date.now() / 1000) - 1 },
      secret,
      Date.now() - 60_000,
    );
    expect(
      verifyIdentity(expired, secret, Date.now(), { maxAgeSeconds: Infinity }),
    ).toBeUndefined();
  });
});

describe('router socket credential', () => {
  it('is accepted fresh and with the right secret only', () => {
    const credential = signRouterCredential(secret);
    expect(verifyRouterCredential(credential, secret)).toBe(true);
    expect(verifyRouterCredential(credential, 'another-secret-of-32-characters!')).toBe(false);
    expect(verifyRouterCredential(signRouterCredential(secret, Date.now() - 120_000), secret)).toBe(
      false,
    );
    const [issued, signature] = credential.split('.') as [string, string];
    expect(verifyRouterCredential(`${Number(issued) + 1}.${signature}`, secret)).toBe(false);
    expect(verifyRouterCredential(undefined, secret)).toBe(false);
    expect(verifyRouterCredential({ credential }, secret)).toBe(false);
    // A signed identity is not a router credential, though both use the same secret.
    expect(
      verifyRouterCredential(
        signIdentity({ userId: 'u', role: 'ADMIN', expiresAt: inAMinute() }, secret),
        secret,
      ),
    ).toBe(false);
  });
});

describe('router request signature', () => {
  it('vouches for one query, fresh and with the right secret only', () => {
    const query = '{ _entities(representations: $r) { __typename } }';
    const signature = signRouterRequest(query, secret);
    expect(verifyRouterRequest(signature, query, secret)).toBe(true);
    expect(verifyRouterRequest(signature, '{ _service { sdl } }', secret)).toBe(false);
    expect(verifyRouterRequest(signature, query, 'another-secret-of-32-characters!')).toBe(false);
    expect(
      verifyRouterRequest(signRouterRequest(query, secret, Date.now() - 120_000), query, secret),
    ).toBe(false);
    expect(verifyRouterRequest(undefined, query, secret)).toBe(false);
    // The socket credential, signed with the same secret, is not a request signature.
    expect(verifyRouterRequest(signRouterCredential(secret), query, secret)).toBe(false);
  });
});

describe('refresh tokens', () => {
  it('are random, opaque and stored as a SHA-256 that does not reveal them', () => {
    const [a, b] = [generateRefreshToken(), generateRefreshToken()];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(hashRefreshToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(a)).toBe(hashRefreshToken(a));
    expect(hashRefreshToken(a)).not.toContain(a.slice(3, 20));
  });
});
