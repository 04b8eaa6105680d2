import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '@marquee/errors';
import Negotiator from 'negotiator';

export const MEDIA_TYPES = {
  json: 'application/json; charset=utf-8',
  graphqlResponse: 'application/graphql-response+json; charset=utf-8',
  // Apollo Server's third single-result type; negotiated here only so the choice matches its own.
  jsonCallback: 'application/json; callbackSpec=1.0; charset=utf-8',
} as const;

/**
 * The media type Apollo Server answers a single result with for this `Accept` header: the same
 * candidates in the same order (its `chooseContentTypeForSingleResultResponse`), `application/json`
 * without the header, as GraphQL over HTTP asks of servers for clients that predate the new type.
 */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (accept === undefined || accept === '') return MEDIA_TYPES.json;
  return new Negotiator({ headers: { accept } }).mediaType([
    MEDIA_TYPES.json,
    MEDIA_TYPES.graphqlResponse,
    MEDIA_TYPES.jsonCallback,
  ]);
}

/**
 * Request errors of a well-formed request: the document does not parse or validate, exceeds a
 * limit, its variables do not coerce, its operation is not found or not allowed by the safelist.
 * A malformed request (no query, a body that is not a GraphQL request) is not among them.
 */
const REQUEST_ERROR_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
]);

/**
 * Status codes per media type, as the GraphQL-over-HTTP spec gives them
 * (https://graphql.github.io/graphql-over-http/draft/#sec-Status-Codes). Apollo Server answers
 * every request error with 400 whatever the client accepts; the spec wants, for a well-formed
 * request:
 * - `application/json`: 200 for every GraphQL response, request errors included (legacy clients
 *   read errors only from 200 responses);
 * - `application/graphql-response+json`: a response without `data` (a request error) is never 2xx.
 * Statuses that are HTTP decisions about the caller (401, 405, 413, 429 with Retry-After) stay.
 */
export function graphqlOverHttpPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ request, response }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || errors === undefined || errors.length === 0)
            return Promise.resolve();
          const mediaType = responseMediaType(request.http?.headers.get('accept'));
          const status = response.http.status ?? 200;
          if (mediaType === MEDIA_TYPES.graphqlResponse) {
            if (status < 300) response.http.status = 400;
          } else if (
            status === 400 &&
            errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.['code'])))
          ) {
            response.http.status = 200;
          }
          return Promise.resolve();
        },
      }),
  };
}
