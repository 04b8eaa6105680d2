import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  findFreePorts,
  postGraphQL,
  runMarquee,
  startEmbedded,
} from '@marquee/testing';

// The web app, the offline explorer and CORS in headless Chromium (Debian's `chromium`, driven by
// playwright-core; scripts/test-env.sh installs it) against `marquee start` on a fresh data dir.
// Every page is screenshotted into test-artifacts/web/ (gitignored), for people to look at.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const built = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../../../test-artifacts/web/', import.meta.url));

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
let routerUrl: string;
let deploymentEnv: Record<string, string>;
let browser: Browser;
let allowedOrigin: string;
let otherOrigin: string;

/** A page on another origin whose script calls the API and writes what it got. */
async function serveCallerPage(port: number): Promise<string> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>Another origin</title><body><h1>Another origin</h1><p id="out">calling</p>
<script>
fetch(${JSON.stringify(`${routerUrl}/graphql`)}, {
  method: 'POST',
  // JSON makes this a non-simple request: the browser sends a preflight first.
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ movies(first: 1, filter: { text: "godfater" }) { edges { node { title } } } }' }),
}).then((r) => r.json()).then((body) => { document.getElementById('out').textContent = 'answer: ' + body.data.movies.edges[0].node.title; },
  (error) => { document.getElementById('out').textContent = 'refused: ' + error.message; });
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  stack.defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${port}`;
}

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!existsSync(built))
    throw new Error('apps/web is not built: run `npm run build:web` (test:ci does) first');
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run \`bash scripts/test-env.sh\` (apt-get install chromium)`,
    );
  await mkdir(artifacts, { recursive: true });
  const [allowedPort, otherPort] = await findFreePorts(2);
  allowedOrigin = `http://127.0.0.1:${allowedPort}`;
  otherOrigin = `http://127.0.0.1:${otherPort}`;
  const deployment = await embeddedDeployment(stack, {
    CORS_ORIGINS: allowedOrigin,
    // Short sessions, so the app's refresh (a minute before expiry) happens during the user flow.
    TOKEN_TTL_SECONDS: '70',
  });
  routerUrl = deployment.routerUrl;
  deploymentEnv = deployment.env;
  // A trained model, as the recommendations e2e does, so ratings move "For you" at once.
  await runMarquee(['seed'], deployment.env);
  await runMarquee(['train'], deployment.env);
  await startEmbedded(deployment, stack);
  await serveCallerPage(allowedPort!);
  await serveCallerPage(otherPort!);
  // Root in CI containers: Chromium's sandbox needs user namespaces it may not get there.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  stack.defer(() => browser.close());
}, 240_000);

/** A context that can reach the router alone, as a machine with no internet. */
async function offlineContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const router = new URL(routerUrl).origin;
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === router
      ? route.continue()
      : route.abort('internetdisconnected'),
  );
  stack.defer(() => context.close());
  return context;
}

