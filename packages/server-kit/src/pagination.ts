import { badUserInput } from '@marquee/errors';

export const MAX_PAGE_SIZE = 100;

/** Validates a connection's `first` argument (1..max). */
export function pageSize(
  first: number | null | undefined,
  fallback = 20,
  max = MAX_PAGE_SIZE,
): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badUserInput(`"first" must be between 1 and ${max}.`, 'first');
  }
  return size;
}

/** Cursors this codec writes are far shorter; anything longer is not one of them. */
const MAX_CURSOR_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The one cursor codec: opaque to clients, base64url of a small JSON object. Each field says what
 * its position holds with `isPosition`, built from `cursorValue` (input.ts), so no value a client
 * crafted reaches a query unchecked.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | null | undefined,
  isPosition: (value: Record<string, unknown>) => value is T & Record<string, unknown>,
): T | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (cursor.length <= MAX_CURSOR_LENGTH && BASE64URL.test(cursor)) {
    try {
      const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        isPosition(value as Record<string, unknown>)
      )
        return value as T;
    } catch {
      // fall through to the error below
    }
  }
  throw badUserInput('"after" is not a cursor this field returned.', 'after');
}

/** Builds a Relay connection from one fetched page (`pageInfo` backwards fields are false/first-based). */
export function connection<Node>(
  nodes: readonly Node[],
  hasNextPage: boolean,
  cursorOf: (node: Node) => string,
  hasPreviousPage: boolean,
) {
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
