import {
  ApolloServer,
  HeaderMap,
  type ApolloServerOptions,
  type BaseContext,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { admitPersisted, type PersistedQueryPolicy } from '../persistedQueries/admit.ts';
import { MEDIA_TYPES, responseMediaType } from './graphqlOverHttp.ts';
import { forHttpCaches } from './httpCache.ts';

type ExecuteArgs<Context extends BaseContext> = Parameters<
  ApolloServer<Context>['executeHTTPGraphQLRequest']
>[0];

/** The request's `query` and `extensions` (GET: URL parameters, `extensions` as JSON; POST: the JSON body). */
function requestParams(request: HTTPGraphQLRequest): { query: unknown; extensions: unknown } {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined; // Apollo Server answers the malformed parameter.
    }
    return { query: params.get('query') ?? undefined, extensions };
  }
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { query: undefined, extensions: undefined };
  const { query, extensions } = body as Record<string, unknown>;
  return { query, extensions };
}

function withParams(
  request: HTTPGraphQLRequest,
  query: string,
  extensions: Record<string, unknown> | undefined,
): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    params.set('query', query);
    if (extensions === undefined) params.delete('extensions');
    else params.set('extensions', JSON.stringify(extensions));
    return { ...request, search: `?${params.toString()}` };
  }
  const { extensions: _extensions, ...body } = request.body as Record<string, unknown>;
  return {
    ...request,
    body: { ...body, query, ...(extensions === undefined ? {} : { extensions }) },
  };
}

/** A request error answered at the edge, with the status its media type calls for (graphqlOverHttp.ts). */
function requestErrorResponse(
  request: HTTPGraphQLRequest,
  error: { message: string; extensions: Record<string, unknown> },
): HTTPGraphQLResponse {
  const strict = responseMediaType(request.headers.get('accept')) === MEDIA_TYPES.graphqlResponse;
  return {
    status: strict ? 400 : 200,
    headers: new HeaderMap([
      ['content-type', strict ? MEDIA_TYPES.graphqlResponse : MEDIA_TYPES.json],
    ]),
    body: {
      kind: 'complete',
      string: JSON.stringify({
        errors: [{ message: error.message, extensions: error.extensions }],
      }),
    },
  };
}

/**
 * Apollo Server with the router's HTTP edge in front: persisted queries resolved from the
 * manifest, and the safelist, before Apollo Server parses anything (its own automatic persisted
 * queries answer an unknown hash with PERSISTED_QUERY_NOT_FOUND before any plugin runs); and
 * behind it, what HTTP caches see of the answer (httpCache.ts).
 */
export class EdgeServer<Context extends BaseContext> extends ApolloServer<Context> {
  readonly #persisted: PersistedQueryPolicy;

  constructor(persisted: PersistedQueryPolicy, config: ApolloServerOptions<Context>) {
    super(config);
    this.#persisted = persisted;
  }

  override async executeHTTPGraphQLRequest(
    args: ExecuteArgs<Context>,
  ): Promise<HTTPGraphQLResponse> {
    const request = args.httpGraphQLRequest;
    if (request.method !== 'GET' && request.method !== 'POST')
      return super.executeHTTPGraphQLRequest(args);
    const { query, extensions } = requestParams(request);
    const admission = admitPersisted(this.#persisted, query, extensions);
    if (admission.kind === 'refused')
      return requestErrorResponse(request, {
        message: admission.error.message,
        extensions: admission.error.extensions,
      });
    const httpGraphQLRequest =
      admission.kind === 'listed'
        ? withParams(request, admission.query, admission.extensions)
        : request;
    return forHttpCaches(
      request,
      await super.executeHTTPGraphQLRequest({ ...args, httpGraphQLRequest }),
    );
  }
}
