import type { RequestListener } from 'node:http';
import { withCors } from './cors.ts';
import { createStaticApp } from './staticApp.ts';

export interface WebOptions {
  /** CORS_ORIGINS: origins whose pages may call the router. */
  corsOrigins: readonly string[];
  /** WEB_APP_DIR: the static app at `/` (see staticApp.ts). */
  appDir: string | undefined;
  /** EXPLORER_ENABLED: GraphiQL at /explorer. */
  explorer: boolean;
}

/** The router's HTTP listener for browsers: CORS around everything, then the static app, then `listener`. */
export function webListener(options: WebOptions, listener: RequestListener): RequestListener {
  const staticApp = createStaticApp({ dir: options.appDir, explorer: options.explorer });
  return withCors(options.corsOrigins, (request, response) => {
    if (!staticApp(request, response)) listener(request, response);
  });
}