describe('the web app in Chromium', () => {
  it('finds The Godfather from "godfater" as a visitor types, and opens its page', async () => {
    const page = await (await offlineContext()).newPage();
    await page.goto(routerUrl);
    await expect.poll(() => page.locator('.card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shoot(page, '01-home');
    await page.getByLabel('Search titles').pressSequentially('godfater', { delay: 30 });
    // The search's own answer, not the catalogue still shown while it runs: a handful of films,
    // The Godfather first.
    await expect
      .poll(() => page.locator('p.status').textContent(), { timeout: 20_000 })
      .toMatch(/^[1-9] films?$/);
    expect(await page.locator('h1').textContent()).toContain('godfater');
    expect(await page.locator('.card-title').first().textContent()).toBe('The Godfather');
    const godfather = page.locator('.card-link').first();
    await shoot(page, '02-search-godfater');
    await godfather.click();
    await page.getByRole('heading', { level: 1, name: /The Godfather/ }).waitFor();
    await page.getByRole('heading', { name: 'Cast' }).waitFor();
    expect(await page.getByRole('heading', { name: 'More like this' }).count()).toBe(1);
    await shoot(page, '03-movie-the-godfather');
    // Responsive: one column on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, '03-movie-the-godfather-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Cast links lead to people.
    await page.locator('.people a').first().click();
    await page.getByRole('heading', { name: /Credits \(\d+\)/ }).waitFor();
    // The career chart (films per year by role) is drawn once the charting code has loaded.
    await page
      .getByRole('img', { name: /films per year by role/ })
      .locator('svg')
      .waitFor({ timeout: 20_000 });
    await shoot(page, '04-person');
  });

  it('signs up, rates five films, sees "For you" change and a live notification without reloading, keeps a watchlist, logs out', async () => {
    const page = await (await offlineContext()).newPage();
    await page.goto(`${routerUrl}/signup`);
    await shoot(page, '05-sign-up');
    await page.getByLabel('Username').fill('cinephile');
    await page.getByLabel('Display name (optional)').fill('Cinephile');
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'For you' }).waitFor();
    const forYou = page.getByRole('list', { name: 'Recommended for you' }).locator('.card-title');
    await expect.poll(() => forYou.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await forYou.allTextContents();
    await shoot(page, '06-for-you-before');
    const session = () =>
      page.evaluate("JSON.parse(localStorage.getItem('marquee.session') ?? 'null')?.token ?? null");
    const firstToken = await session();
    expect(firstToken).not.toBeNull();
    // Marks this document: a reload would lose it.
    await page.evaluate("window.marker = 'same page'");

    // Five popular science-fiction films, each found as a user would: typed into the search box.
    const popular = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ popular(genre: "Sci-Fi", first: 5) { movie { title } } }',
    });
    const titles = (popular.body.data?.['popular'] as { movie: { title: string } }[]).map(
      (item) => item.movie.title,
    );
    expect(titles).toHaveLength(5);
    for (const [index, title] of titles.entries()) {
      await page.getByRole('link', { name: 'Browse' }).click();
      await page.getByLabel('Search titles').fill(title);
      await page
        .locator('.card-link')
        .filter({ has: page.locator('.card-title').getByText(title, { exact: true }) })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByLabel('Your rating').selectOption('5');
      if (index === 0) {
        // The first one gets a review too, which the film's page then shows.
        await page.getByLabel('Review (optional)').fill('A masterpiece of slow-burning dread.');
        await page.getByRole('button', { name: 'Rate and review' }).click();
        await page.getByText('Review saved.').waitFor();
        await page
          .getByRole('region', { name: 'Reviews' })
          .getByText('A masterpiece of slow-burning dread.')
          .waitFor();
        await shoot(page, '07-movie-reviewed');
        continue;
      }
      await page.getByRole('button', { name: 'Rate', exact: true }).click();
      await page.getByText('Rated 5 / 5.').waitFor();
    }
    const notification = page.getByTestId('live-notification');
    await notification.waitFor({ timeout: 20_000 });
    expect(await notification.textContent()).toContain('New for you');
    await shoot(page, '08-live-notification');

    await page.getByRole('link', { name: 'For you' }).click();
    await page.getByText(/Updated live at/).waitFor();
    const after = await forYou.allTextContents();
    expect(after).not.toEqual(before);
    await shoot(page, '09-for-you-after');

    // Watchlist: from the first recommended film's page.
    const wanted = after[0]!;
    await page
      .getByRole('list', { name: 'Recommended for you' })
      .locator('.card-link')
      .first()
      .click();
    await page.getByRole('button', { name: 'Add to watchlist' }).click();
    await page.getByText('Added to your watchlist.').waitFor();
    await page.getByRole('link', { name: 'Watchlist & lists' }).click();
    const watchlist = page.getByRole('list', { name: 'Watchlist' }).locator('.card-title');
    await expect
      .poll(() => watchlist.allTextContents(), { timeout: 20_000 })
      .toContain(wanted)
      .catch(async (error: unknown) => {
        await shoot(page, '10-watchlist-failed');
        throw error;
      });
    await page.getByLabel('New list name').fill('Sunday nights');
    await page.getByRole('button', { name: 'Create list' }).click();
    await page.getByRole('heading', { name: /Sunday nights/ }).waitFor();
    await shoot(page, '10-watchlist-and-lists');

    expect(await page.evaluate('window.marker')).toBe('same page');
    // The 70 s token was refreshed ten seconds in, and the app went on with the new one.
    await expect.poll(session, { timeout: 20_000 }).not.toBe(firstToken);
    expect(await session()).not.toBeNull();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    expect(await page.evaluate("localStorage.getItem('marquee.session')")).toBeNull();
    await shoot(page, '11-logged-out');
  });

  it('shows an administrator the operator figures', async () => {
    await postGraphQL(`${routerUrl}/graphql`, {
      query: 'mutation { signUp(username: "operator", password: "a-long-password") { token } }',
    });
    await runMarquee(['token', '--user', 'operator', '--role', 'admin'], deploymentEnv);
    const page = await (await offlineContext()).newPage();
    await page.goto(`${routerUrl}/login`);
    await page.getByLabel('Username').fill('operator');
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: /Catalogue: \d+ titles/ }).waitFor();
    await page.getByRole('rowheader', { name: 'movies' }).waitFor();
    await shoot(page, '12-admin');
  });

  it('draws the genre trends as charts (SVG from the shared Vega-Lite specs)', async () => {
    const page = await (await offlineContext()).newPage();
    await page.goto(routerUrl);
    await page.getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { level: 1, name: 'Genre trends' }).waitFor();
    const released = page.getByRole('img', { name: 'Films released per genre and year' });
    await released.locator('svg').waitFor({ timeout: 20_000 });
    // The demo catalogue's genres are drawn as the legend's entries and lines are drawn.
    const text = await released.textContent();
    expect(text).toContain('Films released per genre');
    expect(text).toContain('Drama');
    expect(await released.locator('path').count()).toBeGreaterThan(3);
    await page
      .getByRole('img', { name: 'Ratings given per genre and year' })
      .locator('svg')
      .waitFor();
    await shoot(page, '13-genre-trends');
  });
});

