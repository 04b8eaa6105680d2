import { createHash } from 'node:crypto';
import type { DocumentStore } from '@apollo/server';
import { parse, type DocumentNode } from 'graphql';

/**
 * Source characters the memo keeps (about ten times that in syntax trees): enough for every
 * document a deployment's clients send, bounded whatever strangers send (each at most the 100 kB
 * body limit).
 */
export const MEMO_SOURCE_CHARS = 4_000_000;

/**
 * Parsed documents by the SHA-256 of their text, least recently used evicted beyond a budget of
 * source characters. HTTP (as Apollo Server's `documentStore`) and WebSocket (`parse`) share it,
 * so a document sent either way is parsed once and is the same object afterwards; what the
 * router decides about a document (admission.ts) is remembered against that object, so it lives
 * and goes with the memo's entry.
 */
export interface DocumentMemo {
  /** For Apollo Server, which keys documents by `<schema hash>:<query hash>`. */
  documentStore: DocumentStore;
  /** The parsed document for `query`; throws graphql-js's syntax error (not remembered). */
  parse(query: string, maxTokens: number): DocumentNode;
  readonly size: number;
}

interface Entry {
  document: DocumentNode;
  chars: number;
}

export function createDocumentMemo(maxSourceChars = MEMO_SOURCE_CHARS): DocumentMemo {
  // A Map keeps insertion order: re-inserting on every hit makes its first key the least recent.
  const entries = new Map<string, Entry>();
  let chars = 0;

  const get = (hash: string): DocumentNode | undefined => {
    const entry = entries.get(hash);
    if (entry === undefined) return undefined;
    entries.delete(hash);
    entries.set(hash, entry);
    return entry.document;
  };
  const set = (hash: string, document: DocumentNode) => {
    const previous = entries.get(hash);
    if (previous !== undefined) {
      entries.delete(hash);
      chars -= previous.chars;
    }
    const size = document.loc?.source.body.length ?? 0;
    entries.set(hash, { document, chars: size });
    chars += size;
    for (const [oldest, entry] of entries) {
      if (chars <= maxSourceChars || oldest === hash) break;
      entries.delete(oldest);
      chars -= entry.chars;
    }
  };
  // Apollo Server prefixes the query hash with the schema's; the router's schema is static.
  const queryHashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);

  return {
    documentStore: {
      get: (key) => Promise.resolve(get(queryHashOf(key))),
      set: (key, document) => {
        set(queryHashOf(key), document);
        return Promise.resolve();
      },
      delete: (key) => Promise.resolve(entries.delete(queryHashOf(key))),
    },
    parse(query, maxTokens) {
      const hash = createHash('sha256').update(query).digest('hex');
      const known = get(hash);
      if (known !== undefined) return known;
      const document = parse(query, { maxTokens });
      set(hash, document);
      return document;
    },
    get size() {
      return entries.size;
    },
  };
}
