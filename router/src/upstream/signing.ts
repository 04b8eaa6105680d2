import { signIdentity, signRouterRequest, type Identity } from '@marquee/auth';

/** Distinct operation texts whose signatures are kept: the plans' fetches are a bounded few. */
const MAX_SIGNED_QUERIES = 2_000;

/**
 * The two signed headers of a subgraph fetch, computed as rarely as their validity allows. The
 * router signature covers the operation text and the second it was issued, so one signature per
 * fetch text per second serves every request in that second; the identity is signed once per
 * client request (its `Identity` object), not once per subgraph fetch.
 */
export function createUpstreamSigner(secret: string, now: () => number = Date.now) {
  let second = -1;
  let signatures = new Map<string, string>();
  const identities = new WeakMap<Identity, string>();
  return {
    routerSignature(query: string): string {
      const time = now();
      const current = Math.floor(time / 1000);
      if (current !== second || signatures.size >= MAX_SIGNED_QUERIES) {
        second = current;
        signatures = new Map();
      }
      let signature = signatures.get(query);
      if (signature === undefined) {
        signature = signRouterRequest(query, secret, time);
        signatures.set(query, signature);
      }
      return signature;
    },
    identity(identity: Identity): string {
      let signed = identities.get(identity);
      if (signed === undefined) {
        signed = signIdentity(identity, secret);
        identities.set(identity, signed);
      }
      return signed;
    },
  };
}

export type UpstreamSigner = ReturnType<typeof createUpstreamSigner>;
