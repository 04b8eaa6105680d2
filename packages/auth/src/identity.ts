import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Identity } from './roles.ts';

/**
 * The router verifies the client's token once and forwards who the caller is in this header,
 * signed with a secret only the router and the subgraphs hold. A request that reaches a subgraph
 * without a valid signature carries no identity, whatever headers it sends.
 */
export const IDENTITY_HEADER = 'x-marquee-identity';

/** A forwarded identity is only good for a short while, which bounds replay of a captured header. */
const MAX_AGE_SECONDS = 60;

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

export function signIdentity(identity: Identity, secret: string, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({
      u: identity.userId,
      r: identity.role,
      e: identity.expiresAt,
      t: Math.floor(now / 1000),
      ...(identity.tokenId === undefined ? {} : { j: identity.tokenId }),
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export interface VerifyIdentityOptions {
  /** Largest accepted age of the signature in seconds. Default 60. A subscription's identity
   * travels once per operation over a socket the router itself opened (see
   * `verifyRouterCredential`) and is re-sent unchanged when that socket reconnects, so it is
   * checked against the token's own expiry alone (`Infinity`). */
  maxAgeSeconds?: number;
}

export function verifyIdentity(
  header: string | undefined,
  secret: string,
  now = Date.now(),
  options: VerifyIdentityOptions = {},
): Identity | undefined {
  const maxAge = options.maxAgeSeconds ?? MAX_AGE_SECONDS;
  if (header === undefined) return undefined;
  const [payload, signature, extra] = header.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  const { u, r, e, t, j } = decoded as Record<string, unknown>;
  const nowSeconds = Math.floor(now / 1000);
  if (typeof u !== 'string' || !isRole(r) || typeof e !== 'number' || typeof t !== 'number')
    return undefined;
  if (e <= nowSeconds || nowSeconds - t > maxAge || t - nowSeconds > MAX_AGE_SECONDS)
    return undefined;
  return { userId: u, role: r, expiresAt: e, ...(typeof j === 'string' ? { tokenId: j } : {}) };
}

const ROUTER_CREDENTIAL_CONTEXT = 'marquee-router-socket';

/**
 * What the router sends in `connection_init` when it opens a subscription socket to a subgraph:
 * proof that the socket comes from the router (only it and the subgraphs hold the secret),
 * fresh on every (re)connection.
 */
export function signRouterCredential(secret: string, now = Date.now()): string {
  const issued = String(Math.floor(now / 1000));
  return `${issued}.${sign(`${ROUTER_CREDENTIAL_CONTEXT}.${issued}`, secret)}`;
}

export function verifyRouterCredential(value: unknown, secret: string, now = Date.now()): boolean {
  if (typeof value !== 'string') return false;
  const [issued, signature, extra] = value.split('.');
  if (
    issued === undefined ||
    signature === undefined ||
    extra !== undefined ||
    !/^\d{1,12}$/.test(issued)
  )
    return false;
  const expected = Buffer.from(sign(`${ROUTER_CREDENTIAL_CONTEXT}.${issued}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return Math.abs(Math.floor(now / 1000) - Number(issued)) <= MAX_AGE_SECONDS;
}

/**
 * Every operation the router sends a subgraph over HTTP carries this header, signed anonymous or
 * not: subgraphs answer only the router (a caller who reaches a subgraph's port directly would
 * skip the router's limits and read `_service { sdl }`). The signature covers the query text, so
 * a captured header cannot carry another operation, and is good for `MAX_AGE_SECONDS`.
 */
export const ROUTER_SIGNATURE_HEADER = 'x-marquee-router-signature';
const ROUTER_REQUEST_CONTEXT = 'marquee-router-request';

export function signRouterRequest(query: string, secret: string, now = Date.now()): string {
  const issued = String(Math.floor(now / 1000));
  return `${issued}.${sign(`${ROUTER_REQUEST_CONTEXT}.${issued}.${query}`, secret)}`;
}

export function verifyRouterRequest(
  value: unknown,
  query: string,
  secret: string,
  now = Date.now(),
): boolean {
  if (typeof value !== 'string') return false;
  const [issued, signature, extra] = value.split('.');
  if (
    issued === undefined ||
    signature === undefined ||
    extra !== undefined ||
    !/^\d{1,12}$/.test(issued)
  )
    return false;
  const expected = Buffer.from(sign(`${ROUTER_REQUEST_CONTEXT}.${issued}.${query}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return Math.abs(Math.floor(now / 1000) - Number(issued)) <= MAX_AGE_SECONDS;
}
