import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterRequest,
  type Identity,
} from '@marquee/auth';
import type { GraphQLFormattedError } from 'graphql';
import type { Subgraph } from './defineSubgraph.ts';

export interface InProcessResult<Data> {
  data?: Data | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs an operation against a built subgraph without a network hop, through the same context
 * factory HTTP uses, signed the way the router signs it (with `identity` when given).
 */
export async function executeInProcess<Data = Record<string, unknown>>(
  // Any subgraph: its context type only has to agree with itself, and TypeScript cannot infer it
  // while callers name `Data` explicitly.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  subgraph: Pick<Subgraph<any, any, any>, 'server' | 'createContext' | 'identitySecret'>,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    identity?: Identity;
    identitySecret?: string;
  } = {},
): Promise<InProcessResult<Data>> {
  const headers: Record<string, string> = {
    [ROUTER_SIGNATURE_HEADER]: signRouterRequest(query, subgraph.identitySecret),
  };
  // `identitySecret` other than the subgraph's forges the identity header (tests of that).
  if (options.identity !== undefined)
    headers[IDENTITY_HEADER] = signIdentity(
      options.identity,
      options.identitySecret ?? subgraph.identitySecret,
    );
  const contextValue = await subgraph.createContext({ headers }, { query });
  const response = await subgraph.server.executeOperation<Data>(
    { query, ...(options.variables === undefined ? {} : { variables: options.variables }) },
    { contextValue },
  );
  if (response.body.kind !== 'single')
    throw new Error('Incremental delivery is not expected here.');
  const { data, errors } = response.body.singleResult;
  return { ...(data === undefined ? {} : { data }), ...(errors === undefined ? {} : { errors }) };
}
