import { ErrorCode } from '@marquee/errors';
import { GraphQLError } from 'graphql';
import type { PersistedQueryList } from './manifest.ts';

/** PERSISTED_QUERIES: see docs/http.md. */
export type PersistedQueryMode = 'off' | 'apq' | 'safelist';

export interface PersistedQueryPolicy {
  mode: PersistedQueryMode;
  /** The manifest: pre-registered in `apq` mode, the only operations run in `safelist` mode. */
  list: PersistedQueryList;
}

/** What the router does with a request's `query` and `extensions` before Apollo Server sees them. */
export type PersistedAdmission =
  | { kind: 'unchanged' }
  | { kind: 'listed'; query: string; extensions: Record<string, unknown> | undefined }
  | { kind: 'refused'; error: GraphQLError };

export const notInList = () =>
  new GraphQLError('This operation is not in the persisted query list.', {
    extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST },
  });

function persistedHash(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * The one place the manifest is applied, for HTTP and WebSocket alike:
 * - a hash the manifest lists runs the manifest's text, whatever text came with it (the client's
 *   printer may format it differently), and without the `persistedQuery` extension, so Apollo
 *   Server neither looks it up nor registers it;
 * - in `safelist` mode anything else is refused, except a text the manifest lists;
 * - otherwise the request goes on unchanged (`apq`: Apollo Server's automatic persisted queries).
 * A request with neither a query nor a hash goes on too: Apollo Server answers it as malformed.
 */
export function admitPersisted(
  policy: PersistedQueryPolicy,
  query: unknown,
  extensions: unknown,
): PersistedAdmission {
  if (policy.mode === 'off') return { kind: 'unchanged' };
  const hash = persistedHash(extensions);
  const listed = hash === undefined ? undefined : policy.list.text(hash);
  if (listed !== undefined) {
    const { persistedQuery: _persisted, ...rest } = extensions as Record<string, unknown>;
    return {
      kind: 'listed',
      query: listed,
      extensions: Object.keys(rest).length === 0 ? undefined : rest,
    };
  }
  if (policy.mode === 'apq') return { kind: 'unchanged' };
  if (hash === undefined && typeof query !== 'string') return { kind: 'unchanged' };
  if (hash === undefined && typeof query === 'string' && policy.list.listsText(query))
    return { kind: 'unchanged' };
  return { kind: 'refused', error: notInList() };
}
