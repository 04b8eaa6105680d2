import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { UserError } from '@marquee/errors/user';
import sirv from 'sirv';

/** Where `npm run build:web` (apps/web's `vite build`) writes the web app. */
export const BUILT_WEB_APP_DIR = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

/** Paths the router answers itself; the app's client-side routes never shadow them. */
const ROUTER_PATHS = /^\/(graphql|health|metrics)(\/|$)/;
/** GraphiQL's page, built with the app (apps/web/explorer.html). */
const EXPLORER_PATHS = /^\/explorer(\.html)?\/?$/;

export interface StaticAppOptions {
  /** `WEB_APP_DIR`: a folder, `none`, or undefined for the built app when it exists. */
  dir: string | undefined;
  /** Whether `/explorer` is served (EXPLORER_ENABLED). */
  explorer: boolean;
}

/** Which folder to serve, or undefined for none; a configured folder that is missing stops the start. */
export function webAppDir(configured: string | undefined): string | undefined {
  if (configured === 'none') return undefined;
  if (configured === undefined) {
    return existsSync(`${BUILT_WEB_APP_DIR}/index.html`) ? BUILT_WEB_APP_DIR : undefined;
  }
  if (!existsSync(configured) || !statSync(configured).isDirectory()) {
    throw new UserError(
      `WEB_APP_DIR ${configured} is not a folder: build the web app (npm run build:web) and point WEB_APP_DIR at its dist folder, or set WEB_APP_DIR=none`,
    );
  }
  return configured;
}

/**
 * Serves the web app's static files for GET and HEAD outside the router's own paths; a path that
 * is no file gets `index.html` (client-side routes such as `/movie/42`). Hashed assets are cached
 * for a year, everything else is revalidated. Returns whether it answered.
 */
export function createStaticApp(
  options: StaticAppOptions,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const dir = webAppDir(options.dir);
  if (dir === undefined) return () => false;
  const serve = sirv(dir, {
    single: true,
    etag: true,
    // The build writes .br and .gz beside each file (apps/web/scripts/precompress.js).
    gzip: true,
    brotli: true,
    ignores: [ROUTER_PATHS, EXPLORER_PATHS],
    setHeaders: (response, pathname) => {
      response.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (ROUTER_PATHS.test(pathname)) return false;
    if (EXPLORER_PATHS.test(pathname)) {
      if (!options.explorer) return false;
      request.url = '/explorer.html';
    }
    // sirv looks files up in a list built at start, so a miss calls `next` synchronously.
    let answered = true;
    serve(request, response, () => {
      answered = false;
    });
    return answered;
  };
}
