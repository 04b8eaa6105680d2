/**
 * Where the API is. Served by the router, the app calls its own origin; hosted elsewhere, build it
 * with `VITE_MARQUEE_API_URL=https://api.example.com/graphql` (that origin must list the app's
 * in CORS_ORIGINS).
 */
const configured = import.meta.env['VITE_MARQUEE_API_URL'] as string | undefined;

export const apiUrl = new URL(configured ?? '/graphql', window.location.href).toString();

/** graphql-ws on the same URL (ws: for http:, wss: for https:). */
export const wsUrl = apiUrl.replace(/^http/, 'ws');

/** The router's health report (the admin view's figures). */
export const healthUrl = new URL('/health', apiUrl).toString();