describe("a user's year in films", () => {
  it("draws a demo user's ratings per month on /account, with their genres and people", async () => {
    // Demo users have no password, so none can log in: an operator's token for one (`marquee
    // token`) stands in for the login, kept where the app keeps its session. An hour's token is
    // not refreshed during the test (the app refreshes a minute before expiry).
    const output = await runMarquee(['token', '--user', 'orbit', '--ttl', '1h'], deploymentEnv);
    const token = /^(v4\.public\.\S+)$/m.exec(output)?.[1];
    const issued = /Token for orbit \(([^,]+), USER\), valid until (\S+):/.exec(output);
    expect(token).toBeDefined();
    expect(issued).not.toBeNull();
    const [, id, expiresAt] = issued!;
    const session = JSON.stringify({
      token,
      expiresAt,
      refreshToken: 'none',
      refreshExpiresAt: expiresAt,
      user: { id, username: 'orbit', displayName: 'Ada Okafor', role: 'USER' },
    });
    const context = await offlineContext();
    await context.addInitScript({
      content: `localStorage.setItem('marquee.session', ${JSON.stringify(session)})`,
    });
    const page = await context.newPage();
    await page.goto(routerUrl);
    await page.getByRole('link', { name: 'Your year' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Okafor’s year in films' }).waitFor();
    // The demo seed gives Ada twelve ratings, all given when the catalogue was seeded (this month).
    expect(await page.locator('article > p').first().textContent()).toMatch(
      /^12 ratings; your average 4\.\d\d, everyone’s on the same films \d\.\d\d\.$/,
    );
    const chart = page.getByRole('img', {
      name: 'Your ratings per month over the last twelve months',
    });
    await chart.locator('svg').waitFor({ timeout: 20_000 });
    expect(await chart.textContent()).toContain('Your year in films: ratings per month');
    // Vega labels every mark it draws with its data: a bar per month of the last twelve, this
    // month's with Ada's twelve ratings, the eleven before it empty.
    const thisMonth = new Date().toLocaleString('en-US', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const bars: string[] = [];
    for (const bar of await chart.locator('[aria-roledescription="bar"]').all())
      bars.push((await bar.getAttribute('aria-label')) ?? '');
    expect(bars).toHaveLength(12);
    expect(bars.filter((label) => !/Ratings: 0\b/.test(label))).toEqual([
      expect.stringMatching(new RegExp(`${thisMonth}.*Ratings: 12\\b`)),
    ]);
    // The average's line has this month's point.
    expect(await chart.locator('.mark-symbol path').count()).toBe(1);
    const genres = await page
      .getByRole('list', { name: 'Favourite genres' })
      .locator('li')
      .allTextContents();
    expect(genres[0]).toMatch(/^Sci-Fi: \d+ films, average \d\.\d$/);
    expect(
      await page.getByRole('list', { name: 'People you watched most' }).locator('li').count(),
    ).toBeGreaterThan(0);
    await shoot(page, '16-account-year-in-films');
  });
});

describe('the explorer with no internet', () => {
  it('moves from Sandbox to the bundled GraphiQL, runs a query and a subscription', async () => {
    const signUp = await postGraphQL(`${routerUrl}/graphql`, {
      query: 'mutation { signUp(username: "explorer", password: "a-long-password") { token } }',
    });
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    const page = await (await offlineContext()).newPage();
    await page.goto(`${routerUrl}/graphql`);
    await page.waitForURL(`${routerUrl}/explorer`, { timeout: 15_000 });
    await page.locator('.graphiql-container').waitFor();

    const run = async (query: string, marker: string) => {
      // The tabs GraphiQL kept would win over the stored query.
      await page.evaluate(`
        localStorage.removeItem('graphiql:tabState');
        localStorage.setItem('graphiql:query', ${JSON.stringify(query)});
        localStorage.setItem('graphiql:headers', ${JSON.stringify(JSON.stringify({ Authorization: `Bearer ${token}` }))});
      `);
      await page.reload();
      // The editor holds the stored query once GraphiQL has started.
      await page.waitForFunction(
        `document.querySelector('.graphiql-container')?.textContent.includes(${JSON.stringify(marker)})`,
      );
      await page.locator('.graphiql-execute-button').click();
    };
    await run(
      'query Search { movies(first: 3, filter: { text: "godfater" }) { edges { node { title } } } }',
      'godfater',
    );
    await expect
      .poll(() => page.locator('.graphiql-response').textContent(), { timeout: 15_000 })
      .toContain('The Godfather');
    await shoot(page, '13-explorer-query');

    const received: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => received.push(String(frame.payload))),
    );
    await run(
      'subscription Live { recommendationsUpdated { at added { reason movie { title } } } }',
      'recommendationsUpdated',
    );
    // The router accepted the token (connection_ack) before anything is rated.
    await expect
      .poll(() => received.some((payload) => payload.includes('connection_ack')), {
        timeout: 15_000,
      })
      .toBe(true);
    const popular = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ popular(genre: "Drama", first: 5) { movie { id } } }',
    });
    for (const { movie } of popular.body.data?.['popular'] as { movie: { id: string } }[])
      await postGraphQL(
        `${routerUrl}/graphql`,
        {
          query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 5) { rating } }',
          variables: { m: movie.id },
        },
        { authorization: `Bearer ${token}` },
      );
    await expect
      .poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 })
      .toContain('recommendationsUpdated');
    await shoot(page, '14-explorer-subscription');
  });
});

describe("the home page's weight", () => {
  it('loads under 200 KB of gzipped JavaScript', async () => {
    const page = await (await offlineContext()).newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(routerUrl);
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    const dist = fileURLToPath(new URL('../dist', import.meta.url));
    for (const script of scripts)
      gzipped += gzipSync(await readFile(join(dist, script)), { level: 9 }).length;
    console.log(
      `home page first load: ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} KiB of JavaScript gzipped`,
    );
    expect(gzipped).toBeLessThan(200 * 1024);
  });
});

describe('a page on another origin', () => {
  it('calls the API through CORS when its origin is listed, and is refused otherwise', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(allowedOrigin);
    await expect
      .poll(() => page.locator('#out').textContent(), { timeout: 15_000 })
      .toBe('answer: The Godfather');
    await shoot(page, '15-cors-allowed-origin');
    await page.goto(otherOrigin);
    await expect
      .poll(() => page.locator('#out').textContent(), { timeout: 15_000 })
      .toContain('refused');
    await page.context().close();
  });
});
