/**
 * What a competing gateway adds to each subgraph request so that Marquee's subgraphs answer it:
 * the router signature over the operation's text (HMAC-SHA256, as the Marquee router sends it)
 * and, for a request that carries a bearer token, the signed identity of the benchmark's user.
 * The competitors do not verify the token (no PASETO check, no revocation lookup, no rate-limit
 * counter): they do strictly less per request than the Marquee router, so the ratios are not
 * flattered by the signing.
 */
import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterRequest,
  type Identity,
} from '@marquee/auth';

export interface CompetitorSigning {
  secret: string;
  identity: Identity;
}

/** Read from the environment the benchmark starts the competitor with. */
export function signingFromEnv(): CompetitorSigning {
  const secret = process.env['INTERNAL_IDENTITY_SECRET'];
  const identity = process.env['BENCH_IDENTITY'];
  if (secret === undefined || identity === undefined)
    throw new Error('INTERNAL_IDENTITY_SECRET and BENCH_IDENTITY must be set.');
  return { secret, identity: JSON.parse(identity) as Identity };
}

export function subgraphHeaders(
  signing: CompetitorSigning,
  query: string,
  signedIn: boolean,
): Record<string, string> {
  return {
    [ROUTER_SIGNATURE_HEADER]: signRouterRequest(query, signing.secret),
    ...(signedIn ? { [IDENTITY_HEADER]: signIdentity(signing.identity, signing.secret) } : {}),
  };
}
