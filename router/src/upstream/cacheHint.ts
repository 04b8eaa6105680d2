/** Apollo's cache hint (`@apollo/cache-control-types`), as `overallCachePolicy.restrict` takes it. */
export interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * A subgraph's `Cache-Control` as a cache hint, read as @apollo/gateway's RemoteGraphQLDataSource
 * reads it (`honorSubgraphCacheControlHeader`, which this router's data source replaces): a
 * `max-age` of whole seconds, `public` or `private`; anything else, or no header, is uncacheable.
 */
export function cacheHintOf(header: string | undefined): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  if (header === undefined) return hint;
  for (const part of header.split(',')) {
    const [name = '', raw] = part.trim().split('=', 2);
    const key = name.trim().toLowerCase();
    const value = raw?.trim().replace(/^"|"$/g, '');
    if (key === 'max-age' && value !== undefined && /^\d+$/.test(value))
      hint.maxAge = Number(value);
    else if (key === 'private') hint.scope = 'PRIVATE';
    else if (key === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}
