import type { ApolloServerPlugin } from '@apollo/server';
import type { Role } from '@marquee/auth';
import { unauthenticated, upstreamUnavailable } from '@marquee/errors';
import { createEntityLoader } from '@marquee/server-kit';
import { GraphQLError, Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import type { RouterContext } from './types.ts';

/** The account behind a token as it is now, from the users subgraph, which owns accounts. */
export interface AccountCheck {
  /** The account's current role, or `null` when the account no longer exists. */
  currentRole(userId: string): Promise<Role | null>;
}

/** Asks the users subgraph through a federated `_entities` lookup (`User.role` is public). */
export function createFederatedAccountCheck(usersUrl: string, secret: string): AccountCheck {
  // Batched and shared while in flight, never cached: a burst of writes costs the users subgraph
  // a few requests, and a role change counts for every request that starts after it.
  const lookup = createEntityLoader<{ role?: unknown }>({
    url: usersUrl,
    secret,
    typename: 'User',
    selection: 'role',
  });
  return {
    async currentRole(userId) {
      const role = (await lookup(userId))?.role;
      return role === 'ADMIN' || role === 'USER' ? role : null;
    },
  };
}

/**
 * A token's claims are a snapshot from when it was issued (operator tokens last up to a year), so
 * where it matters the router asks the account: every mutation, and every operation of a token
 * that claims ADMIN. A deleted account's token is refused (HTTP 401); otherwise the identity the
 * subgraphs receive carries the lower of the claimed and the current role, so a demoted admin
 * loses admin powers at once and a promotion takes a new token. Reads by user tokens skip the
 * lookup: they gain nothing from a stale claim.
 */
export function accountCheckPlugin(check: AccountCheck): ApolloServerPlugin<RouterContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async didResolveOperation({ operation, contextValue }) {
          const { identity } = contextValue;
          if (
            identity === undefined ||
            (operation?.operation !== OperationTypeNode.MUTATION && identity.role !== 'ADMIN')
          )
            return;
          let current: Role | null;
          try {
            current = await check.currentRole(identity.userId);
          } catch (error) {
            throw unanswerable(error, operation);
          }
          if (current === null) {
            const refused = unauthenticated('This account no longer exists.');
            throw new GraphQLError(refused.message, {
              extensions: { ...refused.extensions, http: { status: 401 } },
            });
          }
          if (current === 'USER' && identity.role === 'ADMIN')
            contextValue.identity = { ...identity, role: 'USER' };
        },
      }),
  };
}

/**
 * The users subgraph could not say (it or its database is down): the operation is not run, and
 * the error reads like any other upstream failure — its code, at the path of each root field it
 * stopped, with HTTP 200 — instead of a 500 or a false "no such account".
 */
function unanswerable(error: unknown, operation: OperationDefinitionNode | undefined) {
  const cause =
    error instanceof GraphQLError
      ? error
      : upstreamUnavailable('The account behind this token cannot be checked right now.');
  const fields = (operation?.selectionSet.selections ?? []).flatMap((selection) =>
    selection.kind === Kind.FIELD ? [(selection.alias ?? selection.name).value] : [],
  );
  return new GraphQLError(cause.message, {
    path: fields.slice(0, 1),
    extensions: { ...cause.extensions, subgraph: 'users', http: { status: 200 } },
  });
}
