import type { DocumentNode } from 'graphql';

/**
 * The hash graphql-codegen gave this document (`__meta__.hash`, the SHA-256 of its printed text,
 * the key of `persisted-documents.json`), without the `sha256:` prefix, as the router expects it in
 * `extensions.persistedQuery.sha256Hash`. Undefined for a document the codegen did not see.
 */
export function persistedHash(document: DocumentNode): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : undefined;
}
