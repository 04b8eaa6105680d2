import { signIdentity, signRouterRequest, type Identity } from '@marquee/auth';

/** How long one signed identity is reused for the same request (the subgraphs accept 60 s). */
const IDENTITY_REUSE_SECONDS = 10;

/** Distinct operation texts whose signatures are kept: the plans' fetches are a bounded few. */
const MAX_SIGNED_QUERIES = 2_000;

/**
 * The two signed headers of a subgraph fetch, computed as rarely as their validity allows. The
 * router signature covers the operation text and the second it was issued, so one signature per
 * fetch text per second serves every request in that second; the identity is signed once per
 * client request (its `Identity` object, for at most 10 s), not once per subgraph fetch.
 */
export function createUpstreamSigner(secret: string, now: () => number = Date.now) {
  let second = -1;
  let signatures = new Map<string, string>();
  const identities = new WeakMap<Identity, { second: number; header: string }>();
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
      const time = now();
      const current = Math.floor(time / 1000);
      const signed = identities.get(identity);
      // A subscription keeps its identity object for hours: its events' fetches get a fresh
      // signature well within the subgraphs' 60 s window.
      if (signed !== undefined && current - signed.second < IDENTITY_REUSE_SECONDS)
        return signed.header;
      const header = signIdentity(identity, secret, time);
      identities.set(identity, { second: current, header });
      return header;
    },
  };
}

export type UpstreamSigner = ReturnType<typeof createUpstreamSigner>;
