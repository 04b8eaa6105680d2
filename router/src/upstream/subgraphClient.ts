import { Pool } from 'undici';

export interface SubgraphAnswer {
  status: number;
  contentType: string | undefined;
  /** The subgraph's `Cache-Control`: what its part of the answer allows caches to do. */
  cacheControl: string | undefined;
  text: string;
}

export interface SubgraphClient {
  /** POSTs a GraphQL request body; resolves with the raw answer, whatever its status. */
  post(body: string, headers: Record<string, string>, signal: AbortSignal): Promise<SubgraphAnswer>;
  close(): Promise<void>;
}

/**
 * One subgraph's HTTP client: an undici pool of keep-alive connections to its origin. Node's
 * global fetch is undici too, but behind the WHATWG Request/Response/Headers objects (and
 * @apollo/gateway adds node-fetch's on top), which cost more per call than the subgraph's own
 * work for small answers.
 */
export function createSubgraphClient(url: string): SubgraphClient {
  const target = new URL(url);
  const path = `${target.pathname}${target.search}`;
  // Connections are opened as needed and kept; idle ones close after the subgraph's own
  // keep-alive (65 s, server-kit's listen) would allow, so the router never reuses a closing one.
  const pool = new Pool(target.origin, { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

  const post = async (
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<SubgraphAnswer> => {
    const response = await pool.request({ path, method: 'POST', headers, body, signal });
    const contentType = response.headers['content-type'];
    const cacheControl = response.headers['cache-control'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      cacheControl: Array.isArray(cacheControl) ? cacheControl.join(', ') : cacheControl,
      text: await response.body.text(),
    };
  };

  return {
    post,
    close: () => pool.close(),
  };
}
