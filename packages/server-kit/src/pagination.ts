import { badUserInput } from '@marquee/errors';

export const MAX_PAGE_SIZE = 100;

/** Validates a connection's `first` argument (1..max). */
export function pageSize(first: number | null | undefined, fallback = 20, max = MAX_PAGE_SIZE): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badUserInput(`"first" must be between 1 and ${max}.`, 'first');
  }
  return size;
}

/** Cursors are opaque to clients: base64url of a small JSON position. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | null | undefined, isPosition: (value: unknown) => value is T): T | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isPosition(value)) return value;
  } catch {
    // fall through to the error below
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
