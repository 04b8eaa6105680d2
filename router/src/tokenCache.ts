import type { TokenService } from '@marquee/auth';

/** Distinct tokens remembered; past it the oldest verification is forgotten first. */
const MAX_TOKENS = 10_000;

export type TokenVerifier = Pick<TokenService, 'verify'>;

/**
 * Remembers each token's verified claims until the token expires: a PASETO v4 signature check
 * (Ed25519) costs more than the rest of a small request's work at the router, and its outcome for
 * a given token never changes except by expiry, which is checked on every use. Failed checks are
 * not remembered. Logouts are not the signature's business: the revocation list is still asked
 * on every request (identity.ts).
 */
export function cacheVerifiedTokens(tokens: TokenVerifier, now: () => number = Date.now) {
  const verified = new Map<string, Awaited<ReturnType<TokenVerifier['verify']>>>();
  return {
    async verify(token: string) {
      const known = verified.get(token);
      if (known !== undefined) {
        if (known.expiresAt * 1000 > now()) return known;
        verified.delete(token);
      }
      const identity = await tokens.verify(token);
      if (verified.size >= MAX_TOKENS) verified.delete(verified.keys().next().value as string);
      verified.set(token, identity);
      return identity;
    },
  } satisfies TokenVerifier;
}
