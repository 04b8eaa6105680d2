import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/** Where the locally bundled GraphiQL lives (apps/web/explorer.html, served by staticApp.ts). */
export const EXPLORER_PATH = '/explorer';
/** How long Sandbox's script may take from Apollo's CDN before the page moves to GraphiQL. */
const CDN_WAIT_MS = 4_000;

/**
 * The landing page of GET /graphql in a browser: Apollo Sandbox when its CDN answers, else the
 * bundled GraphiQL at /explorer. Sandbox's page loads its app with a parser-blocking script from
 * the CDN; a script placed before it starts a timer (a CDN that never answers) and one placed
 * after it checks the app arrived (a CDN that fails at once, as offline). Both carry the page's
 * CSP nonce, which is the only way an inline script runs there. Off (no landing page) when the
 * explorers are disabled (EXPLORER_ENABLED, off in production by default).
 */
export function landingPagePlugin<Context extends BaseContext>(
  enabled: boolean,
): ApolloServerPlugin<Context> {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  const sandbox = ApolloServerPluginLandingPageLocalDefault({
    embed: { endpointIsEditable: false },
    includeCookies: false,
  }) as ApolloServerPlugin<Context>;
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      if (listener?.renderLandingPage === undefined) return listener;
      const render = listener.renderLandingPage.bind(listener);
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const html = page.html;
          return {
            html: async () => withExplorerFallback(typeof html === 'string' ? html : await html()),
          };
        },
      };
    },
  };
}

/** Adds the two fallback scripts around Sandbox's CDN script (see landingPagePlugin). */
export function withExplorerFallback(html: string): string {
  const cdnScript =
    /<script nonce="([^"]+)" src="https:\/\/embeddable-sandbox[^"]*"><\/script>/.exec(html);
  if (cdnScript === null) return html;
  const [tag, nonce] = cdnScript;
  const fallback = `window.location.replace(${JSON.stringify(EXPLORER_PATH)})`;
  const before = `<script nonce="${nonce}">window.__explorerFallback = setTimeout(function () { if (!window.EmbeddedSandbox) ${fallback}; }, ${CDN_WAIT_MS});</script>`;
  const after = `<script nonce="${nonce}">clearTimeout(window.__explorerFallback); if (!window.EmbeddedSandbox) ${fallback};</script>`;
  return html.replace(tag, `${before}\n${tag}\n${after}`);
}
