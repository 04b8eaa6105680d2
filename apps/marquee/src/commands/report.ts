import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadEnv } from '@marquee/env';
import { UserError } from '@marquee/errors/user';
import { parsePositiveInteger } from './arguments.ts';

export interface ReportOptions {
  out: string;
  user?: string;
  years: number;
}

/**
 * Checks that `path` can be written before any work: its folder exists and is writable, and it
 * is not a folder itself. One line saying what to change otherwise.
 */
async function requireWritable(path: string): Promise<void> {
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => null);
  if (folderStat === null || !folderStat.isDirectory())
    throw new UserError(`The folder ${folder} does not exist: create it or choose another --out.`);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory() === true)
    throw new UserError(`${path} is a folder: give --out a file name, e.g. ${path}/report.html.`);
  await access(existing === null ? folder : path, constants.W_OK).catch(() => {
    throw new UserError(`Cannot write ${path}: permission denied (choose another --out).`);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Writes a self-contained HTML report of the current data: genre trends (films released and
 * ratings given, by year, and ratings by month this year), the catalogue's counts, and with
 * `--user` that user's year in films. The charts are the web app's (`@marquee/charts`),
 * rendered to inline SVG, so the file needs no network and no script.
 */
export async function reportCommand(options: ReportOptions): Promise<void> {
  if (options.years > 200) throw new UserError('--years is at most 200.');
  const out = resolve(options.out);
  await requireWritable(out);
  const env = loadEnv();
  const [{ openStores }, { createAnalyticsStore }, { createCatalogueStatsStore }, charts] =
    await Promise.all([
      import('@marquee/server-kit/stores'),
      import('@marquee/recommendations/import'),
      import('@marquee/movies/import'),
      import('@marquee/charts'),
    ]);
  const stores = await openStores(env, { command: 'marquee report' });
  const sections: string[] = [];
  const year = new Date().getUTCFullYear();
  try {
    const analytics = createAnalyticsStore(stores.db.sql);
    const yearly = await analytics.genreTrends(year - options.years + 1, year, 'YEAR');
    const monthly = await analytics.genreTrends(year, year, 'MONTH');
    const counts = await createCatalogueStatsStore(stores.db.sql).titleCounts();
    sections.push(
      `<h2>Genre trends, ${year - options.years + 1}–${year}</h2>`,
      await charts.renderSvg(charts.genreTrendsSpec(yearly, 'titlesReleased')),
      await charts.renderSvg(charts.genreTrendsSpec(yearly, 'ratingsGiven')),
      `<h2>Ratings per genre in ${year}</h2>`,
      await charts.renderSvg(
        charts.genreTrendsSpec(monthly, 'ratingsGiven', {
          title: `Ratings given per genre, ${year}`,
        }),
      ),
      '<h2>Catalogue</h2>',
      `<p>${counts.titles.toLocaleString('en')} titles.</p>`,
      table(
        ['kind', 'titles'],
        counts.byKind.map((row) => [row.key, row.titles.toLocaleString('en')]),
      ),
      table(
        ['source', 'titles'],
        counts.bySource.map((row) => [row.key, row.titles.toLocaleString('en')]),
      ),
    );
    if (options.user !== undefined) {
      const { createUserStore } = await import('@marquee/users/import');
      const user = await createUserStore(stores.db).findByUsername(options.user);
      if (user === null)
        throw new UserError(`No user named "${options.user}": check --user (a username).`);
      const stats = await analytics.userStats(user.id);
      sections.push(
        `<h2>${escapeHtml(user.displayName)}'s year in films</h2>`,
        `<p>${stats.ratings} ratings, average ${stats.averageRating?.toFixed(2) ?? '–'} (everyone's on the same films: ${stats.communityAverageRating?.toFixed(2) ?? '–'}).</p>`,
        await charts.renderSvg(
          charts.yearInFilmsSpec(
            charts.lastTwelveMonths(stats.byMonth),
            `${user.displayName}'s ratings per month`,
          ),
        ),
      );
    }
  } finally {
    await stores.close();
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marquee report</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:2rem auto;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{padding:2px 12px;border-bottom:1px solid #ddd;text-align:left}
svg{display:block;margin:1rem 0}</style></head>
<body><h1>Marquee report</h1><p>Generated ${new Date().toISOString()}.</p>
${sections.join('\n')}
</body></html>
`;
  await writeFile(out, html);
  console.log(`Wrote ${out}.`);
}

function table(header: string[], rows: string[][]): string {
  const cells = (row: string[], tag: string) =>
    `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  return `<table>${cells(header, 'th')}${rows.map((row) => cells(row, 'td')).join('')}</table>`;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'Write an HTML file with charts of the current data (genre trends, the catalogue, optionally a user’s year in films).',
    )
    .requiredOption('--out <file>', 'the HTML file to write, e.g. report.html')
    .option('--user <username>', 'add this user’s year in films')
    .option('--years <n>', 'years of genre trends (default 20)', parsePositiveInteger, 20)
    .action(reportCommand);
}
